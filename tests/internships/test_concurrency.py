"""Many simultaneous acceptances at an offer with few places (PostgreSQL only: SQLite serialises writers)."""

import threading

import pytest
from django.db import connection, connections, transaction

from orientation.core.errors import DomainError
from orientation.internships import services
from orientation.internships.models import Application, PlacementOffer
from orientation.territory.models import Commune
from tests.internships.conftest import bring_to_validated
from tests.internships.factories import OfferFactory
from tests.organisations.factories import CompanyFactory, coordinator_of, member_of, staff_of
from tests.schooling.factories import pupil_in
from tests.territory.factories import EstablishmentFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

THREADS = 12


def test_simultaneous_acceptances_never_overbook():
    company = CompanyFactory()
    host = member_of(company)
    offer = OfferFactory(company=company, places=3, reserved_places=1, with_reserved=True)
    priority_school = EstablishmentFactory(arras=True, rep_plus=True)
    ordinary_school = EstablishmentFactory(arras=True)
    flow = {"school": priority_school, "teacher": None}
    applications = []
    for i in range(THREADS):
        school = priority_school if i % 3 == 0 else ordinary_school
        pupil = pupil_in(school, minor=False)
        flow["teacher"] = staff_of(school)
        flow["school"] = school
        applications.append(bring_to_validated(flow, pupil=pupil, offer=offer))

    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def accept(application):
        try:
            barrier.wait()
            services.application_accept(actor=host, application=application)
            result = "accepted"
        except DomainError:
            result = "refused"
        except Exception as exc:
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=accept, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [o for o in outcomes if o.startswith("error")] == []
    offer.refresh_from_db()
    accepted = Application.objects.filter(offer=offer, status="ACCEPTED")
    assert outcomes.count("accepted") == accepted.count() == offer.accepted_total == 3
    assert accepted.filter(on_reserved_place=True).count() == offer.accepted_reserved == 1
    assert PlacementOffer.objects.get(pk=offer.pk).accepted_open == 2


def test_moderating_an_offer_locks_the_offer_only_not_its_commune_department_academy():
    # An offer users reported (a flagged text goes through the moderation queue instead).
    offer = OfferFactory()
    PlacementOffer.objects.filter(pk=offer.pk).update(status="DRAFT")
    coordinator = coordinator_of(offer.commune.department)
    commune_locked, release = threading.Event(), threading.Event()

    def hold_the_commune_row():
        try:
            with transaction.atomic():
                Commune.objects.select_for_update().get(pk=offer.commune_id)
                commune_locked.set()
                release.wait(timeout=10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_commune_row)
    holder.start()
    try:
        assert commune_locked.wait(timeout=10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        cleared = services.offer_moderation_clear(actor=coordinator, offer=offer)
    finally:
        release.set()
        holder.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert cleared.status == "PUBLISHED"
