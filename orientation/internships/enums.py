from django.db import models


class OfferKind(models.TextChoices):
    OBSERVATION_3E = "OBSERVATION_3E", "Stage d'observation de 3e"
    SECONDE = "SECONDE", "Stage de seconde"
    WORK_PLACEMENT = "PFMP", "Période de formation en milieu professionnel (PFMP)"
    APPRENTICESHIP = "APPRENTICESHIP", "Contrat d'apprentissage"
    HIGHER_EDUCATION = "HIGHER_EDUCATION", "Stage de l'enseignement supérieur"


class OfferStatus(models.TextChoices):
    DRAFT = "DRAFT", "Brouillon"
    PUBLISHED = "PUBLISHED", "Publiée"
    CLOSED = "CLOSED", "Fermée"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "SUBMITTED", "Envoyée (accord du parent attendu)"
    CONSENTED = "CONSENTED", "Accord du parent donné (validation de l'établissement attendue)"
    VALIDATED = "VALIDATED", "Validée par l'établissement (réponse de l'entreprise attendue)"
    ACCEPTED = "ACCEPTED", "Acceptée : convention à signer"
    SIGNED = "SIGNED", "Convention signée"
    REFUSED = "REFUSED", "Refusée par l'entreprise"
    CONSENT_REFUSED = "CONSENT_REFUSED", "Refusée par le parent"
    WITHDRAWN = "WITHDRAWN", "Retirée par l'élève"
    CANCELLED = "CANCELLED", "Annulée"


OPEN_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.CONSENTED,
    ApplicationStatus.VALIDATED,
    ApplicationStatus.ACCEPTED,
)


class ConsentDecision(models.TextChoices):
    PENDING = "PENDING", "En attente"
    GIVEN = "GIVEN", "Accord donné"
    REFUSED = "REFUSED", "Refus"


class Party(models.TextChoices):
    PUPIL = "PUPIL", "Élève"
    PARENT = "PARENT", "Responsable légal"
    SCHOOL = "SCHOOL", "Établissement scolaire"
    HOST = "HOST", "Entreprise d'accueil"
