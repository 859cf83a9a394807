import datetime as dt

import pytest
from django.core import mail, signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.internships import services
from orientation.internships.enums import ApplicationStatus, ConsentDecision, OfferStatus, Party
from orientation.internships.models import Application, OfferReport, PlacementOffer
from orientation.internships.services.offers import OFFER
from orientation.internships.workflow import APPLICATION
from orientation.moderation.enums import ModerationStatus
from orientation.moderation.models import ModerationItem
from orientation.moderation.services import item_decide
from orientation.schooling.models import ActivityRecord
from tests.accounts.factories import UserFactory
from tests.internships.conftest import bring_to_validated, submit
from tests.internships.factories import OfferFactory, next_monday
from tests.organisations.factories import CompanyFactory, coordinator_of, member_of, staff_of
from tests.schooling.factories import pupil_in
from tests.territory.factories import CommuneFactory, EstablishmentFactory

pytestmark = pytest.mark.django_db


def offer_fields(**overrides):
    start = next_monday()
    fields = {
        "kind": "OBSERVATION_3E",
        "title": "Une semaine au fournil",
        "description": "Voir comment on fait le pain.",
        "job_label": "Boulanger",
        "rome_code": "D1102",
        "commune": CommuneFactory(arras=True),
        "address": "3 place des Héros",
        "starts_on": start,
        "ends_on": start + dt.timedelta(days=4),
        "places": 2,
        "reserved_places": 1,
        "reserved_until": timezone.localdate() + dt.timedelta(days=20),
        "contact_name": "M. Durand",
        "contact_phone": "0321000000",
    }
    fields.update(overrides)
    return fields


# ------------------------------------------------------------------ workflow table
def test_transition_table_forbids_skipping_steps():
    assert APPLICATION.get(ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED) is None
    assert APPLICATION.get(ApplicationStatus.VALIDATED, ApplicationStatus.SIGNED) is None
    assert APPLICATION.get(ApplicationStatus.CONSENTED, ApplicationStatus.VALIDATED).name == "validate"
    for target in (ApplicationStatus.WITHDRAWN, ApplicationStatus.CANCELLED):
        assert APPLICATION.get(ApplicationStatus.SIGNED, target) is None


# ------------------------------------------------------------------ offers
def test_offer_create_by_company_member_takes_commune_coordinates():
    company = CompanyFactory()
    member = member_of(company)
    offer = services.offer_create(actor=member, company=company, **offer_fields(latitude=None, longitude=None))
    assert offer.status == OfferStatus.DRAFT
    assert offer.latitude == pytest.approx(50.2893)  # Arras, the commune's centre


def test_offer_create_refused_to_outsider():
    with pytest.raises(PermissionDeniedError):
        services.offer_create(actor=UserFactory(), company=CompanyFactory(), **offer_fields())


def test_offer_reserved_places_need_release_date():
    company = CompanyFactory()
    with pytest.raises(DomainError, match="jusqu'à quand"):
        services.offer_create(actor=member_of(company), company=company, **offer_fields(reserved_until=None))


def test_offer_more_reserved_than_places_refused():
    company = CompanyFactory()
    with pytest.raises(DomainError, match="plus de places réservées"):
        services.offer_create(actor=member_of(company), company=company, **offer_fields(reserved_places=3))


def test_offer_publish_clean_text_is_published():
    offer = OfferFactory(draft=True)
    member = member_of(offer.company)
    assert services.offer_publish(actor=member, offer=offer).status == OfferStatus.PUBLISHED


def test_offer_publish_flagged_by_neutrality_waits_in_the_moderation_queue():
    offer = OfferFactory(draft=True, description="Venez profiter de notre code promo sur les croissants !")
    member = member_of(offer.company)
    offer = services.offer_publish(actor=member, offer=offer)
    assert (offer.status, offer.is_flagged) == (OfferStatus.DRAFT, True)
    # Publishing again does not bypass the review.
    assert services.offer_publish(actor=member, offer=offer).status == OfferStatus.DRAFT
    item = ModerationItem.objects.get(kind=OFFER, object_id=offer.pk, status=ModerationStatus.PENDING)
    assert "code promo" in " ".join(item.reasons)
    assert item.department == offer.commune.department
    # A coordinator outside the territory cannot decide; one inside can, and the offer is published.
    from tests.territory.factories import DepartmentFactory

    outside = coordinator_of(DepartmentFactory(aisne=True))
    with pytest.raises(PermissionDeniedError):
        item_decide(item=item, actor=outside, approve=True)
    item_decide(item=item, actor=coordinator_of(offer.commune.department), approve=True)
    offer.refresh_from_db()
    assert (offer.status, offer.is_flagged) == (OfferStatus.PUBLISHED, False)


def test_published_offer_edited_into_advertising_is_held_until_reviewed():
    offer = OfferFactory()
    offer = services.offer_update(actor=member_of(offer.company), offer=offer, title="Stage : -20 % sur nos croissants")
    assert (offer.status, offer.is_flagged) == (OfferStatus.DRAFT, True)
    assert ModerationItem.objects.filter(kind=OFFER, object_id=offer.pk).exists()


def test_database_refuses_published_flagged_offer():
    offer = OfferFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacementOffer.objects.filter(pk=offer.pk).update(is_flagged=True)


def test_any_user_can_report_an_offer():
    offer = OfferFactory()
    report = services.offer_report(actor=UserFactory(), offer=offer, reason="Ce n'est pas un vrai stage.")
    assert OfferReport.objects.get() == report
    with pytest.raises(DomainError):
        services.offer_report(actor=UserFactory(), offer=offer, reason="  ")


def test_places_cannot_drop_below_accepted(flow):
    application = bring_to_validated(flow)
    services.application_accept(actor=flow["host"], application=application)
    flow["offer"].refresh_from_db()
    with pytest.raises(DomainError):
        services.offer_update(actor=flow["host"], offer=flow["offer"], places=1, reserved_places=1)


# ------------------------------------------------------------------ applications
def test_minor_application_waits_for_parent_and_mails_a_signed_link(flow, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(flow)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.is_priority
    assert application.is_minor
    assert application.school_class.level == "3E"
    assert mail.outbox[0].to == ["parent@exemple.fr"]
    token = services.consent_token(application.consent)
    assert f"/stages/accord-parent/{token}/" in mail.outbox[0].body
    assert application.status_log.get().action == "submit"


def test_minor_must_give_parent_email(flow):
    with pytest.raises(DomainError, match="parent"):
        services.application_submit(actor=flow["pupil"], offer=flow["offer"], motivation="Oui", parent_email="")


def test_only_learners_apply(flow):
    with pytest.raises(PermissionDeniedError):
        submit(flow, pupil=flow["teacher"])


def test_cannot_apply_to_a_draft_offer(flow):
    with pytest.raises(DomainError, match="pas ouverte"):
        submit(flow, offer=OfferFactory(draft=True))


def test_cannot_apply_twice_to_the_same_offer(flow):
    submit(flow)
    with pytest.raises(DomainError, match="déjà une candidature"):
        submit(flow)


def test_target_levels_are_enforced(flow):
    offer = OfferFactory(target_levels=["2NDE_PRO"])
    with pytest.raises(DomainError, match="niveaux"):
        submit(flow, offer=offer)


def test_non_priority_pupil_cannot_apply_when_only_reserved_places_remain(flow):
    offer = OfferFactory(places=1, reserved_places=1, reserved_until=timezone.localdate() + dt.timedelta(days=5))
    ordinary = pupil_in(EstablishmentFactory(arras=True))
    with pytest.raises(DomainError, match="plus de place"):
        submit(flow, pupil=ordinary, offer=offer)
    assert submit(flow, offer=offer).is_priority


def test_consent_link_tampered_or_expired_is_refused(flow):
    application = submit(flow)
    token = services.consent_token(application.consent)
    with pytest.raises(DomainError, match="pas valide"):
        services.consent_from_token(token[:-2] + "xx")
    expired = signing.TimestampSigner(salt=services.CONSENT_SALT)
    old = signing.dumps(application.consent.pk, salt=services.CONSENT_SALT)
    assert expired  # the signer exists; simulate time passing instead:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(services.applications, "CONSENT_LINK_MAX_AGE", dt.timedelta(seconds=-1))
        with pytest.raises(DomainError, match="expiré"):
            services.consent_from_token(old)
    assert services.consent_from_token(token) == application.consent


def test_parent_refusal_ends_the_application_and_answers_once(flow):
    application = submit(flow)
    consent = services.consent_answer(consent=application.consent, give=False, parent_name="Karim Benali")
    assert consent.decision == ConsentDecision.REFUSED
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONSENT_REFUSED
    with pytest.raises(DomainError, match="déjà répondu"):
        services.consent_answer(consent=consent, give=True, parent_name="Karim Benali")


def test_parent_must_write_their_name(flow):
    application = submit(flow)
    with pytest.raises(DomainError, match="nom"):
        services.consent_answer(consent=application.consent, give=True, parent_name=" ")


def test_school_validation_waits_for_parent(flow):
    application = submit(flow)
    with pytest.raises(DomainError, match="accord du parent"):
        services.application_validate(actor=flow["teacher"], application=application)


def test_only_the_pupils_school_validates(flow):
    application = submit(flow)
    services.consent_answer(consent=application.consent, give=True, parent_name="Fatima Benali")
    with pytest.raises(PermissionDeniedError):
        services.application_validate(actor=staff_of(EstablishmentFactory(arras=True)), application=application)


def test_adult_skips_parental_consent(flow):
    adult = pupil_in(flow["school"], minor=False)
    application = submit(flow, pupil=adult)
    assert not hasattr(application, "consent") or application.consent is None
    validated = services.application_validate(actor=flow["teacher"], application=application)
    assert validated.status == ApplicationStatus.VALIDATED


def test_only_the_host_accepts(flow):
    application = bring_to_validated(flow)
    with pytest.raises(PermissionDeniedError):
        services.application_accept(actor=flow["teacher"], application=application)


def test_accept_before_validation_is_refused(flow):
    application = submit(flow)
    with pytest.raises(DomainError, match="Impossible de passer"):
        services.application_accept(actor=flow["host"], application=application)


def test_accept_creates_agreement_and_logs(flow, django_capture_on_commit_callbacks):
    application = bring_to_validated(flow)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = services.application_accept(actor=flow["host"], application=application, message="Bienvenue !")
    assert accepted.status == ApplicationStatus.ACCEPTED
    assert accepted.agreement.hours == 35
    assert [log.action for log in accepted.status_log.all()] == ["submit", "consent", "validate", "accept"]
    assert accepted.status_log.last().actor == flow["host"]
    assert any("convention" in m.subject for m in mail.outbox)


def test_priority_pupil_takes_reserved_place_first(flow):
    offer = OfferFactory(company=flow["company"], with_reserved=True, places=2)
    application = services.application_accept(actor=flow["host"], application=bring_to_validated(flow, offer=offer))
    offer.refresh_from_db()
    assert application.on_reserved_place
    assert (offer.accepted_reserved, offer.accepted_open) == (1, 0)


def test_reserved_place_kept_for_priority_pupils_until_release(flow):
    offer = OfferFactory(company=flow["company"], with_reserved=True, places=2)
    first = bring_to_validated(flow, pupil=pupil_in(EstablishmentFactory(arras=True)), offer=offer)
    second = bring_to_validated(flow, pupil=pupil_in(EstablishmentFactory(arras=True)), offer=offer)
    services.application_accept(actor=flow["host"], application=first)
    with pytest.raises(DomainError, match="réservées aux élèves"):
        services.application_accept(actor=flow["host"], application=second)
    after_release = offer.reserved_until + dt.timedelta(days=1)
    accepted = services.application_accept(actor=flow["host"], application=second, today=after_release)
    assert accepted.on_reserved_place


def test_never_more_accepted_than_places(flow):
    offer = OfferFactory(company=flow["company"], places=1)
    first = bring_to_validated(flow, offer=offer)
    second = bring_to_validated(flow, pupil=pupil_in(flow["school"]), offer=offer)
    services.application_accept(actor=flow["host"], application=first)
    with pytest.raises(DomainError, match="prises"):
        services.application_accept(actor=flow["host"], application=second)
    offer.refresh_from_db()
    assert offer.accepted_total == 1


def test_database_refuses_overbooking_without_the_service(flow):
    offer = OfferFactory(places=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacementOffer.objects.filter(pk=offer.pk).update(accepted_open=2)


def test_refusal_needs_a_message(flow):
    application = bring_to_validated(flow)
    with pytest.raises(DomainError, match="pourquoi"):
        services.application_refuse(actor=flow["host"], application=application, message="")
    refused = services.application_refuse(actor=flow["host"], application=application, message="Complet, désolé.")
    assert (refused.status, refused.host_message) == (ApplicationStatus.REFUSED, "Complet, désolé.")


def test_withdrawal_releases_the_place(flow):
    application = services.application_accept(actor=flow["host"], application=bring_to_validated(flow))
    with pytest.raises(PermissionDeniedError):
        services.application_withdraw(actor=flow["teacher"], application=application)
    withdrawn = services.application_withdraw(actor=flow["pupil"], application=application)
    flow["offer"].refresh_from_db()
    assert withdrawn.status == ApplicationStatus.WITHDRAWN
    assert flow["offer"].accepted_total == 0
    assert not withdrawn.on_reserved_place


def test_cancellation_by_school_needs_a_reason_and_releases_place(flow):
    application = services.application_accept(actor=flow["host"], application=bring_to_validated(flow))
    with pytest.raises(DomainError, match="raison"):
        services.application_cancel(actor=flow["teacher"], application=application, reason="")
    with pytest.raises(PermissionDeniedError):
        services.application_cancel(actor=flow["pupil"], application=application, reason="non")
    cancelled = services.application_cancel(actor=flow["teacher"], application=application, reason="Déménagement")
    flow["offer"].refresh_from_db()
    assert cancelled.status == ApplicationStatus.CANCELLED
    assert flow["offer"].accepted_total == 0


def test_withdraw_after_signature_is_refused(flow):
    application = _signed(flow)
    with pytest.raises(DomainError, match="Impossible de passer de « Convention signée »"):
        services.application_withdraw(actor=flow["pupil"], application=application)


# ------------------------------------------------------------------ agreement
def _signed(flow):
    application = services.application_accept(actor=flow["host"], application=bring_to_validated(flow))
    agreement = application.agreement
    services.agreement_sign(agreement=agreement, party=Party.PUPIL, actor=flow["pupil"], signer_name="")
    services.agreement_sign(agreement=agreement, party=Party.PARENT, signer_name="Fatima Benali")
    services.agreement_sign(agreement=agreement, party=Party.SCHOOL, actor=flow["teacher"], signer_name="")
    services.agreement_sign(agreement=agreement, party=Party.HOST, actor=flow["host"], signer_name="")
    return Application.objects.get(pk=application.pk)


def test_all_signatures_sign_the_agreement_and_credit_the_pathway(flow):
    application = _signed(flow)
    assert application.status == ApplicationStatus.SIGNED
    record = ActivityRecord.objects.get()
    assert (record.pupil, record.kind, record.hours) == (flow["pupil"], "PLACEMENT", 35)
    assert record.school_class == application.school_class
    assert record.source == "internships.Application"
    signers = dict(application.agreement.signatures.values_list("party", "signer_name"))
    assert signers[Party.PARENT] == "Fatima Benali"
    assert signers[Party.PUPIL] == flow["pupil"].get_full_name()


def test_agreement_not_signed_until_every_party_signed(flow):
    application = services.application_accept(actor=flow["host"], application=bring_to_validated(flow))
    services.agreement_sign(agreement=application.agreement, party=Party.HOST, actor=flow["host"], signer_name="")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert not ActivityRecord.objects.exists()


def test_a_party_signs_only_for_itself_and_once(flow):
    application = services.application_accept(actor=flow["host"], application=bring_to_validated(flow))
    agreement = application.agreement
    with pytest.raises(PermissionDeniedError):
        services.agreement_sign(agreement=agreement, party=Party.SCHOOL, actor=flow["host"], signer_name="")
    with pytest.raises(PermissionDeniedError):
        services.agreement_sign(agreement=agreement, party=Party.PARENT, actor=flow["pupil"], signer_name="X")
    services.agreement_sign(agreement=agreement, party=Party.HOST, actor=flow["host"], signer_name="")
    with pytest.raises(DomainError, match="déjà signé"):
        services.agreement_sign(agreement=agreement, party=Party.HOST, actor=flow["host"], signer_name="")


def test_adult_agreement_has_no_parent_party(flow):
    adult = pupil_in(flow["school"], minor=False)
    application = services.application_accept(actor=flow["host"], application=bring_to_validated(flow, pupil=adult))
    assert Party.PARENT not in application.agreement.required_parties()
    with pytest.raises(DomainError, match="ne signe pas"):
        services.agreement_sign(agreement=application.agreement, party=Party.PARENT, signer_name="Quelqu'un")


# ------------------------------------------------------------------ reminders
def test_reminders_go_to_whoever_must_act_once_per_period(flow, django_capture_on_commit_callbacks):
    waiting_parent = submit(flow)
    waiting_host = bring_to_validated(flow, pupil=pupil_in(flow["school"]))
    later = timezone.now() + dt.timedelta(days=4)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.applications_remind(now=later) == 2
    recipients = sorted(r for m in mail.outbox for r in m.to)
    assert "parent@exemple.fr" in recipients
    assert flow["host"].email in recipients
    assert services.applications_remind(now=later + dt.timedelta(hours=1)) == 0
    assert waiting_parent.pk
    assert waiting_host.pk


# ------------------------------------------------------------------ neutrality and the ROME referential
def test_real_neutrality_check_flags_advertising():
    offer = OfferFactory(draft=True, description="Stage chez nous ! -20 % sur les croissants avec le code promo STAGE.")
    offer = services.offer_publish(actor=member_of(offer.company), offer=offer)
    assert offer.is_flagged
    assert offer.status == OfferStatus.DRAFT
    assert "publicité" in " ".join(ModerationItem.objects.get(object_id=offer.pk).reasons)


def test_rome_code_checked_against_the_catalogue_when_loaded():
    from orientation.catalog.models import Appellation, Job

    company = CompanyFactory()
    member = member_of(company)
    job = Job.objects.create(rome_code="D1102", title="Boulangerie - viennoiserie", rome_v3_parent="D1102")
    Appellation.objects.create(ogr_code=11573, job=job, long_label="Boulanger / Boulangère", short_label="Boulanger")
    offer = services.offer_create(
        actor=member, company=company, **offer_fields(rome_code="", job_label="Boulanger / Boulangère")
    )
    assert offer.rome_code == "D1102"
    with pytest.raises(DomainError, match="n'existe pas"):
        services.offer_create(actor=member, company=company, **offer_fields(rome_code="Z9999"))


def test_pupil_resends_the_consent_link(flow, django_capture_on_commit_callbacks):
    application = submit(flow)
    with pytest.raises(PermissionDeniedError):
        services.consent_resend(actor=flow["teacher"], application=application)
    with django_capture_on_commit_callbacks(execute=True):
        services.consent_resend(actor=flow["pupil"], application=application, parent_email="Papa@Exemple.fr")
    assert mail.outbox[-1].to == ["papa@exemple.fr"]
    services.consent_answer(consent=application.consent, give=True, parent_name="Karim Benali")
    with pytest.raises(DomainError, match="Aucun accord"):
        services.consent_resend(actor=flow["pupil"], application=application)
