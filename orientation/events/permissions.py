"""Who may do what with events. Predicates only read; services and views call them."""

from orientation.organisations.enums import STAFF_ROLES, Role


def _active_memberships(user):
    return user.memberships.filter(is_active=True)


def is_administrator(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or _active_memberships(user).filter(role=Role.ADMINISTRATOR).exists()


def staff_establishment_ids(user) -> set[int]:
    """Establishments where ``user`` works as school staff (head, teachers, psychologist, others)."""
    if user is None or not user.is_authenticated:
        return set()
    return set(
        _active_memberships(user).filter(role__in=STAFF_ROLES).values_list("establishment_id", flat=True).distinct()
    )


def can_organise_events(user) -> bool:
    """Coordinators (any scope) and administrators create events."""
    if user is None or not user.is_authenticated:
        return False
    return is_administrator(user) or _active_memberships(user).filter(role=Role.COORDINATOR).exists()


def can_manage_event(user, event) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return event.organiser_id == user.pk or is_administrator(user)


def can_register_class(user, school_class) -> bool:
    """School staff register classes of THEIR establishment only."""
    return school_class.establishment_id in staff_establishment_ids(user)


def can_cancel_registration(user, registration) -> bool:
    return can_register_class(user, registration.school_class) or can_manage_event(user, registration.session.event)
