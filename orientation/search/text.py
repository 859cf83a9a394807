"""Text analysis shared by indexing and querying, identical for every backend.

Both backends index the *analysed* text produced here (lower case, accents removed, stop words
dropped, a light French stemmer that folds plural and feminine forms onto one stem), so the
SQLite and PostgreSQL indexes contain the same terms and a query means the same thing on both.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

_NON_WORD = re.compile(r"[^a-z0-9]+")

# Words that carry no meaning in a pupil's query or a job title. Kept short on purpose:
# "son" (sound), "bien", "mer" or "vie" are real subjects here.
_STOP_WORDS_TEXT = """
    a au aux avec ce ces cet cette d dans de des du en et l la le les leur leurs ou par pour sur
    un une y qu que qui quoi se sa ses s t j je me mon ma mes tu te il elle on nous vous ils
    elles est etre suis sont fait faire veux voudrais aimerais aime aimer adore souhaite devenir
    travailler travaille bosser metier metiers job jobs emploi emplois chez comme plus tres
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# Feminine → masculine endings (applied after the plural is removed), longest first.
_FEMININE = (
    ("eresse", "eur"),
    ("trice", "teur"),
    ("euse", "eur"),
    ("ienne", "ien"),
    ("enne", "en"),
    ("onne", "on"),
    ("ette", "et"),
    ("elle", "el"),
    ("iere", "ier"),
    ("ere", "er"),
    ("ive", "if"),
)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")


def normalize(text: str) -> str:
    """Lower case, no accents, only letters and digits separated by single spaces."""
    return _NON_WORD.sub(" ", strip_accents(text or "").lower()).strip()


def words(text: str) -> list[str]:
    return normalize(text).split()


def prefix_run(sorted_words: list[str], prefix: str) -> slice:
    """Where the words beginning with ``prefix`` are in a sorted list (one contiguous run)."""
    return slice(bisect_left(sorted_words, prefix), bisect_left(sorted_words, prefix + "\uffff"))


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Light French stemmer: plural and feminine forms share the masculine singular stem.

    infirmiers, infirmière, infirmières → infirmier; boulangère → boulanger; animaux → animal;
    coiffeuse → coiffeur; conductrice → conducteur; mécanicienne → mecanicien.
    A final mute "e" is dropped too (comptable → comptabl), on both sides of the match.
    A pure function of the word: remembered (the catalogue's and the pupils' words recur).
    """
    w = word
    if len(w) <= 3 or w.isdigit():
        return w
    if w.endswith("aux") and len(w) > 5:
        w = w[:-3] + "al"
    elif w.endswith(("s", "x")) and not w.endswith("ss"):
        w = w[:-1]
    for suffix, replacement in _FEMININE:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)] + replacement
    if w.endswith("ee") and len(w) > 5:
        w = w[:-1]  # employée → employé
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def analyse(text: str) -> list[str]:
    """Index-side analysis: the stems of the meaningful words, in order."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]


def analysed_text(*texts: str) -> str:
    """Space-separated stems of several texts, duplicates removed (order kept)."""
    seen: dict[str, None] = {}
    for text in texts:
        for term in analyse(text):
            seen.setdefault(term, None)
    return " ".join(seen)


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein (adjacent transpositions) distance, stopping early above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        row_min = current[0]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def analysed_names(*labels: str) -> str:
    """Each label analysed on its own, duplicates removed, joined by "|" (for name matching)."""
    seen: dict[str, None] = {}
    for label in labels:
        text = analysed_text(label)
        if text:
            seen.setdefault(text, None)
    return "|".join(seen)
