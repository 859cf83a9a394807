"""Tasks used by the background-work tests (imported by the worker processes the tests start)."""

import time
from pathlib import Path

from orientation.core.background import background_task

FAILURES_BEFORE_SUCCESS: list[int] = [0]
CALLS: list[str] = []


@background_task(max_attempts=3)
def flaky(label: str) -> str:
    CALLS.append(label)
    if len(CALLS) <= FAILURES_BEFORE_SUCCESS[0]:
        raise RuntimeError(f"échec simulé n° {len(CALLS)}")
    return label


@background_task(max_attempts=1)
def always_fails() -> None:
    raise RuntimeError("échec définitif")


@background_task(max_attempts=3)
def long_then_write(directory: str) -> int:
    """First attempt hangs (the test kills its worker); a later one writes ``done``."""
    folder = Path(directory)
    attempt = len(list(folder.glob("started-*"))) + 1
    (folder / f"started-{attempt}").write_text("")
    if attempt == 1:
        time.sleep(120)
    (folder / "done").write_text(str(attempt))
    return attempt
