"""Load the platform's territory: the official open data when a directory is available, else a demo."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from orientation.territory.demo_territory import build_demo_territory
from orientation.territory.models import Region


class Command(BaseCommand):
    help = (
        "Charge le territoire : import des données ouvertes (toutes les étapes) si un dossier est configuré, "
        "sinon un petit territoire de démonstration. Peut être relancé sans risque."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--source", help="Dossier des données ouvertes (défaut : ORIENTATION_OPEN_DATA).")
        parser.add_argument(
            "--demo", action="store_true", help="Charge le territoire de démonstration même si des données existent."
        )

    def handle(self, *args, **options) -> None:
        source = options["source"] or getattr(settings, "ORIENTATION_OPEN_DATA", "")
        if not options["demo"] and source and Path(source).is_dir():
            self.stdout.write(f"Import des données ouvertes depuis {source}…")
            call_command("import_open_data", "--source", str(source), "--wet-run", stdout=self.stdout)
            return
        if not options["demo"] and Region.objects.filter(is_demo=False).exists():
            self.stdout.write(
                "Aucun dossier de données ouvertes, mais le territoire réel est déjà chargé : rien à faire."
            )
            return
        if not options["demo"]:
            self.stdout.write(
                "Aucun dossier de données ouvertes. Pour la vraie région, une commande télécharge les fichiers "
                "officiels dans open-data/ (relancez ensuite make run) : make open-data"
            )
        counts = build_demo_territory()
        details = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.stdout.write(
            self.style.WARNING(
                "Aucun dossier de données ouvertes : territoire de DÉMONSTRATION chargé "
                f"(codes réels, chiffres indicatifs) : {details}."
            )
        )
