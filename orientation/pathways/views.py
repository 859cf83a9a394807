"""The parcours Avenir pages: the pupil's own, a parent's children, staff reading their classes' pupils.

Anyone who may not read a pathway gets 404, exactly like a missing pupil.
"""

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from orientation.accounts.models import User
from orientation.catalog.models import Job, Training
from orientation.core.errors import DomainError
from orientation.organisations.enums import Role
from orientation.organisations.selectors import active_memberships
from orientation.pathways import permissions, selectors, services
from orientation.pathways.models import SavedItem
from orientation.schooling.models import ActivityRecord, Enrolment, SchoolClass


def home(request):
    """The pupil's own pathway; a parent's children; staff's classes."""
    memberships = active_memberships(request.user)
    if any(m.role == Role.PUPIL for m in memberships):
        return redirect("pathways:pathway", user_id=request.user.pk)
    children = selectors.children_of(request.user)
    pathways = [p for p in (selectors.pathway_for(request.user, child) for child in children) if p]
    classes = []
    if any(m.role in (Role.HEAD, Role.FORM_TEACHER, Role.GUIDANCE_PSYCHOLOGIST) for m in memberships):
        headed = [m.establishment_id for m in memberships if m.role == Role.HEAD]
        classes = list(
            SchoolClass.objects.filter(school_year__is_current=True)
            .filter(
                Q(establishment_id__in=headed) | Q(form_teacher=request.user) | Q(guidance_psychologist=request.user)
            )
            .select_related("establishment")
            .order_by("establishment__name", "name")
        )
    return render(request, "pathways/home.html", {"pathways": pathways, "classes": classes})


def class_pupils(request, pk: int):
    school_class = get_object_or_404(SchoolClass.objects.select_related("establishment", "school_year"), pk=pk)
    if permissions.staff_reason(request.user, school_class) is None:
        raise Http404
    pupils = [
        e.pupil
        for e in Enrolment.objects.current()
        .filter(school_class=school_class)
        .select_related("pupil")
        .order_by("pupil__last_name", "pupil__first_name")
    ]
    return render(request, "pathways/class_pupils.html", {"school_class": school_class, "pupils": pupils})


def _pathway(request, user_id: int):
    pupil = get_object_or_404(User, pk=user_id, is_active=True)
    pathway = selectors.pathway_for(request.user, pupil)
    if pathway is None:
        raise Http404
    return pathway


def pathway(request, user_id: int):
    found = _pathway(request, user_id)
    context = {"pathway": found, "can_edit": permissions.can_edit_pathway(request.user, found.pupil)}
    return render(request, "pathways/pathway.html", context)


def pathway_pdf(request, user_id: int):
    from weasyprint import HTML

    found = _pathway(request, user_id)
    html = render_to_string("pathways/pathway_pdf.html", {"pathway": found, "generated_at": timezone.localtime()})
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="parcours-avenir-{found.pupil.pk}.pdf"'
    return response


def pathway_json(request, user_id: int):
    found = _pathway(request, user_id)
    if not permissions.can_edit_pathway(request.user, found.pupil):
        raise Http404
    data = {
        "eleve": {
            "nom": found.pupil.last_name,
            "prenom": found.pupil.first_name,
            "annee_de_naissance": found.pupil.birth_year,
            "classe": found.current_class.name if found.current_class else None,
        },
        "activites": [
            {
                "annee_scolaire": year,
                "date": a.occurred_on,
                "intitule": a.title,
                "nature": a.get_kind_display(),
                "heures": a.hours,
                "reflexion": getattr(getattr(a, "reflection", None), "text", None),
            }
            for year, activities in found.years
            for a in activities
        ],
        "metiers_et_formations": [
            {"type": "métier" if i.job_id else "formation", "intitule": str(i.target), "ajoute_le": i.created_at}
            for i in found.saved_items
        ],
        "candidatures_de_stage": [
            {"offre": str(a.offer), "etat": a.get_status_display(), "deposee_le": a.created_at}
            for a in found.applications
        ],
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="parcours-avenir-{found.pupil.pk}.json"'
    return response


@require_POST
def reflection_write(request, pk: int):
    activity = get_object_or_404(ActivityRecord.objects.select_related("pupil"), pk=pk, pupil__isnull=False)
    if not permissions.can_edit_pathway(request.user, activity.pupil):
        raise Http404
    try:
        services.reflection_write(actor=request.user, activity=activity, text=request.POST.get("text", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Votre réflexion est enregistrée.")
    return redirect("pathways:pathway", user_id=activity.pupil_id)


@require_POST
def saved_item_delete(request, pk: int):
    item = get_object_or_404(SavedItem.objects.select_related("pupil"), pk=pk)
    if not permissions.can_edit_pathway(request.user, item.pupil):
        raise Http404
    services.saved_item_delete(actor=request.user, item=item)
    messages.success(request, "Retiré de votre parcours.")
    return redirect("pathways:pathway", user_id=item.pupil_id)


@require_POST
def personal_content_delete(request, user_id: int):
    found = _pathway(request, user_id)
    if not permissions.can_edit_pathway(request.user, found.pupil):
        raise Http404
    count = services.pathway_personal_content_delete(actor=request.user, pupil=found.pupil)
    messages.success(request, f"{count} élément(s) effacé(s) : réflexions et métiers ou formations enregistrés.")
    return redirect("pathways:pathway", user_id=found.pupil.pk)


@require_POST
def save_job(request, rome_code: str):
    job = get_object_or_404(Job, rome_code=rome_code)
    services.saved_item_add(actor=request.user, job=job)
    messages.success(request, f"« {job} » est ajouté à votre parcours.")
    return redirect("catalog:job", rome_code=rome_code)


@require_POST
def save_training(request, pk: int):
    training = get_object_or_404(Training, pk=pk)
    services.saved_item_add(actor=request.user, training=training)
    messages.success(request, f"« {training} » est ajoutée à votre parcours.")
    return redirect("catalog:training", pk=pk)
