from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from orientation.accounts.models import User
from orientation.core.models import AccessLog
from orientation.core.throttle import throttle_purge
from orientation.internships.models import Application
from orientation.organisations.enums import LEARNER_ROLES, Role
from orientation.organisations.models import Invitation, Membership
from orientation.pathways.models import Reflection, SavedItem
from orientation.schooling.models import Pupil

INVITATION_KEEP_DAYS = 90
ANONYMOUS_DOMAIN = "anonymise.invalid"


@dataclass
class PurgeReport:
    learners: int = 0
    parents: int = 0
    applications: int = 0
    access_logs: int = 0
    invitations: int = 0
    throttle_counters: int = 0

    def lines(self) -> list[str]:
        return [
            f"Élèves, apprentis et étudiants anonymisés : {self.learners}",
            f"Parents anonymisés : {self.parents}",
            f"Motivations de candidature effacées : {self.applications}",
            f"Traces de consultation supprimées : {self.access_logs}",
            f"Invitations supprimées : {self.invitations}",
            f"Compteurs de limitation périmés supprimés : {self.throttle_counters}",
        ]


def _retention_cutoff(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _anonymise(user: User) -> None:
    user.email = f"compte-{user.pk}@{ANONYMOUS_DOMAIN}"
    user.first_name = ""
    user.last_name = ""
    user.birth_year = None
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["email", "first_name", "last_name", "birth_year", "is_active", "password"])
    Membership.objects.filter(user=user).update(is_active=False)


def _expired_learners(cutoff: date):
    """Learners whose last school year ended before ``cutoff`` and who hold no non-learner role."""
    learner_roles = [r.value for r in LEARNER_ROLES]
    return (
        User.objects.filter(memberships__role__in=learner_roles, is_active=True)
        .exclude(memberships__role__in=[r.value for r in Role if r not in LEARNER_ROLES])
        .annotate(last_year_end=Max("enrolments__school_class__school_year__ends_on"))
        .filter(last_year_end__lt=cutoff)
        .distinct()
    )


@transaction.atomic
def personal_data_purge(*, today: date | None = None, retention_years: int | None = None) -> PurgeReport:
    """Anonymise what is no longer needed (see the package docstring). Idempotent."""
    today = today or timezone.localdate()
    years = settings.ORIENTATION_RETENTION_YEARS if retention_years is None else retention_years
    cutoff = _retention_cutoff(today, years)
    report = PurgeReport()

    learners = list(_expired_learners(cutoff))
    learner_ids = [u.pk for u in learners]
    parent_ids = set(
        Membership.objects.filter(role=Role.PARENT, child__user_id__in=learner_ids).values_list("user_id", flat=True)
    )
    # A parent who also acts elsewhere (staff, ambassador, parent of a younger child…) keeps the account.
    still_needed = set(
        Membership.objects.filter(user_id__in=parent_ids, is_active=True)
        .exclude(role=Role.PARENT, child__user_id__in=learner_ids)
        .values_list("user_id", flat=True)
    )
    parents = list(User.objects.filter(pk__in=parent_ids - still_needed, is_active=True))

    report.applications = (
        Application.objects.filter(pupil_id__in=learner_ids).exclude(motivation="").update(motivation="")
    )
    for user in learners:
        _anonymise(user)
    # What the roster brought (INE, sex, SIECLE id) and what the pupil wrote or saved go too.
    Pupil.objects.filter(user_id__in=learner_ids).update(ine="", sex="", siecle_id="")
    Reflection.objects.filter(activity__pupil_id__in=learner_ids).delete()
    SavedItem.objects.filter(pupil_id__in=learner_ids).delete()
    for user in parents:
        _anonymise(user)
    report.learners, report.parents = len(learners), len(parents)

    report.access_logs, _ = AccessLog.objects.filter(at__date__lt=cutoff).delete()
    stale = timezone.now() - timedelta(days=INVITATION_KEEP_DAYS)
    report.invitations, _ = Invitation.objects.filter(
        Q(accepted_at__lt=stale) | Q(revoked_at__lt=stale) | Q(accepted_at__isnull=True, expires_at__lt=stale)
    ).delete()
    report.throttle_counters = throttle_purge()
    return report
