from django.db import models


class DocumentType(models.TextChoices):
    JOB = "job", "Métier"
    TRAINING = "training", "Formation"
    OFFER = "offer", "Lieu de formation"


class Modality(models.TextChoices):
    SCHOOL = "school", "Voie scolaire"
    APPRENTICESHIP = "apprenticeship", "Apprentissage"


# RNCP levels (cadre national des certifications), as a pupil reads them.
LEVEL_LABELS: dict[int, str] = {
    3: "CAP, BEP (niveau 3)",
    4: "Bac, bac pro, BP (niveau 4)",
    5: "Bac + 2 : BTS… (niveau 5)",
    6: "Bac + 3 : licence, BUT… (niveau 6)",
    7: "Bac + 5 : master… (niveau 7)",
    8: "Doctorat (niveau 8)",
}
