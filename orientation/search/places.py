"""Communes by name, for the place intent of a query ("près d'Arras", "à Lens").

The ~4,000 communes of a region fit in memory: one query per process loads them, then every
lookup is a dictionary access. ``forget_places()`` drops the cache (tests, imports).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from orientation.search.text import normalize
from orientation.territory.models import Commune


@dataclass(frozen=True)
class Place:
    insee_code: str
    name: str
    department_code: str
    latitude: float
    longitude: float


_lock = threading.Lock()
_by_name: dict[str, Place] | None = None
_by_code: dict[str, Place] | None = None
_longest = 1


def _load() -> tuple[dict[str, Place], dict[str, Place]]:
    global _by_name, _by_code, _longest
    with _lock:
        if _by_name is None or _by_code is None:
            by_name: dict[str, Place] = {}
            by_code: dict[str, Place] = {}
            rows = (
                Commune.objects.filter(latitude__isnull=False, longitude__isnull=False)
                .order_by("-population", "insee_code")
                .values_list("insee_code", "name", "department__code", "latitude", "longitude")
            )
            for code, name, department, lat, lon in rows:
                place = Place(code, name, department, lat, lon)
                by_code[code] = place
                # The most populated commune wins a shared name (rows come largest first).
                by_name.setdefault(normalize(name), place)
            _by_name, _by_code = by_name, by_code
            _longest = max((len(key.split()) for key in by_name), default=1)
        return _by_name, _by_code


_generation = 0


def forget_places() -> None:
    global _by_name, _by_code, _generation
    with _lock:
        _by_name = _by_code = None
        _generation += 1


def places_generation() -> int:
    """Changes whenever the communes are forgotten: what was derived from them is then stale."""
    return _generation


def place_by_code(insee_code: str) -> Place | None:
    return _load()[1].get(insee_code)


def place_by_words(tokens: list[str]) -> tuple[Place, int] | None:
    """The commune whose normalised name starts ``tokens`` (longest name first), with its word count."""
    by_name, _ = _load()
    for size in range(min(_longest, len(tokens)), 0, -1):
        place = by_name.get(" ".join(tokens[:size]))
        if place is not None:
            return place, size
    return None
