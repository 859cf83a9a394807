from datetime import date, time

import pytest

from orientation.ambassadors import services
from orientation.ambassadors.enums import AmbassadorStatus, InterestKind
from orientation.ambassadors.models import Ambassador, AmbassadorStatusLog
from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.moderation.enums import ModerationStatus
from orientation.moderation.models import ModerationItem
from orientation.moderation.services import item_decide
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from tests.accounts.factories import UserFactory
from tests.ambassadors.factories import AmbassadorFactory, CharterVersionFactory, TrainingModuleFactory
from tests.organisations.factories import coordinator_of
from tests.territory.factories import CommuneFactory, DepartmentFactory, EstablishmentFactory

pytestmark = pytest.mark.django_db


def sign_up(user=None, **overrides):
    kwargs = {
        "user": user or UserFactory(),
        "employer_name": "Atelier Mécanique Lillois",
        "employer_siret": "12345678901234",
        "commune": CommuneFactory(lille=True),
        "jobs": [("I1604", "Mécanicienne automobile")],
        "travel_radius_km": 25,
        "bio": "Je répare des voitures depuis huit ans, j'ai commencé par un CAP.",
        "slots": [(1, time(9), time(12))],
        "periods": [(date(2027, 1, 5), date(2027, 6, 30))],
        "counter_stereotypes": [("WOMAN_IN_MALE_JOB", "Je suis la seule femme de l'atelier.")],
    }
    kwargs.update(overrides)
    return services.ambassador_sign_up(**kwargs)


class TestSignUp:
    def test_creates_pending_profile_with_membership_and_mail(self, mailoutbox, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            ambassador = sign_up()
        assert ambassador.status == AmbassadorStatus.PENDING
        assert ambassador.bio_is_published
        assert ambassador.jobs.get().rome_code == "I1604"
        assert ambassador.slots.count() == 1
        assert ambassador.periods.count() == 1
        assert ambassador.counter_stereotypes.count() == 1
        assert Membership.objects.filter(user=ambassador.user, role=Role.AMBASSADOR).exists()
        assert len(mailoutbox) == 1

    def test_no_mail_before_commit(self, mailoutbox, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            sign_up()
        assert mailoutbox == []
        assert len(callbacks) == 1

    def test_flagged_bio_goes_to_moderation(self):
        ambassador = sign_up(bio="Venez nous voir au garage, envoyez votre CV à jo@garage.fr")
        assert not ambassador.bio_is_published
        item = ModerationItem.objects.get(kind=services.BIO, object_id=ambassador.pk)
        assert item.department == ambassador.commune.department
        assert len(item.reasons) == 3

    def test_one_profile_per_user(self):
        user = UserFactory()
        sign_up(user=user)
        with pytest.raises(DomainError, match="déjà un profil"):
            sign_up(user=user)

    def test_at_least_one_job(self):
        with pytest.raises(DomainError, match="au moins un métier"):
            sign_up(jobs=[])

    def test_bad_siret_rejected(self):
        with pytest.raises(DomainError, match="14 chiffres"):
            sign_up(employer_siret="123")
        assert not Ambassador.objects.exists()

    def test_counter_stereotype_must_be_explained(self):
        with pytest.raises(DomainError, match="vide"):
            sign_up(counter_stereotypes=[("DISABILITY", "  ")])


class TestVerification:
    def test_pending_verified_active_with_log(self, mailoutbox, django_capture_on_commit_callbacks):
        ambassador = AmbassadorFactory()
        coord = coordinator_of(ambassador.commune.department)
        with django_capture_on_commit_callbacks(execute=True):
            services.ambassador_transition(
                ambassador=ambassador, to_status="VERIFIED", actor=coord, evidence="Diplôme et fiche de paie vus"
            )
            services.ambassador_transition(ambassador=ambassador, to_status="ACTIVE", actor=coord)
        ambassador.refresh_from_db()
        assert ambassador.status == AmbassadorStatus.ACTIVE
        assert ambassador.verified_by == coord
        assert ambassador.verification_note == "Diplôme et fiche de paie vus"
        log = list(AmbassadorStatusLog.objects.values_list("from_status", "to_status"))
        assert log == [("PENDING", "VERIFIED"), ("VERIFIED", "ACTIVE")]
        assert len(mailoutbox) == 2

    def test_verification_needs_evidence(self):
        ambassador = AmbassadorFactory()
        coord = coordinator_of(ambassador.commune.department)
        with pytest.raises(DomainError, match="vérifié"):
            services.ambassador_transition(ambassador=ambassador, to_status="VERIFIED", actor=coord, evidence=" ")

    def test_cannot_skip_verification(self):
        ambassador = AmbassadorFactory()
        coord = coordinator_of(ambassador.commune.department)
        with pytest.raises(DomainError, match="Impossible"):
            services.ambassador_transition(ambassador=ambassador, to_status="ACTIVE", actor=coord)

    def test_suspension_needs_reason(self):
        ambassador = AmbassadorFactory(ready=True)
        coord = coordinator_of(ambassador.commune.department)
        with pytest.raises(DomainError, match="motif"):
            services.ambassador_transition(ambassador=ambassador, to_status="SUSPENDED", actor=coord)
        services.ambassador_transition(ambassador=ambassador, to_status="SUSPENDED", actor=coord, reason="Plainte")
        assert Ambassador.objects.get().status == AmbassadorStatus.SUSPENDED

    def test_coordinator_of_another_department_is_refused(self):
        ambassador = AmbassadorFactory()
        other = coordinator_of(DepartmentFactory(somme=True))
        with pytest.raises(PermissionDeniedError):
            services.ambassador_transition(ambassador=ambassador, to_status="VERIFIED", actor=other, evidence="x")

    def test_academy_coordinator_covers_its_departments(self):
        ambassador = AmbassadorFactory()
        user = UserFactory()
        Membership.objects.create(user=user, role=Role.COORDINATOR, academy=ambassador.commune.department.academy)
        services.ambassador_transition(ambassador=ambassador, to_status="VERIFIED", actor=user, evidence="ok")
        assert Ambassador.objects.get().status == AmbassadorStatus.VERIFIED


class TestCharterAndTraining:
    def test_accept_current_version_only(self):
        old = CharterVersionFactory(number=1)
        new = CharterVersionFactory(number=2)
        ambassador = AmbassadorFactory()
        with pytest.raises(DomainError, match="version en vigueur"):
            services.charter_accept(ambassador=ambassador, version=old, actor=ambassador.user)
        services.charter_accept(ambassador=ambassador, version=new, actor=ambassador.user)
        assert ambassador.has_current_charter()
        with pytest.raises(DomainError, match="déjà accepté"):
            services.charter_accept(ambassador=ambassador, version=new, actor=ambassador.user)

    def test_new_version_makes_ambassador_not_proposable(self):
        CharterVersionFactory(number=1)
        ambassador = AmbassadorFactory(ready=True)
        assert ambassador.is_proposable()
        assert Ambassador.objects.proposable().filter(pk=ambassador.pk).exists()
        services.charter_version_publish(number=2, title="Charte", body="Nouveau texte", actor=coordinator_of())
        assert not ambassador.is_proposable()
        assert not Ambassador.objects.proposable().filter(pk=ambassador.pk).exists()

    def test_charter_version_numbers_increase(self):
        CharterVersionFactory(number=3)
        with pytest.raises(DomainError, match="supérieur à 3"):
            services.charter_version_publish(number=2, title="Charte", body="x", actor=coordinator_of())

    def test_only_self_accepts(self):
        version = CharterVersionFactory()
        ambassador = AmbassadorFactory()
        with pytest.raises(PermissionDeniedError):
            services.charter_accept(ambassador=ambassador, version=version, actor=UserFactory())

    def test_quiz_pass_mark(self):
        module = TrainingModuleFactory()
        ambassador = AmbassadorFactory(ready=True, trained=False)
        assert not ambassador.is_proposable()
        with pytest.raises(DomainError, match="Relisez"):
            services.module_complete(ambassador=ambassador, module=module, answers=[0], actor=ambassador.user)
        with pytest.raises(DomainError, match="toutes les questions"):
            services.module_complete(ambassador=ambassador, module=module, answers=[], actor=ambassador.user)
        services.module_complete(ambassador=ambassador, module=module, answers=[1], actor=ambassador.user)
        assert ambassador.is_proposable()
        with pytest.raises(DomainError, match="déjà terminé"):
            services.module_complete(ambassador=ambassador, module=module, answers=[1], actor=ambassador.user)


class TestInterests:
    def test_establishment_link_needs_establishment(self):
        ambassador = AmbassadorFactory()
        with pytest.raises(DomainError, match="établissement concerné"):
            services.interest_declare(ambassador=ambassador, kind=InterestKind.CHILD_ENROLLED, actor=ambassador.user)
        school = EstablishmentFactory(roubaix=True)
        declaration = services.interest_declare(
            ambassador=ambassador, kind=InterestKind.CHILD_ENROLLED, establishment=school, actor=ambassador.user
        )
        assert declaration.establishment == school

    def test_employer_needs_name(self):
        ambassador = AmbassadorFactory()
        with pytest.raises(DomainError, match="établissement concerné"):
            services.interest_declare(ambassador=ambassador, kind=InterestKind.EMPLOYER, actor=ambassador.user)
        services.interest_declare(
            ambassador=ambassador, kind=InterestKind.EMPLOYER, organisation_name="Garage", actor=ambassador.user
        )

    def test_only_self_declares(self):
        ambassador = AmbassadorFactory()
        with pytest.raises(PermissionDeniedError):
            services.interest_declare(
                ambassador=ambassador, kind=InterestKind.EMPLOYER, organisation_name="x", actor=UserFactory()
            )


class TestModeration:
    def test_approve_publishes_bio(self):
        ambassador = sign_up(bio="Suivez-nous sur les réseaux")
        item = ModerationItem.objects.get()
        item_decide(item=item, actor=coordinator_of(ambassador.commune.department), approve=True)
        ambassador.refresh_from_db()
        assert ambassador.bio_is_published
        assert ModerationItem.objects.get().status == ModerationStatus.APPROVED

    def test_reject_needs_note_and_keeps_unpublished(self):
        ambassador = sign_up(bio="Suivez-nous sur les réseaux")
        item = ModerationItem.objects.get()
        with pytest.raises(DomainError, match="pourquoi"):
            item_decide(item=item, actor=coordinator_of(ambassador.commune.department), approve=False)
        item_decide(item=item, actor=coordinator_of(ambassador.commune.department), approve=False, note="Publicité")
        ambassador.refresh_from_db()
        assert not ambassador.bio_is_published
        with pytest.raises(DomainError, match="déjà été examiné"):
            item_decide(item=item, actor=coordinator_of(ambassador.commune.department), approve=True)

    def test_only_coordinators_moderate(self):
        sign_up(bio="Suivez-nous sur les réseaux")
        item = ModerationItem.objects.get()
        other_department = DepartmentFactory(pas_de_calais=True)  # same académie, another département
        for outsider in (UserFactory(), coordinator_of(other_department)):
            with pytest.raises(PermissionDeniedError):
                item_decide(item=item, actor=outsider, approve=True)

    def test_clean_bio_update_publishes_and_clears_queue(self):
        ambassador = sign_up(bio="Suivez-nous sur les réseaux")
        assert services.ambassador_bio_update(ambassador=ambassador, actor=ambassador.user, bio="J'aime mon métier.")
        assert not ModerationItem.objects.exists()
