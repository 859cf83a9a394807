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

Every source file is read by ``read_rows`` (one strict reader for every importer): the
separator and the header are checked, then the number of columns of each row, the encoding
(UTF-8), duplicated keys and a plausible minimum of rows. Such a *problem* is recorded in the
report as ``file:line: reason`` and reading goes on, so one run lists them all; any problem, or
rejected rows above ``MAX_REJECTED_SHARE`` of a file, makes ``import_open_data`` refuse the whole
import (nothing written, non-zero exit). A well-formed row the mapper refuses is a *rejected row*
(reported, the import goes on); joins that failed are counted per reason and per file, never
silently dropped.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

# Rejected rows above this share of a file (and above TOLERATED_REJECTIONS rows) stop the import:
# a file that loses that much is damaged or has changed shape, its remaining rows cannot be trusted.
MAX_REJECTED_SHARE = 0.05
TOLERATED_REJECTIONS = 5
SEPARATORS = (",", ";", "\t", "|")


class RowError(ValueError):
    """A row that cannot be mapped; the message (French) says why."""


class ImportFileError(ValueError):
    """A source file that cannot be read as expected; the message (French) names the file and line."""


@dataclass(frozen=True)
class SourceFile:
    """One official file: where it lies in the open-data directory and what the importer expects of it."""

    path: str
    """Path relative to the open-data directory."""
    columns: tuple[str, ...] = ()
    """Columns the importer reads; the file may have more."""
    delimiter: str = ","
    official_url: str = ""
    key: tuple[str, ...] = ()
    """Columns identifying a row: a second row with the same key is a problem (never "last one wins")."""
    min_rows: int = 1
    """Plausible minimum of data rows of the real file (``ORIENTATION_IMPORT_MIN_ROWS`` off: at least 1)."""
    names: tuple[str, ...] = ()
    """Column names to use when the file's own header has blank cells (same width)."""
    geojson: bool = False
    """A GeoJSON file (map outlines): read and checked by its own step, not by ``read_rows``."""

    def resolve(self, source: Path) -> Path:
        return Path(source) / self.path


@dataclass
class Rejection:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}" if self.line else f"{self.file} : {self.reason}"


@dataclass
class SourceStats:
    read: int = 0
    rejected: int = 0
    unjoined: int = 0

    @property
    def kept(self) -> int:
        """Rows the reader and the mapper accepted (unjoined ones included: they are counted apart)."""
        return max(0, self.read - self.rejected)

    def rejected_too_many(self) -> bool:
        return self.rejected > max(TOLERATED_REJECTIONS, MAX_REJECTED_SHARE * self.read)


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
    sources: dict[str, SourceStats] = field(default_factory=dict)
    problems: list[Rejection] = field(default_factory=list)
    """Structural problems: any of them refuses the whole import."""

    def for_model(self, label: str) -> FileStats:
        return self.stats.setdefault(label, FileStats())

    def for_source(self, file: str) -> SourceStats:
        return self.sources.setdefault(file, SourceStats())

    def reject(self, file: str, line: int, reason: str) -> None:
        self.rejections.append(Rejection(file, line, reason))
        self.for_source(file).rejected += 1

    def unjoin(self, file: str, *reasons: str) -> None:
        """One row of ``file`` whose joins failed, for each of ``reasons`` (the row is counted once)."""
        for reason in reasons:
            self.unjoined[reason] += 1
        if reasons:
            self.for_source(file).unjoined += 1

    def problem(self, file: str, line: int, reason: str) -> None:
        self.problems.append(Rejection(file, line, reason))

    def blocking(self) -> list[Rejection]:
        """Every reason to refuse the import: problems, then files with too many rejected rows."""
        found = list(self.problems)
        for file, stats in sorted(self.sources.items()):
            if stats.rejected_too_many():
                found.append(
                    Rejection(
                        file,
                        0,
                        f"{stats.rejected} ligne(s) rejetée(s) sur {stats.read}, au-delà du seuil de "
                        f"{MAX_REJECTED_SHARE:.0%} : fichier abîmé ou de forme nouvelle",
                    )
                )
        return found

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
    sources: tuple[SourceFile, ...] = ()
    """The files the step reads through ``read_rows`` (their addresses are what ``fetch_open_data`` downloads)."""

    def __post_init__(self) -> None:
        if self.sources and not self.required_files:
            self.required_files = tuple(dict.fromkeys(spec.path for spec in self.sources))


_REGISTRY: dict[str, ImportStep] = {}


def register_step(step: ImportStep) -> None:
    _REGISTRY[step.name] = step


def registered_steps() -> list[ImportStep]:
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.name))


def minimum_rows(spec: SourceFile) -> int:
    """The real file's plausible minimum; at least one row when the setting is off (hand-written samples)."""
    return spec.min_rows if getattr(settings, "ORIENTATION_IMPORT_MIN_ROWS", True) else 1


def _decoded(spec: SourceFile, path: Path, report: ImportReport) -> str | None:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        report.problem(
            spec.path, line, f"caractère illisible en UTF-8 (octet 0x{data[exc.start]:02x}) : fichier refusé"
        )
        return None


def _header(spec: SourceFile, header: list[str], report: ImportReport) -> list[str] | None:
    """The column names to use, or None (problem recorded) when the header is not the expected one."""
    if spec.names:
        if len(header) != len(spec.names):
            report.problem(
                spec.path, 1, f"en-tête de {len(header)} colonnes au lieu de {len(spec.names)} : fichier refusé"
            )
            return None
        return list(spec.names)
    missing = [c for c in dict.fromkeys((*spec.columns, *spec.key)) if c not in header]
    if not missing:
        return header
    report.problem(spec.path, 1, f"en-tête inattendu, colonne(s) manquante(s) : {', '.join(missing)} : fichier refusé")
    return None


def read_rows(spec: SourceFile, source: Path, report: ImportReport) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number in the file, row) for each well-formed row; line 1 is the header.

    Problems (missing or empty file, encoding, header, separator, column count, duplicated key, too
    few rows) go to ``report.problems`` and reading goes on where it can, so one run finds them all.
    A file read twice (by two steps) is counted and checked once.
    """
    first_read = spec.path not in report.sources
    stats = report.for_source(spec.path)
    quiet = ImportReport()  # a second reading records nothing again
    sink = report if first_read else quiet
    path = spec.resolve(source)
    if not path.is_file():
        sink.problem(spec.path, 0, "fichier introuvable dans le dossier des données ouvertes")
        return
    text = _decoded(spec, path, sink)
    if text is None:
        return
    if not text.strip():
        sink.problem(spec.path, 1, "fichier vide : en-tête et lignes attendus")
        return
    first_line = text.split("\n", 1)[0]
    if spec.delimiter not in first_line:
        found = [sep for sep in SEPARATORS if sep in first_line]
        if found:
            sink.problem(
                spec.path, 1, f"séparateur « {found[0]} » trouvé au lieu de « {spec.delimiter} » : fichier refusé"
            )
            return
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=spec.delimiter, strict=True)
    try:
        names = _header(spec, next(reader), sink)
    except csv.Error as exc:
        sink.problem(spec.path, 1, f"en-tête illisible ({exc}) : fichier refusé")
        return
    if names is None:
        return
    width = len(names)
    seen: dict[tuple[str, ...], int] = {}
    count = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            sink.problem(spec.path, reader.line_num, f"ligne illisible ({exc})")
            break
        if not cells:
            continue  # a blank line
        line = reader.line_num
        count += 1
        if len(cells) != width:
            sink.problem(spec.path, line, f"ligne mal formée ({len(cells)} colonnes au lieu de {width})")
            continue
        row = dict(zip(names, cells, strict=True))
        if spec.key:
            key = tuple(row[c].strip() for c in spec.key)
            if key in seen:
                sink.problem(
                    spec.path,
                    line,
                    f"{' / '.join(spec.key)} « {' / '.join(key)} » en double (lignes {seen[key]} et {line}) : "
                    "laquelle est juste ne peut être décidé",
                )
                if first_read:
                    stats.rejected += 1
                continue
            seen[key] = line
        yield line, row
    if first_read:
        stats.read = count
    least = minimum_rows(spec)
    if count < least:
        sink.problem(spec.path, 0, f"{count} ligne(s) de données, au moins {least} attendue(s) : fichier refusé")


def pad_code(value: str, width: int) -> str:
    """Restore leading zeros a spreadsheet stripped from a numeric code ('2001' → '02001')."""
    value = (value or "").strip()
    return value.zfill(width) if value.isdigit() else value
