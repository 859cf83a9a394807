"""The statutory-hours table (R7) is data: a CSV of ``from_year,level,hours,note`` rows, one version
per school year it changes. ``load`` upserts it; the data migration and ``load_statutory_hours`` use it."""

import csv
import io
from decimal import Decimal, InvalidOperation
from pathlib import Path

from orientation.core.errors import DomainError

DEFAULT_TABLE = Path(__file__).resolve().parent.parent / "data" / "statutory_hours.csv"


def parse(text: str, levels: set[str]) -> list[dict]:
    rows = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            from_year = int(row["from_year"])
            hours = Decimal(row["hours"]) if (row.get("hours") or "").strip() else None
        except (KeyError, ValueError, InvalidOperation) as exc:
            raise DomainError(f"Ligne {line} : rentrée ou volume horaire illisible.") from exc
        if row["level"] not in levels:
            raise DomainError(f"Ligne {line} : niveau inconnu « {row['level']} ».")
        if hours is not None and hours <= 0:
            raise DomainError(f"Ligne {line} : le volume horaire doit être positif.")
        rows.append({"from_year": from_year, "level": row["level"], "hours": hours, "note": row.get("note") or ""})
    return rows


def load(model, text: str, levels: set[str]) -> int:
    """Upsert the rows of ``text`` into ``model`` (the real model or a migration's historical one)."""
    rows = parse(text, levels)
    for row in rows:
        model.objects.update_or_create(
            from_year=row["from_year"], level=row["level"], defaults={"hours": row["hours"], "note": row["note"]}
        )
    return len(rows)
