"""What the Python packages need from the system (WeasyPrint: Pango, HarfBuzz and its subset library,
fonts with French glyphs), found or installed.

Standard library only: ``make install`` runs it with the system Python before the virtualenv
exists (``python3 orientation/core/system_libraries.py --install``), and the test suite calls
``missing_packages()`` at start, so that a missing library fails once, clearly, instead of as a
warning inside some PDF test.

``ORIENTATION_LIBRARY_DIRS`` / ``ORIENTATION_FONT_DIRS`` (``:``-separated) look for the libraries
and fonts in those directories only, instead of the linker cache and the usual font folders
(libraries installed somewhere unusual, or checking what a bare machine would lack).
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

# Debian/Ubuntu package → the shared library WeasyPrint opens (``ctypes`` name).
LIBRARIES = {
    "libpango-1.0-0": "pango-1.0",
    "libpangoft2-1.0-0": "pangoft2-1.0",
    "libharfbuzz0b": "harfbuzz",
    "libharfbuzz-subset0": "harfbuzz-subset",  # without it WeasyPrint warns on every PDF (fonts not subset)
    "libfontconfig1": "fontconfig",
}
FONT_PACKAGE = "fonts-dejavu-core"  # covers French (é, è, à, ç, œ, «  », €…)
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


def _dirs(variable: str) -> list[Path] | None:
    value = os.environ.get(variable)
    if value is None:
        return None
    return [Path(part).expanduser() for part in value.split(os.pathsep) if part]


def library_present(name: str) -> bool:
    override = _dirs("ORIENTATION_LIBRARY_DIRS")
    if override is None:
        return ctypes.util.find_library(name) is not None
    return any(next(directory.glob(f"lib{name}.so*"), None) for directory in override)


def fonts_present() -> bool:
    directories = _dirs("ORIENTATION_FONT_DIRS")
    if directories is None:
        directories = [Path(d).expanduser() for d in FONT_DIRS]
    return any(
        path.suffix.lower() in FONT_SUFFIXES
        for directory in directories
        if directory.is_dir()
        for path in directory.rglob("*")
    )


def missing_packages() -> list[str]:
    """The Debian/Ubuntu packages to install, in a stable order (empty: nothing is missing)."""
    missing = [package for package, library in LIBRARIES.items() if not library_present(library)]
    if not fonts_present():
        missing.append(FONT_PACKAGE)
    return missing


def install_command(packages: list[str]) -> str:
    return f"sudo apt-get install -y --no-install-recommends {' '.join(packages)}"


def main(argv: list[str]) -> int:
    missing = missing_packages()
    if not missing:
        return 0
    can_install = "--install" in argv and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get")
    if can_install:
        print(f"Installation des paquets système manquants : {' '.join(missing)}")
        environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=environment)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing], check=True, env=environment
        )
        missing = missing_packages()
        if not missing:
            return 0
    print(
        f"Bibliothèques système absentes (PDF avec WeasyPrint) : {' '.join(missing)}.\n"
        f"Installez-les puis relancez : {install_command(missing)}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
