"""Catalogue factories (most catalogue tests import the sample files instead: see conftest)."""

import factory

from orientation.catalog.enums import TrainingSource
from orientation.catalog.models import Job, Training


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job
        django_get_or_create = ("rome_code",)

    rome_code = factory.Sequence(lambda n: f"K{n % 10000:04d}")
    title = factory.Sequence(lambda n: f"Métier {n}")


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    code = factory.Sequence(lambda n: f"FOR.{n}")
    source = TrainingSource.values[0]
    title = factory.Sequence(lambda n: f"CAP métier {n}")
