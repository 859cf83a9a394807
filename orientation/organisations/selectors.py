"""Reads scoped to the viewer. Anything outside these querysets answers 404.

Scope by role (a person with several memberships sees the union):
- administrator (membership or superuser): everything;
- coordinator: the establishments of its département, académie or region, and those
  départements / académies;
- school staff and learners: their own establishment(s); parents: their child's;
- company members and ambassadors: no establishment's staff data.
Départements and académies are "visible" only to those whose scope covers them whole
(coordinators, administrators): they carry steering data.
"""

from django.db.models import Q, QuerySet

from orientation.organisations.enums import ESTABLISHMENT_ROLES, STAFF_ROLES, CoordinatorLevel, Role
from orientation.organisations.models import Invitation, Membership
from orientation.territory.models import Academy, Department, Establishment

_CACHE_ATTR = "_orientation_active_memberships"


def active_memberships(user) -> list[Membership]:
    """The user's active memberships, with what scope checks need; cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Membership.objects.active()
            .filter(user=user)
            .select_related(
                "establishment__commune",
                "company",
                "department__academy",
                "academy",
                "region",
                "child__establishment",
                "child__user",
            )
            .order_by("created_at", "pk")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_administrator(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or any(m.role == Role.ADMINISTRATOR for m in active_memberships(user))


def coordinator_level(membership: Membership) -> str | None:
    if membership.role != Role.COORDINATOR:
        return None
    if membership.department_id:
        return CoordinatorLevel.DEPARTMENT
    if membership.academy_id:
        return CoordinatorLevel.ACADEMY
    return CoordinatorLevel.REGION


def _coordinator_establishment_filter(membership: Membership) -> Q:
    level = coordinator_level(membership)
    if level == CoordinatorLevel.DEPARTMENT:
        return Q(commune__department_id=membership.department_id)
    if level == CoordinatorLevel.ACADEMY:
        return Q(commune__department__academy_id=membership.academy_id)
    return Q(commune__department__academy__region_id=membership.region_id)


def _own_establishment_ids(user, roles=ESTABLISHMENT_ROLES) -> set[int]:
    ids = set()
    for m in active_memberships(user):
        if m.role in roles and m.establishment_id:
            ids.add(m.establishment_id)
        elif m.role == Role.PARENT and Role.PUPIL in roles and m.child and m.child.is_active:
            ids.add(m.child.establishment_id)
    return ids


def establishments_visible_to(user) -> QuerySet[Establishment]:
    if not getattr(user, "is_authenticated", False):
        return Establishment.objects.none()
    if is_administrator(user):
        return Establishment.objects.all()
    condition = Q(pk__in=_own_establishment_ids(user))
    for m in active_memberships(user):
        if m.role == Role.COORDINATOR:
            condition |= _coordinator_establishment_filter(m)
    return Establishment.objects.filter(condition)


def staff_establishments_visible_to(user) -> QuerySet[Establishment]:
    """Establishments whose staff list the user may read: staff of it, coordinators over it."""
    if not getattr(user, "is_authenticated", False):
        return Establishment.objects.none()
    if is_administrator(user):
        return Establishment.objects.all()
    condition = Q(pk__in=_own_establishment_ids(user, roles=STAFF_ROLES))
    for m in active_memberships(user):
        if m.role == Role.COORDINATOR:
            condition |= _coordinator_establishment_filter(m)
    return Establishment.objects.filter(condition)


def departments_visible_to(user) -> QuerySet[Department]:
    if not getattr(user, "is_authenticated", False):
        return Department.objects.none()
    if is_administrator(user):
        return Department.objects.all()
    condition = Q(pk__in=[])
    for m in active_memberships(user):
        level = coordinator_level(m)
        if level == CoordinatorLevel.DEPARTMENT:
            condition |= Q(pk=m.department_id)
        elif level == CoordinatorLevel.ACADEMY:
            condition |= Q(academy_id=m.academy_id)
        elif level == CoordinatorLevel.REGION:
            condition |= Q(academy__region_id=m.region_id)
    return Department.objects.filter(condition)


def academies_visible_to(user) -> QuerySet[Academy]:
    if not getattr(user, "is_authenticated", False):
        return Academy.objects.none()
    if is_administrator(user):
        return Academy.objects.all()
    condition = Q(pk__in=[])
    for m in active_memberships(user):
        level = coordinator_level(m)
        if level == CoordinatorLevel.ACADEMY:
            condition |= Q(pk=m.academy_id)
        elif level == CoordinatorLevel.REGION:
            condition |= Q(region_id=m.region_id)
    return Academy.objects.filter(condition)


def memberships_visible_to(user) -> QuerySet[Membership]:
    """Own memberships; a parent's child's; staff of the establishments one may read staff of."""
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    if is_administrator(user):
        return Membership.objects.all()
    child_ids = [m.child_id for m in active_memberships(user) if m.role == Role.PARENT]
    return Membership.objects.filter(
        Q(user=user)
        | Q(pk__in=child_ids)
        | Q(role__in=STAFF_ROLES, establishment__in=staff_establishments_visible_to(user).values("pk"))
    )


def establishment_staff(establishment: Establishment) -> QuerySet[Membership]:
    return (
        Membership.objects.active()
        .filter(establishment=establishment, role__in=STAFF_ROLES)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email", "role")
    )


def pending_invitations(establishment: Establishment) -> QuerySet[Invitation]:
    return Invitation.objects.pending().filter(establishment=establishment).select_related("invited_by")
