"""Demo placements (journey 5): a bakery in Arras publishes two 3e observation places, one kept for
pupils of REP/REP+ collèges until 15 January.

Runs after the demo accounts (``demo_data``); idempotent: an offer with the same title is left as is.
Writes go through the services, so the demo obeys the same rules as real users.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from orientation.internships import services
from orientation.internships.enums import OfferKind
from orientation.internships.models import PlacementOffer
from orientation.organisations.enums import Role
from orientation.organisations.models import Company, Membership
from orientation.schooling.enums import Level
from orientation.territory.models import Commune

BAKERY_NAME = "Boulangerie du Beffroi"
OFFER_TITLE = "Une semaine au fournil : découvrir le métier de boulanger"
ARRAS = "62041"


def next_release_date(today: dt.date) -> dt.date:
    """The coming 15 January (this school year's)."""
    candidate = dt.date(today.year, 1, 15)
    return candidate if candidate >= today else dt.date(today.year + 1, 1, 15)


@transaction.atomic
def build(stdout) -> None:
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
    monday = release + dt.timedelta(days=(7 - release.weekday()) % 7 + 14)
    offer = services.offer_create(
        actor=member.user,
        company=bakery,
        kind=OfferKind.OBSERVATION_3E,
        title=OFFER_TITLE,
        description=(
            "Tu verras comment on prépare la pâte, comment on façonne les baguettes et les viennoiseries, "
            "et comment on tient la boutique. Début à 7 h, fin à 13 h : pas de travail de nuit."
        ),
        rome_code="D1102",
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
