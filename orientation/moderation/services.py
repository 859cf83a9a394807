"""Writes of the moderation policy: submit a text, decide on it. One transaction each."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.core.neutrality import check_text
from orientation.core.notify import notify
from orientation.core.validation import validate
from orientation.moderation.enums import ModerationStatus
from orientation.moderation.models import ModerationItem
from orientation.moderation.registry import kind_for
from orientation.moderation.selectors import items_visible_to


def text_submit(*, kind: str, object_id: int, text: str, actor, department=None, academy=None) -> bool:
    """Run the neutrality check on a text about to be published. True: publish it now. False: an item
    waits in the queue with the reasons, and the text stays unpublished until a coordinator accepts it.
    ``department`` (or ``academy``) is where the text belongs: it decides which coordinators see it."""
    ModerationItem.objects.filter(kind=kind, object_id=object_id, status=ModerationStatus.PENDING).delete()
    issues = check_text(text)
    if not issues:
        return True
    if department is not None:
        academy = department.academy
    item = ModerationItem(
        kind=kind,
        object_id=object_id,
        text=text,
        reasons=list(dict.fromkeys(issue.reason for issue in issues)),
        excerpts=list(dict.fromkeys(issue.excerpt for issue in issues if issue.excerpt)),
        department=department,
        academy=academy,
        submitted_by=actor,
    )
    validate(item)
    item.save()
    return False


@transaction.atomic
def item_decide(*, item: ModerationItem, actor, approve: bool, note: str = "") -> ModerationItem:
    """Accept (the owning app publishes the text) or refuse (it stays unpublished, the author is told why)."""
    if not items_visible_to(actor).filter(pk=item.pk).exists():
        raise PermissionDeniedError("Seul un coordinateur du territoire de ce texte peut le relire.")
    item = ModerationItem.objects.select_for_update(of=("self",)).select_related("submitted_by").get(pk=item.pk)
    if item.status != ModerationStatus.PENDING:
        raise DomainError("Ce texte a déjà été examiné.")
    if not approve and not note.strip():
        raise DomainError("Expliquez pourquoi le texte est refusé.", field="note")
    item.status = ModerationStatus.APPROVED if approve else ModerationStatus.REJECTED
    item.decided_by = actor
    item.decided_at = timezone.now()
    item.decision_note = note.strip()
    validate(item)
    item.save()
    kind = kind_for(item.kind)
    if kind is not None:
        kind.decided(item, approve)
    notify(recipients=[item.submitted_by], template="moderation/emails/decided", context={"item": item})
    return item
