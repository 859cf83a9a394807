"""Helpers shared by the catalogue importers: file access and value parsing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from orientation.core.importing import ImportReport, RowError, SourceFile, read_rows

ROME_CODE = re.compile(r"^[A-N][0-9]{4}$")
UAI = re.compile(r"^[0-9]{7}[A-Z]$")


def rows(source: Path, spec: SourceFile, report: ImportReport) -> Iterator[tuple[int, dict]]:
    """The well-formed rows of one source file, through the one strict reader."""
    return read_rows(spec, Path(source), report)


def clean(value: str | None) -> str:
    return (value or "").strip()


def rome_code(value: str, what: str = "code ROME") -> str:
    code = clean(value).upper()
    if not ROME_CODE.match(code):
        raise RowError(f"{what} invalide : « {value} » (attendu : une lettre A à N et 4 chiffres).")
    return code


def uai(value: str) -> str:
    code = clean(value).upper()
    if len(code) == 7 and code[:6].isdigit():  # a spreadsheet ate the leading zero
        code = "0" + code
    if not UAI.match(code):
        raise RowError(f"UAI invalide : « {value} ».")
    return code


def yes_no(value: str) -> bool | None:
    """« O » / « N » (or oui / non) → True / False; empty → unknown."""
    v = clean(value).lower()
    if v in {"o", "oui", "1", "true"}:
        return True
    if v in {"n", "non", "0", "false"}:
        return False
    return None


def optional_int(value: str, what: str) -> int | None:
    """An integer, or None for an empty, masked (``*``) or « nd » cell; a float like ``346.0`` is accepted."""
    v = clean(value).replace("\u202f", "").replace(" ", "")
    if v in {"", "*", "nd", "NA", "-"}:
        return None
    try:
        number = float(v.replace(",", "."))
    except ValueError:
        raise RowError(f"{what} : nombre attendu, « {value} » trouvé.") from None
    if number != int(number) or number < 0:
        raise RowError(f"{what} : nombre entier positif attendu, « {value} » trouvé.")
    return int(number)


def optional_float(value: str, what: str) -> float | None:
    """A decimal (comma or point), or None for an empty, masked or « nd » cell."""
    v = clean(value).replace("\u202f", "").replace(" ", "")
    if v in {"", "*", "nd", "NA", "-"}:
        return None
    try:
        return float(v.replace(",", "."))
    except ValueError:
        raise RowError(f"{what} : nombre attendu, « {value} » trouvé.") from None
