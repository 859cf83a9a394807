"""``fetch_open_data`` against a local HTTP server (loopback only) that serves the files under their official names."""

import hashlib
import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from orientation.core.fetching import MANIFEST, STAGING, planned_downloads
from tests.conftest import SAMPLES

ROME_JOBS = "rome/unix_referentiel_code_rome_v460_utf8.csv"
COMMUNES = "communes/decoupage-administratif-6.0.0_communes_hdf.csv"


class OpenDataHandler(BaseHTTPRequestHandler):
    """Serves ``server.root``; honours ``Range: bytes=N-``; cuts a file in half once when asked to."""

    def do_GET(self):
        self.server.requests.append((self.path, self.headers.get("Range")))
        path = self.server.root / self.path.lstrip("/")
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        start = 0
        range_header = self.headers.get("Range")
        if range_header and range_header.startswith("bytes="):
            start = int(range_header[len("bytes=") :].split("-")[0])
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        body = data[start:]
        self.send_header("Content-Type", "text/html" if self.path.lstrip("/") in self.server.html else "text/csv")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.path.lstrip("/") in self.server.cut_once:
            self.server.cut_once.discard(self.path.lstrip("/"))
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def mirror(tmp_path):
    """Every file the import reads, served on 127.0.0.1: the hand-written samples (a stand-in where none)."""
    root = tmp_path / "served"
    for item in planned_downloads():
        target = root / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        for sample_dir in (SAMPLES / "territory", SAMPLES / "catalog"):
            if (sample_dir / item.path).is_file():
                shutil.copyfile(sample_dir / item.path, target)
                break
        else:
            target.write_bytes(b"stand-in\n")
    server = ThreadingHTTPServer(("127.0.0.1", 0), OpenDataHandler)
    server.root, server.requests, server.cut_once, server.html = root, [], set(), set()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def fetch(dest: Path, base_url: str) -> str:
    out = StringIO()
    call_command("fetch_open_data", "--dest", str(dest), "--base-url", base_url, stdout=out)
    return out.getvalue()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fetch_lays_out_every_file_and_writes_the_manifest(mirror, tmp_path):
    dest = tmp_path / "data"
    output = fetch(dest, mirror.base_url)
    planned = planned_downloads()
    assert f"{len(planned)} fichiers installés" in output
    assert f"{ROME_JOBS} [" in output  # the progress bar
    assert "100 %" in output
    for item in planned:
        assert (dest / item.path).read_bytes() == (mirror.root / item.path).read_bytes()
    manifest = {entry["path"]: entry for entry in json.loads((dest / MANIFEST).read_text(encoding="utf-8"))["files"]}
    assert set(manifest) == {item.path for item in planned}
    jobs = manifest[ROME_JOBS]
    assert jobs["address"] == f"{mirror.base_url}/{ROME_JOBS}"
    assert jobs["source"] == "catalog.rome"
    assert jobs["size"] == (dest / ROME_JOBS).stat().st_size
    assert jobs["sha256"] == sha256(dest / ROME_JOBS)
    assert jobs["version"] == "v460"
    assert manifest[COMMUNES]["version"] == "6.0.0"
    assert jobs["date"].startswith("20")
    assert not (dest / STAGING).exists()


@pytest.mark.django_db
def test_the_fetched_directory_is_what_the_import_reads(mirror, tmp_path):
    dest = tmp_path / "data"
    fetch(dest, mirror.base_url)
    out = StringIO()
    steps = ["territory.region", "territory.departments", "territory.zones", "territory.communes"]
    call_command("import_open_data", "--source", str(dest), "--step", *steps, stdout=out)
    assert "Problèmes bloquants : 0" in out.getvalue()


def test_an_interrupted_download_is_resumed_with_a_range_request(mirror, tmp_path):
    dest = tmp_path / "data"
    mirror.cut_once.add(ROME_JOBS)
    with pytest.raises(CommandError, match=ROME_JOBS):
        fetch(dest, mirror.base_url)
    assert not (dest / ROME_JOBS).exists()  # nothing installed after a failed run
    part = dest / STAGING / (ROME_JOBS + ".part")
    half = part.stat().st_size
    assert 0 < half < (mirror.root / ROME_JOBS).stat().st_size

    mirror.requests.clear()
    fetch(dest, mirror.base_url)
    assert (f"/{ROME_JOBS}", f"bytes={half}-") in mirror.requests
    assert (dest / ROME_JOBS).read_bytes() == (mirror.root / ROME_JOBS).read_bytes()


def test_a_file_whose_checksum_changed_is_reported(mirror, tmp_path):
    dest = tmp_path / "data"
    fetch(dest, mirror.base_url)
    before = sha256(dest / ROME_JOBS)
    with (mirror.root / ROME_JOBS).open("a", encoding="utf-8") as fh:
        fh.write('"N4105","1","2","Nouveau métier","","","","","","N4105"\n')
    output = fetch(dest, mirror.base_url)
    after = sha256(dest / ROME_JOBS)
    assert after != before
    assert f"{ROME_JOBS} : le fichier a changé depuis le dernier téléchargement" in output
    assert f"{before[:12]}… → {after[:12]}…" in output
    assert output.count("a changé") == 1


def test_a_missing_file_is_reported_and_nothing_is_half_installed(mirror, tmp_path):
    dest = tmp_path / "data"
    (mirror.root / COMMUNES).unlink()
    with pytest.raises(CommandError) as excinfo:
        fetch(dest, mirror.base_url)
    message = str(excinfo.value)
    assert f"{COMMUNES} : réponse HTTP 404" in message
    assert "rien n'a été installé" in message
    installed = [p for p in dest.rglob("*") if p.is_file() and STAGING not in p.parts]
    assert installed == []
    assert not (dest / STAGING / (COMMUNES + ".part")).exists()


def test_a_publisher_page_instead_of_the_file_is_refused(mirror, tmp_path):
    mirror.html = {ROME_JOBS}
    with pytest.raises(CommandError, match=f"{ROME_JOBS} : l'adresse donne text/html, pas le fichier attendu"):
        fetch(tmp_path / "data", mirror.base_url)
    assert not (tmp_path / "data" / ROME_JOBS).exists()


def test_an_unreachable_network_is_said_in_one_line(tmp_path):
    with pytest.raises(CommandError) as excinfo:
        fetch(tmp_path / "data", "http://127.0.0.1:9")  # discard port: nothing listens
    message = str(excinfo.value)
    assert message.startswith("Réseau injoignable : impossible de joindre 127.0.0.1:9")
    assert "\n" not in message


def test_the_mirror_setting_is_the_default_base_url(mirror, tmp_path, settings):
    settings.ORIENTATION_OPEN_DATA_MIRROR = mirror.base_url
    out = StringIO()
    call_command("fetch_open_data", "--dest", str(tmp_path / "data"), stdout=out)
    assert "fichiers installés" in out.getvalue()
    assert all(path.startswith("/") for path, _range in mirror.requests)
