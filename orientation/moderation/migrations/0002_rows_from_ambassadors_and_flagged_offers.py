"""Keep the data: the ambassadors app's moderation rows (ambassador bios, intervention requests' descriptions)
and the placement offers waiting for review become items of the one moderation queue, each placed in its
territory (the ambassador's commune, the requesting establishment's or the offer's commune)."""

from django.db import migrations


def forward(apps, schema_editor):
    Old = apps.get_model("ambassadors", "ModerationItem")
    Item = apps.get_model("moderation", "ModerationItem")
    Ambassador = apps.get_model("ambassadors", "Ambassador")
    Request = apps.get_model("interventions", "InterventionRequest")
    Offer = apps.get_model("internships", "PlacementOffer")

    def place(department):
        return {"department_id": department.pk, "academy_id": department.academy_id} if department else {}

    for old in Old.objects.order_by("pk"):
        department = None
        if old.kind == "AMBASSADOR_BIO":
            owner = Ambassador.objects.filter(pk=old.object_id).select_related("commune__department").first()
            department = owner.commune.department if owner else None
        elif old.kind == "REQUEST_DESCRIPTION":
            owner = Request.objects.filter(pk=old.object_id).select_related("establishment__commune__department").first()
            department = owner.establishment.commune.department if owner else None
        item = Item.objects.create(
            kind=old.kind,
            object_id=old.object_id,
            text=old.text,
            reasons=old.reasons,
            status=old.status,
            submitted_by_id=old.submitted_by_id,
            decided_by_id=old.decided_by_id,
            decided_at=old.decided_at,
            decision_note=old.decision_note,
            **place(department),
        )
        Item.objects.filter(pk=item.pk).update(created_at=old.created_at, updated_at=old.updated_at)
    for offer in Offer.objects.filter(is_flagged=True).select_related("commune__department").order_by("pk"):
        Item.objects.create(
            kind="PLACEMENT_OFFER",
            object_id=offer.pk,
            text="\n".join([offer.title, offer.job_label, offer.description, offer.accessibility_note]),
            reasons=[line for line in offer.moderation_note.splitlines() if line.strip()],
            submitted_by_id=offer.created_by_id,
            **place(offer.commune.department),
        )


def backward(apps, schema_editor):
    Old = apps.get_model("ambassadors", "ModerationItem")
    Item = apps.get_model("moderation", "ModerationItem")
    for item in Item.objects.filter(kind__in=["AMBASSADOR_BIO", "REQUEST_DESCRIPTION"]).order_by("pk"):
        Old.objects.create(
            kind=item.kind,
            object_id=item.object_id,
            text=item.text,
            reasons=item.reasons,
            status=item.status,
            submitted_by_id=item.submitted_by_id,
            decided_by_id=item.decided_by_id,
            decided_at=item.decided_at,
            decision_note=item.decision_note,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("ambassadors", "0002_status_log_common_fields"),
        ("interventions", "0003_status_log_common_fields"),
        ("internships", "0002_status_log_common_fields"),
    ]

    operations = [migrations.RunPython(forward, backward)]
