"""Roster import, sync step: compare a mapped roster file with the database (``plan_roster``: the
preview, writes nothing), then apply the plan in one transaction (``roster_apply``). Idempotent: the
same file twice changes nothing. Moves and departures close enrolments, they never delete them, so
nothing credited to a pupil is lost."""

import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from orientation.accounts.models import User
from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from orientation.schooling import permissions
from orientation.schooling.enums import Level
from orientation.schooling.importers.roster_files import (
    Problem,
    PupilRow,
    RosterFile,
    RosterFileError,
    fetch,
    level_from_mef,
    level_from_name,
    map_csv,
    map_siecle,
)
from orientation.schooling.models import Enrolment, Pupil, RosterUpload, SchoolClass, SchoolYear
from orientation.schooling.services import parent_membership_ensure
from orientation.territory.enums import EstablishmentKind

PLACEHOLDER_DOMAIN = "sans-adresse.invalid"


def placeholder_email() -> str:
    """Pupils loaded from a roster have no address yet: a reserved domain that never receives mail."""
    return f"eleve-{secrets.token_hex(10)}@{PLACEHOLDER_DOMAIN}"


@dataclass
class ClassPlan:
    name: str
    level: str | None
    pupils: int
    is_new: bool
    level_from: str  # "mef", "nom", "existant", "choisi" or ""

    @property
    def level_label(self) -> str:
        return Level(self.level).label if self.level else "à préciser"


@dataclass
class RosterPlan:
    establishment: object
    school_year: SchoolYear | None
    problems: list[Problem] = field(default_factory=list)
    classes: list[ClassPlan] = field(default_factory=list)
    new_pupils: list[PupilRow] = field(default_factory=list)
    arrivals: list[tuple[PupilRow, Pupil]] = field(default_factory=list)
    moved: list[tuple[PupilRow, Pupil, Enrolment]] = field(default_factory=list)
    leavers: list[tuple[Pupil, Enrolment, date]] = field(default_factory=list)
    updated: list[tuple[PupilRow, Pupil]] = field(default_factory=list)
    unchanged: int = 0
    guardians: list = field(default_factory=list)
    rows: list[PupilRow] = field(default_factory=list)

    @property
    def new_classes(self) -> list[ClassPlan]:
        return [c for c in self.classes if c.is_new]

    @property
    def unsettled_classes(self) -> list[ClassPlan]:
        return [c for c in self.classes if c.level is None]

    @property
    def can_apply(self) -> bool:
        return not self.problems and not self.unsettled_classes

    @property
    def has_changes(self) -> bool:
        return bool(self.new_classes or self.new_pupils or self.arrivals or self.moved or self.leavers or self.updated)

    def summary(self) -> dict:
        return {
            "classes_nouvelles": len(self.new_classes),
            "eleves_nouveaux": len(self.new_pupils) + len(self.arrivals),
            "changements_de_classe": len(self.moved),
            "departs": len(self.leavers),
            "mises_a_jour": len(self.updated),
            "inchanges": self.unchanged,
        }


def _class_levels(establishment, rows, existing: dict[str, SchoolClass], chosen: dict[str, str], problems):
    vocational = establishment.kind == EstablishmentKind.LYCEE_PRO
    by_class: dict[str, list[PupilRow]] = {}
    for row in rows:
        by_class.setdefault(row.class_name, []).append(row)
    plans = []
    for name in sorted(by_class):
        members = by_class[name]
        if name in existing:
            plans.append(ClassPlan(name, existing[name].level, len(members), False, "existant"))
            continue
        if chosen.get(name) in Level.values:
            plans.append(ClassPlan(name, chosen[name], len(members), True, "choisi"))
            continue
        levels = Counter(row.level or level_from_mef(row.mef) for row in members)
        unknown = [row for row in members if not row.level and not level_from_mef(row.mef)]
        levels.pop(None, None)
        if levels:
            plans.append(ClassPlan(name, levels.most_common(1)[0][0], len(members), True, "mef"))
            continue
        by_name = level_from_name(name, vocational)
        plans.append(ClassPlan(name, by_name, len(members), True, "nom" if by_name else ""))
        if by_name is None and unknown:
            first = unknown[0]
            problems.append(
                Problem(first.where, f"CODE_MEF inconnu « {first.mef} » : niveau de la classe « {name} » à préciser.")
            )
    return plans


def plan_roster(establishment, roster: RosterFile, *, levels: dict[str, str] | None = None, today=None) -> RosterPlan:
    """What importing ``roster`` would change (writes nothing)."""
    today = today or timezone.localdate()
    school_year = SchoolYear.objects.filter(is_current=True).first()
    plan = RosterPlan(establishment=establishment, school_year=school_year, problems=list(roster.problems))
    if roster.uai != establishment.uai:
        plan.problems.insert(
            0,
            Problem(
                "PARAMETRES/UAJ",
                f"le fichier est celui de l'établissement {roster.uai or '?'}, pas {establishment.uai}.",
            ),
        )
    if school_year is None:
        plan.problems.insert(0, Problem("année scolaire", "aucune année scolaire n'est en cours sur la plateforme."))
    elif roster.school_year_start is not None and roster.school_year_start != school_year.starts_on.year:
        first = roster.school_year_start
        plan.problems.insert(
            0,
            Problem(
                "PARAMETRES/ANNEE_SCOLAIRE",
                f"le fichier est de l'année {first}-{first + 1}, l'année en cours est {school_year.label}.",
            ),
        )
    if plan.problems and any(p.where.startswith(("PARAMETRES", "année")) for p in plan.problems):
        return plan

    present = [row for row in roster.pupils if row.left_on is None or row.left_on > today]
    leaving = {row.external_id: row for row in roster.pupils if row.left_on is not None and row.left_on <= today}
    existing_classes = {
        c.name: c for c in SchoolClass.objects.filter(establishment=establishment, school_year=school_year)
    }
    plan.classes = _class_levels(establishment, present, existing_classes, levels or {}, plan.problems)
    plan.rows = present
    plan.guardians = roster.guardians

    ines = [row.ine for row in roster.pupils if row.ine]
    ids = [row.external_id for row in roster.pupils]
    # Two indexed look-ups rather than one OR (which would read every pupil of the region).
    known = {p.pk: p for p in Pupil.objects.filter(ine__in=ines).exclude(ine="").select_related("user")}
    known.update(
        (p.pk, p)
        for p in Pupil.objects.filter(establishment=establishment, siecle_id__in=ids)
        .exclude(siecle_id="")
        .select_related("user")
    )
    known = list(known.values())
    by_ine = {p.ine: p for p in known if p.ine}
    by_id = {p.siecle_id: p for p in known if p.establishment_id == establishment.pk and p.siecle_id}
    current = {
        e.pupil_id: e
        for e in Enrolment.objects.current()
        .filter(school_class__establishment=establishment, school_class__school_year=school_year)
        .select_related("school_class")
    }
    matched: set[int] = set()
    for row in roster.pupils:
        pupil = by_ine.get(row.ine) if row.ine else None
        pupil = pupil or by_id.get(row.external_id)
        if row.external_id in leaving:
            if pupil and pupil.user_id in current:
                plan.leavers.append((pupil, current[pupil.user_id], row.left_on))
                matched.add(pupil.user_id)
            continue
        if pupil is None:
            plan.new_pupils.append(row)
            continue
        matched.add(pupil.user_id)
        enrolment = current.get(pupil.user_id)
        if _differs(row, pupil, establishment):
            plan.updated.append((row, pupil))
        if enrolment is None:
            plan.arrivals.append((row, pupil))
        elif enrolment.school_class.name != row.class_name:
            plan.moved.append((row, pupil, enrolment))
        elif not _differs(row, pupil, establishment):
            plan.unchanged += 1
    absent_from_file = [e for pupil_id, e in current.items() if pupil_id not in matched]
    if absent_from_file:
        pupils = {
            p.user_id: p
            for p in Pupil.objects.filter(user_id__in=[e.pupil_id for e in absent_from_file]).select_related("user")
        }
        for enrolment in absent_from_file:
            if enrolment.pupil_id in pupils:
                plan.leavers.append((pupils[enrolment.pupil_id], enrolment, today))
    return plan


def _differs(row: PupilRow, pupil: Pupil, establishment) -> bool:
    user = pupil.user
    return (user.last_name, user.first_name, user.birth_year) != (row.last_name, row.first_name, row.birth_year) or (
        pupil.ine,
        pupil.sex,
        pupil.siecle_id,
        pupil.establishment_id,
    ) != (row.ine, row.sex, row.external_id, establishment.pk)


@transaction.atomic
def roster_apply(*, actor, plan: RosterPlan, today=None) -> dict:
    """Write the plan (all or nothing). Returns the plan's summary."""
    establishment = plan.establishment
    if actor is not None and not permissions.can_manage_roster(actor, establishment):
        raise PermissionDeniedError()
    if plan.problems:
        raise DomainError("Le fichier comporte des erreurs : rien n'a été enregistré.")
    if plan.unsettled_classes:
        names = ", ".join(c.name for c in plan.unsettled_classes)
        raise DomainError(f"Précisez le niveau des classes : {names}.", field="levels")
    today = today or timezone.localdate()
    year = plan.school_year
    first_roster = not Enrolment.objects.filter(
        school_class__establishment=establishment, school_class__school_year=year
    ).exists()
    classes = {c.name: c for c in SchoolClass.objects.filter(establishment=establishment, school_year=year)}
    new_classes = [
        SchoolClass(
            establishment=establishment, school_year=year, name=c.name, level=c.level, size=max(1, min(60, c.pupils))
        )
        for c in plan.new_classes
    ]
    for school_class in SchoolClass.objects.bulk_create(new_classes):
        classes[school_class.name] = school_class

    # New pupils: account (no address, no usable password), membership, record, enrolment.
    users = User.objects.bulk_create(
        [
            User(
                email=placeholder_email(),
                first_name=row.first_name,
                last_name=row.last_name,
                birth_year=row.birth_year,
                password=make_password(None),
            )
            for row in plan.new_pupils
        ]
    )
    Pupil.objects.bulk_create(
        [
            Pupil(user=user, ine=row.ine, sex=row.sex, establishment=establishment, siecle_id=row.external_id)
            for user, row in zip(users, plan.new_pupils, strict=True)
        ]
    )
    arrivals = [(user.pk, row) for user, row in zip(users, plan.new_pupils, strict=True)]
    arrivals += [(pupil.user_id, row) for row, pupil in plan.arrivals]
    _ensure_memberships(establishment, [user_id for user_id, _ in arrivals])
    for row, pupil in plan.updated:
        user = pupil.user
        user.first_name, user.last_name, user.birth_year = row.first_name, row.last_name, row.birth_year
        user.save(update_fields=["first_name", "last_name", "birth_year"])
        pupil.ine, pupil.sex, pupil.siecle_id, pupil.establishment = row.ine, row.sex, row.external_id, establishment
        pupil.save(update_fields=["ine", "sex", "siecle_id", "establishment", "updated_at"])
    for row, pupil, enrolment in plan.moved:
        _close(enrolment, today)
        arrivals.append((pupil.user_id, row))
    _enrol(arrivals, classes, start=year.starts_on if first_roster else max(today, year.starts_on))
    for _pupil, enrolment, left_on in plan.leavers:
        _close(enrolment, left_on)
    if plan.leavers:
        Membership.objects.filter(
            user_id__in=[pupil.user_id for pupil, _, _ in plan.leavers], role=Role.PUPIL, establishment=establishment
        ).update(is_active=False)
    _link_guardians(establishment, plan.guardians)
    _refresh_sizes(establishment, year)
    return plan.summary()


def _ensure_memberships(establishment, user_ids: list[int]) -> None:
    existing = set(
        Membership.objects.filter(user_id__in=user_ids, role=Role.PUPIL, establishment=establishment).values_list(
            "user_id", flat=True
        )
    )
    Membership.objects.filter(user_id__in=existing, role=Role.PUPIL, establishment=establishment).update(is_active=True)
    Membership.objects.bulk_create(
        [
            Membership(user_id=uid, role=Role.PUPIL, establishment=establishment)
            for uid in user_ids
            if uid not in existing
        ]
    )


def _close(enrolment: Enrolment, day: date) -> None:
    enrolment.ends_on = max(day, enrolment.starts_on) if enrolment.starts_on else day
    enrolment.save(update_fields=["ends_on", "updated_at"])


def _enrol(arrivals: list[tuple[int, PupilRow]], classes: dict[str, SchoolClass], *, start: date) -> None:
    wanted = {(user_id, classes[row.class_name].pk) for user_id, row in arrivals}
    if not wanted:
        return
    reopened = Enrolment.objects.filter(
        pupil_id__in={u for u, _ in wanted}, school_class_id__in={c for _, c in wanted}
    ).values_list("pk", "pupil_id", "school_class_id")
    again = {(pupil_id, class_id): pk for pk, pupil_id, class_id in reopened if (pupil_id, class_id) in wanted}
    Enrolment.objects.filter(pk__in=again.values()).update(ends_on=None)
    Enrolment.objects.bulk_create(
        [
            Enrolment(pupil_id=user_id, school_class_id=class_id, starts_on=start)
            for user_id, class_id in wanted
            if (user_id, class_id) not in again
        ]
    )


def _link_guardians(establishment, guardians) -> None:
    """Link each legal guardian with an address to their child (a PARENT membership)."""
    if not guardians:
        return
    pupils = {
        p.siecle_id: p.user_id
        for p in Pupil.objects.filter(establishment=establishment, siecle_id__in={g.external_id for g in guardians})
    }
    child_memberships = {
        m.user_id: m
        for m in Membership.objects.filter(
            user_id__in=pupils.values(), role=Role.PUPIL, establishment=establishment, is_active=True
        )
    }
    for link in guardians:
        child = child_memberships.get(pupils.get(link.external_id))
        if child is None:
            continue
        parent_membership_ensure(child=child, email=link.email, first_name=link.first_name, last_name=link.last_name)


def _refresh_sizes(establishment, year) -> None:
    counts = Counter(
        Enrolment.objects.current()
        .filter(school_class__establishment=establishment, school_class__school_year=year)
        .values_list("school_class_id", flat=True)
    )
    changed = []
    for school_class in SchoolClass.objects.filter(establishment=establishment, school_year=year):
        size = min(60, counts.get(school_class.pk, 0))
        if size and size != school_class.size:
            school_class.size = size
            changed.append(school_class)
    SchoolClass.objects.bulk_update(changed, ["size"])


@transaction.atomic
def roster_upload(*, actor, establishment, filename: str, content: bytes) -> RosterUpload:
    if not permissions.can_manage_roster(actor, establishment):
        raise PermissionDeniedError()
    return RosterUpload.objects.create(
        establishment=establishment, uploaded_by=actor, filename=filename[:255], content=content
    )


@transaction.atomic
def roster_upload_confirm(*, actor, upload: RosterUpload, plan: RosterPlan) -> dict:
    """Apply the plan made from ``upload`` (locked: a double submission applies once)."""
    upload = RosterUpload.objects.select_for_update(of=("self",)).get(pk=upload.pk)
    if upload.applied_at:
        raise DomainError("Ce fichier a déjà été appliqué.")
    summary = roster_apply(actor=actor, plan=plan)
    upload.applied_at, upload.applied_by, upload.summary = timezone.now(), actor, summary
    upload.content = b""
    upload.save(update_fields=["applied_at", "applied_by", "summary", "content", "updated_at"])
    return summary


def roster_preview(establishment, data: bytes, filename: str, *, levels: dict[str, str] | None = None) -> RosterPlan:
    """Fetch, map and plan a roster file (SIECLE XML or ZIP, or the CSV): what it would change."""
    school_year = SchoolYear.objects.filter(is_current=True).first()
    try:
        kind, document, guardians = fetch(data, filename)
        if kind == "csv":
            start = school_year.starts_on.year if school_year else None
            roster = map_csv(document, establishment.uai, start)
        else:
            roster = map_siecle(document, guardians)
    except RosterFileError as exc:
        return RosterPlan(establishment=establishment, school_year=school_year, problems=[exc.problem])
    return plan_roster(establishment, roster, levels=levels)
