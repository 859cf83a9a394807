from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction

from orientation.core.validation import validate
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
    """Credit an orientation activity to a class (or one pupil). Idempotent per source: the same
    source credits a class (or a pupil) once. Validated before the row is written (``DomainError``)."""
    key = {"school_class": school_class, "pupil": pupil, "source": source, "source_id": source_id}
    existing = ActivityRecord.objects.filter(**key).first()
    if existing is not None:
        return existing
    record = ActivityRecord(
        **key, kind=kind, title=title[:255], occurred_on=occurred_on, hours=hours, recorded_by=recorded_by
    )
    validate(record)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # the same source credited by a concurrent transaction: keep its row
        existing = ActivityRecord.objects.filter(**key).first()
        if existing is None:
            raise
        return existing
    return record
