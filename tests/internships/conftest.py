import pytest

from orientation.internships import services
from tests.internships.factories import OfferFactory
from tests.organisations.factories import CompanyFactory, member_of, staff_of
from tests.schooling.factories import pupil_in
from tests.territory.factories import EstablishmentFactory


@pytest.fixture
def flow(db):
    """A bakery offer, a REP+ collège with a minor pupil, its form teacher and the bakery's member."""
    company = CompanyFactory(name="Boulangerie du Beffroi")
    host = member_of(company)
    offer = OfferFactory(company=company, created_by=host)
    school = EstablishmentFactory(arras=True, rep_plus=True, name="Collège Rosa Parks")
    pupil = pupil_in(school)
    teacher = staff_of(school)
    return {"company": company, "host": host, "offer": offer, "school": school, "pupil": pupil, "teacher": teacher}


def submit(flow, *, pupil=None, offer=None):
    return services.application_submit(
        actor=pupil or flow["pupil"],
        offer=offer or flow["offer"],
        motivation="J'aime faire du pain avec ma grand-mère.",
        parent_email="parent@exemple.fr",
    )


def bring_to_validated(flow, *, pupil=None, offer=None):
    application = submit(flow, pupil=pupil, offer=offer)
    if application.is_minor:
        services.consent_answer(consent=application.consent, give=True, parent_name="Fatima Benali")
    teacher = flow["teacher"]
    if pupil is not None and pupil.memberships.first().establishment_id != flow["school"].pk:
        teacher = staff_of(pupil.memberships.first().establishment)
    return services.application_validate(actor=teacher, application=application)
