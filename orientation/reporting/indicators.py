"""Every steering indicator of a scope and a period, counted from the records of the other apps.

Each figure comes with the same figure by priority network (REP+, REP, others) and by the urban or
rural character of the establishment's commune, and with a note on how it is counted. The queries
are grouped by establishment once, then split in Python through a dictionary of the scope's
establishments, so their number does not depend on the size of the territory.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from orientation.ambassadors.models import Ambassador, CounterStereotypeDeclaration, ModuleCompletion, TrainingModule
from orientation.catalog.models import TensionIndicator
from orientation.events.enums import RegistrationStatus
from orientation.events.models import ClassRegistration
from orientation.internships.enums import ApplicationStatus
from orientation.internships.models import Application, PlacementOffer
from orientation.interventions.enums import OBJECTIVE_AXIS, BookingStatus, EntrepreneurshipLabel, Objective
from orientation.interventions.models import Booking, Evaluation, PupilSurveyResponse
from orientation.reporting.scope import Period, Scope
from orientation.schooling.enums import Level, PupilSex
from orientation.schooling.models import ActivityRecord, Enrolment, SchoolClass, SchoolYear
from orientation.schooling.selectors import territory_summary
from orientation.territory.enums import PriorityNetwork, UrbanClass

NETWORKS = [PriorityNetwork.REP_PLUS, PriorityNetwork.REP, PriorityNetwork.NONE]
URBAN_CLASSES = [UrbanClass.URBAN, UrbanClass.RURAL, UrbanClass.UNKNOWN]
NETWORK_LABELS = {
    PriorityNetwork.REP_PLUS: "REP+",
    PriorityNetwork.REP: "REP",
    PriorityNetwork.NONE: "Hors éducation prioritaire",
}
URBAN_LABELS = {
    UrbanClass.URBAN: "Commune urbaine",
    UrbanClass.RURAL: "Commune rurale",
    UrbanClass.UNKNOWN: "Non renseigné",
}
DONE_STATUSES = (BookingStatus.DONE, BookingStatus.EVALUATED)
PLACED_STATUSES = (ApplicationStatus.ACCEPTED, ApplicationStatus.SIGNED)
RECRUITING_TENSION = 4  # tension classes 4 and 5: "forte" and "très forte"


@dataclass
class Indicator:
    code: str
    label: str
    value: float | int
    unit: str
    note: str
    section: str
    by_priority_network: dict[str, float | int] = field(default_factory=dict)
    by_urban_class: dict[str, float | int] = field(default_factory=dict)
    records: str = ""  # code of the records page behind the figure, when there is one

    def split_rows(self) -> list[tuple[str, float | int]]:
        return [(NETWORK_LABELS[k], v) for k, v in self.by_priority_network.items()] + [
            (URBAN_LABELS[k], v) for k, v in self.by_urban_class.items()
        ]


@dataclass
class Table:
    slug: str
    title: str
    columns: list[str]
    rows: list[list]
    note: str = ""


@dataclass
class Steering:
    scope: Scope
    period: Period
    indicators: list[Indicator]
    tables: list[Table]
    establishments: dict[int, tuple[str, str]]
    reached_establishment_ids: set[int]

    def by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

    def table(self, slug: str) -> Table:
        return next(t for t in self.tables if t.slug == slug)


def _number(value) -> float | int:
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float):
        return round(value, 1)
    return value or 0


class _Splitter:
    """Adds values (or distinct keys) per establishment into the total and both equity splits."""

    def __init__(self, establishments: dict[int, tuple[str, str]]):
        self.establishments = establishments

    def sums(self, rows: Iterable[tuple[int, float]]) -> tuple[float, dict, dict]:
        total, networks, urban = 0, Counter(), Counter()
        for establishment_id, value in rows:
            attributes = self.establishments.get(establishment_id)
            if attributes is None or not value:
                continue
            total += value
            networks[attributes[0]] += value
            urban[attributes[1]] += value
        return total, {k: _number(networks[k]) for k in NETWORKS}, {k: _number(urban[k]) for k in URBAN_CLASSES}

    def distinct(self, pairs: Iterable[tuple[int, object]]) -> tuple[int, dict, dict]:
        total, networks, urban = set(), defaultdict(set), defaultdict(set)
        for establishment_id, key in pairs:
            attributes = self.establishments.get(establishment_id)
            if attributes is None or key is None:
                continue
            total.add(key)
            networks[attributes[0]].add(key)
            urban[attributes[1]].add(key)
        return len(total), {k: len(networks[k]) for k in NETWORKS}, {k: len(urban[k]) for k in URBAN_CLASSES}

    def ratio(self, numerators, denominators, scale=100) -> tuple[float, dict, dict]:
        num_total, num_n, num_u = numerators
        den_total, den_n, den_u = denominators

        def div(a, b):
            return round(scale * a / b, 1) if b else 0

        return (
            div(num_total, den_total),
            {k: div(num_n[k], den_n[k]) for k in NETWORKS},
            {k: div(num_u[k], den_u[k]) for k in URBAN_CLASSES},
        )


def _indicator(code, label, unit, note, section, split, records="") -> Indicator:
    value, networks, urban = split
    return Indicator(code, label, _number(value), unit, note, section, networks, urban, records)


def scope_establishments(scope: Scope) -> dict[int, tuple[str, str]]:
    return {
        pk: (network, urban)
        for pk, network, urban in scope.establishments().values_list("pk", "priority_network", "commune__urban_class")
    }


def compute(scope: Scope, period: Period, *, today: datetime.date | None = None) -> Steering:
    today = today or timezone.localdate()
    establishments = scope_establishments(scope)
    split = _Splitter(establishments)
    in_scope = scope.establishments().values("pk")
    start, end = period.datetime_range()
    indicators: list[Indicator] = []
    tables: list[Table] = []

    # --- the ledger: classes, pupils and hours reached -------------------------------------
    ledger = (
        ActivityRecord.objects.filter(
            occurred_on__gte=period.starts_on, occurred_on__lte=period.ends_on, school_class__establishment__in=in_scope
        )
        .values("school_class_id")
        .annotate(class_hours=Sum("hours", filter=Q(pupil__isnull=True)), pupils=Count("pupil", distinct=True))
    )
    reached = {row["school_class_id"]: row for row in ledger}
    classes = {
        row[0]: row[1:]
        for row in SchoolClass.objects.filter(
            Q(establishment__in=in_scope, school_year__label=period.school_year) | Q(pk__in=list(reached))
        ).values_list("pk", "establishment_id", "level", "size")
    }
    reached_establishments = {classes[c][0] for c in reached if c in classes}
    indicators.append(
        _indicator(
            "establishments_reached",
            "Établissements ayant bénéficié d'au moins une action",
            "",
            "Établissements dont au moins une classe ou un élève a une activité d'orientation datée de la période "
            "dans le registre des activités (interventions, événements, stages, actions de l'établissement).",
            "reach",
            split.distinct((e, e) for e in reached_establishments),
            "establishments_reached",
        )
    )
    indicators.append(
        _indicator(
            "classes_reached",
            "Classes ayant bénéficié d'au moins une action",
            "",
            "Classes ayant au moins une activité d'orientation datée de la période dans le registre des activités.",
            "reach",
            split.distinct((classes[c][0], c) for c in reached if c in classes),
            "classes_reached",
        )
    )

    def pupils_of(class_id: int) -> int:
        credited = reached[class_id]["pupils"]
        return credited if credited else classes[class_id][2]

    indicators.append(
        _indicator(
            "pupils_reached",
            "Élèves ayant bénéficié d'au moins une action",
            "",
            "Pour chaque classe atteinte : les élèves crédités individuellement dans le registre, ou à défaut "
            "l'effectif de la classe.",
            "reach",
            split.sums((classes[c][0], pupils_of(c)) for c in reached if c in classes),
            "classes_reached",
        )
    )
    indicators.append(
        _indicator(
            "hours_delivered",
            "Heures d'orientation réalisées (classes)",
            "h",
            "Somme des durées des activités créditées à des classes entières dans le registre, pendant la période.",
            "reach",
            split.sums((classes[c][0], reached[c]["class_hours"] or 0) for c in reached if c in classes),
            "classes_reached",
        )
    )
    by_level: dict[str, list] = defaultdict(lambda: [0, 0, Decimal(0)])
    for class_id in reached:
        if class_id in classes:
            row = by_level[classes[class_id][1]]
            row[0] += 1
            row[1] += pupils_of(class_id)
            row[2] += reached[class_id]["class_hours"] or 0
    tables.append(
        Table(
            "reach_by_level",
            "Classes, élèves et heures par niveau",
            ["Niveau", "Classes atteintes", "Élèves atteints", "Heures réalisées"],
            [
                [Level(level).label, values[0], values[1], _number(values[2])]
                for level, values in sorted(by_level.items(), key=lambda item: Level.values.index(item[0]))
            ],
            "Même règle de comptage que les indicateurs d'atteinte, par niveau de la classe.",
        )
    )

    # --- statutory hours: share of the year's classes on track (the class-hours figures of schooling) ----
    school_year = SchoolYear.objects.filter(label=period.school_year).first()
    tallies = (
        list(territory_summary(scope.establishments(), school_year, today=today).by_establishment.items())
        if school_year
        else []
    )
    indicators.append(
        _indicator(
            "classes_on_track",
            "Classes à jour de leurs heures d'orientation",
            "%",
            "Part des classes de l'année ayant un volume horaire réglementaire (4e, 3e, lycée, CAP, bac pro) dont les "
            "heures réalisées sur toute l'année scolaire atteignent ce volume au prorata de l'année écoulée (comme "
            "la page des heures des classes).",
            "hours",
            split.ratio(
                split.sums((e, t.on_track) for e, t in tallies), split.sums((e, t.with_target) for e, t in tallies)
            ),
        )
    )

    # --- interventions ----------------------------------------------------------------------------
    bookings = list(
        Booking.objects.filter(request__establishment__in=in_scope)
        .filter(
            Q(starts_at__gte=start, starts_at__lt=end)
            | Q(starts_at__isnull=True, created_at__gte=start, created_at__lt=end)
        )
        .values_list("status", "request__establishment_id", "request__format__label", "ambassador_id")
        .annotate(n=Count("pk"))
    )
    by_objective = Counter(
        dict(
            Booking.objects.filter(
                request__establishment__in=in_scope, status__in=DONE_STATUSES, starts_at__gte=start, starts_at__lt=end
            )
            .values_list("request__format__objective")
            .annotate(n=Count("pk"))
        )
    )
    tables.append(
        Table(
            "objectives",
            "Interventions réalisées par axe et objectif du plan",
            ["Axe", "Objectif", "Interventions réalisées"],
            [[OBJECTIVE_AXIS[o].label, o.label, by_objective[o.value]] for o in Objective],
            "Interventions réalisées pendant la période, rangées selon l'objectif du plan régional de leur format.",
        )
    )
    done = [(e, n) for status, e, _label, _a, n in bookings if status in DONE_STATUSES]
    indicators.append(
        _indicator(
            "interventions_done",
            "Interventions réalisées",
            "",
            "Interventions d'ambassadeurs déclarées réalisées (ou déjà évaluées) dont la date tombe dans la période.",
            "interventions",
            split.sums(done),
            "interventions_done",
        )
    )
    by_status = Counter()
    for status, e, _label, _a, n in bookings:
        if e in establishments:
            by_status[status] += n
    tables.append(
        Table(
            "interventions_by_status",
            "Interventions par étape",
            ["Étape", "Interventions"],
            [[BookingStatus(s).label, by_status[s]] for s in BookingStatus.values if by_status[s]],
            "Demandes d'intervention des établissements du territoire, datées de la période (date de l'intervention, "
            "ou date de la demande tant qu'aucune date n'est fixée).",
        )
    )
    declared = set(CounterStereotypeDeclaration.objects.values_list("ambassador_id", flat=True).distinct())
    indicators.append(
        _indicator(
            "interventions_counter_stereotype",
            "Interventions réalisées par un modèle contre-stéréotype",
            "",
            "Interventions réalisées dont l'ambassadeur a déclaré une situation contre-stéréotype (métier peu mixte, "
            "handicap, parcours peu habituel).",
            "equity",
            split.sums((e, n) for status, e, _l, a, n in bookings if status in DONE_STATUSES and a in declared),
        )
    )
    counter_classes = {
        c
        for c, a in Booking.objects.filter(
            request__establishment__in=in_scope, status__in=DONE_STATUSES, starts_at__gte=start, starts_at__lt=end
        ).values_list("request__school_class_id", "ambassador_id")
        if a in declared
    }
    by_sex = list(
        Enrolment.objects.filter(school_class_id__in=counter_classes)
        .values_list("school_class__establishment_id", "pupil__pupil__sex")
        .annotate(n=Count("pupil_id", distinct=True))
    )
    for code, sex, label in (
        ("girls_counter_stereotype", PupilSex.GIRL, "Filles"),
        ("boys_counter_stereotype", PupilSex.BOY, "Garçons"),
    ):
        indicators.append(
            _indicator(
                code,
                f"{label} des classes ayant reçu un modèle contre-stéréotype",
                "",
                "Élèves inscrits (liste des élèves de l'établissement, sexe déclaré) dans les classes d'une intervention "
                "réalisée par un ambassadeur contre-stéréotype pendant la période.",
                "equity",
                split.sums((e, n) for e, s_, n in by_sex if s_ == sex),
            )
        )
    indicators.append(
        _indicator(
            "ambassadors_active",
            "Ambassadeurs ayant réalisé une intervention",
            "",
            "Ambassadeurs distincts ayant au moins une intervention réalisée dans un établissement du territoire "
            "pendant la période.",
            "ambassadors",
            split.distinct((e, a) for status, e, _l, a, _n in bookings if status in DONE_STATUSES),
            "ambassadors_active",
        )
    )
    labelled_interventions = Counter()
    for status, e, label, _a, n in bookings:
        if status in DONE_STATUSES and label and e in establishments:
            labelled_interventions[label] += n

    # --- ambassadors of the territory -----------------------------------------------------------------
    ambassadors = Ambassador.objects.filter(commune__in=scope.communes().values("pk"))
    required = list(TrainingModule.objects.filter(is_required=True).values_list("pk", flat=True))
    trained = (
        ModuleCompletion.objects.filter(ambassador__in=ambassadors.values("pk"), module_id__in=required)
        .values("ambassador_id")
        .annotate(n=Count("module_id", distinct=True))
        .filter(n=len(required), ambassador__created_at__lt=end)
    )
    amb = ambassadors.aggregate(
        new=Count("pk", filter=Q(created_at__gte=start, created_at__lt=end)),
        verified=Count("pk", filter=Q(verified_at__gte=start, verified_at__lt=end)),
        active=Count("pk", filter=Q(status="ACTIVE")),
    )
    tables.append(
        Table(
            "ambassadors",
            "Ambassadeurs du territoire",
            ["Ambassadeurs", "Nombre"],
            [
                ["Nouveaux inscrits pendant la période", amb["new"]],
                ["Vérifiés pendant la période", amb["verified"]],
                ["Formés (tous les modules obligatoires)", len(trained) if required else 0],
                ["Actifs (pouvant intervenir)", amb["active"]],
                [
                    "Ayant réalisé au moins une intervention",
                    next(i for i in indicators if i.code == "ambassadors_active").value,
                ],
            ],
            "Ambassadeurs dont la commune est dans le territoire (inscription, vérification et statut) ; le dernier "
            "chiffre compte ceux intervenus dans ses établissements.",
        )
    )

    # --- events ---------------------------------------------------------------------------------------
    registrations = list(
        ClassRegistration.objects.filter(
            school_class__establishment__in=in_scope, session__starts_at__gte=start, session__starts_at__lt=end
        )
        .values_list("status", "school_class__establishment_id", "session__event__label")
        .annotate(n=Count("pk"), seats=Sum("seats"))
    )
    indicators.append(
        _indicator(
            "event_registrations",
            "Inscriptions de classes à des événements",
            "",
            "Inscriptions de classes (non annulées) à une séance de forum, du bus ou d'une semaine de l'orientation "
            "ayant lieu pendant la période.",
            "events",
            split.sums((e, n) for status, e, _l, n, _s in registrations if status != RegistrationStatus.CANCELLED),
            "event_registrations",
        )
    )
    indicators.append(
        _indicator(
            "event_attendance",
            "Élèves présents aux événements",
            "",
            "Places des classes dont la présence a été constatée à une séance de la période.",
            "events",
            split.sums((e, s) for status, e, _l, _n, s in registrations if status == RegistrationStatus.ATTENDED),
            "event_attendance",
        )
    )
    labelled_events = Counter()
    for status, e, label, n, _s in registrations:
        if status == RegistrationStatus.ATTENDED and label and e in establishments:
            labelled_events[label] += n
    labels = sorted(set(labelled_interventions) | set(labelled_events) | {v for v in EntrepreneurshipLabel.values if v})
    tables.append(
        Table(
            "entrepreneurship",
            "Actions labellisées entrepreneuriat",
            ["Label", "Interventions réalisées", "Participations de classes à des événements"],
            [[label, labelled_interventions[label], labelled_events[label]] for label in labels],
            "Interventions réalisées dont le format porte un label (IDEE, PEPITE…) et présences de classes à des "
            "événements labellisés, pendant la période.",
        )
    )

    # --- placements ---------------------------------------------------------------------------------------
    applications = list(
        Application.objects.filter(
            establishment__in=in_scope, offer__starts_on__gte=period.starts_on, offer__starts_on__lte=period.ends_on
        )
        .values_list("status", "establishment_id", "on_reserved_place")
        .annotate(n=Count("pk"))
    )
    indicators.append(
        _indicator(
            "placements_signed",
            "Stages obtenus (conventions signées)",
            "",
            "Candidatures d'élèves du territoire dont la convention est signée par toutes les parties, pour un stage "
            "commençant pendant la période.",
            "placements",
            split.sums((e, n) for status, e, _r, n in applications if status == ApplicationStatus.SIGNED),
            "placements_signed",
        )
    )
    applicants = Application.objects.filter(
        establishment__in=in_scope, offer__starts_on__gte=period.starts_on, offer__starts_on__lte=period.ends_on
    )
    placed = set(applicants.filter(status__in=PLACED_STATUSES).values_list("pupil_id", flat=True))
    unplaced = split.distinct(
        (e, p) for e, p in applicants.values_list("establishment_id", "pupil_id").distinct() if p not in placed
    )
    indicators.append(
        _indicator(
            "pupils_without_placement",
            "Élèves candidats encore sans stage",
            "",
            "Élèves ayant candidaté à au moins une offre de la période sans qu'aucune candidature ne soit acceptée.",
            "placements",
            unplaced,
        )
    )
    offers = PlacementOffer.objects.filter(
        commune__in=scope.communes().values("pk"), starts_on__gte=period.starts_on, starts_on__lte=period.ends_on
    ).aggregate(
        offers=Count("pk"),
        places=Sum("places"),
        reserved=Sum("reserved_places"),
        taken_open=Sum("accepted_open"),
        taken_reserved=Sum("accepted_reserved"),
    )
    tables.append(
        Table(
            "placements",
            "Stages",
            ["Stages", "Nombre"],
            [
                ["Offres publiées sur le territoire", offers["offers"]],
                ["Places proposées", offers["places"] or 0],
                ["Places prises", (offers["taken_open"] or 0) + (offers["taken_reserved"] or 0)],
                ["Places réservées REP/REP+", offers["reserved"] or 0],
                ["Places réservées utilisées", offers["taken_reserved"] or 0],
                ["Candidatures d'élèves du territoire", sum(n for _s, e, _r, n in applications if e in establishments)],
            ],
            "Offres dont le lieu est dans le territoire et qui commencent pendant la période ; candidatures des élèves "
            "de ses établissements.",
        )
    )

    # --- satisfaction ----------------------------------------------------------------------------------------
    evaluations = list(
        Evaluation.objects.filter(
            booking__request__establishment__in=in_scope, booking__starts_at__gte=start, booking__starts_at__lt=end
        )
        .values_list("booking__request__establishment_id")
        .annotate(n=Count("pk"), total=Sum("rating"))
    )
    indicators.append(
        _indicator(
            "teacher_rating",
            "Appréciation moyenne des enseignants",
            "/5",
            "Moyenne des appréciations générales (1 à 5) données par les enseignants après les interventions de la "
            "période.",
            "satisfaction",
            split.ratio(
                split.sums((e, t) for e, _n, t in evaluations), split.sums((e, n) for e, n, _t in evaluations), 1
            ),
        )
    )
    survey = list(
        PupilSurveyResponse.objects.filter(
            booking__request__establishment__in=in_scope, booking__starts_at__gte=start, booking__starts_at__lt=end
        )
        .values_list("booking__request__establishment_id")
        .annotate(n=Count("pk"), learned=Count("pk", filter=Q(learned__gte=3)))
    )
    indicators.append(
        _indicator(
            "pupils_learned",
            "Élèves disant avoir appris des choses",
            "%",
            "Part des réponses anonymes d'élèves « assez » ou « beaucoup » à « j'ai appris des choses », après les "
            "interventions de la période.",
            "satisfaction",
            split.ratio(split.sums((e, n) for e, _n, n in survey), split.sums((e, n) for e, n, _l in survey)),
        )
    )

    # --- jobs that recruit covered ----------------------------------------------------------------------------
    recruiting = set(
        TensionIndicator.objects.filter(tension__gte=RECRUITING_TENSION).values_list("rome_v3_code", flat=True)
    )
    covered = (
        Booking.objects.filter(
            request__establishment__in=in_scope, status__in=DONE_STATUSES, starts_at__gte=start, starts_at__lt=end
        )
        .values_list("request__establishment_id", "ambassador__jobs__rome_code")
        .distinct()
    )
    indicators.append(
        _indicator(
            "recruiting_jobs_covered",
            "Métiers qui recrutent présentés",
            "",
            "Métiers (codes ROME) en tension forte ou très forte sur au moins un bassin, exercés par les ambassadeurs "
            "des interventions réalisées pendant la période.",
            "interventions",
            split.distinct((e, code) for e, code in covered if code in recruiting),
        )
    )

    return Steering(scope, period, indicators, tables, establishments, reached_establishments)


def equity_table(steering: Steering) -> Table:
    columns = ["Indicateur", *(NETWORK_LABELS[k] for k in NETWORKS), *(URBAN_LABELS[k] for k in URBAN_CLASSES)]
    rows = [
        [
            i.label,
            *(i.by_priority_network.get(k, 0) for k in NETWORKS),
            *(i.by_urban_class.get(k, 0) for k in URBAN_CLASSES),
        ]
        for i in steering.indicators
    ]
    return Table(
        "equity",
        "Équité : les mêmes chiffres par éducation prioritaire et par commune urbaine ou rurale",
        columns,
        rows,
        "Chaque chiffre est compté comme l'indicateur, pour les seuls établissements du groupe (REP+, REP, hors "
        "éducation prioritaire ; commune urbaine ou rurale selon l'INSEE).",
    )
