"""Benchmark: many simultaneous bookings against a real server on PostgreSQL; nothing overbooked.

Run from the repository root:  .venv/bin/python bench/booking_race.py [--per-offer N] [--offers N]

Starts a throwaway PostgreSQL cluster (initdb + pg_ctl on a free port, as the ``postgres`` user
when run as root), migrates it, prepares each scenario's data in this process, starts gunicorn on
it, fires every scenario's requests at once from a thread pool, then counts from the database.
Everything it started is stopped on exit, whatever happens.

Scenarios (one function each, registered in ``SCENARIOS``):
- ``prepare_offers``: placement offers with few places (one kept for REP/REP+ pupils) and many
  validated applications; each host fires "accept" at every application of its offer.
- ``prepare_event_sessions``: event sessions of 60 seats and classes of 25 pupils (two fit); each
  school's head fires "register" for all its classes on its session at once.

The last line is machine-readable:

    booking_race attempts=<int> places=<int> accepted=<int> overbooked=<int> errors_5xx=<int>
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pgcluster import ThrowawayPostgres, free_port

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CONCURRENCY = 100


# ------------------------------------------------------------------ infrastructure
class Gunicorn:
    """The project's WSGI app under gunicorn (threaded workers), stopped on exit."""

    def __init__(self, env: dict[str, str], workers: int = 3, threads: int = 8) -> None:
        self.env, self.workers, self.threads = env, workers, threads
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed in __exit__

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Gunicorn:
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        cmd = [
            gunicorn,
            "orientation.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            f"--threads={self.threads}",
            "--worker-class=gthread",
            "--timeout=60",
            "--log-level=warning",
        ]
        self.proc = subprocess.Popen(cmd, cwd=REPO, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        import httpx

        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.log.seek(0)
                raise SystemExit(f"gunicorn exited:\n{self.log.read()[-3000:]}")
            try:
                httpx.get(self.url + "/", timeout=1)
                return self
            except httpx.HTTPError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start in 30 s")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


# ------------------------------------------------------------------ scenarios
@dataclass
class Attempt:
    """One POST as a signed-in user (an existing session), with a CSRF token the server accepts."""

    path: str
    session_key: str
    data: dict


@dataclass
class Prepared:
    name: str
    attempts: list[Attempt]
    places: int
    count: Callable[[], tuple[int, int]]
    """After the race: (accepted, overbooked), counted from the database rows."""


def session_for(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def bench_territory():
    """A minimal territory: one commune, one REP+ collège and one ordinary collège."""
    from orientation.territory.models import Academy, Commune, Department, Establishment, Region

    region, _ = Region.objects.get_or_create(code="32", defaults={"name": "Hauts-de-France"})
    academy, _ = Academy.objects.get_or_create(code="09", defaults={"name": "Lille", "region": region})
    department, _ = Department.objects.get_or_create(code="62", defaults={"name": "Pas-de-Calais", "academy": academy})
    commune, _ = Commune.objects.get_or_create(
        insee_code="62041",
        defaults={"name": "Arras", "department": department, "latitude": 50.291, "longitude": 2.7775},
    )
    priority, _ = Establishment.objects.get_or_create(
        uai="0620999Z",
        defaults={
            "name": "Collège REP+ (banc d'essai)",
            "kind": "COLLEGE",
            "sector": "PUBLIC",
            "priority_network": "REP_PLUS",
            "commune": commune,
        },
    )
    ordinary, _ = Establishment.objects.get_or_create(
        uai="0620998Y",
        defaults={"name": "Collège (banc d'essai)", "kind": "COLLEGE", "sector": "PUBLIC", "commune": commune},
    )
    return commune, priority, ordinary


def prepare_offers(*, offers: int, per_offer: int) -> Prepared:
    from django.db.models import Count, F, Q
    from django.urls import reverse
    from django.utils import timezone

    from orientation.accounts.models import User
    from orientation.internships.enums import ApplicationStatus
    from orientation.internships.models import Application, PlacementOffer
    from orientation.organisations.enums import Role
    from orientation.organisations.models import Company, Membership

    commune, priority, ordinary = bench_territory()
    today = timezone.localdate()
    monday = today + dt.timedelta(days=(7 - today.weekday()) + 21)
    attempts: list[Attempt] = []
    places = 0
    pupil_number = 0
    for n in range(offers):
        company = Company.objects.create(name=f"Entreprise d'essai {n}", commune=commune, address="1 rue du Banc")
        host = User.objects.create_user(f"hote{n}@banc.example", None, first_name="Hôte", last_name=str(n))
        Membership.objects.create(user=host, role=Role.COMPANY_MEMBER, company=company)
        offer = PlacementOffer.objects.create(
            company=company,
            kind="OBSERVATION_3E",
            title=f"Offre d'essai {n}",
            description="Banc d'essai.",
            job_label="Boulanger",
            commune=commune,
            address="1 rue du Banc",
            latitude=commune.latitude,
            longitude=commune.longitude,
            starts_on=monday,
            ends_on=monday + dt.timedelta(days=4),
            places=3,
            reserved_places=1,
            reserved_until=today + dt.timedelta(days=7),
            contact_name="Hôte",
            contact_phone="0300000000",
            status="PUBLISHED",
            created_by=host,
        )
        places += offer.places
        session_key = session_for(host)
        for i in range(per_offer):
            pupil_number += 1
            establishment = priority if i % 4 == 0 else ordinary
            pupil = User.objects.create_user(f"eleve{pupil_number}@banc.example", None, birth_year=today.year - 19)
            Membership.objects.create(user=pupil, role=Role.PUPIL, establishment=establishment)
            application = Application.objects.create(
                offer=offer,
                pupil=pupil,
                establishment=establishment,
                motivation="Banc d'essai.",
                is_minor=False,
                is_priority=establishment is priority,
                status=ApplicationStatus.VALIDATED,
            )
            attempts.append(
                Attempt(
                    path=reverse("internships:application_action", args=[application.pk, "accept"]),
                    session_key=session_key,
                    data={"message": "Bienvenue"},
                )
            )

    def count() -> tuple[int, int]:
        rows = PlacementOffer.objects.filter(title__startswith="Offre d'essai").annotate(
            accepted_rows=Count("applications", filter=Q(applications__status=ApplicationStatus.ACCEPTED))
        )
        accepted = sum(o.accepted_rows for o in rows)
        overbooked = sum(max(0, o.accepted_rows - o.places) for o in rows)
        # The counters must agree with the rows; a disagreement is reported as overbooking too.
        overbooked += rows.exclude(accepted_rows=F("accepted_open") + F("accepted_reserved")).count()
        return accepted, overbooked

    return Prepared(name="offres de stage", attempts=attempts, places=places, count=count)


def prepare_event_sessions(*, sessions: int, per_session: int) -> Prepared:
    """Event sessions of 60 seats and classes of 25 pupils: two classes fit, the others must be refused.

    Each session has its own school (one head, ``per_session`` classes); the head fires "register"
    for every class at once through the HTML form.
    """
    from django.db.models import Count, Q, Sum
    from django.urls import reverse
    from django.utils import timezone

    from orientation.accounts.models import User
    from orientation.events.enums import SEAT_HOLDING_STATUSES, EventKind, EventStatus
    from orientation.events.models import Event, Session
    from orientation.organisations.enums import Role
    from orientation.organisations.models import Membership
    from orientation.schooling.models import SchoolClass, SchoolYear
    from orientation.territory.models import Establishment

    capacity, class_size = 60, 25
    commune, _priority, _ordinary = bench_territory()
    year = SchoolYear.objects.filter(is_current=True).first() or SchoolYear.objects.create(
        label="2026-2027", starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2027, 7, 3), is_current=True
    )
    organiser = User.objects.create_user("coordination@banc.example", None, first_name="Coordination")
    Membership.objects.create(user=organiser, role=Role.COORDINATOR, department=commune.department)
    event = Event.objects.create(
        kind=EventKind.FORUM,
        title="Forum d'essai",
        organiser=organiser,
        organiser_name="Banc d'essai",
        status=EventStatus.PUBLISHED,
    )
    start = timezone.now() + dt.timedelta(days=30)
    attempts: list[Attempt] = []
    for n in range(sessions):
        session = Session.objects.create(
            event=event,
            commune=commune,
            place_name=f"Salle {n}",
            starts_at=start + dt.timedelta(hours=n),
            ends_at=start + dt.timedelta(hours=n + 1),
            capacity=capacity,
        )
        school = Establishment.objects.create(
            uai=f"0627{n:03d}X", name=f"Lycée d'essai {n}", kind="LYCEE_PRO", sector="PUBLIC", commune=commune
        )
        head = User.objects.create_user(f"chef{n}@banc.example", None, first_name="Chef", last_name=str(n))
        Membership.objects.create(user=head, role=Role.HEAD, establishment=school)
        session_key = session_for(head)
        path = reverse("events:register_class", args=[session.pk])
        for i in range(per_session):
            school_class = SchoolClass.objects.create(
                establishment=school, school_year=year, name=f"2nde {i}", level="2NDE_PRO", size=class_size
            )
            attempts.append(Attempt(path=path, session_key=session_key, data={"school_class": school_class.pk}))

    def count() -> tuple[int, int]:
        rows = Session.objects.filter(event=event).annotate(
            classes=Count("registrations", filter=Q(registrations__status__in=SEAT_HOLDING_STATUSES)),
            seats=Sum("registrations__seats", filter=Q(registrations__status__in=SEAT_HOLDING_STATUSES)),
        )
        accepted = sum(s.classes for s in rows)
        overbooked = sum(max(0, s.classes - s.capacity // class_size) for s in rows)
        # The seat counter must agree with the rows; a disagreement is reported as overbooking too.
        overbooked += sum(1 for s in rows if (s.seats or 0) != s.registered_seats)
        return accepted, overbooked

    return Prepared(
        name="séances d'événements", attempts=attempts, places=sessions * (capacity // class_size), count=count
    )


# Each entry: (name, function(args) → Prepared). Other booking kinds add their own here.
SCENARIOS: list[tuple[str, Callable[[argparse.Namespace], Prepared]]] = [
    ("offers", lambda args: prepare_offers(offers=args.offers, per_offer=args.per_offer)),
    ("event_sessions", lambda args: prepare_event_sessions(sessions=args.sessions, per_session=args.per_session)),
]


# ------------------------------------------------------------------ the race
def fire(base_url: str, attempts: list[Attempt]) -> tuple[int, int]:
    """POST every attempt at once; returns (responses below 500, 5xx or transport errors)."""
    import httpx

    csrf = secrets.token_hex(16)  # 32 characters: a valid unmasked CSRF secret
    barrier = threading.Barrier(min(CONCURRENCY, len(attempts)))
    client = httpx.Client(
        base_url=base_url,
        timeout=60,
        limits=httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY),
    )

    def one(index_attempt: tuple[int, Attempt]) -> bool:
        index, attempt = index_attempt
        if index < barrier.parties:
            barrier.wait()
        try:
            response = client.post(
                attempt.path,
                data={**attempt.data, "csrfmiddlewaretoken": csrf},
                cookies={"sessionid": attempt.session_key, "csrftoken": csrf},
                headers={"Referer": base_url + "/"},
            )
        except httpx.HTTPError:
            return False
        return response.status_code < 500

    with client, ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        results = list(pool.map(one, enumerate(attempts)))
    return sum(results), len(results) - sum(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offers", type=int, default=20, help="offers with 3 places each (1 reserved)")
    parser.add_argument("--per-offer", type=int, default=10, help="validated applications fired at each offer")
    parser.add_argument("--sessions", type=int, default=20, help="event sessions of 60 seats (two classes of 25)")
    parser.add_argument("--per-session", type=int, default=6, help="classes registered at once on each session")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    with ThrowawayPostgres(prefix="pg-booking-race-", max_connections=200) as pg:
        env = dict(os.environ, DATABASE_URL=pg.url, DJANGO_DEBUG="0", CONN_MAX_AGE="0")
        env.pop("ORIENTATION_TESTING", None)
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=REPO, env=env, check=True)
        os.environ.update(DATABASE_URL=pg.url, DJANGO_SETTINGS_MODULE="orientation.settings")
        sys.path.insert(0, str(REPO))
        import django

        django.setup()
        from django.db import connections

        prepared = [prepare(args) for _name, prepare in SCENARIOS]
        connections.close_all()
        attempts = [a for p in prepared for a in p.attempts]
        with Gunicorn(env) as server:
            started = time.perf_counter()
            ok, errors = fire(server.url, attempts)
            elapsed = time.perf_counter() - started
        totals = {"attempts": len(attempts), "places": 0, "accepted": 0, "overbooked": 0}
        for p in prepared:
            accepted, overbooked = p.count()
            print(
                f"{p.name}: {len(p.attempts)} tentatives, {p.places} places, {accepted} acceptées, "
                f"{overbooked} en trop",
                flush=True,
            )
            totals["places"] += p.places
            totals["accepted"] += accepted
            totals["overbooked"] += overbooked
        print(f"{ok} réponses < 500, {errors} erreurs 5xx ou de transport, en {elapsed:.1f} s", flush=True)
        connections.close_all()
    print(
        f"booking_race attempts={totals['attempts']} places={totals['places']} accepted={totals['accepted']} "
        f"overbooked={totals['overbooked']} errors_5xx={errors}"
    )


if __name__ == "__main__":
    main()
