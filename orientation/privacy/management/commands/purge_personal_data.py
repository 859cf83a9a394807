from django.core.management.base import BaseCommand
from django.db import transaction

from orientation.privacy.services import personal_data_purge


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Anonymise les comptes d'élèves (et de leurs parents) dont la scolarité est finie depuis la durée "
        "de conservation, et supprime les traces et invitations périmées. Simulation par défaut."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="Appliquer réellement (sinon : simulation).")

    def handle(self, *args, wet_run: bool = False, **options):
        try:
            with transaction.atomic():
                report = personal_data_purge()
                for line in report.lines():
                    self.stdout.write(line)
                if not wet_run:
                    raise _DryRun
        except _DryRun:
            self.stdout.write(
                self.style.WARNING("Simulation : rien n'a été modifié. Ajoutez --wet-run pour appliquer.")
            )
            return
        self.stdout.write(self.style.SUCCESS("Purge appliquée."))
