import io

import pytest
from django.urls import reverse

from orientation.catalog import demo
from orientation.catalog.models import Job, RecruitmentNeed, TrainingOffer
from orientation.territory.demo_territory import build_demo_territory

pytestmark = pytest.mark.django_db


def test_demo_catalogue_builds_once_and_its_pages_work(client):
    build_demo_territory()
    out = io.StringIO()
    demo.build(out)
    assert Job.objects.count() == len(demo.JOBS)
    assert TrainingOffer.objects.exists()
    assert RecruitmentNeed.objects.filter(basin__isnull=False).exists()
    demo.build(out)  # a second run adds nothing
    assert "déjà chargé" in out.getvalue()
    assert client.get(reverse("catalog:job", args=["H2913"])).status_code == 200
    assert client.get(reverse("catalog:recruiting"), {"bassin": "3227"}).status_code == 200


def test_demo_is_not_mixed_with_a_real_catalogue(imported):
    before = Job.objects.count()
    demo.build(io.StringIO())
    assert Job.objects.count() == before
