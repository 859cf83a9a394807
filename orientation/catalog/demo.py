"""A tiny demo catalogue for ``make run`` without open data: a few real ROME jobs, trainings and BMO-like figures.

Built only when the catalogue is empty (a real import is never mixed with demo rows). Codes are the
official ones (ROME, Onisep, FAP-2021); recruitment figures are illustrative, of the real order of size.
Idempotent: everything is found or created by its official key.
"""

from __future__ import annotations

from django.db import transaction

from orientation.catalog.enums import Modality, OfferSource, TrainingSource
from orientation.catalog.models import (
    Appellation,
    FapFamily,
    GrandDomain,
    Job,
    JobMobility,
    JobTraining,
    ProfessionalDomain,
    RecruitmentNeed,
    RomeFapLink,
    Training,
    TrainingOffer,
)
from orientation.territory.models import Basin, Establishment

# rome_code → (title, domain, riasec, definition, access, appellations, fap228, fap label)
JOBS = {
    "D1102": (
        "Boulanger / Boulangère",
        ("D", "Commerce, Vente et Grande distribution", "D11", "Commerce alimentaire et métiers de bouche"),
        "R",
        "Fabrique le pain et les viennoiseries.\nGère les stocks et peut vendre en boutique.",
        "Cet emploi est accessible avec un CAP Boulanger.",
        ["Boulanger / Boulangère", "Boulanger-pâtissier / Boulangère-pâtissière"],
        ("S0X42", "Boulangers, pâtissiers"),
    ),
    "D1104": (
        "Pâtissier / Pâtissière",
        ("D", "Commerce, Vente et Grande distribution", "D11", "Commerce alimentaire et métiers de bouche"),
        "A",
        "Prépare des gâteaux, des entremets et des desserts.",
        "Cet emploi est accessible avec un CAP Pâtissier.",
        ["Pâtissier / Pâtissière"],
        ("S0X42", "Boulangers, pâtissiers"),
    ),
    "I1604": (
        "Mécanicien / Mécanicienne automobile",
        ("I", "Installation et Maintenance", "I16", "Maintenance de véhicules"),
        "R",
        "Entretient et répare les voitures.\nRecherche les pannes avec des outils de diagnostic.",
        "Cet emploi est accessible avec un CAP ou un bac pro Maintenance des véhicules.",
        ["Mécanicien / Mécanicienne automobile", "Mécanicien / Mécanicienne de maintenance automobile"],
        ("G0B41", "Ouvriers mécaniciens de véhicules"),
    ),
    "H2913": (
        "Soudeur / Soudeuse",
        ("H", "Industrie", "H29", "Mécanique, travail des métaux et outillage"),
        "R",
        "Assemble des pièces de métal par soudure, à partir de plans.",
        "Cet emploi est accessible avec un CAP ou un bac pro en chaudronnerie ou soudage.",
        ["Soudeur / Soudeuse", "Soudeur / Soudeuse MIG MAG"],
        ("D2X43", "Soudeurs"),
    ),
}
# Onisep code → (title, kind, level, level label, duration, jobs)
TRAININGS = {
    "FOR.2246": ("CAP Boulanger", "CAP", 3, "niveau 3 (niveau CAP)", "2 ans", ["D1102"]),
    "FOR.5821": (
        "bac pro Maintenance des véhicules option A voitures particulières",
        "baccalauréat professionnel",
        4,
        "niveau 4 (bac ou équivalent)",
        "3 ans",
        ["I1604"],
    ),
    "FOR.5740": (
        "CAP Réalisations industrielles en chaudronnerie ou soudage option B soudage",
        "CAP",
        3,
        "niveau 3 (niveau CAP)",
        "2 ans",
        ["H2913"],
    ),
}
# Onisep code → [(UAI, total, girls)] in the demo territory's vocational lycées
OFFERS = {
    "FOR.2246": [("0020078Z", 24, 9)],
    "FOR.5821": [("0590189K", 48, 3), ("0620110H", 52, 2)],
    "FOR.5740": [("0620110H", 30, 4), ("0020078Z", 18, 1)],
}
# FAP228 → [(basin code, département, projects, difficult)]
NEEDS = {
    "S0X42": [("3212", "02", 40, 28), ("3227", "62", 76, 54), ("3217", "59", 117, 103)],
    "G0B41": [("3212", "02", 35, 30), ("3227", "62", 88, 70), ("3217", "59", 150, 96)],
    "D2X43": [("3227", "62", 64, 58), ("3212", "02", 12, None)],
}


@transaction.atomic
def build(stdout) -> None:
    if Job.objects.exists():
        stdout.write("Catalogue : déjà chargé, rien à faire.")
        return
    for code, (title, domain, riasec, definition, access, titles, fap) in JOBS.items():
        gd_code, gd_label, dp_code, dp_label = domain
        grand, _ = GrandDomain.objects.get_or_create(code=gd_code, defaults={"label": gd_label})
        dom, _ = ProfessionalDomain.objects.get_or_create(
            code=dp_code, defaults={"label": dp_label, "grand_domain": grand}
        )
        job = Job.objects.create(
            rome_code=code,
            title=title,
            rome_v3_parent=code,
            domain=dom,
            riasec_major=riasec,
            definition=definition,
            access=access,
        )
        for position, label in enumerate(titles):
            Appellation.objects.get_or_create(
                ogr_code=int(code[1:]) * 100 + position,
                defaults={"job": job, "long_label": label, "short_label": label, "is_principal": position == 0},
            )
        family, _ = FapFamily.objects.get_or_create(code=fap[0], defaults={"label": fap[1]})
        RomeFapLink.objects.get_or_create(
            rome_v3_code=code, qualification=0, defaults={"family": family, "fap341_code": fap[0]}
        )
    jobs = {job.rome_code: job for job in Job.objects.all()}
    JobMobility.objects.get_or_create(source=jobs["D1102"], target=jobs["D1104"], defaults={"rank": 1})
    JobMobility.objects.get_or_create(source=jobs["D1104"], target=jobs["D1102"], defaults={"rank": 1})
    establishments = Establishment.objects.in_bulk(
        [uai for rows in OFFERS.values() for uai, *_ in rows], field_name="uai"
    )
    for code, (title, kind, level, level_label, duration, job_codes) in TRAININGS.items():
        training, _ = Training.objects.get_or_create(
            code=code,
            defaults={
                "source": TrainingSource.ONISEP,
                "kind_label": kind,
                "title": title,
                "rncp_level": level,
                "rncp_level_label": level_label,
                "duration": duration,
                "url": f"https://www.onisep.fr/http/redirection/formation/slug/{code}",
            },
        )
        for job_code in job_codes:
            JobTraining.objects.get_or_create(job=jobs[job_code], training=training, defaults={"method": "TITLE"})
        for uai, total, girls in OFFERS[code]:
            if uai in establishments:
                TrainingOffer.objects.get_or_create(
                    training=training,
                    establishment=establishments[uai],
                    modality=Modality.SCHOOL,
                    source=OfferSource.LYCEE_PRO,
                    defaults={"school_year": 2024, "total": total, "girls": girls, "boys": total - girls},
                )
    basins = Basin.objects.in_bulk(field_name="code")
    for fap, rows in NEEDS.items():
        family = FapFamily.objects.get(code=fap)
        for basin_code, department, projects, difficult in rows:
            basin = basins.get(basin_code)
            RecruitmentNeed.objects.get_or_create(
                year=2025,
                family=family,
                basin_code=basin_code,
                defaults={
                    "basin_name": basin.name.upper() if basin else basin_code,
                    "basin": basin,
                    "department_code": department,
                    "department": basin.department if basin and basin.department_id else None,
                    "projects": projects,
                    "difficult": difficult,
                },
            )
    stdout.write(f"Catalogue de démonstration : {len(JOBS)} métiers, {len(TRAININGS)} formations.")
