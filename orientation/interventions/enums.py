from django.db import models


class Axis(models.TextChoices):
    """The three strategic axes of the regional plan (DOMAIN.md, R9)."""

    DISCOVER_WORLD = "1", "Découvrir le monde économique et professionnel"
    BUILD_PROJECT = "2", "Construire son projet d'orientation et son parcours"
    DISCOVER_TRAINING = "3", "Découvrir les formations"


class Objective(models.TextChoices):
    ALL_JOBS = "1.1", "Connaître tous les métiers, surtout ceux qui recrutent et ceux d'avenir"
    GENDER_EQUALITY = "1.2", "Mixité des métiers et égalité professionnelle, contre les stéréotypes"
    ENTREPRENEURSHIP = "1.3", "Développer l'esprit d'entreprendre"
    ORIENTATION_SKILLS = "2.1", "Apprendre à s'orienter"
    MOBILITY = "2.2", "Éduquer à la mobilité"
    SECURE_PATHWAYS = "2.3", "Lutter contre le décrochage et sécuriser les parcours"
    TRAINING_DIVERSITY = "3.1", "Connaître la diversité des formations"
    VOCATIONAL_ROUTE = "3.2", "Valoriser la voie professionnelle"
    APPRENTICESHIP = "3.3", "Informer sur l'apprentissage"


OBJECTIVE_AXIS = {objective: Axis(objective.value[0]) for objective in Objective}


class FormatKind(models.TextChoices):
    CLASS_TALK = "CLASS_TALK", "Témoignage en classe"
    WORKPLACE_VISIT = "WORKPLACE_VISIT", "Visite d'entreprise"
    JOB_DATING = "JOB_DATING", "Job dating"
    MOCK_INTERVIEWS = "MOCK_INTERVIEWS", "Entretiens d'entraînement"
    FORUM_STAND = "FORUM_STAND", "Stand sur un forum"
    BUS_STOP = "BUS_STOP", "Étape du bus de l'orientation"
    ENTREPRENEURSHIP = "ENTREPRENEURSHIP", "Atelier entrepreneuriat"


class EntrepreneurshipLabel(models.TextChoices):
    NONE = "", "Aucun"
    IDEE = "IDEE", "IDEE"
    PEPITE = "PEPITE", "PEPITE"


class WishKind(models.TextChoices):
    JOBS = "JOBS", "Des métiers précis"
    SECTOR = "SECTOR", "Un secteur"
    RECRUITING_NEAR = "RECRUITING_NEAR", "Les métiers qui recrutent près de chez nous"


class Place(models.TextChoices):
    SCHOOL = "SCHOOL", "Dans l'établissement"
    WORKPLACE = "WORKPLACE", "Sur le lieu de travail de l'ambassadeur"
    OTHER = "OTHER", "Ailleurs"


class BookingStatus(models.TextChoices):
    REQUESTED = "REQUESTED", "Demandée"
    APPROVED = "APPROVED", "Validée par la direction"
    PROPOSED = "PROPOSED", "Proposée à un ambassadeur"
    ACCEPTED = "ACCEPTED", "Acceptée par l'ambassadeur"
    DECLINED = "DECLINED", "Refusée par l'ambassadeur"
    CONFIRMED = "CONFIRMED", "Confirmée"
    DONE = "DONE", "Réalisée"
    EVALUATED = "EVALUATED", "Évaluée"
    CANCELLED = "CANCELLED", "Annulée"


# While a booking is in one of these, the ambassador's time is taken (DB constraint).
BLOCKING_STATUSES = (
    BookingStatus.PROPOSED,
    BookingStatus.ACCEPTED,
    BookingStatus.CONFIRMED,
    BookingStatus.DONE,
    BookingStatus.EVALUATED,
)


class Actor(models.TextChoices):
    SCHOOL = "SCHOOL", "personnel de l'établissement"
    HEAD = "HEAD", "chef d'établissement"
    COORDINATOR = "COORDINATOR", "coordinateur"
    AMBASSADOR = "AMBASSADOR", "ambassadeur"


class SurveyAnswer(models.IntegerChoices):
    NOT_AT_ALL = 1, "Pas du tout"
    A_LITTLE = 2, "Un peu"
    QUITE = 3, "Assez"
    A_LOT = 4, "Beaucoup"
