"""Run one background worker: ``manage.py run_worker`` (as many processes as needed, on any machine).

Each pass: heartbeat, requeue what dead workers left and failed tasks with attempts left
(``orientation.core.background.recover``), then run at most one task with the database backend's own
worker. While a task runs, a thread keeps the heartbeat going. SIGTERM/SIGINT: finish the current task,
then stop.
"""

import signal
import threading
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils.module_loading import autodiscover_modules

from orientation.core import background


class Command(BaseCommand):
    help = "Exécute les tâches de fond (rapports, courriels, rappels), en reprenant celles d'un processus arrêté."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="secondes d'attente quand la file est vide")
        parser.add_argument("--queue-name", default="default", help="files traitées, séparées par des virgules")
        parser.add_argument("--batch", action="store_true", help="s'arrêter quand la file est vide")

    def handle(self, *, interval: float, queue_name: str, batch: bool, **options):
        autodiscover_modules("tasks")
        worker_id = background.new_worker_id()
        self.running = True
        stop_beating = threading.Event()
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        beat = threading.Thread(target=self._beat, args=(worker_id, stop_beating), daemon=True)
        background.heartbeat(worker_id)
        beat.start()
        self.stdout.write(f"Processus de tâches de fond {worker_id} démarré.")
        try:
            while self.running:
                close_old_connections()
                if not background.run_one(worker_id, queue_name.split(",")):
                    if batch:
                        break
                    time.sleep(interval)
        finally:
            stop_beating.set()
            beat.join()
            background.worker_stopped(worker_id)
        self.stdout.write(f"Processus de tâches de fond {worker_id} arrêté.")

    def _stop(self, signum, frame):
        self.running = False

    @staticmethod
    def _beat(worker_id: str, stop: threading.Event) -> None:
        period = max(background.stale_after().total_seconds() / 4, 0.2)
        try:
            while not stop.wait(period):
                background.heartbeat(worker_id)
        finally:
            connection.close()
