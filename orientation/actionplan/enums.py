from django.db import models


class Public(models.TextChoices):
    PUPILS = "PUPILS", "Collégiens et lycéens"
    APPRENTICES = "APPRENTICES", "Apprentis"
    STUDENTS = "STUDENTS", "Étudiants"
    FAMILIES = "FAMILIES", "Familles"
    STAFF = "STAFF", "Équipes éducatives"
    OUT_OF_SCHOOL = "OUT_OF_SCHOOL", "Jeunes sortis du système scolaire"


class ActionStatus(models.TextChoices):
    PLANNED = "PLANNED", "Prévue"
    RUNNING = "RUNNING", "En cours"
    DONE = "DONE", "Réalisée"
    LATE = "LATE", "En retard"


class ContractStatus(models.TextChoices):
    DRAFT = "DRAFT", "Projet"
    SIGNED = "SIGNED", "Signé par les parties"
    ACTIVE = "ACTIVE", "En vigueur"
    EVALUATED = "EVALUATED", "Évalué"
    RENEWED = "RENEWED", "Renouvelé"
    ENDED = "ENDED", "Terminé"


class Party(models.TextChoices):
    ESTABLISHMENT = "ESTABLISHMENT", "L'établissement"
    REGION = "REGION", "La Région"


CONTRACT_YEARS = 3
NOTICE_MONTHS = 2
REMINDER_DAYS = (90, 30)
