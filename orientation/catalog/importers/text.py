"""Text normalisation shared by the catalogue joins (titles written by different publishers)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "ou",
        "par",
        "pour",
        "sur",
        "un",
        "une",
        "avec",
        "dans",
        "option",
        "opt",
        "parcours",
        "mention",
        "specialite",
        "spe",
        "annee",
        "commune",
        "communes",
        "1ere",
        "2eme",
        "2nde",
        "1re",
        "tle",
    ]
)
# Words that name the kind of diploma, not its subject: they must not create a job ↔ training link.
DIPLOMA_WORDS = frozenset(
    [
        "cap",
        "capa",
        "bac",
        "pro",
        "bts",
        "btsa",
        "but",
        "mc",
        "cs",
        "bma",
        "bp",
        "bpjeps",
        "dn",
        "made",
        "dma",
        "dcg",
        "dscg",
        "licence",
        "master",
        "diplome",
        "diplomes",
        "certificat",
        "brevet",
        "technicien",
        "superieur",
        "professionnel",
        "professionnelle",
        "baccalaureat",
        "aptitude",
        "agricole",
        "ingenieur",
        "titre",
        "formation",
        "classe",
        "preparatoire",
        "cpge",
        "deust",
        "du",
        "de",
        "etat",
        "niveau",
        "ecole",
        "fcil",
        "complementaire",
        "initiative",
        "locale",
        "metiers",
        "metier",
    ]
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_COMBINING = re.compile(r"[\u0300-\u036f]")


def strip_accents(value: str) -> str:
    value = value.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    return _COMBINING.sub("", unicodedata.normalize("NFKD", value))


@lru_cache(maxsize=65536)
def normalise(value: str) -> str:
    """Lower case, no accents, punctuation → single spaces: « Pâtissier / Pâtissière » → « patissier patissiere »."""
    return _NON_ALNUM.sub(" ", strip_accents((value or "").lower())).strip()


def tokens(value: str, *, drop: frozenset[str] = STOP_WORDS) -> list[str]:
    return [t for t in normalise(value).split() if t not in drop]


def subject_words(value: str) -> set[str]:
    """Significant words of a title: no stop words, no diploma words, at least 4 letters, not numbers."""
    return {t for t in tokens(value, drop=STOP_WORDS | DIPLOMA_WORDS) if len(t) >= 4 and not t.isdigit()}


def stem(word: str) -> str:
    """A crude stem (first 5 letters) so « boulangerie » meets « boulanger », « soins » meets « soignant »."""
    return word[:5]


def prefix_match(short_tokens: list[str], long_tokens: list[str]) -> bool:
    """Every abbreviated token (« accompag », « educ ») begins some word of the full title."""
    return all(any(word.startswith(token) for word in long_tokens) for token in short_tokens)
