"""Pure ``can_*`` predicates of the schooling app (memberships are cached on the user)."""

from orientation.organisations.enums import Role
from orientation.organisations.permissions import can_view_staff, is_head_of
from orientation.organisations.selectors import active_memberships, is_administrator
from orientation.schooling.models import RosterManager

ACTIVITY_ROLES = (Role.HEAD, Role.FORM_TEACHER, Role.GUIDANCE_PSYCHOLOGIST)


def has_staff_role(user, establishment, role: str) -> bool:
    return any(m.role == role and m.establishment_id == establishment.pk for m in active_memberships(user))


def can_view_class_hours(user, establishment) -> bool:
    """Staff of the establishment, coordinators over it, administrators."""
    return can_view_staff(user, establishment)


def can_declare_activity(user, school_class) -> bool:
    """The head, the form teachers and the psy-EN of the class's establishment."""
    return is_administrator(user) or any(
        m.role in ACTIVITY_ROLES and m.establishment_id == school_class.establishment_id
        for m in active_memberships(user)
    )


def can_manage_roster(user, establishment) -> bool:
    """The head, or a staff member the head allowed."""
    if is_administrator(user) or is_head_of(user, establishment):
        return True
    return (
        can_view_staff(user, establishment)
        and RosterManager.objects.filter(establishment=establishment, user=user).exists()
    )
