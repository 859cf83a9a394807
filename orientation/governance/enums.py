from django.db import models


class BodyKind(models.TextChoices):
    DEPARTMENT = "DEPARTMENT", "Instance territoriale départementale"
    COPIL = "COPIL", "Comité de pilotage régional"


class MemberCategory(models.TextChoices):
    """The member categories of R10, in the order of the convention."""

    SECONDARY_HEAD = "SECONDARY_HEAD", "Chefs d'établissement du second degré"
    HIGHER_EDUCATION = "HIGHER_EDUCATION", "Enseignement supérieur"
    AGRICULTURAL = "AGRICULTURAL", "Enseignement agricole"
    COMPANY = "COMPANY", "Chefs d'entreprise"
    DEPARTMENT_COUNCILLOR = "DEPARTMENT_COUNCILLOR", "Conseillers départementaux"
    REGIONAL_COUNCILLOR = "REGIONAL_COUNCILLOR", "Conseillers régionaux"
    CHAMBER = "CHAMBER", "Chambres de commerce, de métiers et d'agriculture"
    ORIENTATION_ACTOR = "ORIENTATION_ACTOR", "Acteurs de l'orientation (DRAIO, CIO, missions locales)"
    BRANCH = "BRANCH", "Branches professionnelles et organisations d'employeurs"
    PARENTS = "PARENTS", "Fédérations de parents d'élèves"
    DISABILITY = "DISABILITY", "Acteurs du handicap"
    OTHER = "OTHER", "Autres membres"
