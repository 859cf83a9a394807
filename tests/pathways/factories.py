"""Pathway factories: a saved job, a reflection on a pupil's credit."""

import factory

from orientation.pathways.models import Reflection, SavedItem
from tests.accounts.factories import UserFactory
from tests.catalog.factories import JobFactory
from tests.schooling.factories import ActivityRecordFactory


class SavedItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedItem

    pupil = factory.SubFactory(UserFactory)
    job = factory.SubFactory(JobFactory)


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflection

    activity = factory.SubFactory(ActivityRecordFactory, pupil=factory.SubFactory(UserFactory))
    text = "J'ai découvert le métier de boulangère."
