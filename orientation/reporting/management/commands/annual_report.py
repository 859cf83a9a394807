"""``manage.py annual_report --school-year 2026-2027 --scope region|academy:CODE|department:CODE --output DIR``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from orientation.reporting import report
from orientation.reporting.scope import ScopeError, parse_period, scope_for_command


class Command(BaseCommand):
    help = "Écrit le bilan annuel d'un territoire en HTML, PDF et XLSX dans un dossier."

    def add_arguments(self, parser):
        parser.add_argument("--school-year", required=True, help="par exemple 2026-2027")
        parser.add_argument("--scope", required=True, help="region, academy:CODE ou department:CODE")
        parser.add_argument("--output", required=True, type=Path, help="dossier où écrire les trois fichiers")

    def handle(self, *, school_year: str, scope: str, output: Path, **options):
        try:
            territory = scope_for_command(scope)
            period = parse_period(school_year)
        except ScopeError as exc:
            raise CommandError(str(exc)) from exc
        output.mkdir(parents=True, exist_ok=True)
        html, pdf, xlsx = report.build(
            territory, period, progress=lambda p, step: self.stdout.write(f"{p:3d} % {step}")
        )
        stem = f"bilan-{period.school_year}-{territory.kind}-{territory.code}"
        (output / f"{stem}.html").write_text(html, encoding="utf-8")
        (output / f"{stem}.pdf").write_bytes(pdf)
        (output / f"{stem}.xlsx").write_bytes(xlsx)
        self.stdout.write(self.style.SUCCESS(f"Bilan écrit dans {output} : {stem}.html, .pdf et .xlsx"))
