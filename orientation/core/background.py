"""Background work: Django's tasks framework (the ``django-tasks`` backport) on its database backend.

A task is declared with :func:`background_task` (``django_tasks.task`` plus how many attempts it gets)
and enqueued with :func:`enqueue_on_commit`, so nothing is queued for a write that is rolled back.
Workers are ``manage.py run_worker`` processes (see ``management/commands/run_worker.py``); each
writes a ``WorkerHeartbeat`` while it lives. The database backend itself neither retries nor notices a
dead worker, so every worker, between two tasks, calls :func:`recover`:

- a task left ``RUNNING`` by a worker whose heartbeat stopped (killed, machine lost) is made ``READY``
  again: nothing is lost when a worker dies mid-task (tasks must therefore be idempotent);
- a ``FAILED`` task that has attempts left is made ``READY`` again after a growing delay; its last
  traceback stays on the row until it succeeds. After its last attempt it stays ``FAILED``, listed in
  the administration (« Task results », filter on status).
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task, TaskResultStatus

# Attempts allowed per task (by import path); tasks not declared here get one attempt.
MAX_ATTEMPTS: dict[str, int] = {}
RETRY_BASE_DELAY_SECONDS = 30


def background_task(*, max_attempts: int = 3, **options: Any) -> Callable[[Callable], Task]:
    """``@background_task(max_attempts=3)`` on a module-level function: a task retried on failure."""

    def wrap(func: Callable) -> Task:
        declared = task(**options)(func)
        MAX_ATTEMPTS[declared.module_path] = max_attempts
        return declared

    return wrap


def enqueue_on_commit(declared: Task, *args: Any, **kwargs: Any) -> None:
    """Queue the task once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: declared.enqueue(*args, **kwargs))


def stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.ORIENTATION_WORKER_STALE_SECONDS)


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{os.urandom(4).hex()}"


def heartbeat(worker_id: str) -> None:
    from orientation.core.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"hostname": socket.gethostname()[:255], "pid": os.getpid(), "seen_at": timezone.now()},
    )


def worker_stopped(worker_id: str) -> None:
    from orientation.core.models import WorkerHeartbeat

    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def retry_delay(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=RETRY_BASE_DELAY_SECONDS * 2 ** max(attempts - 1, 0))


def recover(now: datetime.datetime | None = None) -> dict[str, int]:
    """Requeue tasks of dead workers and failed tasks with attempts left; returns how many of each."""
    from django_tasks_db.models import DBTaskResult

    from orientation.core.models import WorkerHeartbeat

    now = now or timezone.now()
    alive = set(WorkerHeartbeat.objects.filter(seen_at__gte=now - stale_after()).values_list("worker_id", flat=True))
    orphaned = [
        row.pk
        for row in DBTaskResult.objects.running().only("pk", "worker_ids")
        if not row.worker_ids or row.worker_ids[-1] not in alive
    ]
    requeued = (
        DBTaskResult.objects.running().filter(pk__in=orphaned).update(status=TaskResultStatus.READY, run_after=now)
    )

    retried = 0
    for row in (
        DBTaskResult.objects.failed().filter(task_path__in=list(MAX_ATTEMPTS)).only("pk", "worker_ids", "task_path")
    ):
        attempts = len(row.worker_ids)
        if attempts < MAX_ATTEMPTS[row.task_path]:
            retried += (
                DBTaskResult.objects.failed()
                .filter(pk=row.pk)
                .update(status=TaskResultStatus.READY, finished_at=None, run_after=now + retry_delay(attempts))
            )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - 10 * stale_after()).delete()
    return {"requeued": requeued, "retried": retried}


def run_one(worker_id: str, queue_names: list[str]) -> bool:
    """Recover, then run at most one ready task with the database backend's worker; True if one ran."""
    from django_tasks_db.management.commands.db_worker import Worker

    recovered = recover()
    if any(recovered.values()):
        logging.getLogger("orientation").warning("Tâches reprises : %s", recovered)
    worker = Worker(
        queue_names=queue_names,
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.run()
    return worker._run_tasks > 0
