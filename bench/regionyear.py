"""A region-year at real scale, built from the official open data already imported (territory steps).

Every collège and lycée of the region with headcounts gets its real pupils by level (rentrée of the
headcount files) in classes of about 25 to 30, each pupil an account, a PUPIL membership, a record and
an enrolment; then a year of orientation activities credited to the classes (more in REP+ and REP
collèges, fewer in rural establishments) and, through the ledger's rule, to each pupil present
(about 6 % absent). Deterministic (seeded). Bulk SQL: executemany on SQLite, COPY on PostgreSQL.

Reusable: ``generate(school_year_label="2026-2027")`` inside a configured Django process returns the
counts; the annual report's benchmark builds its region-year with it. From the command line (Django
settings and DATABASE_URL from the environment):

    .venv/bin/python bench/regionyear.py [--school-year 2026-2027] [--seed 11]

prints ``regionyear pupils=<int> classes=<int> credits=<int> seconds=<float>``.
"""

from __future__ import annotations

import os
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = "bench.RegionYear"
ABSENT_PERCENT = 6
BATCH = 5000

# Activities credited to a class in a full school year, by level (about 2 h each).
ACTIVITIES_PER_YEAR = {
    "6E": 2,
    "5E": 2,
    "4E": 4,
    "3E": 10,
    "2NDE_GT": 7,
    "1RE_GT": 7,
    "TLE_GT": 7,
    "CAP_1": 11,
    "CAP_2": 10,
    "2NDE_PRO": 10,
    "1RE_PRO": 9,
    "TLE_PRO": 10,
    "AGRI": 4,
    "SUP_1": 2,
    "SUP_2": 2,
}
NETWORK_FACTOR = {"REP_PLUS": 1.3, "REP": 1.15, "NONE": 1.0}
URBAN_FACTOR = {"RURAL": 0.8, "URBAN": 1.0, "UNKNOWN": 1.0}
TITLES = (
    ("SCHOOL", "Séance d'orientation en classe"),
    ("SCHOOL", "Atelier avec le psychologue de l'Éducation nationale"),
    ("INTERVENTION", "Rencontre avec une ambassadrice métier"),
    ("EVENT", "Forum des métiers"),
    ("SCHOOL", "Visite du CIO"),
)


def level_of(label: str) -> str | None:
    """The platform level of a headcount label of the open data ("3e", "1re STMG", "Bac pro… : 2nde pro")."""
    text = label.strip().lower()
    if text in {"6e", "5e", "4e", "3e"}:
        return text.upper()
    if "agricole" in text or " agri" in text:
        return "AGRI"
    if text.startswith("cap en 2 ans"):
        return "CAP_1" if "1ere" in text else "CAP_2" if "2eme" in text else None
    if text.startswith("cap en 1 an"):
        return "CAP_2"
    if text.startswith("bac pro"):
        return "2NDE_PRO" if "2nde" in text else "1RE_PRO" if "1ere" in text else "TLE_PRO" if "term" in text else None
    if text.startswith("bts"):
        return "SUP_1" if "1ere" in text else "SUP_2"
    if text.startswith("2de"):
        return "2NDE_GT"
    if text.startswith("1re"):
        return "1RE_GT"
    if text.startswith("terminale"):
        return "TLE_GT"
    return None


@dataclass
class Counts:
    pupils: int
    classes: int
    credits: int
    seconds: float


def _insert(connection, table: str, columns: list[str], rows) -> None:
    """Insert many rows: COPY on PostgreSQL, executemany in batches elsewhere."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608 (table and columns are constants)
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def generate(*, school_year_label: str = "2026-2027", seed: int = 11, through: date | None = None) -> Counts:
    """Build the region-year; activities are spread from the rentrée to ``through`` (default: the
    whole school year, about 3 million credits)."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone

    from orientation.accounts.models import User
    from orientation.schooling.models import SchoolClass, SchoolYear
    from orientation.territory.enums import SECONDARY_KINDS
    from orientation.territory.models import Establishment, EstablishmentHeadcount

    started = time.monotonic()
    rng = random.Random(seed)
    first = int(school_year_label[:4])
    SchoolYear.objects.filter(is_current=True).exclude(label=school_year_label).update(is_current=False)
    year, _ = SchoolYear.objects.get_or_create(
        label=school_year_label,
        defaults={"starts_on": date(first, 9, 1), "ends_on": date(first + 1, 7, 4), "is_current": True},
    )
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    starts_on = ops.adapt_datefield_value(year.starts_on)

    establishments = {e.pk: e for e in Establishment.objects.filter(kind__in=SECONDARY_KINDS).select_related("commune")}
    latest = {}
    for h in EstablishmentHeadcount.objects.filter(establishment_id__in=establishments).order_by("school_year"):
        latest[h.establishment_id] = h.school_year
    pupils_by_level: dict[tuple[int, str], int] = {}
    for h in EstablishmentHeadcount.objects.filter(establishment_id__in=establishments):
        level = level_of(h.level)
        if level is None or h.school_year != latest[h.establishment_id]:
            continue
        pupils_by_level[(h.establishment_id, level)] = pupils_by_level.get((h.establishment_id, level), 0) + h.total

    with transaction.atomic():
        classes = []
        for (establishment_id, level), total in sorted(pupils_by_level.items()):
            count = max(1, round(total / 27))
            base, extra = divmod(total, count)
            prefix = {"2NDE_GT": "2nde", "1RE_GT": "1re", "TLE_GT": "Tle"}.get(level, level.replace("_", " ").lower())
            for index in range(count):
                size = base + (1 if index < extra else 0)
                if size < 1:
                    continue
                name = f"{prefix} {chr(65 + index % 26)}{index // 26 or ''}"
                classes.append(
                    SchoolClass(
                        establishment_id=establishment_id, school_year=year, name=name, level=level, size=min(60, size)
                    )
                )
        SchoolClass.objects.bulk_create(classes, batch_size=2000)
        classes = list(SchoolClass.objects.filter(school_year=year).order_by("pk"))

        next_id = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        users, memberships, records, enrolments = [], [], [], []
        for school_class in classes:
            for _ in range(school_class.size):
                uid = next_id
                next_id += 1
                sex = "F" if rng.random() < 0.49 else "M"
                users.append(
                    (
                        uid,
                        "!",
                        False,
                        f"eleve-{uid}@sans-adresse.invalid",
                        "Camille",
                        f"Élève {uid}",
                        first - 14,
                        True,
                        False,
                        now,
                    )
                )
                memberships.append((now, now, uid, "PUPIL", school_class.establishment_id, True))
                records.append((now, now, uid, f"{uid:09d}BY"[-11:], sex, school_class.establishment_id, str(uid)))
                enrolments.append((now, now, uid, school_class.pk, starts_on))
        _insert(
            connection,
            User._meta.db_table,
            [
                "id",
                "password",
                "is_superuser",
                "email",
                "first_name",
                "last_name",
                "birth_year",
                "is_active",
                "is_staff",
                "date_joined",
            ],
            users,
        )
        with connection.cursor() as cursor:
            for sql in ops.sequence_reset_sql(no_style(), [User]):
                cursor.execute(sql)
        _insert(
            connection,
            "organisations_membership",
            ["created_at", "updated_at", "user_id", "role", "establishment_id", "is_active"],
            memberships,
        )
        _insert(
            connection,
            "schooling_pupil",
            ["created_at", "updated_at", "user_id", "ine", "sex", "establishment_id", "siecle_id"],
            records,
        )
        _insert(
            connection,
            "schooling_enrolment",
            ["created_at", "updated_at", "pupil_id", "school_class_id", "starts_on"],
            enrolments,
        )

        # Each class's activities, spread from the rentrée to ``through``.
        elapsed_days = max(1, (min(through or year.ends_on, year.ends_on) - year.starts_on).days)
        share = min(1.0, elapsed_days / (year.ends_on - year.starts_on).days)
        credits, source_id = [], 0
        for school_class in classes:
            establishment = establishments[school_class.establishment_id]
            expected = (
                ACTIVITIES_PER_YEAR.get(school_class.level, 2)
                * NETWORK_FACTOR.get(establishment.priority_network, 1.0)
                * URBAN_FACTOR.get(establishment.commune.urban_class, 1.0)
                * share
                * rng.uniform(0.6, 1.4)
            )
            for _ in range(int(expected) + (1 if rng.random() < expected % 1 else 0)):
                source_id += 1
                kind, title = TITLES[rng.randrange(len(TITLES))]
                day = year.starts_on + timedelta(days=rng.randrange(elapsed_days))
                hours = ops.adapt_decimalfield_value(Decimal(rng.choice((1, 2, 2, 2, 3))), 5, 2)
                credits.append(
                    (now, now, school_class.pk, kind, title, ops.adapt_datefield_value(day), hours, SOURCE, source_id)
                )
        _insert(
            connection,
            "schooling_activityrecord",
            [
                "created_at",
                "updated_at",
                "school_class_id",
                "kind",
                "title",
                "occurred_on",
                "hours",
                "source",
                "source_id",
            ],
            credits,
        )
        # Pupil credits follow each class credit, except for the pupils absent that day.
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO schooling_activityrecord (created_at, updated_at, school_class_id, pupil_id, kind, "
                "title, occurred_on, hours, source, source_id) "
                "SELECT a.created_at, a.updated_at, a.school_class_id, e.pupil_id, a.kind, a.title, a.occurred_on, "
                "a.hours, a.source, a.source_id FROM schooling_activityrecord a "
                "JOIN schooling_enrolment e ON e.school_class_id = a.school_class_id "
                "WHERE a.pupil_id IS NULL AND a.source = %s AND (a.source_id * 7919 + e.pupil_id * 104729) %% 100 >= %s",
                [SOURCE, ABSENT_PERCENT],
            )
            cursor.execute("SELECT COUNT(*) FROM schooling_activityrecord WHERE source = %s", [SOURCE])
            total_credits = cursor.fetchone()[0]
    # Planner statistics; on PostgreSQL the visibility map too (index-only scans), on SQLite the
    # write-ahead log folded back into the database file (reads would otherwise wade through it).
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Counts(len(users), len(classes), total_credits, time.monotonic() - started)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--school-year", default="2026-2027")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orientation.settings")
    import django

    django.setup()
    if not re.fullmatch(r"\d{4}-\d{4}", args.school_year):
        raise SystemExit("--school-year: AAAA-AAAA")
    counts = generate(school_year_label=args.school_year, seed=args.seed)
    print(
        f"regionyear pupils={counts.pupils} classes={counts.classes} credits={counts.credits} "
        f"seconds={counts.seconds:.1f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
