from django.core.management.base import BaseCommand

from orientation.internships.services import applications_remind


class Command(BaseCommand):
    help = "Relance parents, établissements et entreprises pour les candidatures de stage en attente."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="Relancer après ce nombre de jours sans réponse.")

    def handle(self, *args, days: int, **options):
        count = applications_remind(older_than_days=days)
        self.stdout.write(f"{count} relance(s) envoyée(s).")
