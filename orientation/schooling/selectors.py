from decimal import Decimal

from django.db.models import Q, Sum

from orientation.schooling.enums import STATUTORY_HOURS
from orientation.schooling.models import SchoolClass


def class_hours(school_class: SchoolClass) -> dict:
    """Delivered hours credited to the class against the statutory volume (R7)."""
    delivered = school_class.activities.filter(pupil__isnull=True).aggregate(total=Sum("hours"))["total"]
    return {
        "delivered": delivered or Decimal(0),
        "statutory": STATUTORY_HOURS.get(school_class.level),
    }


def classes_with_hours(queryset):
    return queryset.annotate(delivered_hours=Sum("activities__hours", filter=Q(activities__pupil__isnull=True)))
