"""The probe ``make install`` and the test suite use to find WeasyPrint's system libraries and fonts.

Absence is simulated with the directory overrides, never by uninstalling anything.
"""

import os
import subprocess
import sys

from orientation.core.system_libraries import LIBRARIES, missing_packages
from tests.conftest import REPO_ROOT

PROBE = REPO_ROOT / "orientation" / "core" / "system_libraries.py"


def fake_libraries(directory, *, without=()):
    directory.mkdir(exist_ok=True)
    for package, library in LIBRARIES.items():
        if package not in without:
            (directory / f"lib{library}.so.0").write_bytes(b"")
    return directory


def run_probe(tmp_path, library_dir, *args):
    fonts = tmp_path / "fonts"
    fonts.mkdir(exist_ok=True)
    (fonts / "DejaVuSans.ttf").write_bytes(b"")
    environment = {**os.environ, "ORIENTATION_LIBRARY_DIRS": str(library_dir), "ORIENTATION_FONT_DIRS": str(fonts)}
    return subprocess.run([sys.executable, str(PROBE), *args], capture_output=True, text=True, env=environment)


def test_this_machine_has_everything():
    assert missing_packages() == []


def test_a_bare_machine_lacks_every_package(tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("ORIENTATION_LIBRARY_DIRS", str(empty))
    monkeypatch.setenv("ORIENTATION_FONT_DIRS", str(empty))
    assert missing_packages() == [*LIBRARIES, "fonts-dejavu-core"]


def test_the_harfbuzz_subset_library_alone_is_found_missing(tmp_path, monkeypatch):
    monkeypatch.setenv(
        "ORIENTATION_LIBRARY_DIRS", str(fake_libraries(tmp_path / "lib", without=["libharfbuzz-subset0"]))
    )
    assert missing_packages() == ["libharfbuzz-subset0"]


def test_without_root_the_probe_prints_the_exact_command_and_fails(tmp_path):
    done = run_probe(tmp_path, fake_libraries(tmp_path / "lib", without=["libharfbuzz-subset0"]))
    assert done.returncode == 1
    assert "sudo apt-get install -y --no-install-recommends libharfbuzz-subset0" in done.stderr


def test_nothing_missing_means_nothing_to_do(tmp_path):
    done = run_probe(tmp_path, fake_libraries(tmp_path / "lib"), "--install")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_the_suite_stops_at_once_with_a_clear_message(tmp_path):
    environment = {
        **os.environ,
        "ORIENTATION_LIBRARY_DIRS": str(fake_libraries(tmp_path / "lib", without=["libharfbuzz-subset0"])),
    }
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", f"{__file__}::test_nothing_missing_means_nothing_to_do"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=REPO_ROOT,
    )
    assert done.returncode != 0
    assert "Bibliothèques système absentes : libharfbuzz-subset0" in done.stdout + done.stderr
