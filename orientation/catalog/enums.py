from django.db import models


class Riasec(models.TextChoices):
    """Holland's six interest types, as the ROME tags each job (major / minor)."""

    REALISTIC = "R", "Concret : faire, fabriquer, réparer, bouger"
    INVESTIGATIVE = "I", "Curieux : chercher, comprendre, analyser"
    ARTISTIC = "A", "Créatif : imaginer, créer, s'exprimer"
    SOCIAL = "S", "Tourné vers les autres : aider, soigner, transmettre"
    ENTERPRISING = "E", "Entreprenant : convaincre, organiser, diriger"
    CONVENTIONAL = "C", "Méthodique : organiser, classer, gérer avec précision"


class TransitionEco(models.TextChoices):
    WHITE = "WHITE", "Emploi blanc"
    STRATEGIC = "STRATEGIC", "Emploi stratégique pour la transition écologique"
    GREEN = "GREEN", "Emploi vert"
    BROWN = "BROWN", "Emploi brun"
    UNKNOWN = "UNKNOWN", "Non renseigné"


class TrainingSource(models.TextChoices):
    ONISEP = "ONISEP", "Onisep (catalogue national des formations)"
    MEF = "MEF", "Éducation nationale (formations des lycées professionnels)"
    PARCOURSUP = "PARCOURSUP", "Parcoursup"


class Modality(models.TextChoices):
    SCHOOL = "SCHOOL", "Sous statut scolaire"
    APPRENTICESHIP = "APPRENTICESHIP", "En apprentissage"


class OfferSource(models.TextChoices):
    LYCEE_PRO = "LYCEE_PRO", "Effectifs des lycées professionnels"
    PARCOURSUP = "PARCOURSUP", "Parcoursup"


class JobTrainingMethod(models.TextChoices):
    """How a job ↔ training link was established (documented in the package docstring)."""

    TITLE_IN_DOMAIN = "TITLE_IN_DOMAIN", "Même domaine Onisep et mots du titre en commun"
    TITLE = "TITLE", "Mots du titre en commun"


class InsertionSource(models.TextChoices):
    LYCEE_PRO = "LYCEE_PRO", "InserJeunes — lycées professionnels"
    CFA = "CFA", "InserJeunes — centres de formation d'apprentis"


class InsertionPopulation(models.TextChoices):
    ALL = "ALL", "Ensemble"
    APPRENTICES = "APPRENTICES", "Apprentis"
    SCHOOL_PUPILS = "SCHOOL_PUPILS", "Élèves sous statut scolaire"
