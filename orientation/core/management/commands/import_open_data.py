"""Import the official open data: every registered step, in order, in one transaction.

Dry run by default (everything is rolled back and the command prints what would change);
``--wet-run`` commits. Any problem in a source file (see ``core.importing``) refuses the whole
import: everything is rolled back, every problem is listed and the exit status is non-zero. Apps register their steps with ``core.importing.register_step``.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from orientation.core.importing import ImportFileError, ImportReport, ImportStep, read_rows, registered_steps


class Command(BaseCommand):
    help = "Importe les données ouvertes (territoire, référentiels…) depuis un dossier. Simulation par défaut."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--source", help="Dossier des données ouvertes (défaut : ORIENTATION_OPEN_DATA).")
        parser.add_argument("--wet-run", action="store_true", help="Enregistre vraiment (sinon tout est annulé).")
        parser.add_argument(
            "--step", action="extend", nargs="+", default=[], metavar="NOM", help="N'exécute que ces étapes."
        )
        parser.add_argument(
            "--list-sources", action="store_true", help="Affiche les étapes et les adresses officielles des fichiers."
        )

    def handle(self, *args, **options) -> None:
        steps = self._select(registered_steps(), options["step"])
        if options["list_sources"]:
            self._list_sources(steps)
            return
        source = self._source(options["source"])
        missing = [f for step in steps for f in step.required_files if not (source / f).is_file()]
        if missing:
            raise CommandError(
                f"Fichier(s) introuvable(s) dans {source} : {', '.join(dict.fromkeys(missing))}. "
                "Rien n'a été enregistré. « manage.py fetch_open_data --dest DOSSIER » télécharge les fichiers officiels."
            )
        wet_run = options["wet_run"]
        report = ImportReport()
        started = time.monotonic()
        try:
            with transaction.atomic():
                for step in steps:
                    if report.problems:
                        # The import is refused already: only look for the other problems of the files,
                        # without the noise of steps running on incomplete data.
                        self._check_files(step, source, report)
                    else:
                        self._run_step(step, source, report)
                self._print_report(report)
                blocking = report.blocking()
                if blocking or not wet_run:
                    transaction.set_rollback(True)
        except (OSError, ValueError, DatabaseError) as exc:
            raise CommandError(f"Import interrompu, rien n'a été enregistré. {exc}") from exc
        if blocking:
            listed = "\n".join(f"  {problem}" for problem in blocking)
            raise CommandError(
                f"Import refusé, rien n'a été enregistré : {len(blocking)} problème(s) dans les fichiers sources.\n{listed}"
            )
        elapsed = time.monotonic() - started
        if wet_run:
            self.stdout.write(self.style.SUCCESS(f"Import enregistré en {elapsed:.1f} s."))
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Simulation terminée en {elapsed:.1f} s : rien n'a été enregistré "
                    "(ajoutez --wet-run pour enregistrer)."
                )
            )

    def _select(self, steps: list[ImportStep], names: list[str]) -> list[ImportStep]:
        if not steps:
            raise CommandError("Aucune étape d'import n'est enregistrée.")
        if not names:
            return steps
        known = {s.name for s in steps}
        unknown = [n for n in names if n not in known]
        if unknown:
            raise CommandError(
                f"Étape(s) inconnue(s) : {', '.join(unknown)}. Étapes disponibles : {', '.join(sorted(known))}."
            )
        return [s for s in steps if s.name in names]

    def _source(self, value: str | None) -> Path:
        value = value or getattr(settings, "ORIENTATION_OPEN_DATA", "")
        if not value:
            raise CommandError(
                "Aucun dossier de données ouvertes : indiquez --source DOSSIER ou la variable ORIENTATION_OPEN_DATA."
            )
        path = Path(value)
        if not path.is_dir():
            raise CommandError(f"Le dossier de données ouvertes « {path} » n'existe pas.")
        return path

    def _list_sources(self, steps: list[ImportStep]) -> None:
        for step in steps:
            self.stdout.write(f"{step.name} (ordre {step.order})")
            for url in step.official_urls:
                self.stdout.write(f"  source officielle : {url}")
            for path in step.required_files:
                self.stdout.write(f"  fichier attendu : {path}")

    def _run_step(self, step: ImportStep, source: Path, report: ImportReport) -> None:
        self.stdout.write(f"Étape {step.name}…")
        started = time.monotonic()

        def progress(message: str) -> None:
            self.stdout.write(f"  … {message}")

        try:
            step.run(source, report, progress)
        except ImportFileError as exc:  # recorded: the next steps still run, so one run lists every problem
            report.problem(step.name, 0, str(exc))
        self.stdout.write(f"  terminée en {time.monotonic() - started:.1f} s")

    def _check_files(self, step: ImportStep, source: Path, report: ImportReport) -> None:
        self.stdout.write(f"Étape {step.name} : fichiers vérifiés seulement (import déjà refusé)")
        for spec in step.sources:
            if spec.geojson:
                continue  # only its step can check it
            for _row in read_rows(spec, source, report):
                pass

    def _print_report(self, report: ImportReport) -> None:
        self.stdout.write("")
        self.stdout.write("Résumé par modèle :")
        for label, stats in sorted(report.stats.items()):
            line = f"  {label} : {stats.created} créé(s), {stats.updated} modifié(s), {stats.unchanged} inchangé(s)"
            if stats.deleted:
                line += f", {stats.deleted} supprimé(s)"
            self.stdout.write(line)
        self.stdout.write("Fichiers sources : lignes lues / gardées / rejetées / non rattachées :")
        for path, counts in sorted(report.sources.items()):
            self.stdout.write(
                f"  {path} : {counts.read} lue(s), {counts.kept} gardée(s), {counts.rejected} rejetée(s), "
                f"{counts.unjoined} non rattachée(s)"
            )
        self.stdout.write(f"Lignes rejetées : {len(report.rejections)}")
        for rejection in report.rejections:
            self.stdout.write(f"  {rejection}")
        unjoined = sum(report.unjoined.values())
        self.stdout.write(f"Non rattachés : {unjoined}")
        for reason, count in sorted(report.unjoined.items()):
            self.stdout.write(f"  {reason} : {count}")
        if report.notes:
            self.stdout.write("Détails :")
            for note in report.notes:
                self.stdout.write(f"  {note}")
        self.stdout.write(f"Total des changements : {report.changed}")
        blocking = report.blocking()
        self.stdout.write(f"Problèmes bloquants : {len(blocking)}")
        for problem in blocking:
            self.stdout.write(f"  {problem}")
