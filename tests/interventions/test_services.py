import re
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from orientation.ambassadors.enums import InterestKind
from orientation.ambassadors.models import InterestDeclaration
from orientation.ambassadors.services import charter_version_publish
from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.interventions import services
from orientation.interventions.enums import BookingStatus
from orientation.interventions.models import Booking, BookingStatusLog, Proposal
from orientation.moderation.enums import ModerationStatus
from orientation.moderation.models import ModerationItem
from orientation.moderation.services import item_decide
from orientation.schooling.models import ActivityRecord
from orientation.territory.calendar import SchoolCalendar
from tests.accounts.factories import UserFactory
from tests.ambassadors.factories import AmbassadorFactory
from tests.interventions.factories import PARIS
from tests.territory.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def make_request(w, **kw):
    kwargs = {
        "actor": w.teacher,
        "school_class": w.school_class,
        "format": w.format,
        "windows": w.windows,
        "rome_codes": ["D1102"],
        "description": "La classe prépare son stage de 3e.",
    }
    kwargs.update(kw)
    return services.intervention_request(**kwargs)


def proposed(w, ambassador=None):
    request = make_request(w)
    booking = services.booking_approve(booking=request.booking, actor=w.head)
    return services.booking_propose(
        booking=booking, ambassador=ambassador or w.ambassador, starts_at=w.start, actor=w.coordinator
    )


def confirmed(w):
    booking = proposed(w)
    services.booking_accept(booking=booking, actor=w.ambassador.user)
    return services.booking_confirm(booking=booking, actor=w.head)


def statuses(booking):
    return list(BookingStatusLog.objects.filter(booking=booking).values_list("to_status", flat=True))


class TestRequest:
    def test_teacher_requests_and_head_is_told_after_commit(
        self, world, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            request = make_request(world)
        assert request.booking.status == BookingStatus.REQUESTED
        assert request.description_is_published
        assert [m.to for m in mailoutbox] == [[world.head.email]]

    def test_outsider_cannot_request(self, world):
        with pytest.raises(PermissionDeniedError):
            make_request(world, actor=UserFactory())

    def test_level_must_be_targeted(self, world):
        world.format.target_levels = ["2NDE_GT"]
        world.format.save()
        with pytest.raises(DomainError, match="niveau"):
            make_request(world)

    def test_windows_future_and_long_enough(self, world):
        past = timezone.now() - timedelta(days=1)
        with pytest.raises(DomainError, match="futur"):
            make_request(world, windows=[(past, past + timedelta(hours=3))])
        with pytest.raises(DomainError, match="120 minutes"):
            make_request(world, windows=[(world.start, world.start + timedelta(hours=1))])
        with pytest.raises(DomainError, match="au moins un créneau"):
            make_request(world, windows=[])

    def test_windows_on_days_without_school_are_refused_with_the_reason(self, world):
        zone_b = SchoolCalendar("B")
        day = timezone.localdate() + timedelta(days=1)
        while day.weekday() >= 5 or not zone_b.school_holiday(day):
            day += timedelta(days=1)
        start = datetime.combine(day, time(9), tzinfo=PARIS)
        with pytest.raises(DomainError, match=re.escape(f"jour sans classe : {zone_b.closure(day)}.")):
            make_request(world, windows=[(start, start + timedelta(hours=3))])
        sunday = world.start - timedelta(days=1)
        with pytest.raises(DomainError, match="dimanche"):
            make_request(world, windows=[(sunday, sunday + timedelta(hours=3))])

    def test_flagged_description_is_moderated(self, world):
        request = make_request(world, description="Venez nous voir au lycée, la meilleure école !")
        assert not request.description_is_published
        item = ModerationItem.objects.get()
        assert item.department == world.school.commune.department
        item_decide(item=item, actor=world.coordinator, approve=True)
        request.refresh_from_db()
        assert request.description_is_published
        assert ModerationItem.objects.get().status == ModerationStatus.APPROVED


class TestWorkflow:
    def test_full_path_logs_every_step_and_credits_hours(self, world, mailoutbox, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            booking = confirmed(world)
        assert booking.status == BookingStatus.CONFIRMED
        assert world.ambassador.user.email in mailoutbox[-1].to
        Booking.objects.filter(pk=booking.pk).update(
            starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
        )
        booking = services.booking_done(booking=booking, actor=world.teacher)
        record = ActivityRecord.objects.get()
        assert record.school_class == world.school_class
        assert record.hours == Decimal("2.00")
        services.booking_evaluate(booking=booking, actor=world.teacher, rating=5, met_objective=True)
        assert statuses(booking) == ["REQUESTED", "APPROVED", "PROPOSED", "ACCEPTED", "CONFIRMED", "DONE", "EVALUATED"]

    def test_only_head_approves(self, world):
        request = make_request(world)
        with pytest.raises(PermissionDeniedError):
            services.booking_approve(booking=request.booking, actor=world.teacher)

    def test_cannot_skip_steps(self, world):
        request = make_request(world)
        with pytest.raises(DomainError, match="Impossible"):
            services.booking_propose(
                booking=request.booking, ambassador=world.ambassador, starts_at=world.start, actor=world.coordinator
            )

    def test_only_the_proposed_ambassador_accepts(self, world):
        booking = proposed(world)
        with pytest.raises(PermissionDeniedError):
            services.booking_accept(booking=booking, actor=world.teacher)

    def test_decline_then_propose_someone_else(self, world):
        booking = proposed(world)
        services.booking_decline(booking=booking, actor=world.ambassador.user, reason="Indisponible")
        other = AmbassadorFactory(ready=True)
        booking = services.booking_propose(
            booking=booking, ambassador=other, starts_at=world.start, actor=world.coordinator
        )
        assert booking.ambassador == other
        assert statuses(booking)[-2:] == ["DECLINED", "PROPOSED"]

    def test_cancel_needs_reason_at_each_step(self, world):
        booking = proposed(world)
        with pytest.raises(DomainError, match="motif"):
            services.booking_cancel(booking=booking, actor=world.head, reason=" ")
        booking = services.booking_cancel(booking=booking, actor=world.head, reason="Sortie scolaire")
        assert booking.status == BookingStatus.CANCELLED
        assert booking.cancel_reason == "Sortie scolaire"
        with pytest.raises(DomainError, match="Impossible"):
            services.booking_cancel(booking=booking, actor=world.head, reason="encore")

    def test_done_not_before_it_happens(self, world):
        booking = confirmed(world)
        with pytest.raises(DomainError, match="pas encore eu lieu"):
            services.booking_done(booking=booking, actor=world.teacher)

    def test_new_charter_version_blocks_acceptance(self, world):
        booking = proposed(world)
        charter_version_publish(number=2, title="Charte", body="v2", actor=world.coordinator)
        with pytest.raises(DomainError, match="charte"):
            services.booking_accept(booking=booking, actor=world.ambassador.user)

    def test_pupil_survey_after_done_and_capped_by_class_size(self, world):
        booking = confirmed(world)
        with pytest.raises(DomainError, match="après l'intervention"):
            services.pupil_survey_answer(booking=booking, learned=4, interested=3, changed_view=2)
        Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.DONE)
        world.school_class.size = 1
        world.school_class.save()
        services.pupil_survey_answer(booking=booking, learned=4, interested=3, changed_view=2)
        with pytest.raises(DomainError, match="Toute la classe"):
            services.pupil_survey_answer(booking=booking, learned=4, interested=3, changed_view=2)


class TestProposalRules:
    def test_conflict_of_interest_refused(self, world):
        InterestDeclaration.objects.create(
            ambassador=world.ambassador, kind=InterestKind.CHILD_ENROLLED, establishment=world.school
        )
        request = make_request(world)
        booking = services.booking_approve(booking=request.booking, actor=world.head)
        with pytest.raises(DomainError, match="Conflit d'intérêts"):
            services.booking_propose(
                booking=booking, ambassador=world.ambassador, starts_at=world.start, actor=world.coordinator
            )

    def test_ended_interest_no_longer_blocks(self, world):
        InterestDeclaration.objects.create(
            ambassador=world.ambassador,
            kind=InterestKind.FORMER_EMPLOYER,
            establishment=world.school,
            ended_on=timezone.localdate() - timedelta(days=1),
        )
        assert proposed(world).status == BookingStatus.PROPOSED

    def test_not_verified_refused(self, world):
        pending = AmbassadorFactory()
        request = make_request(world)
        booking = services.booking_approve(booking=request.booking, actor=world.head)
        with pytest.raises(DomainError, match="ne peut pas être proposé"):
            services.booking_propose(
                booking=booking, ambassador=pending, starts_at=world.start, actor=world.coordinator
            )

    def test_training_missing_refused(self, world):
        untrained = AmbassadorFactory(ready=True, trained=False)
        request = make_request(world)
        booking = services.booking_approve(booking=request.booking, actor=world.head)
        with pytest.raises(DomainError, match="formation"):
            services.booking_propose(
                booking=booking, ambassador=untrained, starts_at=world.start, actor=world.coordinator
            )

    def test_out_of_range_refused(self, world):
        far = AmbassadorFactory(ready=True, commune=CommuneFactory(amiens=True), travel_radius_km=20)
        request = make_request(world)
        booking = services.booking_approve(booking=request.booking, actor=world.head)
        with pytest.raises(DomainError, match="trop loin"):
            services.booking_propose(booking=booking, ambassador=far, starts_at=world.start, actor=world.coordinator)

    def test_double_booking_refused_by_service(self, world):
        proposed(world)
        with pytest.raises(DomainError, match="déjà une intervention"):
            proposed(world)

    def test_double_booking_refused_by_database(self, world):
        first = proposed(world)
        second = make_request(world).booking
        second.status = BookingStatus.PROPOSED
        second.ambassador = world.ambassador
        second.starts_at = first.starts_at + timedelta(minutes=30)
        second.ends_at = first.ends_at + timedelta(minutes=30)
        with pytest.raises(IntegrityError), transaction.atomic():
            second.save()

    def test_cancelled_booking_frees_the_ambassador(self, world):
        first = proposed(world)
        services.booking_cancel(booking=first, actor=world.head, reason="Grève")
        assert proposed(world).status == BookingStatus.PROPOSED

    def test_proposals_ranked_with_reasons(self, world):
        AmbassadorFactory(ready=True, rome_codes=["K2111"])
        request = make_request(world)
        proposals = services.proposals_refresh(request=request, actor=world.coordinator)
        assert proposals[0].ambassador_id == world.ambassador.pk
        assert len(proposals) == 2
        assert any("REP+" in r for r in proposals[0].reasons)
        assert Proposal.objects.count() == 2

    def test_proposals_need_coordinator(self, world):
        request = make_request(world)
        with pytest.raises(PermissionDeniedError):
            services.proposals_refresh(request=request, actor=world.head)

    def test_batch_match_then_confirm(self, world):
        second = AmbassadorFactory(ready=True)
        bookings = []
        for _ in range(3):
            request = make_request(world)
            bookings.append(services.booking_approve(booking=request.booking, actor=world.head))
        lines = services.batch_match(bookings=bookings, actor=world.coordinator)
        served = [line for line in lines if line.ambassador_id]
        assert len(served) == 2  # two ambassadors, one half-day: the third request waits
        assert {line.ambassador_id for line in served} == {world.ambassador.pk, second.pk}
        [waiting] = [line for line in lines if not line.ambassador_id]
        assert "tous pris au même moment" in waiting.reasons[0]
        from orientation.ambassadors.models import Ambassador

        errors = services.batch_confirm(
            choices=[(line.booking, Ambassador.objects.get(pk=line.ambassador_id), line.starts_at) for line in served],
            actor=world.coordinator,
        )
        assert errors == []
        assert Booking.objects.filter(status=BookingStatus.PROPOSED).count() == 2
