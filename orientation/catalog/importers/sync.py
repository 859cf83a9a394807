"""Sync: idempotent bulk upserts keyed on official identifiers, counted in the ``ImportReport``.

Existing rows are read once; new rows go through ``bulk_create`` and changed rows through
``bulk_update`` of the changed fields only, so a second run with the same data writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils import timezone

from orientation.core.importing import ImportReport

BATCH_SIZE = 1000


def label_of(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def upsert(
    model: type[models.Model],
    key_fields: tuple[str, ...],
    records: Mapping[tuple, Mapping[str, Any]],
    report: ImportReport,
    *,
    delete_missing: bool = False,
    scope: models.QuerySet | None = None,
) -> None:
    """Create or update ``model`` rows from ``records`` (key tuple → field values by attname).

    With ``delete_missing``, rows of ``scope`` (default: every row) absent from ``records`` are
    deleted: for link and figure tables whose content is entirely given by the source.
    """
    stats = report.for_model(label_of(model))
    queryset = scope if scope is not None else model.objects.all()
    existing = {tuple(getattr(obj, f) for f in key_fields): obj for obj in queryset}
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    changed: set[str] = set()
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
            changed.update(diff)
            to_update.append(obj)
            stats.updated += 1
        else:
            stats.unchanged += 1
    if delete_missing and existing:
        model.objects.filter(pk__in=[obj.pk for obj in existing.values()]).delete()
        stats.deleted += len(existing)
    if to_create:
        model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            now = timezone.now()  # bulk_update does not apply auto_now
            for obj in to_update:
                obj.updated_at = now
            changed.add("updated_at")
        model.objects.bulk_update(to_update, sorted(changed), batch_size=BATCH_SIZE)


def pk_map(model: type[models.Model], key_fields: tuple[str, ...]) -> dict[tuple, int]:
    """Primary keys of every row by key tuple (one query), for the next joins."""
    width = len(key_fields)
    return {tuple(row[:width]): row[width] for row in model.objects.values_list(*key_fields, "pk")}
