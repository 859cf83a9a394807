import os
from pathlib import Path

import pytest

os.environ.setdefault("ORIENTATION_TESTING", "1")

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(__file__).resolve().parent / "samples"


def pytest_sessionstart(session) -> None:
    """A missing system library fails the run once, saying what to install (not as a warning in some PDF test)."""
    from orientation.core.system_libraries import install_command, missing_packages

    missing = missing_packages()
    if missing:
        pytest.exit(
            f"Bibliothèques système absentes : {' '.join(missing)}. Installez-les ({install_command(missing)}) "
            "ou lancez make install en root.",
            returncode=1,
        )


def real_open_data_dir() -> Path | None:
    """The official open-data directory, when this checkout has it beside it."""
    env = os.environ.get("ORIENTATION_OPEN_DATA")
    if env and Path(env).is_dir():
        return Path(env)
    sibling = REPO_ROOT.parent / "shared" / "data"
    return sibling if sibling.is_dir() else None


@pytest.fixture(autouse=True)
def _sample_sized_imports(settings) -> None:
    """The hand-written samples hold a few rows: only the real files must reach their plausible minimum."""
    settings.ORIENTATION_IMPORT_MIN_ROWS = False


@pytest.fixture
def open_data_dir(settings) -> Path:
    path = real_open_data_dir()
    if path is None:
        pytest.skip("Données ouvertes officielles absentes (ORIENTATION_OPEN_DATA non défini et pas de shared/data)")
    settings.ORIENTATION_IMPORT_MIN_ROWS = True
    return path


@pytest.fixture(autouse=True)
def _each_email_has_one_recipient():
    """Every e-mail a test sends goes to one person: To holds one address, no Cc, no Bcc, so
    nobody sees another person's address (a minor's address is never shown to a company)."""
    yield
    from django.core import mail

    for message in getattr(mail, "outbox", []):
        assert len(message.to) == 1, f"« {message.subject} » sent to {len(message.to)} addresses at once"
        assert not message.cc, f"« {message.subject} » has Cc recipients"
        assert not message.bcc, f"« {message.subject} » has Bcc recipients"


@pytest.fixture(autouse=True)
def _skip_postgres_only_on_sqlite(request):
    """``@pytest.mark.postgres_only`` tests (real row locks, exclusion constraints) are skipped elsewhere."""
    if request.node.get_closest_marker("postgres_only") is None:
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Test réservé à PostgreSQL (verrous de ligne, contraintes d'exclusion)")
