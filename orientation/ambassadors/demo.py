"""Demo data for ambassadors: the charter, two training modules, and the demo ambassador's profile
(a welder near Lens whose son is in a collège of Liévin: she is never sent there).

Runs after the demo accounts (``demo_data``); idempotent. Writes go through the services.
"""

from datetime import time

from django.db import transaction

from orientation.accounts.models import User
from orientation.ambassadors import services
from orientation.ambassadors.enums import AmbassadorStatus, InterestKind
from orientation.ambassadors.models import Ambassador, CharterVersion, QuizQuestion, TrainingModule, TrainingPage
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from orientation.territory.models import Commune, Establishment

EMAIL_DOMAIN = "demo.orientation.example"
LENS, LIEVIN = "62498", "62510"

CHARTER = """Je viens présenter mon métier, tel qu'il est : ses réalités, ses difficultés, ce qu'il m'apporte.
Je ne fais aucune publicité : ni pour mon entreprise, ni pour une école, ni pour une marque.
Je ne recrute pas pendant une intervention et je ne laisse pas mes coordonnées personnelles.
Je respecte chaque élève, sans préjugé sur son genre, son origine, son handicap ou son quartier.
Je montre que chaque métier est ouvert à toutes et à tous.
Je déclare tout lien avec un établissement : je ne suis jamais envoyé là où j'ai un intérêt.
Je préviens le plus tôt possible si je ne peux pas venir."""

MODULES = [
    (
        "stereotypes",
        "Stéréotypes et représentations des métiers",
        [
            (
                "Ce qu'est un stéréotype",
                "Une idée toute faite sur un groupe : « l'informatique, c'est pour les garçons ». "
                "Les élèves les entendent tôt ; un professionnel qui les contredit par son parcours les fait tomber.",
            ),
            (
                "Comment en parler",
                "Racontez votre parcours, vos collègues, sans dire « ce métier est fait pour… ». "
                "Utilisez les deux genres : « les soudeuses et les soudeurs ».",
            ),
        ],
        [
            (
                "Un métier est-il réservé aux filles ou aux garçons ?",
                ["Oui, certains", "Non, chacun peut l'exercer"],
                1,
            ),
            (
                "Quelle phrase évite un stéréotype ?",
                ["Les infirmières et les infirmiers", "Ce métier est fait pour les hommes"],
                0,
            ),
        ],
    ),
    (
        "projet-orientation",
        "Comment un jeune construit son projet d'orientation",
        [
            (
                "Un projet qui évolue",
                "À 14 ans, un projet change souvent : c'est normal. Votre rôle est d'ouvrir des "
                "portes, pas de choisir à la place de l'élève.",
            ),
            (
                "Les voies de formation",
                "Voie professionnelle, apprentissage, voie générale : présentez-les à égalité, "
                "sans recommander une école en particulier.",
            ),
        ],
        [
            ("Votre rôle pendant l'intervention ?", ["Ouvrir des portes", "Dire à l'élève quoi choisir"], 0),
        ],
    ),
]


def _coordinator_for(commune):
    memberships = Membership.objects.active().filter(role=Role.COORDINATOR).select_related("user")
    for m in memberships:
        if commune and (
            m.department_id == commune.department_id
            or m.academy_id == commune.department.academy_id
            or m.region_id == commune.department.academy.region_id
        ):
            return m.user
    return None


@transaction.atomic
def build(stdout) -> None:
    if not CharterVersion.objects.exists():
        CharterVersion.objects.create(number=1, title="Charte des ambassadeurs métiers", body=CHARTER)
        stdout.write("  Charte des ambassadeurs publiée (version 1).")
    for position, (slug, title, pages, questions) in enumerate(MODULES, start=1):
        module, created = TrainingModule.objects.get_or_create(
            slug=slug, defaults={"title": title, "position": position, "pass_mark": len(questions)}
        )
        if created:
            for n, (page_title, body) in enumerate(pages, start=1):
                TrainingPage.objects.create(module=module, position=n, title=page_title, body=body)
            for n, (text, choices, correct) in enumerate(questions, start=1):
                QuizQuestion.objects.create(
                    module=module, position=n, text=text, choices=choices, correct_index=correct
                )
            stdout.write(f"  Module de formation créé : {title}")

    user = User.objects.filter(email__iexact=f"ambassadrice@{EMAIL_DOMAIN}").first()
    commune = Commune.objects.filter(insee_code=LENS).first() or Commune.objects.exclude(latitude=None).first()
    if user is None or commune is None or Ambassador.objects.filter(user=user).exists():
        return
    ambassador = services.ambassador_sign_up(
        user=user,
        employer_name="Ateliers métalliques de l'Artois",
        commune=commune,
        jobs=[("H2913", "Soudeuse")],
        travel_radius_km=40,
        languages=["français"],
        bio="Je suis soudeuse depuis douze ans. J'ai commencé par un CAP, puis un bac pro en alternance. "
        "Dans l'atelier, on est deux femmes sur vingt : venez voir que c'est possible !",
        slots=[(3, time(13, 30), time(17, 30)), (1, time(8, 30), time(12))],
        counter_stereotypes=[("WOMAN_IN_MALE_JOB", "Une des rares femmes soudeuses de l'atelier.")],
    )
    version = CharterVersion.objects.current()
    services.charter_accept(ambassador=ambassador, version=version, actor=user)
    for module in TrainingModule.objects.all():
        answers = [q.correct_index for q in module.questions.all()]
        services.module_complete(ambassador=ambassador, module=module, answers=answers, actor=user)
    lievin_college = Establishment.objects.filter(commune__insee_code=LIEVIN, kind="COLLEGE").order_by("uai").first()
    if lievin_college:
        services.interest_declare(
            ambassador=ambassador,
            kind=InterestKind.CHILD_ENROLLED,
            establishment=lievin_college,
            details="Mon fils est en 4e.",
            actor=user,
        )
    coordinator = _coordinator_for(commune)
    if coordinator:
        services.ambassador_transition(
            ambassador=ambassador,
            to_status=AmbassadorStatus.VERIFIED,
            actor=coordinator,
            evidence="Diplôme (bac pro) et attestation d'employeur vus.",
        )
        services.ambassador_transition(ambassador=ambassador, to_status=AmbassadorStatus.ACTIVE, actor=coordinator)
    stdout.write(f"  Ambassadrice de démonstration : {user.email} ({ambassador.get_status_display()})")
