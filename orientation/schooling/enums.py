from decimal import Decimal

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


# R7: annual orientation hours in the timetable. ``None``: hours "à l'initiative de
# l'établissement" (agricultural diplomas) or no statutory volume.
STATUTORY_HOURS: dict[str, Decimal | None] = {
    Level.SIXIEME: None,
    Level.CINQUIEME: None,
    Level.QUATRIEME: Decimal(12),
    Level.TROISIEME: Decimal(36),
    Level.TROISIEME_SEGPA: Decimal(36),
    Level.TROISIEME_PREPA_METIERS: Decimal(36),
    Level.SECONDE_GT: Decimal(54),
    Level.PREMIERE_GT: Decimal(54),
    Level.TERMINALE_GT: Decimal(54),
    Level.CAP_1: Decimal(101),
    Level.CAP_2: Decimal(91),
    Level.SECONDE_PRO: Decimal(90),
    Level.PREMIERE_PRO: Decimal(84),
    Level.TERMINALE_PRO: Decimal(91),
    Level.AGRICULTURAL: None,
    Level.HIGHER_1: None,
    Level.HIGHER_2: None,
    Level.HIGHER_3: None,
    Level.APPRENTICE: None,
}


class ActivityKind(models.TextChoices):
    INTERVENTION = "INTERVENTION", "Intervention d'un ambassadeur"
    EVENT = "EVENT", "Événement (forum, bus, semaine de l'orientation)"
    PLACEMENT = "PLACEMENT", "Stage ou période en entreprise"
    OTHER = "OTHER", "Autre action d'orientation"
