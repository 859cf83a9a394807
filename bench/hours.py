"""Class-hours benchmark: a real-scale region-year (bench/regionyear.py), SQLite and PostgreSQL.

For each database, on a fresh one: migrations, the territory steps of the open-data import (every
collège and lycée with its headcounts), the region-year (pupils in classes, a year of ledger credits);
then, not timed, a head of the establishment with the most classes and a session for them. Timed:

- the establishment class-hours page over HTTP through gunicorn (2 workers, 4 clients, after a
  warm-up): p95 latency;
- the region summary (every class of the region, by level, priority network and rural / urban),
  in process: the median of three runs (and the CPU it cost the Django process);
- importing a generated SIECLE file of about 2,500 pupils (the largest establishment's size) into an
  establishment without classes: preview + apply, rolled back afterwards.

A static page is driven with the same load after the establishment page: on a shared machine its p95
says how much of the latency is waiting for a CPU rather than work.

Usage: ``.venv/bin/python bench/hours.py [--seconds 10] [--source DIR] [--only sqlite|postgres]``
The last line is machine-readable:

    hours pupils=<int> classes=<int> credits=<int> sqlite_establishment_p95_ms=<float> sqlite_region_s=<float> postgres_establishment_p95_ms=<float> postgres_region_s=<float>
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from pgcluster import ThrowawayPostgres, free_port

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
WORKERS = 2
CLIENTS = 4
TERRITORY_STEPS = [
    "territory.region",
    "territory.departments",
    "territory.zones",
    "territory.communes",
    "territory.establishments",
]
SIECLE_PUPILS = 2500


def default_source() -> Path:
    env = os.environ.get("ORIENTATION_OPEN_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def base_env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "orientation.settings",
            "DJANGO_DEBUG": "0",
            "CONN_MAX_AGE": "600",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": f"{REPO}{os.pathsep}{REPO / 'bench'}",
        }
    )
    return env


def run(cmd: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=REPO, check=True, **kwargs)


def prepare(env: dict, source: Path) -> dict:
    started = time.monotonic()
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    run(
        [PYTHON, "manage.py", "import_open_data", "--source", str(source), "--wet-run", "--step", *TERRITORY_STEPS],
        env,
        stdout=subprocess.DEVNULL,
    )
    print(f"  territory imported in {time.monotonic() - started:.0f} s", flush=True)
    out = run([PYTHON, str(REPO / "bench" / "regionyear.py")], env, capture_output=True, text=True).stdout
    line = out.strip().splitlines()[-1]
    print(f"  {line}", flush=True)
    counts = dict(item.split("=") for item in line.split()[1:])
    out = run([PYTHON, str(REPO / "bench" / "hours.py"), "--child"], env, capture_output=True, text=True).stdout
    counts.update(json.loads(out.strip().splitlines()[-1]))
    print(
        f"  region summary {counts['region_s']:.2f} s (median of 3; {counts['region_cpu_s']:.2f} s CPU in Django); "
        f"SIECLE import of {counts['siecle_pupils']} pupils {counts['siecle_import_s']:.2f} s "
        f"({counts['siecle_import_cpu_s']:.2f} s CPU in Django)",
        flush=True,
    )
    return counts


# --- inside the child process ------------------------------------------------------------------------


def siecle_file(uai: str, first_year: int, pupils: int) -> bytes:
    """A generated ``ElevesSansAdresses.xml`` in SIECLE's format (ISO-8859-15)."""
    mefs = (("6", "10010012110"), ("5", "10110001110"), ("4", "10210001110"), ("3", "10310019110"))
    eleves, structures = [], []
    for n in range(pupils):
        level, mef = mefs[n % 4]
        division = f"{level}e {chr(65 + (n // 4) % 24)}"
        eleves.append(
            f'<ELEVE ELEVE_ID="{100000 + n}"><ID_NATIONAL>{n:09d}ZZ</ID_NATIONAL>'
            f"<NOM_DE_FAMILLE>NOM{n}</NOM_DE_FAMILLE><PRENOM>Prénom{n}</PRENOM>"
            f"<DATE_NAISS>01/0{1 + n % 9}/20{12 - int(level) + 3:02d}</DATE_NAISS><CODE_SEXE>{1 + n % 2}</CODE_SEXE>"
            f"<CODE_MEF>{mef}</CODE_MEF></ELEVE>"
        )
        structures.append(
            f'<STRUCTURES_ELEVE ELEVE_ID="{100000 + n}"><STRUCTURE><CODE_STRUCTURE>{division}</CODE_STRUCTURE>'
            "<TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE>"
        )
    text = (
        '<?xml version="1.0" encoding="ISO-8859-15"?>\n<BEE_ELEVES VERSION="3.3"><PARAMETRES>'
        f"<UAJ>{uai}</UAJ><ANNEE_SCOLAIRE>{first_year}</ANNEE_SCOLAIRE></PARAMETRES><DONNEES><ELEVES>"
        + "".join(eleves)
        + "</ELEVES><STRUCTURES>"
        + "".join(structures)
        + "</STRUCTURES></DONNEES></BEE_ELEVES>"
    )
    return text.encode("iso-8859-15")


def child() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction
    from django.db.models import Count

    from orientation.accounts.models import User
    from orientation.organisations.enums import Role
    from orientation.organisations.models import Membership
    from orientation.schooling import selectors
    from orientation.schooling.importers.roster import roster_apply, roster_preview
    from orientation.territory.enums import EstablishmentKind
    from orientation.territory.models import Establishment, Region

    year = selectors.current_school_year()
    biggest = (
        Establishment.objects.filter(classes__school_year=year)
        .annotate(n=Count("classes"))
        .order_by("-n", "uai")
        .first()
    )
    head = User.objects.create_user("chef.bench@exemple.fr", "bench-Orientation-2026")
    Membership.objects.create(user=head, role=Role.HEAD, establishment=biggest)
    session = SessionStore()
    session[SESSION_KEY] = str(head.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = head.get_session_auth_hash()
    session.create()

    region = Region.objects.get(code=settings.ORIENTATION_REGION_CODE)
    territory = selectors.Territory(
        "region",
        region.code,
        region.name,
        Establishment.objects.filter(commune__department__academy__region=region, classes__isnull=False).distinct(),
        [],
    )
    durations, cpu = [], []
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        summary = selectors.territory_summary(territory.establishments, year)
        durations.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    assert summary.total.classes > 0

    empty = Establishment.objects.filter(kind=EstablishmentKind.COLLEGE, classes__isnull=True).order_by("uai").first()
    data = siecle_file(empty.uai, year.starts_on.year, SIECLE_PUPILS)
    with transaction.atomic():
        started, started_cpu = time.perf_counter(), time.process_time()
        plan = roster_preview(empty, data, "ElevesSansAdresses.xml")
        assert plan.can_apply, plan.problems[:3]
        roster_apply(actor=None, plan=plan)
        import_s, import_cpu_s = time.perf_counter() - started, time.process_time() - started_cpu
        transaction.set_rollback(True)
    print(
        json.dumps(
            {
                "uai": biggest.uai,
                "establishment_classes": biggest.n,
                "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
                "region_s": statistics.median(durations),
                "region_cpu_s": statistics.median(cpu),
                "siecle_pupils": SIECLE_PUPILS,
                "siecle_import_s": import_s,
                "siecle_import_cpu_s": import_cpu_s,
            }
        ),
        flush=True,
    )


# --- HTTP ----------------------------------------------------------------------------------------------


def get(port: int, path: str, cookie: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@contextlib.contextmanager
def gunicorn(env: dict):
    port = free_port()
    process = subprocess.Popen(
        [GUNICORN, "orientation.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env,
        cwd=REPO,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if get(port, "/accessibilite/", "") == 200:
                    break
            time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


def drive(port: int, path: str, cookie: str, seconds: float) -> tuple[float, int, int]:
    """``CLIENTS`` clients for ``seconds``: (p95 latency in ms, requests, errors)."""
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    errors = [0] * CLIENTS
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                status = get(port, path, cookie)
            except OSError:
                status = 0
            latencies[index].append((time.perf_counter() - started) * 1000)
            errors[index] += status != 200

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = sorted(x for per_client in latencies for x in per_client)
    p95 = every[int(0.95 * (len(every) - 1))] if every else math.nan
    return p95, len(every), sum(errors)


def measure(name: str, env: dict, source: Path, seconds: float) -> dict:
    print(f"{name}:", flush=True)
    figures = prepare(env, source)
    path = f"/classes/etablissements/{figures['uai']}/heures/"
    with gunicorn(env) as port:
        drive(port, path, figures["cookie"], 2)
        p95, requests, errors = drive(port, path, figures["cookie"], seconds)
        # The same load on a page that reads nothing: how much of the latency is the machine itself.
        baseline_p95, _, _ = drive(port, "/accessibilite/", "", seconds / 2)
    if errors:
        raise SystemExit(f"{name}: {errors} of {requests} requests failed")
    print(
        f"  establishment page ({figures['establishment_classes']} classes): p95 {p95:.1f} ms over {requests} requests; "
        f"a static page under the same load: p95 {baseline_p95:.1f} ms",
        flush=True,
    )
    figures["p95_ms"] = p95
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--source", type=Path, default=default_source())
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child()
        return
    results: dict[str, dict] = {}
    if args.only in (None, "sqlite"):
        directory = Path(tempfile.mkdtemp(prefix="bench-hours-sqlite-"))
        try:
            results["sqlite"] = measure(
                "sqlite", base_env(f"sqlite:///{directory / 'db.sqlite3'}"), args.source, args.seconds
            )
        finally:
            shutil.rmtree(directory, ignore_errors=True)
    if args.only in (None, "postgres"):
        with ThrowawayPostgres(prefix="bench-hours-pg-") as pg:
            results["postgres"] = measure("postgres", base_env(pg.socket_url), args.source, args.seconds)
    first = next(iter(results.values()))
    nan = {"p95_ms": math.nan, "region_s": math.nan}
    sqlite, postgres = results.get("sqlite", nan), results.get("postgres", nan)
    print(
        f"hours pupils={int(first['pupils'])} classes={int(first['classes'])} credits={int(first['credits'])} "
        f"sqlite_establishment_p95_ms={sqlite['p95_ms']:.1f} sqlite_region_s={sqlite['region_s']:.2f} "
        f"postgres_establishment_p95_ms={postgres['p95_ms']:.1f} postgres_region_s={postgres['region_s']:.2f}",
        flush=True,
    )


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
