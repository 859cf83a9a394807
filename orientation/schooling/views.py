"""Class hours (R7), in-school activities, the roster import; coordinators' territory summary.

Fetch scoped → check a ``can_*`` predicate → validate a form → call one service → redirect. An
establishment or a class outside the viewer's scope answers 404, like a missing one.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from orientation.accounts.models import User
from orientation.core.errors import DomainError
from orientation.core.validation import add_domain_error
from orientation.organisations.enums import STAFF_ROLES, Role
from orientation.organisations.permissions import is_head_of
from orientation.organisations.selectors import (
    active_memberships,
    is_administrator,
    staff_establishments_visible_to,
)
from orientation.schooling import exports, permissions, selectors, services
from orientation.schooling.display import hours_lines
from orientation.schooling.forms import (
    ActivityDeclareForm,
    ActivityPlanForm,
    ClassStaffForm,
    LevelChoiceForm,
    ParentLinkForm,
    RosterManagerForm,
    RosterUploadForm,
    SchoolYearForm,
)
from orientation.schooling.importers.roster import roster_preview, roster_upload, roster_upload_confirm
from orientation.schooling.importers.roster_files import CSV_COLUMNS
from orientation.schooling.models import Enrolment, RosterManager, RosterUpload, SchoolClass, SchoolYear
from orientation.territory.models import Establishment


def _establishment(request, uai: str) -> Establishment:
    establishment = get_object_or_404(
        staff_establishments_visible_to(request.user).select_related("commune__department__academy"), uai=uai.upper()
    )
    if not permissions.can_view_class_hours(request.user, establishment):
        raise Http404
    return establishment


def _school_year(request) -> SchoolYear:
    years = list(SchoolYear.objects.order_by("-starts_on"))
    label = request.GET.get("annee", "")
    for year in years:
        if year.label == label:
            return year
    current = next((y for y in years if y.is_current), years[0] if years else None)
    if current is None:
        raise Http404
    return current


def hours_home(request):
    """ "Heures d'orientation": the viewer's establishment, or their territory."""
    for m in active_memberships(request.user):
        if m.role in STAFF_ROLES:
            return redirect("schooling:establishment_hours", uai=m.establishment.uai)
        if m.role == Role.COORDINATOR:
            return redirect("schooling:territory_summary")
    raise Http404


def _hours_context(request, uai: str) -> dict:
    establishment = _establishment(request, uai)
    year = _school_year(request)
    rows = selectors.class_hours(selectors.establishment_classes(establishment, year))
    lines, chart_height = hours_lines(rows)
    return {
        "establishment": establishment,
        "school_year": year,
        "rows": rows,
        "lines": lines,
        "chart_height": chart_height,
        "year_form": SchoolYearForm(request.GET or None, years=SchoolYear.objects.order_by("-starts_on")),
        "can_manage_roster": permissions.can_manage_roster(request.user, establishment),
    }


def establishment_hours(request, uai: str):
    return render(request, "schooling/establishment_hours.html", _hours_context(request, uai))


def establishment_hours_print(request, uai: str):
    return render(request, "schooling/establishment_hours_print.html", _hours_context(request, uai))


def establishment_hours_export(request, uai: str, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    context = _hours_context(request, uai)
    filename = f"heures-orientation-{context['establishment'].uai}-{context['school_year'].label}"
    if fmt == "csv":
        return exports.class_hours_csv(context["rows"], filename)
    return exports.class_hours_xlsx(context["rows"], filename, context["establishment"], context["school_year"])


def _class(request, pk: int) -> SchoolClass:
    school_class = get_object_or_404(
        SchoolClass.objects.select_related(
            "establishment__commune__department__academy", "school_year", "form_teacher", "guidance_psychologist"
        ),
        pk=pk,
    )
    if not permissions.can_view_class_hours(request.user, school_class.establishment):
        raise Http404
    return school_class


def class_detail(request, pk: int):
    school_class = _class(request, pk)
    (row,) = selectors.class_hours(SchoolClass.objects.filter(pk=school_class.pk))
    can_declare = permissions.can_declare_activity(request.user, school_class)
    can_manage = permissions.can_manage_roster(request.user, school_class.establishment)
    context = {
        "school_class": school_class,
        "row": row,
        "activities": selectors.class_activities(school_class),
        "planned": school_class.planned_activities.filter(done_as__isnull=True),
        "can_declare": can_declare,
        "can_manage": can_manage,
        "pupils": _current_pupils(school_class) if can_manage else [],
        "plan_form": ActivityPlanForm() if can_declare else None,
    }
    return render(request, "schooling/class_detail.html", context)


def _current_pupils(school_class):
    return [
        e.pupil
        for e in Enrolment.objects.current()
        .filter(school_class=school_class)
        .select_related("pupil")
        .order_by("pupil__last_name", "pupil__first_name")
    ]


def activity_declare(request, pk: int):
    school_class = _class(request, pk)
    if not permissions.can_declare_activity(request.user, school_class):
        raise Http404
    planned = list(school_class.planned_activities.filter(done_as__isnull=True))
    form = ActivityDeclareForm(request.POST or None, pupils=_current_pupils(school_class), planned=planned)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.school_activity_declare(
                actor=request.user,
                school_class=school_class,
                kind=data["kind"],
                title=data["title"],
                occurred_on=data["occurred_on"],
                hours=data["hours"],
                absent_pupil_ids={int(pk) for pk in data["absent"]},
                planned=next((p for p in planned if str(p.pk) == data["planned"]), None),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request, "L'action est enregistrée : les heures de la classe et des élèves présents sont à jour."
            )
            return redirect("schooling:class_detail", pk=school_class.pk)
    return render(request, "schooling/activity_declare.html", {"school_class": school_class, "form": form})


def activity_plan(request, pk: int):
    school_class = _class(request, pk)
    if not permissions.can_declare_activity(request.user, school_class):
        raise Http404
    form = ActivityPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.planned_activity_create(actor=request.user, school_class=school_class, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "L'action prévue est ajoutée à la projection de la classe.")
            return redirect("schooling:class_detail", pk=school_class.pk)
    return render(request, "schooling/activity_plan.html", {"school_class": school_class, "form": form})


def roster_upload_view(request, uai: str):
    establishment = _establishment(request, uai)
    if not permissions.can_manage_roster(request.user, establishment):
        raise Http404
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            saved = roster_upload(
                actor=request.user, establishment=establishment, filename=upload.name, content=upload.read()
            )
        except DomainError as exc:
            add_domain_error(form, exc, renames={None: "file"})
        else:
            return redirect("schooling:roster_preview", uai=establishment.uai, pk=saved.pk)
    context = {
        "establishment": establishment,
        "form": form,
        "csv_columns": CSV_COLUMNS,
        "is_head": is_administrator(request.user) or is_head_of(request.user, establishment),
    }
    return render(request, "schooling/roster_upload.html", context)


def roster_preview_view(request, uai: str, pk: int):
    establishment = _establishment(request, uai)
    if not permissions.can_manage_roster(request.user, establishment):
        raise Http404
    upload = get_object_or_404(RosterUpload, pk=pk, establishment=establishment, applied_at__isnull=True)
    plan = roster_preview(establishment, bytes(upload.content), upload.filename)
    level_form = LevelChoiceForm(
        request.POST if request.method == "POST" else None, class_names=[c.name for c in plan.unsettled_classes]
    )
    if request.method == "POST" and level_form.is_valid():
        plan = roster_preview(establishment, bytes(upload.content), upload.filename, levels=level_form.levels())
        try:
            summary = roster_upload_confirm(actor=request.user, upload=upload, plan=plan)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"Liste des élèves enregistrée : {summary['eleves_nouveaux']} nouvel(s) élève(s), "
                f"{summary['changements_de_classe']} changement(s) de classe, {summary['departs']} départ(s).",
            )
            return redirect("schooling:establishment_hours", uai=establishment.uai)
    context = {"establishment": establishment, "upload": upload, "plan": plan, "level_form": level_form}
    return render(request, "schooling/roster_preview.html", context)


def territory_summary(request):
    params = {
        k: request.GET.get(v, "")
        for k, v in (("department", "departement"), ("academy", "academie"), ("region", "region"))
    }
    if any(params.values()):
        territory = selectors.territory_for(request.user, **params)
    else:
        territory = selectors.default_territory(request.user)
    if territory is None:
        raise Http404
    year = _school_year(request)
    summary = selectors.territory_summary(territory.establishments, year)
    establishments = []
    if territory.kind == "department":
        names = dict(territory.establishments.values_list("pk", "name"))
        uais = dict(territory.establishments.values_list("pk", "uai"))
        establishments = sorted(
            ((names[pk], uais[pk], tally) for pk, tally in summary.by_establishment.items() if pk in names),
            key=lambda item: (item[2].share_on_track if item[2].share_on_track is not None else 101, item[0]),
        )
    param = {"department": "departement", "academy": "academie", "region": "region"}[territory.kind]
    query = urlencode({param: territory.code, "annee": year.label, "format": "csv"})
    if request.GET.get("format") == "csv":
        return exports.territory_csv(summary, f"heures-orientation-{territory.code}-{year.label}")
    context = {
        "territory": territory,
        "school_year": year,
        "summary": summary,
        "sections": exports.territory_sections(summary),
        "establishments": establishments,
        "export_url": f"{reverse('schooling:territory_summary')}?{query}",
    }
    return render(request, "schooling/territory_summary.html", context)


def _staff_with_role(establishment, *roles):
    return (
        User.objects.filter(
            memberships__establishment=establishment, memberships__role__in=roles, memberships__is_active=True
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def class_staff(request, pk: int):
    """The head names the class's form teacher and psy-EN (who then read its pupils' pathways)."""
    school_class = _class(request, pk)
    if not permissions.can_manage_roster(request.user, school_class.establishment):
        raise Http404
    establishment = school_class.establishment
    form = ClassStaffForm(
        request.POST or None,
        initial={
            "form_teacher": school_class.form_teacher,
            "guidance_psychologist": school_class.guidance_psychologist,
        },
        teachers=_staff_with_role(establishment, Role.FORM_TEACHER),
        psychologists=_staff_with_role(establishment, Role.GUIDANCE_PSYCHOLOGIST),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.class_staff_assign(actor=request.user, school_class=school_class, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"L'équipe de la classe {school_class.name} est enregistrée.")
            return redirect("schooling:class_detail", pk=school_class.pk)
    return render(request, "schooling/class_staff.html", {"school_class": school_class, "form": form})


def roster_managers(request, uai: str):
    """The head allows staff members to load the roster (and withdraws it)."""
    establishment = _establishment(request, uai)
    if not (is_administrator(request.user) or is_head_of(request.user, establishment)):
        raise Http404
    form = RosterManagerForm(request.POST or None, staff=_staff_with_role(establishment, *STAFF_ROLES))
    if request.method == "POST":
        revoke = request.POST.get("revoke")
        if revoke:
            manager = get_object_or_404(RosterManager, pk=revoke, establishment=establishment)
            services.roster_manager_revoke(actor=request.user, manager=manager)
            messages.success(request, "L'autorisation est retirée.")
            return redirect("schooling:roster_managers", uai=establishment.uai)
        if form.is_valid():
            try:
                services.roster_manager_grant(actor=request.user, establishment=establishment, **form.cleaned_data)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, "Cette personne peut maintenant charger la liste des élèves.")
                return redirect("schooling:roster_managers", uai=establishment.uai)
    managers = RosterManager.objects.filter(establishment=establishment).select_related("user")
    context = {"establishment": establishment, "form": form, "managers": managers}
    return render(request, "schooling/roster_managers.html", context)


def parent_link(request, pk: int, user_id: int):
    """The school links a parent to a pupil of the class (their home then shows the child's pathway)."""
    school_class = _class(request, pk)
    if not permissions.can_manage_roster(request.user, school_class.establishment):
        raise Http404
    enrolment = get_object_or_404(
        Enrolment.objects.current().select_related("pupil"), school_class=school_class, pupil_id=user_id
    )
    form = ParentLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.parent_link(actor=request.user, pupil=enrolment.pupil, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Le parent est relié à {enrolment.pupil.get_full_name()}.")
            return redirect("schooling:class_detail", pk=school_class.pk)
    context = {"school_class": school_class, "pupil": enrolment.pupil, "form": form}
    return render(request, "schooling/parent_link.html", context)
