"""Download the official open-data files, laid out as ``import_open_data --source`` expects.

Each file an import step reads comes from its publisher's address (``SourceFile.official_url``),
or from ``<mirror>/<path>`` when a mirror is given (``--base-url`` or ``ORIENTATION_OPEN_DATA_MIRROR``).
Files are first downloaded into ``<dest>/.telechargement/`` as ``.part`` files, resumed with an
HTTP ``Range`` request after an interruption; only when every file is complete are they moved into
place together with ``manifest.json`` (source, address, date, size, SHA-256, publisher's version):
a failed run installs nothing and leaves the previous files as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from orientation.core.importing import registered_steps

MANIFEST = "manifest.json"
STAGING = ".telechargement"
CHUNK = 256 * 1024
NOT_A_FILE = {"text/html", "application/xhtml+xml"}
TIMEOUT_SECONDS = 30
# The publisher's version is part of the file name where it has one (ROME v460, découpage 6.0.0…).
_VERSION = re.compile(r"(?:_v(\d+)_|-(\d+\.\d+\.\d+)_)")

Say = Callable[[str], None]
Progress = Callable[[str, int, int | None], None]


class NetworkUnreachable(Exception):
    """No connection could be made at all: the message is one line, in French."""


@dataclass(frozen=True)
class Download:
    source: str
    """Import step(s) that read the file."""
    path: str
    url: str


@dataclass
class FetchResult:
    installed: list[dict] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def planned_downloads(base_url: str = "") -> list[Download]:
    """Every file the import steps read, once, with the address it is downloaded from."""
    addresses: dict[str, str] = {}
    readers: dict[str, list[str]] = {}
    for step in registered_steps():
        urls = {spec.path: spec.official_url for spec in step.sources}
        for path in step.required_files:
            readers.setdefault(path, []).append(step.name)
            addresses.setdefault(path, urls.get(path, ""))
    base = base_url.rstrip("/")
    return [
        Download(", ".join(readers[path]), path, f"{base}/{path}" if base else addresses[path])
        for path in sorted(addresses)
    ]


def publisher_version(path: str) -> str:
    found = _VERSION.search(Path(path).name)
    return (found.group(1) and f"v{found.group(1)}") or found.group(2) if found else ""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _download(client: httpx.Client, item: Download, part: Path, progress: Progress) -> None:
    """Download ``item`` into ``part``, resuming what an earlier run left there; raises on failure."""
    done = part.stat().st_size if part.exists() else 0
    # Byte ranges only make sense on the file's own bytes: no compression in transit.
    headers = {"Accept-Encoding": "identity", **({"Range": f"bytes={done}-"} if done else {})}
    with client.stream("GET", item.url, headers=headers) as response:
        if response.status_code == 416 and done:  # the part file is already complete
            progress(item.path, done, done)
            return
        if response.status_code not in (200, 206):
            raise httpx.HTTPStatusError(
                f"réponse HTTP {response.status_code}", request=response.request, response=response
            )
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if kind in NOT_A_FILE or (item.path.endswith(".csv") and kind == "application/json"):
            # Some publishers give a dataset page or a national JSON, not the regional table the import reads.
            raise ValueError(f"l'adresse donne {kind}, pas le fichier attendu : indiquez un miroir avec --base-url")
        if response.status_code == 200:
            done = 0  # the server ignored the Range: start again
        length = response.headers.get("content-length")
        total = done + int(length) if length else None
        with part.open("ab" if done else "wb") as fh:
            for chunk in response.iter_raw():  # as received: an interruption keeps what came
                fh.write(chunk)
                done += len(chunk)
                progress(item.path, done, total)
    if total is not None and done < total:
        raise ValueError(f"téléchargement interrompu ({done} octets sur {total}) : relancez pour reprendre")


def _previous_manifest(dest: Path) -> dict[str, dict]:
    try:
        entries = json.loads((dest / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError):
        return {}
    return {entry["path"]: entry for entry in entries}


def fetch_open_data(
    dest: Path,
    *,
    base_url: str = "",
    say: Say = print,
    progress: Progress | None = None,
) -> FetchResult:
    """Download every file into ``dest``; install them all only if every one succeeded."""
    dest.mkdir(parents=True, exist_ok=True)
    staging = dest / STAGING
    result = FetchResult()
    previous = _previous_manifest(dest)
    progress = progress or (lambda path, done, total: None)
    downloads = planned_downloads(base_url)
    with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=True) as client:
        for item in downloads:
            if not item.url:
                result.failures.append(f"{item.path} : aucune adresse de téléchargement connue (indiquez --base-url)")
                continue
            part = staging / (item.path + ".part")
            part.parent.mkdir(parents=True, exist_ok=True)
            try:
                _download(client, item, part, progress)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                raise NetworkUnreachable(
                    f"Réseau injoignable : impossible de joindre {urlsplit(item.url).netloc} ({exc}). "
                    "Rien n'a été installé."
                ) from exc
            except httpx.HTTPStatusError as exc:
                part.unlink(missing_ok=True)  # an error page is no part of the file
                result.failures.append(f"{item.path} : {exc} pour {item.url}")
                continue
            except (httpx.HTTPError, ValueError) as exc:
                result.failures.append(f"{item.path} : {exc} ({item.url})")
                continue
            entry = {
                "source": item.source,
                "path": item.path,
                "address": item.url,
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "size": part.stat().st_size,
                "sha256": _sha256(part),
                "version": publisher_version(item.path),
            }
            old = previous.get(item.path)
            if old and old.get("sha256") != entry["sha256"]:
                result.changed.append(
                    f"{item.path} : le fichier a changé depuis le dernier téléchargement "
                    f"(SHA-256 {old.get('sha256', '')[:12]}… → {entry['sha256'][:12]}…)"
                )
            result.installed.append(entry)
    if result.failures:
        result.installed = []
        return result
    for entry in result.installed:
        target = dest / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / (entry["path"] + ".part"), target)
    manifest = {"files": result.installed}
    (dest / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(staging, ignore_errors=True)
    say(f"{len(result.installed)} fichiers installés dans {dest} (manifeste : {MANIFEST}).")
    return result
