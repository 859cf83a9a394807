"""Writes of the ambassadors app. Keyword-only, one transaction each, actor recorded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from django.db import IntegrityError, transaction
from django.utils import timezone

from orientation.ambassadors.enums import (
    AmbassadorStatus,
)
from orientation.ambassadors.models import (
    Ambassador,
    AmbassadorJob,
    AvailabilityPeriod,
    AvailabilitySlot,
    CharterAcceptance,
    CharterVersion,
    CounterStereotypeDeclaration,
    InterestDeclaration,
    ModuleCompletion,
    TrainingModule,
)
from orientation.ambassadors.permissions import is_coordinator
from orientation.ambassadors.workflow import AMBASSADOR
from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.core.notify import notify
from orientation.core.validation import validate
from orientation.core.workflow import transition_apply
from orientation.moderation.services import text_submit
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership

BIO = "AMBASSADOR_BIO"  # the kind of moderated text this app registers (apps.py)

JobInput = tuple[str, str]  # (rome_code, appellation)
SlotInput = tuple[int, time, time]  # (weekday, start, end)
PeriodInput = tuple[date, date]


@transaction.atomic
def ambassador_sign_up(
    *,
    user,
    employer_name: str,
    commune,
    jobs: Sequence[JobInput],
    employer_siret: str = "",
    travel_radius_km: int = 30,
    languages: Sequence[str] = ("français",),
    bio: str = "",
    slots: Sequence[SlotInput] = (),
    periods: Sequence[PeriodInput] = (),
    counter_stereotypes: Sequence[tuple[str, str]] = (),
) -> Ambassador:
    """Create the profile (status PENDING), the ambassador membership, jobs, availability and
    self-declarations. A bio flagged by the neutrality check waits for moderation."""
    if Ambassador.objects.filter(user=user).exists():
        raise DomainError("Vous avez déjà un profil d'ambassadeur.")
    if not jobs:
        raise DomainError("Indiquez au moins un métier.", field="jobs")
    ambassador = Ambassador(
        user=user,
        employer_name=employer_name,
        employer_siret=employer_siret,
        commune=commune,
        travel_radius_km=travel_radius_km,
        languages=list(languages),
        bio=bio,
    )
    validate(ambassador)
    ambassador.save()
    for rome_code, appellation in jobs:
        job = AmbassadorJob(ambassador=ambassador, rome_code=rome_code, appellation=appellation)
        validate(job)
        job.save()
    _replace_availability(ambassador, slots, periods)
    for kind, explanation in counter_stereotypes:
        declaration = CounterStereotypeDeclaration(ambassador=ambassador, kind=kind, explanation=explanation.strip())
        validate(declaration)
        declaration.save()
    ambassador.bio_is_published = text_submit(
        kind=BIO, object_id=ambassador.pk, text=bio, actor=user, department=ambassador.commune.department
    )
    ambassador.save(update_fields=["bio_is_published"])
    if not Membership.objects.filter(user=user, role=Role.AMBASSADOR).exists():
        membership = Membership(user=user, role=Role.AMBASSADOR)
        validate(membership)
        membership.save()
    notify(recipients=[user.email], template="ambassadors/emails/signed_up")
    return ambassador


@transaction.atomic
def ambassador_account_sign_up(*, email: str, password: str, first_name: str, last_name: str, **profile) -> Ambassador:
    """A professional without an account: the account and the profile in one transaction."""
    from orientation.accounts.services import user_create

    user = user_create(email=email, password=password, first_name=first_name, last_name=last_name)
    return ambassador_sign_up(user=user, **profile)


def _replace_availability(ambassador, slots, periods) -> None:
    ambassador.slots.all().delete()
    ambassador.periods.all().delete()
    for weekday, starts_at, ends_at in slots:
        slot = AvailabilitySlot(ambassador=ambassador, weekday=weekday, starts_at=starts_at, ends_at=ends_at)
        validate(slot)
        slot.save()
    for starts_on, ends_on in periods:
        period = AvailabilityPeriod(ambassador=ambassador, starts_on=starts_on, ends_on=ends_on)
        validate(period)
        period.save()


@transaction.atomic
def ambassador_bio_update(*, ambassador: Ambassador, actor, bio: str) -> bool:
    """Change the bio; returns True when published at once, False when sent to moderation."""
    if ambassador.user_id != actor.pk:
        raise PermissionDeniedError()
    ambassador.bio = bio
    ambassador.bio_is_published = text_submit(
        kind=BIO, object_id=ambassador.pk, text=bio, actor=actor, department=ambassador.commune.department
    )
    validate(ambassador)
    ambassador.save(update_fields=["bio", "bio_is_published", "updated_at"])
    return ambassador.bio_is_published


@transaction.atomic
def ambassador_transition(
    *, ambassador: Ambassador, to_status: str, actor, reason: str = "", evidence: str = ""
) -> Ambassador:
    """Verify, activate, suspend or reinstate an ambassador (coordinator of their territory)."""
    changes = {}
    if to_status == AmbassadorStatus.VERIFIED:
        changes = {"verification_note": evidence.strip(), "verified_by": actor, "verified_at": timezone.now()}
    ambassador = transition_apply(
        AMBASSADOR,
        ambassador,
        to=to_status,
        actor=actor,
        note=evidence if to_status == AmbassadorStatus.VERIFIED else reason,
        changes=changes,
        validate=validate,
    )
    notify(
        recipients=[ambassador.user.email],
        template="ambassadors/emails/status_changed",
        context={"status_label": AmbassadorStatus(to_status).label, "reason": reason.strip()},
    )
    return ambassador


@transaction.atomic
def charter_version_publish(*, number: int, title: str, body: str, actor) -> CharterVersion:
    if not (actor.is_superuser or is_coordinator(actor)):
        raise PermissionDeniedError()
    latest = CharterVersion.objects.order_by("-number").first()
    if latest is not None and number <= latest.number:
        raise DomainError(f"La nouvelle version doit porter un numéro supérieur à {latest.number}.")
    version = CharterVersion(number=number, title=title, body=body)
    validate(version)
    version.save()
    return version


@transaction.atomic
def charter_accept(*, ambassador: Ambassador, version: CharterVersion, actor) -> CharterAcceptance:
    if ambassador.user_id != actor.pk:
        raise PermissionDeniedError("Chacun accepte la charte pour lui-même.")
    current = CharterVersion.objects.current()
    if current is None or version.pk != current.pk:
        raise DomainError("Seule la version en vigueur de la charte peut être acceptée.")
    if CharterAcceptance.objects.filter(ambassador=ambassador, version=version).exists():
        raise DomainError("Vous avez déjà accepté cette version de la charte.")
    acceptance = CharterAcceptance(ambassador=ambassador, version=version)
    validate(acceptance)
    acceptance.save()
    return acceptance


@transaction.atomic
def module_complete(
    *, ambassador: Ambassador, module: TrainingModule, answers: Sequence[int | None], actor
) -> ModuleCompletion:
    """Record a module as done when the quiz reaches the pass mark (answers in question order)."""
    if ambassador.user_id != actor.pk:
        raise PermissionDeniedError()
    if ModuleCompletion.objects.filter(ambassador=ambassador, module=module).exists():
        raise DomainError("Vous avez déjà terminé ce module.")
    questions = list(module.questions.all())
    if len(answers) != len(questions) or any(a is None for a in answers):
        raise DomainError("Répondez à toutes les questions du quiz.")
    score = sum(1 for q, a in zip(questions, answers, strict=True) if q.correct_index == a)
    needed = min(module.pass_mark, len(questions))
    if score < needed:
        raise DomainError(
            f"Vous avez {score} bonne(s) réponse(s) sur {len(questions)} ; il en faut {needed}. "
            "Relisez le module et réessayez."
        )
    completion = ModuleCompletion(ambassador=ambassador, module=module, score=score)
    validate(completion)
    completion.save()
    return completion


@transaction.atomic
def interest_declare(
    *,
    ambassador: Ambassador,
    kind: str,
    actor,
    establishment=None,
    organisation_name: str = "",
    details: str = "",
) -> InterestDeclaration:
    if ambassador.user_id != actor.pk:
        raise PermissionDeniedError()
    declaration = InterestDeclaration(
        ambassador=ambassador,
        kind=kind,
        establishment=establishment,
        organisation_name=organisation_name.strip(),
        details=details.strip(),
    )
    validate(declaration)
    try:
        with transaction.atomic():
            declaration.save()
    except IntegrityError as exc:  # the check constraint, when full_clean was bypassed by a race
        raise DomainError("Déclaration incomplète.") from exc
    return declaration


def bio_moderation_decided(item, approved: bool) -> None:
    """The moderation queue accepted a bio: publish it if it is still the ambassador's text."""
    if approved:
        Ambassador.objects.filter(pk=item.object_id, bio=item.text).update(
            bio_is_published=True, updated_at=timezone.now()
        )
