"""Reads of the ambassadors app, scoped to the viewer."""

from django.db.models import Q

from orientation.ambassadors.models import Ambassador
from orientation.ambassadors.permissions import coordinator_memberships


def ambassadors_visible_to(user):
    """Ambassadors of the coordinator's territory (département, académie or region)."""
    q = Q(pk__in=[])
    for m in coordinator_memberships(user):
        if m.department_id:
            q |= Q(commune__department_id=m.department_id)
        elif m.academy_id:
            q |= Q(commune__department__academy_id=m.academy_id)
        elif m.region_id:
            q |= Q(commune__department__academy__region_id=m.region_id)
    return Ambassador.objects.filter(q).select_related("user", "commune")


def own_ambassador(user):
    return Ambassador.objects.filter(user=user).select_related("commune").first() if user.is_authenticated else None
