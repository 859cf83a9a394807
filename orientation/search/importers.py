"""The search index joins ``import_open_data`` as its last step (everything else is loaded by then)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from orientation.core.importing import ImportReport, ImportStep, register_step

STEP_ORDER = 900


def run_search_index(source: Path, report: ImportReport, progress: Callable[[str], None]) -> None:
    from orientation.search.services import search_index_rebuild

    count = search_index_rebuild(progress, report)
    report.notes.append(f"Index de recherche à jour : {count} documents.")


def register_steps() -> None:
    register_step(ImportStep("search.index", STEP_ORDER, run_search_index))
