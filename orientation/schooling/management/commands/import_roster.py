"""``import_roster --establishment UAI FILE [--wet-run]``: load a pupils' roster (SIECLE or CSV).

Dry run by default: prints what would change. Any problem: non-zero exit status, nothing written.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from orientation.core.errors import DomainError
from orientation.schooling.enums import Level
from orientation.schooling.importers.roster import roster_apply, roster_preview
from orientation.territory.models import Establishment


class Command(BaseCommand):
    help = "Charge la liste des élèves d'un établissement (SIECLE ElevesSansAdresses.xml ou .zip, ou CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--establishment", required=True, metavar="UAI")
        parser.add_argument("file", type=Path)
        parser.add_argument("--wet-run", action="store_true", help="Enregistre vraiment (sinon simulation).")
        parser.add_argument(
            "--level",
            action="append",
            default=[],
            metavar="CLASSE=NIVEAU",
            help=f"Niveau d'une classe que le fichier ne permet pas de déduire ({', '.join(Level.values)}).",
        )

    def handle(self, *args, **options):
        establishment = Establishment.objects.filter(uai=options["establishment"].upper()).first()
        if establishment is None:
            raise CommandError(f"Établissement {options['establishment']} inconnu. Rien n'a été enregistré.")
        levels = dict(item.split("=", 1) for item in options["level"] if "=" in item)
        try:
            data = options["file"].read_bytes()
        except OSError as exc:
            raise CommandError(f"Fichier illisible : {exc}. Rien n'a été enregistré.") from exc
        plan = roster_preview(establishment, data, options["file"].name, levels=levels)
        for problem in plan.problems:
            self.stderr.write(f"Erreur — {problem}")
        for school_class in plan.unsettled_classes:
            self.stderr.write(
                f'Niveau à préciser — classe « {school_class.name} » (--level "{school_class.name}=NIVEAU")'
            )
        if not plan.can_apply:
            raise CommandError("Le fichier n'a pas été chargé : rien n'a été enregistré.")
        for name, count in plan.summary().items():
            self.stdout.write(f"{name.replace('_', ' ')} : {count}")
        if not options["wet_run"]:
            self.stdout.write("Simulation : rien n'a été enregistré (ajoutez --wet-run pour enregistrer).")
            return
        try:
            with transaction.atomic():
                roster_apply(actor=None, plan=plan)
        except DomainError as exc:
            raise CommandError(f"{exc.message} Rien n'a été enregistré.") from exc
        self.stdout.write(self.style.SUCCESS("Liste des élèves enregistrée."))
