from django.db import models


class Role(models.TextChoices):
    PUPIL = "PUPIL", "Élève"
    APPRENTICE = "APPRENTICE", "Apprenti"
    STUDENT = "STUDENT", "Étudiant"
    PARENT = "PARENT", "Parent"
    HEAD = "HEAD", "Chef d'établissement"
    FORM_TEACHER = "FORM_TEACHER", "Professeur principal"
    GUIDANCE_PSYCHOLOGIST = "GUIDANCE_PSYCHOLOGIST", "Psychologue de l'Éducation nationale"
    OTHER_STAFF = "OTHER_STAFF", "Autre personnel"
    AMBASSADOR = "AMBASSADOR", "Ambassadeur métier"
    COMPANY_MEMBER = "COMPANY_MEMBER", "Membre d'une entreprise"
    COORDINATOR = "COORDINATOR", "Coordinateur"
    ADMINISTRATOR = "ADMINISTRATOR", "Administrateur"


LEARNER_ROLES = (Role.PUPIL, Role.APPRENTICE, Role.STUDENT)
STAFF_ROLES = (Role.HEAD, Role.FORM_TEACHER, Role.GUIDANCE_PSYCHOLOGIST, Role.OTHER_STAFF)
ESTABLISHMENT_ROLES = LEARNER_ROLES + STAFF_ROLES


class CoordinatorLevel(models.TextChoices):
    DEPARTMENT = "DEPARTMENT", "Département"
    ACADEMY = "ACADEMY", "Académie"
    REGION = "REGION", "Région"
