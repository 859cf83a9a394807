import os
from pathlib import Path

import pytest

os.environ.setdefault("ORIENTATION_TESTING", "1")

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(__file__).resolve().parent / "samples"


def real_open_data_dir() -> Path | None:
    """The official open-data directory, when this checkout has it beside it."""
    env = os.environ.get("ORIENTATION_OPEN_DATA")
    if env and Path(env).is_dir():
        return Path(env)
    sibling = REPO_ROOT.parent / "shared" / "data"
    return sibling if sibling.is_dir() else None


@pytest.fixture
def open_data_dir() -> Path:
    path = real_open_data_dir()
    if path is None:
        pytest.skip("Données ouvertes officielles absentes (ORIENTATION_OPEN_DATA non défini et pas de shared/data)")
    return path
