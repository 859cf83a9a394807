"""Pure ``can_*`` predicates. They read the viewer's active memberships once per request
(cached on the user object) and never query per object."""

from __future__ import annotations

from dataclasses import dataclass, field

from orientation.internships.enums import OfferStatus
from orientation.organisations.enums import LEARNER_ROLES, Role
from orientation.organisations.models import Membership
from orientation.territory.enums import EstablishmentKind

VALIDATING_ROLES = (Role.HEAD, Role.FORM_TEACHER, Role.GUIDANCE_PSYCHOLOGIST)


@dataclass(frozen=True)
class Viewer:
    user_id: int | None
    learner_establishment_ids: frozenset[int] = frozenset()
    staff_establishment_ids: frozenset[int] = frozenset()
    cfa_establishment_ids: frozenset[int] = frozenset()
    company_ids: frozenset[int] = frozenset()
    child_user_ids: frozenset[int] = frozenset()
    coordinator_departments: frozenset[int] = frozenset()
    coordinator_academies: frozenset[int] = frozenset()
    coordinator_regions: frozenset[int] = frozenset()
    is_administrator: bool = False
    learner_memberships: tuple = field(default=())

    @property
    def is_learner(self) -> bool:
        return bool(self.learner_establishment_ids)

    @property
    def is_coordinator(self) -> bool:
        return bool(
            self.is_administrator
            or self.coordinator_departments
            or self.coordinator_academies
            or self.coordinator_regions
        )

    @property
    def can_host(self) -> bool:
        return bool(self.company_ids or self.cfa_establishment_ids)


def viewer_for(user) -> Viewer:
    if user is None or not user.is_authenticated:
        return Viewer(user_id=None)
    cached = getattr(user, "_internships_viewer", None)
    if cached is not None:
        return cached
    memberships = list(
        Membership.objects.active()
        .filter(user=user)
        .select_related("establishment", "child", "department", "academy")
        .order_by("pk")
    )
    learners = tuple(m for m in memberships if m.role in LEARNER_ROLES)
    viewer = Viewer(
        user_id=user.pk,
        learner_establishment_ids=frozenset(m.establishment_id for m in learners),
        staff_establishment_ids=frozenset(m.establishment_id for m in memberships if m.role in VALIDATING_ROLES),
        cfa_establishment_ids=frozenset(
            m.establishment_id
            for m in memberships
            if m.role in (Role.HEAD, Role.OTHER_STAFF) and m.establishment.kind == EstablishmentKind.CFA
        ),
        company_ids=frozenset(m.company_id for m in memberships if m.role == Role.COMPANY_MEMBER),
        child_user_ids=frozenset(m.child.user_id for m in memberships if m.role == Role.PARENT and m.child_id),
        coordinator_departments=frozenset(
            m.department_id for m in memberships if m.role == Role.COORDINATOR and m.department_id
        ),
        coordinator_academies=frozenset(
            m.academy_id for m in memberships if m.role == Role.COORDINATOR and m.academy_id
        ),
        coordinator_regions=frozenset(m.region_id for m in memberships if m.role == Role.COORDINATOR and m.region_id),
        is_administrator=user.is_superuser or any(m.role == Role.ADMINISTRATOR for m in memberships),
        learner_memberships=learners,
    )
    user._internships_viewer = viewer
    return viewer


def can_manage_offer(user, offer) -> bool:
    viewer = viewer_for(user)
    if offer.company_id:
        return offer.company_id in viewer.company_ids
    return offer.host_establishment_id in viewer.cfa_establishment_ids


def can_publish(user, offer) -> bool:
    """A draft that no coordinator holds for review."""
    return offer.status == OfferStatus.DRAFT and not offer.is_flagged and can_manage_offer(user, offer)


def can_close(user, offer) -> bool:
    return offer.status != OfferStatus.CLOSED and can_manage_offer(user, offer)


def can_apply(user, offer) -> bool:
    return viewer_for(user).is_learner and offer.is_published


def can_moderate(user, offer) -> bool:
    """Coordinators moderate offers located in their territory (the offer's commune loaded)."""
    viewer = viewer_for(user)
    if viewer.is_administrator:
        return True
    department = offer.commune.department
    return (
        department.pk in viewer.coordinator_departments
        or department.academy_id in viewer.coordinator_academies
        or department.academy.region_id in viewer.coordinator_regions
    )


def can_validate(user, application) -> bool:
    return application.establishment_id in viewer_for(user).staff_establishment_ids


def can_decide(user, application) -> bool:
    return can_manage_offer(user, application.offer)


def can_withdraw(user, application) -> bool:
    return application.pupil_id == getattr(user, "pk", None)


def can_cancel(user, application) -> bool:
    return can_validate(user, application) or can_decide(user, application)


def parties_for(user, application) -> list[str]:
    """The agreement parties this signed-in user may sign for (the parent signs from the link)."""
    parties = []
    if application.pupil_id == getattr(user, "pk", None):
        parties.append("PUPIL")
    if can_validate(user, application):
        parties.append("SCHOOL")
    if can_decide(user, application):
        parties.append("HOST")
    return parties
