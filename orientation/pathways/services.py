"""Every write of a pathway: the pupil (or a parent of a minor) saves jobs and training, writes and
deletes reflections, deletes saved items. Nobody else writes here: the product records and informs."""

from django.db import transaction

from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.pathways import permissions
from orientation.pathways.models import Reflection, SavedItem


@transaction.atomic
def saved_item_add(*, actor, job=None, training=None) -> SavedItem:
    """ "Ajouter à mon parcours" from a job or a training page (the actor's own pathway)."""
    if (job is None) == (training is None):
        raise DomainError("On ajoute au parcours soit un métier, soit une formation.")
    item, _ = SavedItem.objects.get_or_create(pupil=actor, job=job, training=training)
    return item


@transaction.atomic
def saved_item_delete(*, actor, item: SavedItem) -> None:
    if not permissions.can_edit_pathway(actor, item.pupil):
        raise PermissionDeniedError()
    item.delete()


@transaction.atomic
def reflection_write(*, actor, activity, text: str) -> Reflection | None:
    """Write (or clear, with an empty text) the reflection after one of the pupil's activities."""
    if activity.pupil_id is None or not permissions.can_edit_pathway(actor, activity.pupil):
        raise PermissionDeniedError()
    text = text.strip()
    if not text:
        Reflection.objects.filter(activity=activity).delete()
        return None
    if len(text) > 1000:
        raise DomainError("Une réflexion compte 1 000 caractères au plus.", field="text")
    reflection, _ = Reflection.objects.update_or_create(activity=activity, defaults={"text": text})
    return reflection


@transaction.atomic
def pathway_personal_content_delete(*, actor, pupil) -> int:
    """Delete every reflection and saved item of the pupil (what they asked to erase)."""
    if not permissions.can_edit_pathway(actor, pupil):
        raise PermissionDeniedError()
    reflections, _ = Reflection.objects.filter(activity__pupil=pupil).delete()
    items, _ = SavedItem.objects.filter(pupil=pupil).delete()
    return reflections + items
