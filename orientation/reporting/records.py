"""The records behind each number of the steering page (each figure links here), paginated."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from orientation.ambassadors.models import Ambassador
from orientation.events.enums import RegistrationStatus
from orientation.events.models import ClassRegistration
from orientation.internships.enums import ApplicationStatus
from orientation.internships.models import Application
from orientation.interventions.models import Booking
from orientation.reporting.indicators import DONE_STATUSES
from orientation.reporting.scope import Period, Scope
from orientation.schooling.models import ActivityRecord, SchoolClass


@dataclass(frozen=True)
class RecordList:
    title: str
    columns: list[str]
    queryset: QuerySet
    row: callable  # object -> list of cells


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _ledger(scope: Scope, period: Period) -> QuerySet:
    return ActivityRecord.objects.filter(
        occurred_on__gte=period.starts_on,
        occurred_on__lte=period.ends_on,
        school_class__establishment__in=scope.establishments().values("pk"),
    )


def record_list(code: str, scope: Scope, period: Period, *, network: str = "", urban: str = "") -> RecordList | None:
    establishments = scope.establishments()
    if network:
        establishments = establishments.filter(priority_network=network)
    if urban:
        establishments = establishments.filter(commune__urban_class=urban)
    in_scope = establishments.values("pk")
    start, end = period.datetime_range()
    ledger = _ledger(scope, period)

    if code in ("establishments_reached", "establishments_not_reached"):
        reached = Q(pk__in=ledger.values("school_class__establishment_id"))
        rows = establishments.filter(reached if code == "establishments_reached" else ~reached)
        return RecordList(
            "Établissements atteints" if code == "establishments_reached" else "Établissements non atteints",
            ["UAI", "Établissement", "Commune", "Éducation prioritaire", "Commune urbaine ou rurale"],
            rows.select_related("commune").order_by("commune__name", "name"),
            lambda e: [
                e.uai,
                e.name,
                e.commune.name,
                e.get_priority_network_display(),
                e.commune.get_urban_class_display(),
            ],
        )
    if code == "classes_reached":
        rows = (
            SchoolClass.objects.filter(establishment__in=in_scope, pk__in=ledger.values("school_class_id"))
            .select_related("establishment")
            .annotate(
                period_activities=Count(
                    "activities", filter=Q(activities__occurred_on__range=(period.starts_on, period.ends_on))
                )
            )
            .order_by("establishment__name", "level", "name")
        )
        return RecordList(
            "Classes atteintes",
            ["Établissement", "Classe", "Niveau", "Effectif", "Activités de la période"],
            rows,
            lambda c: [c.establishment.name, c.name, c.get_level_display(), c.size, c.period_activities],
        )
    if code == "interventions_done":
        rows = (
            Booking.objects.filter(
                request__establishment__in=in_scope, status__in=DONE_STATUSES, starts_at__gte=start, starts_at__lt=end
            )
            .select_related("request__establishment", "request__school_class", "request__format", "ambassador__user")
            .order_by("starts_at", "pk")
        )
        return RecordList(
            "Interventions réalisées",
            ["Date", "Établissement", "Classe", "Intervention", "Ambassadeur"],
            rows,
            lambda b: [
                _date(b.starts_at),
                b.request.establishment.name,
                b.request.school_class.name,
                b.request.format.name,
                b.ambassador.user.get_full_name() if b.ambassador_id else "",
            ],
        )
    if code == "ambassadors_active":
        rows = (
            Ambassador.objects.filter(
                bookings__request__establishment__in=in_scope,
                bookings__status__in=DONE_STATUSES,
                bookings__starts_at__gte=start,
                bookings__starts_at__lt=end,
            )
            .annotate(done=Count("bookings"))
            .select_related("user", "commune")
            .order_by("user__last_name", "user__first_name", "pk")
        )
        return RecordList(
            "Ambassadeurs intervenus",
            ["Ambassadeur", "Employeur", "Commune", "Interventions réalisées"],
            rows,
            lambda a: [a.user.get_full_name(), a.employer_name, a.commune.name, a.done],
        )
    if code in ("event_registrations", "event_attendance"):
        rows = ClassRegistration.objects.filter(
            school_class__establishment__in=in_scope, session__starts_at__gte=start, session__starts_at__lt=end
        )
        rows = (
            rows.filter(status=RegistrationStatus.ATTENDED)
            if code == "event_attendance"
            else rows.exclude(status=RegistrationStatus.CANCELLED)
        )
        return RecordList(
            "Présences aux événements" if code == "event_attendance" else "Inscriptions de classes aux événements",
            ["Date", "Événement", "Établissement", "Classe", "Places", "Statut"],
            rows.select_related("session__event", "school_class__establishment").order_by("session__starts_at", "pk"),
            lambda r: [
                _date(r.session.starts_at),
                r.session.event.title,
                r.school_class.establishment.name,
                r.school_class.name,
                r.seats,
                r.get_status_display(),
            ],
        )
    if code == "placements_signed":
        rows = (
            Application.objects.filter(
                establishment__in=in_scope,
                status=ApplicationStatus.SIGNED,
                offer__starts_on__gte=period.starts_on,
                offer__starts_on__lte=period.ends_on,
            )
            .select_related("offer", "establishment")
            .order_by("offer__starts_on", "pk")
        )
        return RecordList(
            "Stages obtenus",
            ["Début", "Offre", "Métier", "Établissement de l'élève", "Place réservée REP/REP+"],
            rows,
            lambda a: [
                _date(a.offer.starts_on),
                a.offer.title,
                a.offer.job_label,
                a.establishment.name,
                "oui" if a.on_reserved_place else "non",
            ],
        )
    return None
