"""The moderation queue: coordinators see and decide the items of their territory (404 otherwise)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from orientation.core.errors import DomainError
from orientation.core.validation import add_domain_error
from orientation.moderation import selectors, services
from orientation.moderation.forms import DecisionForm
from orientation.moderation.permissions import can_moderate


def queue(request):
    if not can_moderate(request.user):
        raise Http404
    return render(request, "moderation/queue.html", {"items": selectors.pending_items_visible_to(request.user)})


def item(request, pk: int):
    if not can_moderate(request.user):
        raise Http404
    item = get_object_or_404(selectors.pending_items_visible_to(request.user), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_decide(
                item=item,
                actor=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Décision enregistrée ; l'auteur est prévenu.")
            return redirect("moderation:queue")
    return render(request, "moderation/item.html", {"item": item, "form": form})
