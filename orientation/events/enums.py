from django.db import models


class EventKind(models.TextChoices):
    FORUM = "FORUM", "Forum des métiers et des formations"
    BUS_TOUR = "BUS_TOUR", "Bus de l'orientation"
    ORIENTATION_WEEK = "ORIENTATION_WEEK", "Semaine de l'orientation"
    OTHER = "OTHER", "Autre événement"


class EventStatus(models.TextChoices):
    DRAFT = "DRAFT", "Brouillon"
    PUBLISHED = "PUBLISHED", "Publié"
    CANCELLED = "CANCELLED", "Annulé"
    DONE = "DONE", "Terminé"


# What the public sees: drafts stay with their organiser.
PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED, EventStatus.DONE)


class StandKind(models.TextChoices):
    COMPANY = "COMPANY", "Entreprise"
    BRANCH = "BRANCH", "Branche professionnelle"
    CFA = "CFA", "Centre de formation d'apprentis"
    AMBASSADOR = "AMBASSADOR", "Ambassadeur métier"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "REGISTERED", "Inscrite"
    CANCELLED = "CANCELLED", "Annulée"
    ATTENDED = "ATTENDED", "Présente"
    ABSENT = "ABSENT", "Absente"


# Registrations whose seats count against the session's capacity.
SEAT_HOLDING_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED, RegistrationStatus.ABSENT)
