"""Demo placements. Journey 5: a bakery in Arras publishes two 3e observation places, one kept for
pupils of REP/REP+ collèges until 15 January. Journey 1: a veterinary clinic in Roubaix, within
10 km of Collège Rosa Parks (REP+), offers observation places, one of them kept for REP/REP+ pupils.

Runs after the demo accounts (``demo_data``); idempotent: an offer with the same title is left as is.
Writes go through the services, so the demo obeys the same rules as real users.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from orientation.accounts.models import User
from orientation.internships import services
from orientation.internships.enums import OfferKind
from orientation.internships.models import PlacementOffer
from orientation.organisations.enums import Role
from orientation.organisations.models import Company, Membership
from orientation.organisations.services import membership_create
from orientation.schooling.enums import Level
from orientation.territory.models import Commune

BAKERY_NAME = "Boulangerie du Beffroi"
OFFER_TITLE = "Une semaine au fournil : découvrir le métier de boulanger"
ARRAS = "62041"
ROUBAIX = "59512"
CLINIC_NAME = "Clinique vétérinaire du Parc"
CLINIC_OFFER_TITLE = "Découvrir le soin des animaux à la clinique vétérinaire"
EMAIL_DOMAIN = "demo.orientation.example"


def next_release_date(today: dt.date) -> dt.date:
    """The coming 15 January (this school year's)."""
    candidate = dt.date(today.year, 1, 15)
    return candidate if candidate >= today else dt.date(today.year + 1, 1, 15)


def _observation_week(release: dt.date) -> dt.date:
    """A Monday two weeks after the reserved places are released."""
    return release + dt.timedelta(days=(7 - release.weekday()) % 7 + 14)


@transaction.atomic
def build(stdout) -> None:
    _bakery(stdout)
    _clinic(stdout)


def _clinic(stdout) -> None:
    if PlacementOffer.objects.filter(title=CLINIC_OFFER_TITLE).exists():
        return
    commune = Commune.objects.filter(insee_code=ROUBAIX).first()
    if commune is None:
        stdout.write("  Roubaix absente du territoire : pas d'offre de la clinique vétérinaire.")
        return
    clinic = Company.objects.filter(name=CLINIC_NAME).first()
    if clinic is None:
        clinic = Company(name=CLINIC_NAME, commune=commune, address="25 boulevard du Général de Gaulle")
        clinic.full_clean()
        clinic.save()
    email = f"clinique.veterinaire@{EMAIL_DOMAIN}"
    vet = User.objects.filter(email__iexact=email).first() or User.objects.create_user(
        email, None, first_name="Élodie", last_name="Vandamme"
    )
    membership_create(user=vet, role=Role.COMPANY_MEMBER, company=clinic)
    release = next_release_date(timezone.localdate())
    monday = _observation_week(release)
    offer = services.offer_create(
        actor=vet,
        company=clinic,
        kind=OfferKind.OBSERVATION_3E,
        title=CLINIC_OFFER_TITLE,
        description=(
            "Tu suivras l'équipe : accueil des animaux et de leurs maîtres, préparation des soins, "
            "nettoyage des box, observation des consultations."
        ),
        rome_code="",  # filled from the appellation when the ROME referential is loaded
        job_label="Auxiliaire vétérinaire",
        commune=commune,
        address="25 boulevard du Général de Gaulle",
        latitude=(commune.latitude or 50.69) + 0.004,
        longitude=(commune.longitude or 3.18) - 0.006,
        starts_on=monday,
        ends_on=monday + dt.timedelta(days=4),
        places=3,
        reserved_places=1,
        reserved_until=release,
        target_levels=[Level.TROISIEME, Level.TROISIEME_SEGPA, Level.TROISIEME_PREPA_METIERS],
        is_accessible=False,
        contact_name="Élodie Vandamme",
        contact_phone="03 20 00 00 00",
    )
    services.offer_publish(actor=vet, offer=offer)
    stdout.write(f"  Offre de stage publiée : {offer.title} ({commune.name})")


def _bakery(stdout) -> None:
    if PlacementOffer.objects.filter(title=OFFER_TITLE).exists():
        return
    bakery = Company.objects.filter(name=BAKERY_NAME).first()
    member = (
        Membership.objects.active().filter(company=bakery, role=Role.COMPANY_MEMBER).select_related("user").first()
        if bakery
        else None
    )
    commune = (bakery.commune if bakery else None) or Commune.objects.filter(insee_code=ARRAS).first()
    if member is None or commune is None:
        stdout.write("  Pas de boulangerie de démonstration : pas d'offre de stage.")
        return
    today = timezone.localdate()
    release = next_release_date(today)
    monday = _observation_week(release)
    offer = services.offer_create(
        actor=member.user,
        company=bakery,
        kind=OfferKind.OBSERVATION_3E,
        title=OFFER_TITLE,
        description=(
            "Tu verras comment on prépare la pâte, comment on façonne les baguettes et les viennoiseries, "
            "et comment on tient la boutique. Début à 7 h, fin à 13 h : pas de travail de nuit."
        ),
        rome_code="",  # filled from the appellation when the ROME referential is loaded
        job_label="Boulanger / Boulangère",
        commune=commune,
        address="12 rue Ronville",
        starts_on=monday,
        ends_on=monday + dt.timedelta(days=4),
        places=2,
        reserved_places=1,
        reserved_until=release,
        target_levels=[Level.TROISIEME, Level.TROISIEME_SEGPA, Level.TROISIEME_PREPA_METIERS],
        is_accessible=True,
        accessibility_note="Boutique et fournil de plain-pied.",
        contact_name=member.user.get_full_name() or "La boulangerie",
        contact_phone="03 21 00 00 00",
    )
    services.offer_publish(actor=member.user, offer=offer)
    stdout.write(
        f"  Offre de stage publiée : {offer.title} ({commune.name}), 1 place réservée REP/REP+ jusqu'au {release:%d/%m/%Y}"
    )
