"""Reads of a pupil's pathway, for a viewer who may read it (see ``permissions``)."""

from dataclasses import dataclass, field

from orientation.core.audit import log_personal_data_access
from orientation.internships.models import Application
from orientation.organisations.enums import Role
from orientation.organisations.selectors import active_memberships
from orientation.pathways import permissions
from orientation.pathways.models import SavedItem
from orientation.schooling.enums import ActivityKind
from orientation.schooling.models import ActivityRecord, Enrolment, SchoolClass


@dataclass
class Pathway:
    pupil: object
    current_class: SchoolClass | None
    years: list[tuple[str, list[ActivityRecord]]] = field(default_factory=list)
    saved_items: list[SavedItem] = field(default_factory=list)
    applications: list[Application] = field(default_factory=list)

    @property
    def total_hours(self):
        return sum((a.hours for _, activities in self.years for a in activities), 0)

    @property
    def placements(self) -> list[ActivityRecord]:
        return [a for _, activities in self.years for a in activities if a.kind == ActivityKind.PLACEMENT]


def current_class(pupil) -> SchoolClass | None:
    enrolment = (
        Enrolment.objects.current()
        .filter(pupil=pupil)
        .select_related("school_class__establishment", "school_class__school_year")
        .order_by("-school_class__school_year__starts_on", "-starts_on")
        .first()
    )
    return enrolment.school_class if enrolment else None


def pathway_for(viewer, pupil) -> Pathway | None:
    """The pupil's pathway if ``viewer`` may read it (``None``: answer 404). Staff reads are logged."""
    school_class = current_class(pupil)
    if not permissions.can_view_pathway(viewer, pupil, school_class):
        return None
    reason = permissions.staff_reason(viewer, school_class)
    if viewer.pk != pupil.pk and not permissions.is_parent_of(viewer, pupil) and reason:
        log_personal_data_access(viewer=viewer, subject_user_id=pupil.pk, what=f"parcours Avenir ({reason})")
    activities = (
        ActivityRecord.objects.filter(pupil=pupil)
        .select_related("school_class__school_year", "school_class__establishment", "reflection")
        .order_by("-occurred_on", "-pk")
    )
    years: dict[str, list] = {}
    for activity in activities:
        years.setdefault(activity.school_class.school_year.label, []).append(activity)
    return Pathway(
        pupil=pupil,
        current_class=school_class,
        years=sorted(years.items(), reverse=True),
        saved_items=list(SavedItem.objects.filter(pupil=pupil).select_related("job", "training")),
        applications=list(
            Application.objects.filter(pupil=pupil).select_related("offer", "consent").order_by("-created_at")
        ),
    )


def children_of(user) -> list:
    """The pupils a parent is linked to (through their PARENT memberships)."""
    return [m.child.user for m in active_memberships(user) if m.role == Role.PARENT and m.child and m.child.user]
