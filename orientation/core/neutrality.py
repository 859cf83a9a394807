"""Neutrality check for free texts written by speakers (R12).

The public service must not carry selective advertising for an establishment, a company, an
association or a school of thought. ``check_text`` is a pure function: it reads a text and returns
the list of problems found, each with a plain French reason a moderator (and the writer) understands.
It never blocks by itself; callers decide (reject the form, or send the text to a moderation queue).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class NeutralityIssue:
    code: str
    reason: str
    excerpt: str


def _fold(text: str) -> str:
    """Lower-case and strip accents so patterns match « Venez » as well as « venez »."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# Patterns run on the folded text (lower case, no accents). Folding keeps the length of the
# text identical for the characters we care about, so excerpts are taken from the folded text.
_RULES: list[tuple[str, str, re.Pattern[str]]] = [
    (
        "link",
        "Le texte contient un lien vers un site : les liens renvoient vers une publicité, retirez-le.",
        re.compile(r"(?:https?://|www\.)\S+|\b[a-z0-9-]+\.(?:fr|com|net|org|io|eu|shop|store|biz|info)\b(?:/\S*)?"),
    ),
    (
        "email",
        "Le texte contient une adresse e-mail : les contacts passent par la plateforme, retirez-la.",
        re.compile(r"\b[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}\b"),
    ),
    (
        "phone",
        "Le texte contient un numéro de téléphone : les contacts passent par la plateforme, retirez-le.",
        re.compile(r"(?<!\d)(?:(?:\+|00)33[\s.-]?[1-9]|0[1-9])(?:[\s.-]?\d{2}){4}(?!\d)"),
    ),
    (
        "promo_code",
        "Le texte contient un code promo : c'est de la publicité, retirez-le.",
        re.compile(r"\bcodes?\s+(?:promo(?:tion(?:nel)?)?|reduction|avantage|parrainage)\b"),
    ),
    (
        "price",
        "Le texte parle de prix ou de réductions : c'est de la publicité, retirez ce passage.",
        re.compile(
            r"(?:\d+(?:[.,]\d+)?\s?(?:€|euros?\b|eur\b))"
            r"|(?:-\s?\d{1,2}\s?%)"
            r"|\b(?:\d{1,2}\s?%\s+de\s+(?:reduction|remise))"
            r"|\b(?:promotions?|soldes|remises?|reductions?|prix\s+(?:cass|imbattable|special|reduit)\w*"
            r"|offre\s+(?:speciale|exceptionnelle|limitee)|gratuit\s+pour\s+(?:tout|les)\s+achats?)\b"
        ),
    ),
    (
        "come_visit",
        "Le texte invite à venir dans un commerce ou une entreprise précise : c'est de la publicité, "
        "retirez cette invitation.",
        re.compile(
            r"\b(?:venez|passez)\s+(?:nous|me)\s+(?:voir|rendre\s+visite|rencontrer|retrouver)\b"
            r"|\brendez[-\s]vous\s+(?:dans|a|au)\s+(?:notre|nos|mon|mes)\s+(?:magasin|boutique|agence|restaurant|salon)"
            r"|\b(?:dans|a)\s+(?:notre|nos)\s+(?:magasins?|boutiques?|agences?|points?\s+de\s+vente)\b"
        ),
    ),
    (
        "brand",
        "Le texte fait la promotion d'une marque, d'un magasin ou d'une entreprise : parlez du métier, "
        "pas de l'entreprise.",
        re.compile(
            r"\b(?:achetez|commandez|profitez\s+de|decouvrez\s+(?:nos|notre)\s+(?:produits|offres|services|gamme)"
            r"|nos\s+produits|notre\s+(?:marque|enseigne|gamme)|la\s+meilleure\s+(?:entreprise|marque|enseigne)"
            r"|suivez[-\s]nous|abonnez[-\s]vous|likez)\b"
        ),
    ),
    (
        "recruitment",
        "Le texte sollicite des candidatures : une intervention présente un métier, elle ne sert pas à recruter.",
        re.compile(
            r"\b(?:envoyez|envoie|envoyer|deposez|adressez)[-\s](?:moi\s+|nous\s+)?(?:votre|ton|vos|tes|un)\s+(?:cv|candidature)"
            r"|\bpostulez\b|\bnous\s+recrutons\b|\bon\s+recrute\b|\bje\s+recrute\b"
            r"|\bcandidatures?\s+(?:spontanees?\s+)?(?:a|par)\s+(?:envoyer|adresser)"
        ),
    ),
    (
        "establishment_promotion",
        "Le texte fait la promotion d'un établissement ou d'une école en particulier : présentez les "
        "formations sans en recommander une.",
        re.compile(
            r"\b(?:inscrivez[-\s]vous|inscris[-\s]toi)\s+(?:a|au|dans|chez)\b"
            r"|\b(?:la|le)\s+meilleur[e]?\s+(?:ecole|lycee|college|universite|formation|cfa|etablissement)\b"
            r"|\b(?:notre|mon)\s+(?:ecole|lycee|cfa|etablissement|universite)\s+est\s+(?:la|le)\s+meilleur"
            r"|\b(?:choisissez|choisis|rejoignez|rejoins)\s+(?:notre|mon|ma|le|la|l')\s*(?:ecole|lycee|cfa|etablissement|universite|formation)\b"
        ),
    ),
]


def _excerpt(text: str, start: int, end: int, margin: int = 20) -> str:
    left = max(0, start - margin)
    right = min(len(text), end + margin)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def check_text(text: str | None) -> list[NeutralityIssue]:
    """Return the neutrality problems of ``text`` (empty list when the text is fine).

    At most one issue per kind, in a stable order, each with a French reason and a short excerpt.
    """
    if not text:
        return []
    folded = _fold(text)
    # Ligatures and the like change the length: excerpts then come from the folded text.
    source = folded if len(folded) != len(text) else text
    issues: list[NeutralityIssue] = []
    for code, reason, pattern in _RULES:
        for match in pattern.finditer(folded):
            if code == "link" and _inside_email(match.start(), folded):
                continue
            if code == "price" and _is_pay(match, folded):
                continue
            issues.append(NeutralityIssue(code=code, reason=reason, excerpt=_excerpt(source, *match.span())))
            break
    return issues


def _inside_email(position: int, folded: str) -> bool:
    """A domain such as ``exemple.fr`` that belongs to an e-mail address is reported as an e-mail only."""
    word_start = position
    while word_start > 0 and not folded[word_start - 1].isspace():
        word_start -= 1
    return "@" in folded[word_start:position]


_PAY_WORDS = re.compile(r"salaire|gagne|remuneration|smic|brut|net|par\s+mois|mensuel|annuel|paye")


def _is_pay(match: re.Match[str], folded: str) -> bool:
    """An amount about pay (« un salaire de 1 800 euros ») informs about the job; it is not a price."""
    if not re.match(r"\d", match.group(0)):
        return False
    around = folded[max(0, match.start() - 40) : match.end() + 20]
    return bool(_PAY_WORDS.search(around))


def is_neutral(text: str | None) -> bool:
    return not check_text(text)
