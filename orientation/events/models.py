"""Events (R5): forums, orientation-bus tours and orientation weeks.

Design
------
* ``Event`` is what the public finds in the agenda. Its ``status`` follows the table
  ``workflow.EVENT`` (draft → published → cancelled/done); each transition writes an
  ``EventStatusLog`` row. The levels it is meant for live in ``EventLevel`` (one row per level) so
  that filtering by level is a plain join on SQLite and PostgreSQL alike.
* ``BusStop`` is one stop of the orientation bus: an establishment on a given day. Sessions of a bus
  tour hang off a stop and take its establishment as their place.
* ``Session`` is a bookable slot: a place (an establishment, or a commune and an address), a start,
  an end and a capacity in pupils. ``registered_seats`` is a counter kept by the services under a
  row lock on the session; the ``CheckConstraint`` ``registered_seats <= capacity`` makes the
  database itself refuse any overbooking, whatever code path writes.
* ``Stand`` is who the pupils meet there: a company, a professional branch, a CFA or an ambassador.
* ``ClassRegistration`` books a whole class (its size = its seats) on a session. Its status follows
  ``workflow.REGISTRATION`` with a ``RegistrationStatusLog``; cancelling frees the seats;
  recording attendance credits the hours to the class in the schooling ledger.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from orientation.core.models import StatusLog, TimeStampedModel
from orientation.events.enums import (
    PUBLIC_STATUSES,
    SEAT_HOLDING_STATUSES,
    EventKind,
    EventStatus,
    RegistrationStatus,
    StandKind,
)
from orientation.organisations.models import Company
from orientation.schooling.enums import Level
from orientation.schooling.models import SchoolClass
from orientation.territory.models import Commune, Establishment


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def visible_to(self, user):
        """Public events, plus drafts for their organiser and administrators."""
        if user is None or not user.is_authenticated:
            return self.public()
        if user.is_superuser or user.memberships.filter(is_active=True, role="ADMINISTRATOR").exists():
            return self.all()
        return self.filter(Q(status__in=PUBLIC_STATUSES) | Q(organiser=user))


class Event(TimeStampedModel):
    kind = models.CharField("type d'événement", max_length=20, choices=EventKind.choices)
    title = models.CharField("titre", max_length=200)
    description = models.TextField("présentation", blank=True)
    description_is_published = models.BooleanField(
        "présentation publiée", default=True, help_text="Faux tant qu'un coordinateur doit relire la présentation."
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="organised_events", verbose_name="organisateur"
    )
    organiser_name = models.CharField(
        "organisé par", max_length=200, help_text="Nom affiché au public, par exemple « Région Hauts-de-France »."
    )
    status = models.CharField("statut", max_length=12, choices=EventStatus.choices, default=EventStatus.DRAFT)
    opens_on_saturday = models.BooleanField(
        "séances possibles le samedi",
        default=False,
        help_text="Un forum peut se tenir un samedi ; jamais un dimanche, un jour férié ni pendant les vacances.",
    )
    label = models.CharField(
        "label entrepreneuriat",
        max_length=30,
        blank=True,
        help_text="Label d'une action qui développe l'esprit d'entreprendre : IDEE, PEPITE ou un autre label.",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "événement"
        ordering = ["title"]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return self.title

    def levels_in_order(self) -> list["EventLevel"]:
        """Target levels from 6e to higher education (uses the prefetched rows when present)."""
        order = {value: index for index, value in enumerate(Level.values)}
        return sorted(self.levels.all(), key=lambda row: order.get(row.level, len(order)))

    @property
    def is_open_for_registration(self) -> bool:
        return self.status == EventStatus.PUBLISHED

    @property
    def public_description(self) -> str:
        """The presentation shown to the public: empty while it waits for moderation (R12)."""
        return self.description if self.description_is_published else ""

    @property
    def is_editable(self) -> bool:
        """Texts and levels change until the event is cancelled or over."""
        return self.status in (EventStatus.DRAFT, EventStatus.PUBLISHED)

    @property
    def is_draft(self) -> bool:
        return self.status == EventStatus.DRAFT

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def has_bus_stops(self) -> bool:
        return self.kind == EventKind.BUS_TOUR


class EventLevel(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="levels")
    level = models.CharField("niveau", max_length=12, choices=Level.choices)

    class Meta:
        verbose_name = "niveau visé"
        ordering = ["event", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "level"],
                name="event_level_unique",
                violation_error_message="Ce niveau est déjà visé par cet événement.",
            )
        ]

    def __str__(self) -> str:
        return self.get_level_display()


class EventStatusLog(StatusLog):
    statuses = EventStatus

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="status_log")

    class Meta(StatusLog.Meta):
        verbose_name = "changement de statut d'un événement"


class BusStop(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="bus_stops")
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="bus_stops")
    day = models.DateField("jour")

    class Meta:
        verbose_name = "arrêt du bus de l'orientation"
        verbose_name_plural = "arrêts du bus de l'orientation"
        ordering = ["day", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "establishment", "day"],
                name="bus_stop_unique",
                violation_error_message="Le bus s'arrête déjà dans cet établissement ce jour-là.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.establishment.name} — {self.day:%d/%m/%Y}"


class SessionQuerySet(models.QuerySet):
    def with_place(self):
        return self.select_related("commune__department", "establishment")


class Session(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    bus_stop = models.ForeignKey(
        BusStop, on_delete=models.PROTECT, related_name="sessions", null=True, blank=True, verbose_name="arrêt du bus"
    )
    establishment = models.ForeignKey(
        Establishment,
        on_delete=models.PROTECT,
        related_name="event_sessions",
        null=True,
        blank=True,
        verbose_name="établissement d'accueil",
    )
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="event_sessions")
    place_name = models.CharField("lieu", max_length=200, blank=True, help_text="Par exemple « Grand Palais ».")
    address = models.CharField("adresse", max_length=255, blank=True)
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    capacity = models.PositiveIntegerField("places (élèves)")
    registered_seats = models.PositiveIntegerField("places réservées", default=0, editable=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = "séance"
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_dates_ordered",
                violation_error_message="La fin de la séance doit suivre son début.",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=10000),
                name="session_capacity_range",
                violation_error_message="Une séance accueille entre 1 et 10 000 élèves.",
            ),
            models.CheckConstraint(
                condition=Q(registered_seats__lte=F("capacity")),
                name="session_not_overbooked",
                violation_error_message="Il n'y a plus assez de places dans cette séance.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event.title} — {self.starts_at:%d/%m/%Y %H:%M}"

    @property
    def remaining_seats(self) -> int:
        return max(self.capacity - self.registered_seats, 0)

    @property
    def place_label(self) -> str:
        parts = [self.place_name or (self.establishment.name if self.establishment_id else ""), self.address]
        parts.append(self.commune.name)
        return ", ".join(p for p in parts if p)

    @property
    def duration_hours(self):
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"))


class Stand(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="stands")
    kind = models.CharField("type de stand", max_length=12, choices=StandKind.choices)
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="event_stands", null=True, blank=True, verbose_name="entreprise"
    )
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="event_stands", null=True, blank=True, verbose_name="CFA"
    )
    ambassador = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="event_stands",
        null=True,
        blank=True,
        verbose_name="ambassadeur",
    )
    name = models.CharField("nom affiché", max_length=200)
    description = models.CharField("ce que l'on y découvre", max_length=500, blank=True)

    class Meta:
        verbose_name = "stand"
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                name="stand_holder_matches_kind",
                violation_error_message="Le stand doit être tenu par une entreprise, une branche, un CFA ou un ambassadeur, selon son type.",
                condition=(
                    Q(kind__in=[StandKind.COMPANY, StandKind.BRANCH], company__isnull=False)
                    & Q(establishment__isnull=True, ambassador__isnull=True)
                    | Q(kind=StandKind.CFA, establishment__isnull=False, company__isnull=True, ambassador__isnull=True)
                    | Q(kind=StandKind.AMBASSADOR, ambassador__isnull=False, company__isnull=True)
                    & Q(establishment__isnull=True)
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class ClassRegistrationQuerySet(models.QuerySet):
    def holding_seats(self):
        return self.filter(status__in=SEAT_HOLDING_STATUSES)


class ClassRegistration(TimeStampedModel):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="registrations")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.PROTECT, related_name="event_registrations")
    seats = models.PositiveSmallIntegerField("places")
    status = models.CharField(
        "statut", max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="inscrite par"
    )

    objects = ClassRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "inscription d'une classe"
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "school_class"],
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_one_per_class_and_session",
                violation_error_message="Cette classe est déjà inscrite à cette séance.",
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1) & Q(seats__lte=60),
                name="registration_seats_range",
                violation_error_message="Une inscription compte entre 1 et 60 places.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school_class_id} → {self.session_id} ({self.status})"

    @property
    def is_pending(self) -> bool:
        """Registered, attendance not recorded yet: it can still be cancelled or marked."""
        return self.status == RegistrationStatus.REGISTERED


class RegistrationStatusLog(StatusLog):
    statuses = RegistrationStatus

    registration = models.ForeignKey(ClassRegistration, on_delete=models.CASCADE, related_name="status_log")

    class Meta(StatusLog.Meta):
        verbose_name = "changement de statut d'une inscription"
