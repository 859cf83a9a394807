from datetime import date
from decimal import Decimal

from django.db import transaction

from orientation.schooling.models import ActivityRecord, SchoolClass


@transaction.atomic
def activity_record(
    *,
    school_class: SchoolClass,
    kind: str,
    title: str,
    occurred_on: date,
    hours: Decimal,
    source: str,
    source_id: int,
    pupil=None,
    recorded_by=None,
) -> ActivityRecord:
    """Credit an orientation activity to a class (or one pupil). Idempotent per source."""
    record, created = ActivityRecord.objects.get_or_create(
        school_class=school_class,
        pupil=pupil,
        source=source,
        source_id=source_id,
        defaults={
            "kind": kind,
            "title": title[:255],
            "occurred_on": occurred_on,
            "hours": hours,
            "recorded_by": recorded_by,
        },
    )
    if created:
        record.full_clean()
    return record
