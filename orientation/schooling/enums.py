from django.db import models


class Level(models.TextChoices):
    SIXIEME = "6E", "6e"
    CINQUIEME = "5E", "5e"
    QUATRIEME = "4E", "4e"
    TROISIEME = "3E", "3e"
    TROISIEME_SEGPA = "3E_SEGPA", "3e SEGPA"
    TROISIEME_PREPA_METIERS = "3E_PM", "3e prépa-métiers"
    SECONDE_GT = "2NDE_GT", "Seconde générale et technologique"
    PREMIERE_GT = "1RE_GT", "Première générale ou technologique"
    TERMINALE_GT = "TLE_GT", "Terminale générale ou technologique"
    CAP_1 = "CAP_1", "CAP 1re année"
    CAP_2 = "CAP_2", "CAP 2e année"
    SECONDE_PRO = "2NDE_PRO", "Seconde professionnelle"
    PREMIERE_PRO = "1RE_PRO", "Première professionnelle"
    TERMINALE_PRO = "TLE_PRO", "Terminale professionnelle"
    AGRICULTURAL = "AGRI", "Formation agricole"
    HIGHER_1 = "SUP_1", "Enseignement supérieur 1re année"
    HIGHER_2 = "SUP_2", "Enseignement supérieur 2e année"
    HIGHER_3 = "SUP_3", "Enseignement supérieur 3e année et plus"
    APPRENTICE = "APPRENTI", "Apprentissage"


class ActivityKind(models.TextChoices):
    INTERVENTION = "INTERVENTION", "Intervention d'un ambassadeur"
    EVENT = "EVENT", "Événement (forum, bus, semaine de l'orientation)"
    PLACEMENT = "PLACEMENT", "Stage ou période en entreprise"
    SCHOOL = "SCHOOL", "Action menée dans l'établissement"
    OTHER = "OTHER", "Autre action d'orientation"


class SchoolActivityKind(models.TextChoices):
    WORKSHOP = "WORKSHOP", "Atelier avec le psychologue de l'Éducation nationale"
    CIO_VISIT = "CIO_VISIT", "Visite du CIO"
    LESSON = "LESSON", "Séance d'orientation en classe"
    FORUM_PREPARATION = "FORUM_PREPARATION", "Préparation d'un forum ou d'une visite"
    OTHER = "OTHER", "Autre action"


class PupilSex(models.TextChoices):
    GIRL = "F", "Fille"
    BOY = "M", "Garçon"
