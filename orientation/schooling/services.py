"""Every write of the schooling app. The roster import's writes are in ``importers.roster``."""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction

from orientation.accounts.models import User
from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.core.validation import validate
from orientation.organisations.enums import STAFF_ROLES, Role
from orientation.organisations.models import Membership
from orientation.organisations.permissions import is_head_of
from orientation.organisations.selectors import is_administrator
from orientation.schooling import permissions
from orientation.schooling.enums import ActivityKind
from orientation.schooling.models import (
    ActivityRecord,
    Enrolment,
    PlannedActivity,
    RosterManager,
    SchoolActivity,
    SchoolClass,
)

SCHOOL_ACTIVITY_SOURCE = "schooling.SchoolActivity"


def _credit_pupils(record: ActivityRecord, absent_ids: set[int]) -> int:
    """A class credit is followed by one credit per pupil enrolled that day, except the absent."""
    pupil_ids = (
        Enrolment.objects.on(record.occurred_on)
        .filter(school_class_id=record.school_class_id)
        .exclude(pupil_id__in=absent_ids)
        .values_list("pupil_id", flat=True)
    )
    credits = [
        ActivityRecord(
            school_class_id=record.school_class_id,
            pupil_id=pupil_id,
            kind=record.kind,
            title=record.title,
            occurred_on=record.occurred_on,
            hours=record.hours,
            source=record.source,
            source_id=record.source_id,
            recorded_by_id=record.recorded_by_id,
        )
        for pupil_id in pupil_ids
    ]
    ActivityRecord.objects.bulk_create(credits, ignore_conflicts=True)
    return len(credits)


@transaction.atomic
def activity_record(
    *,
    school_class: SchoolClass,
    kind: str,
    title: str,
    occurred_on: date,
    hours: Decimal,
    source: str,
    source_id: int,
    pupil=None,
    recorded_by=None,
    absent_pupil_ids: set[int] | frozenset[int] = frozenset(),
) -> ActivityRecord:
    """Credit an orientation activity to a class (and its pupils present that day) or to one pupil.

    Idempotent per source: the same source credits a class (or a pupil) once. Validated before the
    row is written (``DomainError``).
    """
    key = {"school_class": school_class, "pupil": pupil, "source": source, "source_id": source_id}
    existing = ActivityRecord.objects.filter(**key).first()
    if existing is not None:
        return existing
    record = ActivityRecord(
        **key, kind=kind, title=title[:255], occurred_on=occurred_on, hours=hours, recorded_by=recorded_by
    )
    validate(record)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # the same source credited by a concurrent transaction: keep its row
        existing = ActivityRecord.objects.filter(**key).first()
        if existing is None:
            raise
        return existing
    if pupil is None:
        _credit_pupils(record, set(absent_pupil_ids))
    return record


@transaction.atomic
def school_activity_declare(
    *,
    actor,
    school_class: SchoolClass,
    kind: str,
    title: str,
    occurred_on: date,
    hours: Decimal,
    absent_pupil_ids: set[int] | frozenset[int] = frozenset(),
    planned: PlannedActivity | None = None,
) -> SchoolActivity:
    """Staff declare an activity led in the school: the class and the pupils present are credited."""
    if not permissions.can_declare_activity(actor, school_class):
        raise PermissionDeniedError()
    if occurred_on > date.today():
        raise DomainError(
            "Une action se déclare une fois menée : la date ne peut pas être dans le futur.", field="occurred_on"
        )
    enrolled = set(
        Enrolment.objects.on(occurred_on).filter(school_class=school_class).values_list("pupil_id", flat=True)
    )
    if not set(absent_pupil_ids) <= enrolled:
        raise DomainError("Un élève marqué absent n'est pas dans cette classe à cette date.", field="absent_pupils")
    activity = SchoolActivity(
        school_class=school_class,
        kind=kind,
        title=title.strip(),
        occurred_on=occurred_on,
        hours=hours,
        declared_by=actor,
    )
    validate(activity)
    activity.save()
    activity.absent_pupils.set(absent_pupil_ids)
    if planned is not None:
        if planned.school_class_id != school_class.pk or planned.done_as_id:
            raise DomainError("Cette action prévue n'est pas à réaliser dans cette classe.", field="planned")
        planned.done_as = activity
        planned.save(update_fields=["done_as", "updated_at"])
    activity_record(
        school_class=school_class,
        kind=ActivityKind.SCHOOL,
        title=activity.title,
        occurred_on=occurred_on,
        hours=hours,
        source=SCHOOL_ACTIVITY_SOURCE,
        source_id=activity.pk,
        recorded_by=actor,
        absent_pupil_ids=set(absent_pupil_ids),
    )
    return activity


@transaction.atomic
def planned_activity_create(
    *, actor, school_class: SchoolClass, title: str, planned_on: date, hours: Decimal
) -> PlannedActivity:
    if not permissions.can_declare_activity(actor, school_class):
        raise PermissionDeniedError()
    planned = PlannedActivity(
        school_class=school_class, title=title.strip(), planned_on=planned_on, hours=hours, planned_by=actor
    )
    validate(planned)
    planned.save()
    return planned


@transaction.atomic
def planned_activity_delete(*, actor, planned: PlannedActivity) -> None:
    if not permissions.can_declare_activity(actor, planned.school_class):
        raise PermissionDeniedError()
    if planned.done_as_id:
        raise DomainError("Cette action a été menée : elle reste dans le relevé des heures.")
    planned.delete()


@transaction.atomic
def class_staff_assign(
    *, actor, school_class: SchoolClass, form_teacher=None, guidance_psychologist=None
) -> SchoolClass:
    """The head names the form teacher and the psy-EN of a class (they read its pupils' pathways)."""
    if not permissions.can_manage_roster(actor, school_class.establishment):
        raise PermissionDeniedError()
    for person, role in ((form_teacher, "FORM_TEACHER"), (guidance_psychologist, "GUIDANCE_PSYCHOLOGIST")):
        if person is not None and not permissions.has_staff_role(person, school_class.establishment, role):
            raise DomainError("Cette personne n'a pas ce rôle dans l'établissement.")
    school_class.form_teacher = form_teacher
    school_class.guidance_psychologist = guidance_psychologist
    school_class.save(update_fields=["form_teacher", "guidance_psychologist", "updated_at"])
    return school_class


@transaction.atomic
def roster_manager_grant(*, actor, establishment, user) -> RosterManager:
    """The head allows a staff member of the establishment to load its roster."""
    if not (is_administrator(actor) or is_head_of(actor, establishment)):
        raise PermissionDeniedError()
    if not any(permissions.has_staff_role(user, establishment, role) for role in STAFF_ROLES):
        raise DomainError("Cette personne ne fait pas partie du personnel de l'établissement.", field="user")
    manager, _ = RosterManager.objects.get_or_create(
        establishment=establishment, user=user, defaults={"granted_by": actor}
    )
    return manager


@transaction.atomic
def roster_manager_revoke(*, actor, manager: RosterManager) -> None:
    if not (is_administrator(actor) or is_head_of(actor, manager.establishment)):
        raise PermissionDeniedError()
    manager.delete()


def parent_membership_ensure(*, child, email: str, first_name: str = "", last_name: str = ""):
    """Link a parent (found or created by e-mail, no password until they set one) to a pupil's membership."""
    email = email.strip().lower()
    parent = User.objects.filter(email__iexact=email).first()
    if parent is None:
        parent = User.objects.create_user(email, None, first_name=first_name, last_name=last_name)
    membership, _ = Membership.objects.get_or_create(user=parent, role=Role.PARENT, child=child)
    if not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    return membership


@transaction.atomic
def parent_link(*, actor, pupil, email: str, first_name: str = "", last_name: str = ""):
    """The school links a parent to one of its pupils (when the guardians file did not)."""
    child = (
        Membership.objects.filter(user=pupil, role=Role.PUPIL, is_active=True).select_related("establishment").first()
    )
    if child is None or not permissions.can_manage_roster(actor, child.establishment):
        raise PermissionDeniedError()
    if not email or "@" not in email or email.strip().lower().endswith(".invalid"):
        raise DomainError("Indiquez l'adresse électronique du parent.", field="email")
    return parent_membership_ensure(child=child, email=email, first_name=first_name, last_name=last_name)
