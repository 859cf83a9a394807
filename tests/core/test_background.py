"""Background work: retries, tasks of dead workers picked up again, a real worker killed mid-task."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from orientation.core import background
from orientation.core.models import WorkerHeartbeat
from tests.core import background_tasks

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REPO = Path(__file__).resolve().parents[2]


def _drain(worker_id="test-worker", passes=10):
    """Run passes of the worker loop, moving the clock past retry delays."""
    for _ in range(passes):
        background.heartbeat(worker_id)
        background.recover()
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
        if not background.run_one(worker_id, ["default"]):
            break


@pytest.fixture
def database_tasks(monkeypatch):
    """Tasks queued in the database and run in this process, inside the test's transaction: the worker
    must not close the connection between two tasks as it does in production (PostgreSQL would lose the
    transaction; SQLite's in-memory test database ignores it)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    background_tasks.CALLS.clear()
    with override_settings(TASKS=DATABASE_TASKS):
        yield


@pytest.mark.django_db
def test_a_failed_task_is_retried_until_it_succeeds(database_tasks):
    background_tasks.FAILURES_BEFORE_SUCCESS[0] = 2
    result = background_tasks.flaky.enqueue("rapport")
    _drain()
    row = DBTaskResult.objects.get(pk=result.id)
    assert background_tasks.CALLS == ["rapport"] * 3
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == "rapport"
    assert len(row.worker_ids) == 3


@pytest.mark.django_db
def test_a_task_out_of_attempts_stays_failed_with_its_traceback(database_tasks):
    result = background_tasks.always_fails.enqueue()
    _drain()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert "échec définitif" in row.traceback
    assert len(row.worker_ids) == 1


@pytest.mark.django_db
def test_a_failed_task_waits_longer_before_each_new_attempt(database_tasks):
    background_tasks.FAILURES_BEFORE_SUCCESS[0] = 5
    result = background_tasks.flaky.enqueue("x")
    background.run_one("w", ["default"])
    now = timezone.now()
    background.recover(now)
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY
    assert row.run_after == now + background.retry_delay(1)
    assert background.retry_delay(2) > background.retry_delay(1)


@pytest.mark.django_db
def test_only_tasks_of_silent_workers_are_requeued(database_tasks):
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="alive", hostname="h", pid=1, seen_at=now)
    WorkerHeartbeat.objects.create(worker_id="dead", hostname="h", pid=2, seen_at=now - datetime.timedelta(hours=1))
    alive = background_tasks.flaky.enqueue("a")
    dead = background_tasks.flaky.enqueue("b")
    DBTaskResult.objects.filter(pk=alive.id).update(status=TaskResultStatus.RUNNING, worker_ids=["alive"])
    DBTaskResult.objects.filter(pk=dead.id).update(status=TaskResultStatus.RUNNING, worker_ids=["dead"])
    assert background.recover(now) == {"requeued": 1, "retried": 0}
    assert DBTaskResult.objects.get(pk=alive.id).status == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.get(pk=dead.id).status == TaskResultStatus.READY


@pytest.mark.django_db
def test_failed_tasks_are_listed_for_administrators(admin_client, database_tasks):
    result = background_tasks.always_fails.enqueue()
    _drain()
    page = admin_client.get(f"/admin/django_tasks_database/dbtaskresult/?status__exact={TaskResultStatus.FAILED}")
    assert page.status_code == 200
    assert "always_fails" in page.content.decode()
    detail = admin_client.get(f"/admin/django_tasks_database/dbtaskresult/{result.id}/change/")
    assert "échec définitif" in detail.content.decode()


def _manage(env, *args):
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done


def _wait_for(path: Path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists():
            return True
        time.sleep(0.2)
    return False


def test_a_task_whose_worker_is_killed_is_run_again_by_another_worker(tmp_path):
    """Two real ``run_worker`` processes on one SQLite file: the first is killed (SIGKILL) mid-task."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ORIENTATION_TASK_BACKEND": "database",
        "ORIENTATION_WORKER_STALE_SECONDS": "1",
        "DJANGO_DEBUG": "0",
    }
    work = tmp_path / "work"
    work.mkdir()
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(
        env,
        "shell",
        "-c",
        f"from tests.core.background_tasks import long_then_write; long_then_write.enqueue({str(work)!r})",
    )
    first = subprocess.Popen([sys.executable, "manage.py", "run_worker", "--interval", "0.2"], cwd=REPO, env=env)
    try:
        assert _wait_for(work / "started-1", 60), "the first worker never started the task"
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    assert not (work / "done").exists()
    second = subprocess.Popen([sys.executable, "manage.py", "run_worker", "--interval", "0.2"], cwd=REPO, env=env)
    try:
        assert _wait_for(work / "done", 60), "the task was not picked up again"
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)
    assert (work / "done").read_text() == "2"
    state = _manage(
        env,
        "shell",
        "-c",
        "from django_tasks_db.models import DBTaskResult; r = DBTaskResult.objects.get(); "
        "print(r.status, len(r.worker_ids), len(set(r.worker_ids)))",
    )
    assert state.stdout.strip().splitlines()[-1].split() == ["SUCCESSFUL", "2", "2"]
    assert second.returncode == 0


@pytest.mark.django_db
def test_notify_sends_each_message_through_a_task_retried_when_refused(
    database_tasks, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core import mail
    from django.core.mail.backends.locmem import EmailBackend

    from orientation.core.notify import notify

    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=["a@exemple.fr", "b@exemple.fr"],
            template="ambassadors/emails/status_changed",
            context={"status_label": "Vérifié", "reason": "r"},
        )
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path="orientation.core.tasks.send_email").count() == 2
    original = EmailBackend.send_messages
    refusals = []

    def refuse_once(self, messages):
        if messages[0].to == ["a@exemple.fr"] and not refusals:
            refusals.append(1)
            raise OSError("refused")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_once)
    _drain()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@exemple.fr", "b@exemple.fr"]
    assert refusals == [1]
