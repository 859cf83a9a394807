"""Ambassadors, charters and training modules (people, places and classes come from their own apps' factories)."""

from datetime import time

import factory
from django.utils import timezone

from orientation.ambassadors.enums import AmbassadorStatus
from orientation.ambassadors.models import (
    Ambassador,
    AmbassadorJob,
    AvailabilitySlot,
    CharterAcceptance,
    CharterVersion,
    ModuleCompletion,
    QuizQuestion,
    TrainingModule,
    TrainingPage,
)
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from tests.accounts.factories import UserFactory
from tests.territory.factories import CommuneFactory


class AmbassadorFactory(factory.django.DjangoModelFactory):
    """A proposable ambassador by default? No: PENDING. Use the ``ready`` trait for a proposable one."""

    class Meta:
        model = Ambassador
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, first_name="Inès")
    employer_name = "Boulangerie du Vieux-Lille"
    commune = factory.SubFactory(CommuneFactory, lille=True)
    travel_radius_km = 30
    languages = factory.LazyFunction(lambda: ["français"])
    bio = "Je suis boulangère depuis dix ans."
    bio_is_published = True

    class Params:
        ready = factory.Trait(status=AmbassadorStatus.ACTIVE, verified_at=factory.LazyFunction(timezone.now))

    @factory.post_generation
    def rome_codes(obj, create, extracted, **kwargs):
        if create:
            for code in extracted or ["D1102"]:
                AmbassadorJob.objects.create(ambassador=obj, rome_code=code, appellation=f"Métier {code}")

    @factory.post_generation
    def weekly(obj, create, extracted, **kwargs):
        """Available every weekday 8:00–18:00 unless told otherwise."""
        if create:
            for weekday in extracted if extracted is not None else range(5):
                AvailabilitySlot.objects.create(ambassador=obj, weekday=weekday, starts_at=time(8), ends_at=time(18))

    @factory.post_generation
    def trained(obj, create, extracted, **kwargs):
        """With ``ready``: accept the current charter and complete every required module."""
        if create and obj.status == AmbassadorStatus.ACTIVE and extracted is not False:
            current = CharterVersion.objects.current()
            if current:
                CharterAcceptance.objects.create(ambassador=obj, version=current)
            for module in TrainingModule.objects.filter(is_required=True):
                ModuleCompletion.objects.create(ambassador=obj, module=module, score=1)
        if create:
            Membership.objects.get_or_create(user=obj.user, role=Role.AMBASSADOR)


class CharterVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterVersion

    number = factory.Sequence(lambda n: n + 1)
    title = "Charte des ambassadeurs métiers"
    body = "Je présente mon métier sans faire de publicité. Je respecte chaque élève."


class TrainingModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingModule
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"module-{n}")
    title = "Stéréotypes et représentations"
    pass_mark = 1

    @factory.post_generation
    def content(obj, create, extracted, **kwargs):
        if create:
            TrainingPage.objects.create(module=obj, position=1, title="Les stéréotypes", body="Un stéréotype…")
            QuizQuestion.objects.create(
                module=obj,
                position=1,
                text="Un métier est-il réservé aux filles ou aux garçons ?",
                choices=["Oui", "Non, chacun peut l'exercer"],
                correct_index=1,
            )
