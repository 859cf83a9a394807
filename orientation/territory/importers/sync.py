"""Sync: idempotent upserts keyed on the official identifier, counted in the ImportReport.

Existing rows are loaded once into a dict keyed by the official id; new rows go through
``bulk_create`` and changed rows through ``bulk_update`` of the changed fields only, so a second
run with the same data writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils import timezone

from orientation.core.importing import ImportReport

BATCH_SIZE = 500
SAMPLES_PER_MODEL = 5


def _label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def _note_change(report: ImportReport, label: str, verb: str, key: Any, counter: int) -> None:
    if counter <= SAMPLES_PER_MODEL:
        report.notes.append(f"{label} : {verb} {key}")


def upsert(
    model: type[models.Model],
    key_field: str,
    records: Mapping[Any, Mapping[str, Any]],
    report: ImportReport,
    *,
    queryset: models.QuerySet | None = None,
) -> dict[Any, models.Model]:
    """Create or update ``model`` rows from ``records`` (key → field values by attname).

    Returns every row of ``records`` by key (with its primary key), for the next joins.
    """
    label = _label(model)
    stats = report.for_model(label)
    existing = {getattr(obj, key_field): obj for obj in (queryset if queryset is not None else model.objects.all())}
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    changed_fields: set[str] = set()
    result: dict[Any, models.Model] = {}
    for key, values in records.items():
        obj = existing.get(key)
        if obj is None:
            obj = model(**{key_field: key, **values})
            to_create.append(obj)
            stats.created += 1
            _note_change(report, label, "création", key, stats.created)
        else:
            diff = [name for name, value in values.items() if getattr(obj, name) != value]
            if diff:
                for name in diff:
                    setattr(obj, name, values[name])
                changed_fields.update(diff)
                to_update.append(obj)
                stats.updated += 1
                _note_change(report, label, f"mise à jour ({', '.join(sorted(diff))})", key, stats.updated)
            else:
                stats.unchanged += 1
        result[key] = obj
    if to_create:
        model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        if any(obj.pk is None for obj in to_create):  # backends that do not return ids (none we use)
            fresh = model.objects.in_bulk([getattr(o, key_field) for o in to_create], field_name=key_field)
            for obj in to_create:
                result[getattr(obj, key_field)] = fresh[getattr(obj, key_field)]
    if to_update:
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            now = timezone.now()  # bulk_update does not apply auto_now
            for obj in to_update:
                obj.updated_at = now
            changed_fields.add("updated_at")
        model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=BATCH_SIZE)
    return result


def replace_children(
    model: type[models.Model],
    parent_field: str,
    parent_ids: Iterable[int],
    key_fields: tuple[str, ...],
    records: Mapping[tuple, Mapping[str, Any]],
    report: ImportReport,
) -> None:
    """Upsert child rows (e.g. headcounts) keyed by a tuple; delete the parents' rows the data no longer has."""
    label = _label(model)
    stats = report.for_model(label)
    parent_ids = set(parent_ids)
    existing = {
        tuple(getattr(obj, f) for f in key_fields): obj
        for obj in model.objects.filter(**{f"{parent_field}__in": parent_ids})
    }
    to_create, to_update, changed_fields = [], [], set()
    for key, values in records.items():
        obj = existing.pop(key, None)
        if obj is None:
            to_create.append(model(**dict(zip(key_fields, key, strict=True)), **values))
            stats.created += 1
            continue
        diff = [name for name, value in values.items() if getattr(obj, name) != value]
        if diff:
            for name in diff:
                setattr(obj, name, values[name])
            changed_fields.update(diff)
            to_update.append(obj)
            stats.updated += 1
        else:
            stats.unchanged += 1
    if existing:
        model.objects.filter(pk__in=[obj.pk for obj in existing.values()]).delete()
        stats.deleted += len(existing)
    if to_create:
        model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=BATCH_SIZE)
