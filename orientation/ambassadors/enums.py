from django.db import models


class AmbassadorStatus(models.TextChoices):
    PENDING = "PENDING", "En attente de vérification"
    VERIFIED = "VERIFIED", "Vérifié"
    ACTIVE = "ACTIVE", "Actif"
    SUSPENDED = "SUSPENDED", "Suspendu"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "lundi"
    TUESDAY = 1, "mardi"
    WEDNESDAY = 2, "mercredi"
    THURSDAY = 3, "jeudi"
    FRIDAY = 4, "vendredi"
    SATURDAY = 5, "samedi"


class CounterStereotype(models.TextChoices):
    WOMAN_IN_MALE_JOB = "WOMAN_IN_MALE_JOB", "Femme dans un métier exercé surtout par des hommes"
    MAN_IN_FEMALE_JOB = "MAN_IN_FEMALE_JOB", "Homme dans un métier exercé surtout par des femmes"
    DISABILITY = "DISABILITY", "Professionnel en situation de handicap"
    UNUSUAL_PATH = "UNUSUAL_PATH", "Parcours peu habituel (reconversion, apprentissage tardif…)"


class InterestKind(models.TextChoices):
    EMPLOYER = "EMPLOYER", "Mon employeur actuel"
    CHILD_ENROLLED = "CHILD_ENROLLED", "Mon enfant est inscrit dans cet établissement"
    RELATIVE_ENROLLED = "RELATIVE_ENROLLED", "Un proche est inscrit dans cet établissement"
    FORMER_EMPLOYER = "FORMER_EMPLOYER", "J'ai travaillé dans cet établissement"
    COMMERCIAL_RELATION = "COMMERCIAL_RELATION", "Relation commerciale avec cet établissement"
    RECRUITMENT = "RECRUITMENT", "Mon entreprise recrute des jeunes de cet établissement"


# Every kind but the employer names an establishment: an intervention there is a conflict.
ESTABLISHMENT_INTEREST_KINDS = tuple(k for k in InterestKind if k != InterestKind.EMPLOYER)
