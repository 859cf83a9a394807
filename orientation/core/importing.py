"""The open-data import pipeline shared by every app (fetch → map → sync).

Each app that imports data registers one or more ``ImportStep`` in its ``AppConfig.ready()``
with ``register_step``. ``manage.py import_open_data --source DIR [--wet-run]`` runs every
registered step in ``order`` inside one transaction, then rolls back unless ``--wet-run``.

A step:
- *fetch*: reads its files under ``source`` (``official_urls`` lists where a real deployment
  downloads them);
- *map*: pure functions from a raw row to a typed record, raising ``RowError`` for a bad row;
- *sync*: an idempotent upsert keyed on the official identifier, counting created / updated /
  unchanged rows in the ``ImportReport``.

Rejected rows are reported with file, line and reason; joins that failed are counted in
``report.unjoined`` with a short reason, never silently dropped.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


class RowError(ValueError):
    """A row that cannot be mapped; the message (French) says why."""


@dataclass
class Rejection:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class FileStats:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


@dataclass
class ImportReport:
    stats: dict[str, FileStats] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    unjoined: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def for_model(self, label: str) -> FileStats:
        return self.stats.setdefault(label, FileStats())

    def reject(self, file: str, line: int, reason: str) -> None:
        self.rejections.append(Rejection(file, line, reason))

    @property
    def changed(self) -> int:
        return sum(s.created + s.updated + s.deleted for s in self.stats.values())


@dataclass
class ImportStep:
    name: str
    order: int
    run: Callable[[Path, ImportReport, Callable[[str], None]], None]
    """run(source_dir, report, progress) performs fetch → map → sync for this step."""
    official_urls: tuple[str, ...] = ()
    required_files: tuple[str, ...] = ()


_REGISTRY: dict[str, ImportStep] = {}


def register_step(step: ImportStep) -> None:
    _REGISTRY[step.name] = step


def registered_steps() -> list[ImportStep]:
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.name))


def read_csv(path: Path, *, delimiter: str = ",", fieldnames: list[str] | None = None) -> Iterator[tuple[int, dict]]:
    """Yield (line number in the file, row) for a UTF-8 CSV; line 1 is the header."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=delimiter, fieldnames=fieldnames)
        for row in reader:
            yield reader.line_num, row


def pad_code(value: str, width: int) -> str:
    """Restore leading zeros a spreadsheet stripped from a numeric code ('2001' → '02001')."""
    value = (value or "").strip()
    return value.zfill(width) if value.isdigit() else value
