"""Who reads and who edits a pupil's pathway (R8, R12). Pure predicates on cached memberships.

Readers: the pupil, their parents, the form teacher and the psy-EN of the pupil's *current* class, the
head of that class's establishment. Editors (reflections, saved items, downloads, deletions): the
pupil, and a parent while the pupil is a minor.
"""

from orientation.organisations.enums import Role
from orientation.organisations.selectors import active_memberships


def is_parent_of(user, pupil) -> bool:
    return any(m.role == Role.PARENT and m.child and m.child.user_id == pupil.pk for m in active_memberships(user))


def staff_reason(user, current_class) -> str | None:
    """Why a staff member may read the pathway ("professeur principal"…), or None."""
    if current_class is None:
        return None
    roles = {m.role for m in active_memberships(user) if m.establishment_id == current_class.establishment_id}
    if Role.HEAD in roles:
        return "chef d'établissement"
    if Role.FORM_TEACHER in roles and current_class.form_teacher_id == user.pk:
        return "professeur principal"
    if Role.GUIDANCE_PSYCHOLOGIST in roles and current_class.guidance_psychologist_id == user.pk:
        return "psychologue de l'Éducation nationale"
    return None


def can_view_pathway(user, pupil, current_class) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.pk == pupil.pk or is_parent_of(user, pupil) or staff_reason(user, current_class) is not None


def can_edit_pathway(user, pupil) -> bool:
    if user.pk == pupil.pk:
        return True
    return is_parent_of(user, pupil) and pupil.is_minor() is not False
