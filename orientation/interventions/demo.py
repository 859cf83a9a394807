"""Demo data for interventions: the regional catalogue, a population of ambassadors and approved
requests on the loaded territory (drawn by ``population.generate``: real communes weighted by
population, real establishments, jobs weighted by BMO recruitment projects when the catalogue is
loaded), and the Jules Ferry form teacher's request for "jobs that recruit near us".

Idempotent: nothing is drawn again once the demo population exists.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from orientation.accounts.models import User
from orientation.ambassadors.enums import AmbassadorStatus
from orientation.ambassadors.models import (
    Ambassador,
    AmbassadorJob,
    AvailabilitySlot,
    CharterAcceptance,
    CharterVersion,
    CounterStereotypeDeclaration,
    ModuleCompletion,
    TrainingModule,
)
from orientation.interventions import population, services
from orientation.interventions.models import InterventionFormat
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from orientation.schooling.models import SchoolClass, SchoolYear
from orientation.territory.calendar import SchoolCalendar
from orientation.territory.models import Academy, Commune, Establishment

EMAIL_DOMAIN = "demo.orientation.example"
JULES_FERRY = "0020043L"
DEMO_AMBASSADORS = 60
DEMO_REQUESTS = 40

FORMATS = [
    (
        "temoignage",
        "Témoignage en classe",
        "CLASS_TALK",
        120,
        ["4E", "3E", "3E_SEGPA", "2NDE_GT", "2NDE_PRO"],
        "1.1",
        "",
        "Un professionnel raconte son métier, son parcours et répond aux questions de la classe.",
    ),
    (
        "mixite",
        "Métiers sans stéréotypes",
        "CLASS_TALK",
        120,
        ["4E", "3E", "2NDE_GT"],
        "1.2",
        "",
        "Des professionnels qui bousculent les idées reçues (mixité, handicap) échangent avec la classe.",
    ),
    (
        "visite",
        "Visite d'entreprise",
        "WORKPLACE_VISIT",
        180,
        ["3E", "2NDE_PRO", "CAP_1"],
        "1.1",
        "",
        "La classe découvre un lieu de travail, guidée par un ambassadeur.",
    ),
    (
        "job-dating",
        "Job dating de l'apprentissage",
        "JOB_DATING",
        180,
        ["TLE_PRO", "CAP_2", "TLE_GT"],
        "3.3",
        "",
        "Des rencontres courtes avec des professionnels qui forment des apprentis.",
    ),
    (
        "entretiens",
        "Entretiens d'entraînement",
        "MOCK_INTERVIEWS",
        120,
        ["3E", "TLE_PRO", "CAP_2"],
        "2.1",
        "",
        "Les élèves s'entraînent à un entretien de stage ou d'apprentissage avec un professionnel.",
    ),
    (
        "forum",
        "Stand sur un forum des métiers",
        "FORUM_STAND",
        240,
        [],
        "3.1",
        "",
        "Un ambassadeur tient un stand sur un forum organisé par l'établissement.",
    ),
    (
        "bus",
        "Étape du bus de l'orientation",
        "BUS_STOP",
        120,
        ["4E", "3E"],
        "2.2",
        "",
        "Un ambassadeur accompagne l'étape du bus de l'orientation dans l'établissement.",
    ),
    (
        "idee",
        "Atelier « esprit d'entreprendre » (IDEE)",
        "ENTREPRENEURSHIP",
        180,
        ["2NDE_GT", "1RE_GT", "2NDE_PRO"],
        "1.3",
        "IDEE",
        "Les élèves imaginent un projet d'entreprise avec un entrepreneur.",
    ),
    (
        "pepite",
        "Atelier entrepreneuriat étudiant (PEPITE)",
        "ENTREPRENEURSHIP",
        180,
        ["SUP_1", "SUP_2", "SUP_3"],
        "1.3",
        "PEPITE",
        "Des étudiants découvrent le statut d'étudiant-entrepreneur avec un créateur d'entreprise.",
    ),
]

FALLBACK_JOBS = {
    "H2913": 40.0,
    "J1501": 60.0,
    "N4101": 50.0,
    "K2204": 45.0,
    "D1102": 30.0,
    "I1604": 25.0,
    "M1607": 20.0,
    "F1703": 35.0,
    "A1414": 15.0,
    "G1602": 55.0,
}


def _catalogue(stdout) -> None:
    for code, name, kind, minutes, levels, objective, label, description in FORMATS:
        _, created = InterventionFormat.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "duration_minutes": minutes,
                "target_levels": levels,
                "axis": objective[0],
                "objective": objective,
                "label": label,
                "description": description,
            },
        )
        if created:
            stdout.write(f"  Format d'intervention : {name}")


def load_from_db() -> population.Inputs:
    """The generator's inputs from the loaded territory and catalogue."""
    sites = []
    for e in Establishment.objects.filter(kind="COLLEGE").select_related("commune").exclude(latitude=None):
        label = {"REP": "REP", "REP_PLUS": "REP+"}.get(e.priority_network, "")
        if not label and e.commune.urban_class == "RURAL":
            label = "en zone rurale"
        sites.append(population.Site(e.pk, e.name, e.latitude, e.longitude, float(e.pupils or 300), bool(label), label))
    homes = [
        population.Home(c.latitude, c.longitude, float(c.population or 100), c.name)
        for c in Commune.objects.exclude(latitude=None).only("latitude", "longitude", "population", "name")
    ]
    return population.Inputs(sites=sites, homes=homes, job_weights=_job_weights())


def _job_weights() -> dict[str, float]:
    try:
        from orientation.catalog.models import RecruitmentNeed, RomeFapLink
    except ImportError:
        return dict(FALLBACK_JOBS)
    projects = dict(
        RecruitmentNeed.objects.values_list("family_id")
        .annotate(total=Sum("projects"))
        .values_list("family_id", "total")
    )
    links: dict[int, set[str]] = {}
    for family_id, code in RomeFapLink.objects.values_list("family_id", "rome_v3_code"):
        links.setdefault(family_id, set()).add(code)
    weights: dict[str, float] = {}
    for family_id, total in projects.items():
        codes = links.get(family_id) or set()
        for code in codes:
            weights[code] = weights.get(code, 0.0) + (total or 0) / len(codes)
    return {k: v for k, v in weights.items() if v > 0} or dict(FALLBACK_JOBS)


def _next_monday() -> date:
    """The first Monday, two weeks ahead or later, of a whole week of classes (the region's
    académies share one holiday zone; the demo's requests all fall in that week)."""
    zone = Academy.objects.exclude(holiday_zone="").values_list("holiday_zone", flat=True).first() or ""
    calendar = SchoolCalendar(zone)
    today = timezone.localdate()
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7) + timedelta(weeks=2)
    while len(list(calendar.open_days(monday, monday + timedelta(days=4)))) < 5:
        monday += timedelta(weeks=1)
    return monday


def _ambassadors(needs_inputs, week, stdout) -> None:
    _, candidates, _ = population.generate(
        needs_inputs, n_requests=1, n_ambassadors=DEMO_AMBASSADORS, week_start=week, seed=11
    )
    communes = list(Commune.objects.exclude(latitude=None).only("pk", "latitude", "longitude"))
    version = CharterVersion.objects.current()
    modules = list(TrainingModule.objects.filter(is_required=True))
    now = timezone.now()
    for cand in candidates:
        email = f"ambassadeur.{cand.id:03d}@{EMAIL_DOMAIN}"
        user, _ = User.objects.get_or_create(
            email=email, defaults={"first_name": "Ambassadeur", "last_name": f"n° {cand.id}"}
        )
        user.set_unusable_password()
        user.save()
        commune = min(communes, key=lambda c: (c.latitude - cand.lat) ** 2 + (c.longitude - cand.lon) ** 2)
        ambassador = Ambassador.objects.create(
            user=user,
            employer_name="Entreprise de démonstration",
            commune=commune,
            travel_radius_km=int(cand.radius_km),
            languages=["français"],
            bio="Je présente mon métier aux élèves.",
            bio_is_published=True,
            status=AmbassadorStatus.ACTIVE,
            verified_at=now,
            verification_note="Profil de démonstration",
        )
        Membership.objects.get_or_create(user=user, role=Role.AMBASSADOR)
        for code in sorted(cand.rome_codes):
            AmbassadorJob.objects.create(ambassador=ambassador, rome_code=code, appellation=f"Métier {code}")
        for weekday, start, end in cand.weekly:
            AvailabilitySlot.objects.create(
                ambassador=ambassador, weekday=weekday, starts_at=time(start // 60), ends_at=time(end // 60)
            )
        if cand.counter_stereotype:
            CounterStereotypeDeclaration.objects.create(
                ambassador=ambassador, kind="WOMAN_IN_MALE_JOB", explanation="Profil de démonstration"
            )
        if version:
            CharterAcceptance.objects.create(ambassador=ambassador, version=version)
        for module in modules:
            ModuleCompletion.objects.create(ambassador=ambassador, module=module, score=1)
    stdout.write(f"  {len(candidates)} ambassadeurs de démonstration créés (communes réelles, métiers pondérés BMO).")


def _requests(inputs, week, stdout) -> None:
    needs, _, _ = population.generate(inputs, n_requests=DEMO_REQUESTS, n_ambassadors=1, week_start=week, seed=12)
    year = SchoolYear.objects.filter(is_current=True).first()
    fmt = InterventionFormat.objects.get(code="temoignage")
    if year is None:
        return
    establishments = Establishment.objects.in_bulk([n.establishment_id for n in needs])
    made = 0
    for need in needs:
        establishment = establishments[need.establishment_id]
        head_email = f"direction.{establishment.uai.lower()}@{EMAIL_DOMAIN}"
        head, created = User.objects.get_or_create(
            email=head_email, defaults={"first_name": "Direction", "last_name": establishment.name[:100]}
        )
        if created:
            head.set_unusable_password()
            head.save()
            Membership.objects.create(user=head, role=Role.HEAD, establishment=establishment)
        school_class, _ = SchoolClass.objects.get_or_create(
            establishment=establishment, school_year=year, name="3e Démo", defaults={"level": "3E", "size": 25}
        )
        request = services.intervention_request(
            actor=head,
            school_class=school_class,
            format=fmt,
            windows=list(need.windows),
            wish_kind=need.wish_kind,
            rome_codes=sorted(need.wished),
            sector="Secteur souhaité" if need.wish_kind == "SECTOR" else "",
        )
        services.booking_approve(booking=request.booking, actor=head)
        made += 1
    stdout.write(f"  {made} demandes d'intervention validées, prêtes pour l'appariement groupé.")


def _welder_near_jules_ferry(stdout) -> None:
    """The journey's counter-stereotype role model: a woman welder about 30 km from Rozoy-sur-Serre."""
    school = Establishment.objects.filter(uai=JULES_FERRY).select_related("commune").first()
    email = f"soudeuse.thierache@{EMAIL_DOMAIN}"
    if school is None or school.latitude is None or User.objects.filter(email=email).exists():
        return
    from orientation.core.geo import haversine_km

    communes = [c for c in Commune.objects.exclude(latitude=None) if c.pk != school.commune_id]
    commune = min(
        communes or [school.commune],
        key=lambda c: abs(haversine_km(school.latitude, school.longitude, c.latitude, c.longitude) - 30),
    )
    user = User.objects.create(email=email, first_name="Laura", last_name="Mercier")
    user.set_unusable_password()
    user.save()
    ambassador = Ambassador.objects.create(
        user=user,
        employer_name="Chaudronnerie de Thiérache",
        commune=commune,
        travel_radius_km=60,
        languages=["français"],
        bio="Soudeuse en chaudronnerie. J'ai découvert le métier en stage de 3e.",
        bio_is_published=True,
        status=AmbassadorStatus.ACTIVE,
        verified_at=timezone.now(),
        verification_note="Profil de démonstration",
    )
    Membership.objects.get_or_create(user=user, role=Role.AMBASSADOR)
    AmbassadorJob.objects.create(ambassador=ambassador, rome_code="H2913", appellation="Soudeuse")
    for weekday in (0, 2):
        AvailabilitySlot.objects.create(
            ambassador=ambassador, weekday=weekday, starts_at=time(13, 30), ends_at=time(17, 30)
        )
    CounterStereotypeDeclaration.objects.create(
        ambassador=ambassador, kind="WOMAN_IN_MALE_JOB", explanation="Une femme dans un métier de l'industrie."
    )
    version = CharterVersion.objects.current()
    if version:
        CharterAcceptance.objects.create(ambassador=ambassador, version=version)
    for module in TrainingModule.objects.filter(is_required=True):
        ModuleCompletion.objects.create(ambassador=ambassador, module=module, score=1)
    stdout.write(f"  Ambassadrice soudeuse près du collège Jules Ferry : {commune.name}.")


def _jules_ferry(week, stdout) -> None:
    teacher = User.objects.filter(email__iexact=f"professeur.principal@{EMAIL_DOMAIN}").first()
    school_class = SchoolClass.objects.filter(establishment__uai=JULES_FERRY, name="3e A").first()
    fmt = InterventionFormat.objects.get(code="temoignage")
    if teacher is None or school_class is None or school_class.intervention_requests.exists():
        return
    windows = [
        population.week_slots(week)[n]
        for n in (1, 5)  # Monday and Wednesday afternoons
    ]
    services.intervention_request(
        actor=teacher,
        school_class=school_class,
        format=fmt,
        windows=windows,
        wish_kind="RECRUITING_NEAR",
        description="La classe prépare la semaine d'observation en entreprise.",
    )
    stdout.write("  Demande de la professeure principale du collège Jules Ferry (métiers qui recrutent).")


@transaction.atomic
def build(stdout) -> None:
    _catalogue(stdout)
    week = _next_monday()
    if not User.objects.filter(email__startswith="ambassadeur.001@").exists():
        inputs = load_from_db()
        if inputs.sites and inputs.homes:
            _ambassadors(inputs, week, stdout)
            _requests(inputs, week, stdout)
    _welder_near_jules_ferry(stdout)
    _jules_ferry(week, stdout)
