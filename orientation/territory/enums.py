from django.db import models


class EstablishmentKind(models.TextChoices):
    COLLEGE = "COLLEGE", "Collège"
    SEGPA = "SEGPA", "SEGPA"
    LYCEE_GT = "LYCEE_GT", "Lycée général et technologique"
    LYCEE_PRO = "LYCEE_PRO", "Lycée professionnel"
    LYCEE_POLY = "LYCEE_POLY", "Lycée polyvalent"
    LYCEE_AGRI = "LYCEE_AGRI", "Lycée agricole"
    EREA = "EREA", "EREA"
    CFA = "CFA", "Centre de formation d'apprentis"
    HIGHER_EDUCATION = "HIGHER_EDUCATION", "Enseignement supérieur"
    CIO = "CIO", "Centre d'information et d'orientation"
    OTHER = "OTHER", "Autre"


SECONDARY_KINDS = (
    EstablishmentKind.COLLEGE,
    EstablishmentKind.SEGPA,
    EstablishmentKind.LYCEE_GT,
    EstablishmentKind.LYCEE_PRO,
    EstablishmentKind.LYCEE_POLY,
    EstablishmentKind.LYCEE_AGRI,
    EstablishmentKind.EREA,
)


class Sector(models.TextChoices):
    PUBLIC = "PUBLIC", "Public"
    PRIVATE_CONTRACT = "PRIVATE_CONTRACT", "Privé sous contrat"
    PRIVATE = "PRIVATE", "Privé hors contrat"


class Ministry(models.TextChoices):
    EDUCATION = "EDUCATION", "Éducation nationale"
    AGRICULTURE = "AGRICULTURE", "Agriculture"
    HIGHER_EDUCATION = "HIGHER_EDUCATION", "Enseignement supérieur"
    HEALTH = "HEALTH", "Santé"
    SEA = "SEA", "Mer"
    OTHER = "OTHER", "Autre"


class PriorityNetwork(models.TextChoices):
    NONE = "NONE", "Hors éducation prioritaire"
    REP = "REP", "REP"
    REP_PLUS = "REP_PLUS", "REP+"


class UrbanClass(models.TextChoices):
    URBAN = "URBAN", "Urbaine"
    RURAL = "RURAL", "Rurale"
    UNKNOWN = "UNKNOWN", "Non renseignée"


class Sex(models.TextChoices):
    GIRL = "F", "Filles"
    BOY = "M", "Garçons"


class OutlineLevel(models.TextChoices):
    REGION = "REGION", "Région"
    DEPARTMENT = "DEPARTMENT", "Département"
    BASIN = "BASIN", "Bassin d'emploi"
    COMMUNE = "COMMUNE", "Commune"
