"""``manage.py contracts_daily``: queue the daily contract upkeep (run it once a day from a scheduler)."""

from django.core.management.base import BaseCommand

from orientation.actionplan.tasks import contracts_daily


class Command(BaseCommand):
    help = "Met fin aux contrats dont le préavis est échu et rappelle les échéances (tâche de fond)."

    def handle(self, **options):
        result = contracts_daily.enqueue()
        self.stdout.write(f"Tâche mise en file : {result.id}")
