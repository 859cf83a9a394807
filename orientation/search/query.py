"""Query understanding, in Python, shared by both backends.

A query such as "Mécanicienne auto près d'Arras" becomes:

- a place (the commune Arras, found in the territory's communes) removed from the text;
- term groups, one per meaningful word, each a set of alternatives that may match
  (``mecanicien*``; ``auto*`` or ``automobile``): the backends AND the groups and OR
  the alternatives, then fall back to OR between groups when AND finds nothing;
- typo corrections for words the index has never seen ("boulangé" → "boulanger").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orientation.search.places import Place, place_by_words
from orientation.search.text import STOP_WORDS, stem, words

# Shortcuts pupils type → words of the catalogue (normalised, unstemmed).
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "compta": ("comptabilite", "comptable"),
    "info": ("informatique", "informaticien"),
    "informatique": ("informaticien", "developpeur"),
    "auto": ("automobile", "vehicule", "voiture"),
    "meca": ("mecanique", "mecanicien"),
    "elec": ("electricite", "electricien", "electrotechnique"),
    "electricite": ("electricien",),
    "prof": ("professeur", "enseignant"),
    "instit": ("professeur des ecoles",),
    "maitresse": ("professeur des ecoles",),
    "veto": ("veterinaire",),
    "kine": ("kinesitherapeute",),
    "psy": ("psychologue",),
    "ide": ("infirmier",),
    "asv": ("auxiliaire veterinaire",),
    "bacpro": ("bac pro",),
    "pro": ("professionnel",),
    "ordi": ("informatique",),
    "ordinateur": ("informatique",),
    "animal": ("animalier", "animaux"),
    "animaux": ("animalier",),
    "bebe": ("petite enfance", "puericulture", "puericulteur"),
    "bebes": ("petite enfance", "puericulture", "puericulteur"),
    "enfant": ("petite enfance", "enfance"),
    "enfants": ("petite enfance", "enfance"),
    "garagiste": ("mecanicien automobile",),
    "garage": ("mecanicien automobile", "automobile"),
    "policier": ("police",),
    "flic": ("police",),
    "pompier": ("sapeur pompier",),
    "coiffure": ("coiffeur",),
    "cuisine": ("cuisinier",),
    "boulangerie": ("boulanger",),
    "patisserie": ("patissier",),
    "boucherie": ("boucher",),
    "menuiserie": ("menuisier",),
    "plomberie": ("plombier",),
    "soudure": ("soudeur",),
    "soigneur": ("soigneur",),
    "vente": ("vendeur",),
    "commerce": ("commercial", "vendeur"),
    "jeux": ("jeu",),
    "video": ("jeu video",),
    "sport": ("sportif", "educateur sportif"),
    "sante": ("soin",),
    "dev": ("developpeur",),
    "web": ("developpeur web", "web"),
    "ia": ("intelligence artificielle",),
    "secretaire": ("secretariat", "assistant administratif"),
    "routier": ("conducteur routier", "transport routier"),
    "camion": ("conducteur poids lourd", "routier"),
    "avion": ("aeronautique", "pilote"),
    "aide": ("aide",),
}

# Words naming a kind of diploma: when nothing has every word ("BUT animaux"), they are left out
# before the words saying what the person is interested in.
DIPLOMA_WORDS = frozenset(
    [
        "cap",
        "bep",
        "bac",
        "bacpro",
        "pro",
        "professionnel",
        "bts",
        "but",
        "dut",
        "licence",
        "master",
        "bachelor",
        "doctorat",
        "bp",
        "bma",
        "mc",
        "cqp",
        "diplome",
        "titre",
        "formation",
    ]
)

# Prepositions announcing a place: "près d'Arras", "à Lens", "autour de Roubaix", "vers Lille".
_PLACE_LEADS = {
    ("pres", "de"),
    ("pres", "d"),
    ("pres",),
    ("proche", "de"),
    ("proche", "d"),
    ("autour", "de"),
    ("autour", "d"),
    ("a", "cote", "de"),
    ("a", "cote", "d"),
    ("vers",),
    ("a",),
    ("au",),
    ("sur",),
    ("dans", "le", "coin", "de"),
    ("dans", "le", "coin", "d"),
    ("region", "de"),
}
_MAX_LEAD = max(len(lead) for lead in _PLACE_LEADS)
_TERM = re.compile(r"^[a-z0-9]+$")
_MIN_PREFIX = 4


@dataclass(frozen=True)
class Alternative:
    words: tuple[str, ...]
    """Analysed terms; more than one is a phrase (``professeur des ecoles`` → professeur ecol)."""
    prefix: bool = False


@dataclass
class TermGroup:
    original: str
    alternatives: list[Alternative]
    corrected_to: str | None = None


@dataclass
class ParsedQuery:
    raw: str
    groups: list[TermGroup] = field(default_factory=list)
    place: Place | None = None
    place_words: str = ""

    @property
    def corrections(self) -> list[tuple[str, str]]:
        return [(g.original, g.corrected_to) for g in self.groups if g.corrected_to]

    @property
    def corrected_text(self) -> str:
        return " ".join(g.corrected_to or g.original for g in self.groups)

    @property
    def is_empty(self) -> bool:
        return not self.groups


def _extract_place(tokens: list[str]) -> tuple[list[str], Place | None, str]:
    """Find "<preposition> <commune>" anywhere in the words; return the other words and the place."""
    for start in range(len(tokens)):
        for size in range(min(_MAX_LEAD, len(tokens) - start - 1), 0, -1):
            if tuple(tokens[start : start + size]) not in _PLACE_LEADS:
                continue
            found = place_by_words(tokens[start + size :])
            if found is not None:
                place, length = found
                end = start + size + length
                return tokens[:start] + tokens[end:], place, " ".join(tokens[start + size : end])
    return tokens, None, ""


def _alternative(text: str, *, prefix: bool) -> Alternative | None:
    terms = tuple(stem(w) for w in text.split() if w not in STOP_WORDS)
    if not terms or not all(_TERM.match(t) for t in terms):
        return None
    return Alternative(terms, prefix=prefix and len(terms) == 1 and len(terms[0]) >= _MIN_PREFIX)


def _group(word: str) -> TermGroup:
    alternatives: list[Alternative] = []
    own = _alternative(word, prefix=True)
    if own is None and _TERM.match(word):  # a common word searched on its own
        own = Alternative((stem(word),), prefix=False)
    if own is not None:
        alternatives.append(own)
    for expansion in ABBREVIATIONS.get(word, ()):
        # Whole words: the analysis already folds their plurals and feminines, and a prefix would
        # make the index scan every word that begins alike.
        alternative = _alternative(expansion, prefix=False)
        if alternative is not None and alternative not in alternatives:
            alternatives.append(alternative)
    return TermGroup(original=word, alternatives=_without_subsumed(alternatives))


def _without_subsumed(alternatives: list[Alternative]) -> list[Alternative]:
    """Drop the alternatives another one already matches ("commercial*" once "commerc*" is there,
    the phrase "educateur sportif" once "sport*" is): same matches, less work for the index."""

    def covered(word: str, by: Alternative) -> bool:
        return word.startswith(by.words[0]) if by.prefix else word == by.words[0]

    singles = [a for a in alternatives if len(a.words) == 1]
    return [
        a
        for a in alternatives
        if not any(b is not a and any(covered(w, b) for w in a.words) and not covered(b.words[0], a) for b in singles)
        or a is alternatives[0]
    ]


def parse(raw: str, *, find_place: bool = True) -> ParsedQuery:
    tokens = words(raw)[:20]
    place, place_text = None, ""
    if find_place:
        tokens, place, place_text = _extract_place(tokens)
    meaningful = [t for t in tokens if t not in STOP_WORDS]
    if not meaningful:
        # A query made only of common words ("le metier") still searches them.
        meaningful = [t for t in tokens if len(t) > 1]
    groups = []
    seen: set[str] = set()
    for token in meaningful:
        if token in seen:
            continue
        seen.add(token)
        group = _group(token)
        if group.alternatives:
            groups.append(group)
    return ParsedQuery(raw=raw, groups=groups, place=place, place_words=place_text)


def correct_typos(parsed: ParsedQuery, vocabulary) -> None:
    """Replace, in place, each word the index does not know by its closest indexed term.

    ``vocabulary`` knows whether a term (or a prefix) exists and proposes the closest terms.
    A group keeps its abbreviation expansions; only a group none of whose alternatives is
    known gets corrected.
    """
    for group in parsed.groups:
        if any(vocabulary.knows(alt.words[0], prefix=alt.prefix) for alt in group.alternatives):
            continue
        own = group.alternatives[0].words[0]
        suggestion = vocabulary.closest(own)
        if suggestion is None:
            continue
        group.alternatives = [Alternative((suggestion.term,), prefix=False)]
        group.corrected_to = suggestion.display
