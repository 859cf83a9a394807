"""Benchmark: the full open-data import (every registered step) into SQLite and into PostgreSQL.

Run from the repository root:  .venv/bin/python bench/import_open_data.py [--source DIR] [--step NAME …]

Each import runs in its own child process on a fresh database (migrations are applied first and
not timed). PostgreSQL runs in a throwaway cluster (initdb + pg_ctl on a free port, as the
``postgres`` user when run as root) that is stopped and removed on exit, whatever happens.
The last line is machine-readable:

    import_open_data sqlite_s=<float> postgres_s=<float> peak_mb=<float>

``peak_mb`` is the largest max RSS of the import child processes.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pgcluster import ThrowawayPostgres

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def child(steps: list[str], source: str) -> None:
    """Inside the child: set Django up, run the import, print the elapsed seconds as JSON."""
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orientation.settings")
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command

    args = ["import_open_data", "--source", source, "--wet-run"]
    if steps:
        args += ["--step", *steps]
    out = StringIO()
    started = time.perf_counter()
    call_command(*args, stdout=out)
    elapsed = time.perf_counter() - started
    print(json.dumps({"elapsed": elapsed, "summary": out.getvalue().split("Résumé par modèle :")[-1][:2000]}))


def run_child(env: dict[str, str], steps: list[str], source: str) -> tuple[float, float]:
    """Run the import in a child process; returns (seconds, the child's max RSS in MB)."""
    cmd = [PYTHON, str(Path(__file__).resolve()), "--child", "--source", source]
    if steps:
        cmd += ["--step", *steps]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=err, text=True)
        _pid, status, rusage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        sys.stderr.write(stderr[-4000:])
        raise SystemExit(f"import failed (exit {proc.returncode})")
    result = json.loads(stdout.strip().splitlines()[-1])
    return result["elapsed"], rusage.ru_maxrss / 1024  # Linux reports kilobytes


def migrate(env: dict[str, str]) -> None:
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=REPO, env=env, check=True)


def bench_sqlite(steps: list[str], source: str) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="bench-sqlite-") as tmp:
        env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3")
        migrate(env)
        return run_child(env, steps, source)


def bench_postgres(steps: list[str], source: str) -> tuple[float, float]:
    with ThrowawayPostgres(prefix="pg-bench-") as pg:
        env = dict(os.environ, DATABASE_URL=pg.url)
        migrate(env)
        return run_child(env, steps, source)


def default_source() -> str:
    env = os.environ.get("ORIENTATION_OPEN_DATA")
    if env:
        return env
    sibling = REPO.parent / "shared" / "data"
    if sibling.is_dir():
        return str(sibling)
    raise SystemExit("No open-data directory: pass --source DIR or set ORIENTATION_OPEN_DATA.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source")
    parser.add_argument("--step", nargs="+", default=[])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    source = args.source or default_source()
    if args.child:
        child(args.step, source)
        return
    # A SIGTERM/SIGINT unwinds through the context managers, so the cluster is always stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sqlite_s, sqlite_mb = bench_sqlite(args.step, source)
    print(f"sqlite: {sqlite_s:.2f} s, child max RSS {sqlite_mb:.0f} MB", flush=True)
    postgres_s, postgres_mb = bench_postgres(args.step, source)
    print(f"postgres: {postgres_s:.2f} s, child max RSS {postgres_mb:.0f} MB", flush=True)
    print(
        f"import_open_data sqlite_s={sqlite_s:.2f} postgres_s={postgres_s:.2f} peak_mb={max(sqlite_mb, postgres_mb):.1f}"
    )


if __name__ == "__main__":
    main()
