from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from orientation.core.errors import DomainError
from orientation.schooling.enums import Level
from orientation.schooling.importers import statutory
from orientation.schooling.models import StatutoryHours


class Command(BaseCommand):
    help = "Charge une version du tableau des heures d'orientation réglementaires (CSV from_year,level,hours,note)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=statutory.DEFAULT_TABLE)

    def handle(self, *args, file: Path, **options):
        try:
            with transaction.atomic():
                count = statutory.load(StatutoryHours, file.read_text(encoding="utf-8"), set(Level.values))
        except (OSError, DomainError) as exc:
            raise CommandError(str(getattr(exc, "message", exc))) from exc
        self.stdout.write(f"{count} volumes horaires chargés.")
