"""Download the official open-data files into a directory that ``import_open_data --source`` reads."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from orientation.core.fetching import NetworkUnreachable, fetch_open_data

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Télécharge les fichiers officiels des données ouvertes dans un dossier (reprise des téléchargements "
        "interrompus, manifeste avec les sommes SHA-256), prêt pour import_open_data --source."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dest", required=True, help="Dossier où installer les fichiers.")
        parser.add_argument(
            "--base-url",
            default=None,
            help="Miroir des fichiers (même arborescence) ; défaut : ORIENTATION_OPEN_DATA_MIRROR, "
            "sinon l'adresse de chaque éditeur.",
        )

    def handle(self, *args, **options) -> None:
        base_url = options["base_url"] if options["base_url"] is not None else settings.ORIENTATION_OPEN_DATA_MIRROR
        self._shown: dict[str, int] = {}
        try:
            result = fetch_open_data(
                Path(options["dest"]), base_url=base_url, say=self.stdout.write, progress=self._progress
            )
        except NetworkUnreachable as exc:
            raise CommandError(str(exc)) from exc
        for change in result.changed:
            self.stdout.write(self.style.WARNING(change))
        if result.failures:
            listed = "\n".join(f"  {failure}" for failure in result.failures)
            raise CommandError(
                f"{len(result.failures)} fichier(s) non téléchargé(s), rien n'a été installé "
                f"(les téléchargements réussis reprendront au prochain lancement) :\n{listed}"
            )

    def _progress(self, path: str, done: int, total: int | None) -> None:
        """One bar per file, redrawn every 5 % (a line per step: readable in a log too)."""
        if total:
            percent = min(100, done * 100 // total)
            if percent < 100 and percent - self._shown.get(path, -5) < 5:
                return
            self._shown[path] = percent
            filled = BAR_WIDTH * percent // 100
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stdout.write(
                f"\r{path} [{bar}] {percent:3d} % ({done / 1e6:.1f} Mo)", ending="\n" if percent == 100 else ""
            )
        elif done and done // CHUNK_REPORT != self._shown.get(path, 0):
            self._shown[path] = done // CHUNK_REPORT
            self.stdout.write(f"\r{path} : {done / 1e6:.1f} Mo", ending="")


CHUNK_REPORT = 1_000_000
