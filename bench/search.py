"""Search benchmark: the real catalogue, gunicorn (2 workers), 8 concurrent clients, SQLite and PostgreSQL.

For each database: a fresh database (a temporary SQLite file; a throwaway PostgreSQL cluster
started here with initdb/pg_ctl on a free port, reached through its Unix socket, and stopped in a
``finally``), ``migrate`` and
``import_open_data --wet-run`` of the official open data (the search index is its last step),
then the app under gunicorn. After an untimed warm-up of both endpoints with the same load (each
worker loads its vocabulary, communes and prepared documents, and corrects each misspelling of
the mix once), 8 client threads send, for a fixed time,
a fixed mix of distinct pupil queries to the search, then the same load, with the same HTTP
client (one connection per request), to the trivial ``/recherche/ping``.

Prints one line per database (throughputs, p95, ratio), the CPU each request cost the gunicorn
workers, the database server and the client, and, last::

    search sqlite_p95_ms=<float> sqlite_ratio=<float> postgres_p95_ms=<float> postgres_ratio=<float>

ratio = search throughput ÷ trivial-endpoint throughput (targets: ratio ≥ 0.5, p95 ≤ 50 ms).

What the final line measures, and why:

- the endpoint is the API ``/api/v1/search`` (``--endpoint api``, the default): it is the contract
  the issue specifies (``GET /api/v1/search?q=…``), and it measures the search rather than HTML
  rendering; ``--endpoint page`` measures the page ``/recherche/`` (same search + template);
- every answer is computed afresh (``bench.settings_no_result_cache``): the issue asks for at least
  200 *distinct* queries so that the search, not a memory of answers, is measured. In production
  each worker also remembers recent answers (``search.selectors.search``, the index only changes at
  import); ``--result-cache`` measures with that memory on, where 287 queries repeated for the whole
  run are nearly all answered from memory.

Usage: ``.venv/bin/python bench/search.py [--seconds 15] [--source DIR] [--only sqlite|postgres]
[--endpoint api|page] [--result-cache]``.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from pgcluster import ThrowawayPostgres, free_port

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
CLIENTS = 8
WORKERS = 2
WARM_UP_SECONDS = 3.0

WORDS = [
    "boulanger",
    "boulangère",
    "infirmier",
    "infirmière",
    "coiffeur",
    "coiffeuse",
    "plombier",
    "électricien",
    "maçon",
    "cuisinier",
    "pâtissier",
    "boucher",
    "vendeur",
    "vendeuse",
    "développeur",
    "comptable",
    "secrétaire",
    "vétérinaire",
    "pompier",
    "policier",
    "menuisier",
    "soudeur",
    "fleuriste",
    "kiné",
    "pharmacien",
    "avocat",
    "journaliste",
    "photographe",
    "esthéticienne",
    "serveur",
    "carrossier",
    "couvreur",
    "ambulancier",
    "psychologue",
    "cariste",
    "magasinier",
    "charpentier",
    "horloger",
    "dentiste",
    "opticien",
    "barman",
    "agriculteur",
    "soldat",
    "caissière",
    "chaudronnier",
    "plaquiste",
    "jardinier",
    "chauffeur",
    "mécanicien",
    "aide-soignant",
]
PLACES = ["Arras", "Lens", "Lille", "Roubaix", "Amiens", "Beauvais", "Calais", "Dunkerque", "Valenciennes", "Laon"]
DIPLOMAS = ["cap", "bac pro", "bts", "but", "licence", "master"]
SUBJECTS = [
    "cuisine",
    "commerce",
    "compta",
    "informatique",
    "coiffure",
    "électricité",
    "mécanique auto",
    "petite enfance",
    "vente",
    "logistique",
    "santé",
    "animaux",
    "sport",
    "agriculture",
    "bâtiment",
]


def query_mix() -> list[str]:
    """A fixed list of distinct queries: the relevance set, then jobs near places, diplomas × subjects, typos."""
    relevance = json.loads((REPO / "tests" / "search" / "relevance.json").read_text(encoding="utf-8"))
    queries = [case["q"] for case in relevance["cases"]]
    queries += [f"{word} près de {PLACES[i % len(PLACES)]}" for i, word in enumerate(WORDS)]
    queries += [f"{diploma} {subject}" for diploma in DIPLOMAS for subject in SUBJECTS]
    queries += [word[:-2] + word[-1] + word[-2] for word in WORDS if len(word) > 6]  # swapped last letters
    seen: dict[str, None] = {}
    for q in queries:
        seen.setdefault(q, None)
    return list(seen)


def run(cmd: list[str], env: dict, **kwargs) -> None:
    subprocess.run(cmd, env=env, cwd=REPO, check=True, **kwargs)


def prepare_database(env: dict, source: Path) -> None:
    started = time.monotonic()
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    run(
        [PYTHON, "manage.py", "import_open_data", "--source", str(source), "--wet-run"],
        env,
        stdout=subprocess.DEVNULL,
    )
    print(f"  database ready (migrate + import) in {time.monotonic() - started:.0f} s", flush=True)


@contextlib.contextmanager
def gunicorn(env: dict):
    port = free_port()
    process = subprocess.Popen(
        [
            GUNICORN,
            "orientation.wsgi",
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=REPO,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                status, _ = get(port, "/recherche/ping")
                if status == 200:
                    break
            time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer")
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=20)


def get(port: int, path: str) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        connection.close()


def drive(port: int, paths: list[str], seconds: float) -> tuple[float, float, int]:
    """8 clients for ``seconds``: (requests per second, p95 latency in ms, errors)."""
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    errors = [0] * CLIENTS
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        i = index * (len(paths) // CLIENTS)
        while time.monotonic() < stop:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                status, _ = get(port, path)
            except OSError:
                status = 0
            latencies[index].append((time.perf_counter() - started) * 1000)
            if status != 200:
                errors[index] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    every = sorted(x for per_client in latencies for x in per_client)
    p95 = every[int(0.95 * (len(every) - 1))] if every else float("nan")
    return len(every) / elapsed, p95, sum(errors)


def _process_cpu(pid: int) -> tuple[float, int]:
    """(CPU seconds, parent pid) of a process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), int(fields[1])


def cpu_seconds(gunicorn_pid: int, database_pid: int | None) -> dict[str, float]:
    """CPU used so far by the gunicorn workers, the database server's processes and this client.

    On two cores shared by all three, the throughput ratio follows the CPU each request costs:
    printed per request, it shows where a search's time goes (and how the figures move when the
    machine is busy).
    """
    totals = {"workers": 0.0, "database": 0.0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            seconds, parent = _process_cpu(int(entry.name))
            if parent == gunicorn_pid:
                totals["workers"] += seconds
            elif database_pid and (parent == database_pid or int(entry.name) == database_pid):
                totals["database"] += seconds
    own = os.times()
    totals["client"] = own.user + own.system
    return totals


def measure(
    name: str, env: dict, seconds: float, endpoint: str, database_pid: int | None = None
) -> tuple[float, float]:
    queries = query_mix()
    prefix = "/api/v1/search?q=" if endpoint == "api" else "/recherche/?q="
    paths = [prefix + quote(q) for q in queries]
    with gunicorn(env) as (port, gunicorn_pid):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/api/v1/search?q=boulanger")
        loaded = json.loads(connection.getresponse().read())["total"]
        connection.close()
        if not loaded:
            raise RuntimeError(f"{name}: the search index is empty, the import did not fill it")
        # Untimed warm-up of both endpoints with the same load as the timed runs: each worker loads
        # its vocabulary, communes and documents and meets every query's misspellings once.
        drive(port, paths, WARM_UP_SECONDS)
        drive(port, ["/recherche/ping"], 1.0)
        before = cpu_seconds(gunicorn_pid, database_pid)
        search_rps, search_p95, search_errors = drive(port, paths, seconds)
        middle = cpu_seconds(gunicorn_pid, database_pid)
        trivial_rps, trivial_p95, trivial_errors = drive(port, ["/recherche/ping"], seconds)
        after = cpu_seconds(gunicorn_pid, database_pid)
    ratio = search_rps / trivial_rps if trivial_rps else float("nan")
    print(
        f"  {name} ({endpoint}, answers {'remembered' if RESULT_CACHE else 'computed afresh'}): "
        f"{len(queries)} distinct queries; search {search_rps:.0f} req/s p95 {search_p95:.1f} ms "
        f"({search_errors} errors); trivial {trivial_rps:.0f} req/s p95 {trivial_p95:.1f} ms "
        f"({trivial_errors} errors); ratio {ratio:.2f}",
        flush=True,
    )
    for label, start, end, rps in (("search", before, middle, search_rps), ("trivial", middle, after, trivial_rps)):
        spent = {part: (end[part] - start[part]) / (rps * seconds) * 1000 for part in start}
        print(
            f"    CPU per {label} request (ms): "
            + " ".join(f"{part}={ms:.3f}" for part, ms in spent.items())
            + f" total={sum(spent.values()):.3f}",
            flush=True,
        )
    if search_errors or trivial_errors:
        raise RuntimeError(f"{name}: requests failed")
    return search_p95, ratio


RESULT_CACHE = False


def base_env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_DEBUG": "0",
            "CONN_MAX_AGE": "600",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(REPO),
        }
    )
    if not RESULT_CACHE:
        env["DJANGO_SETTINGS_MODULE"] = "bench.settings_no_result_cache"
    return env


def bench_sqlite(source: Path, seconds: float, endpoint: str) -> tuple[float, float]:
    directory = Path(tempfile.mkdtemp(prefix="bench-search-sqlite-"))
    try:
        env = base_env(f"sqlite:///{directory / 'db.sqlite3'}")
        prepare_database(env, source)
        return measure("sqlite", env, seconds, endpoint)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def bench_postgres(source: Path, seconds: float, endpoint: str) -> tuple[float, float]:
    with ThrowawayPostgres(prefix="bench-search-pg-") as pg:
        # Through the cluster's Unix socket, as an application reaches a database on its own machine.
        env = base_env(pg.socket_url)
        prepare_database(env, source)
        return measure("postgres", env, seconds, endpoint, pg.postmaster_pid)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument(
        "--source", default=os.environ.get("ORIENTATION_OPEN_DATA") or str(REPO.parent / "shared" / "data")
    )
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--endpoint", choices=["api", "page"], default="api")
    parser.add_argument(
        "--result-cache", action="store_true", help="let each worker remember recent answers (default: off)"
    )
    args = parser.parse_args()
    global RESULT_CACHE
    RESULT_CACHE = args.result_cache
    source = Path(args.source)
    if not source.is_dir():
        raise SystemExit(f"Données ouvertes introuvables : {source} (--source ou ORIENTATION_OPEN_DATA)")
    figures: dict[str, tuple[float, float]] = {}
    for name, bench in (("sqlite", bench_sqlite), ("postgres", bench_postgres)):
        if args.only and args.only != name:
            continue
        print(f"{name}:", flush=True)
        figures[name] = bench(source, args.seconds, args.endpoint)
    nan = (float("nan"), float("nan"))
    sqlite_p95, sqlite_ratio = figures.get("sqlite", nan)
    postgres_p95, postgres_ratio = figures.get("postgres", nan)
    print(
        f"search sqlite_p95_ms={sqlite_p95:.1f} sqlite_ratio={sqlite_ratio:.2f} "
        f"postgres_p95_ms={postgres_p95:.1f} postgres_ratio={postgres_ratio:.2f}"
    )


if __name__ == "__main__":
    main()
