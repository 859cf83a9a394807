"""Production settings refuse to boot when unsafe; with proper settings `check --deploy` is clean.

Each case is a real ``manage.py check --deploy`` in a subprocess: settings are read once per process.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = secrets.token_urlsafe(64)
PROPER = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "orientation.example",
    "ORIENTATION_BASE_URL": "https://orientation.example",
}


def _check_deploy(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ORIENTATION_", "SECURE_"))}
    clean.pop("SECRET_KEY", None)
    clean.pop("ALLOWED_HOSTS", None)
    clean["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    clean.update({k: v for k, v in env.items() if v is not None})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_proper_production_settings_pass_check_deploy_without_any_issue(tmp_path):
    result = _check_deploy(tmp_path, **PROPER)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"SECRET_KEY": "x"}, "SECRET_KEY est trop faible"),
        ({"SECRET_KEY": None}, "SECRET_KEY est obligatoire"),
        ({"SECRET_KEY": "dev-only-insecure-key-not-for-production"}, "valeur de développement connue"),
        ({"SECRET_KEY": "django-insecure-" + "a1b2c3d4e5" * 6}, "valeur de développement connue"),
        ({"SECRET_KEY": "a" * 80}, "SECRET_KEY est trop faible"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS est obligatoire"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS est obligatoire"),
        ({"ORIENTATION_BASE_URL": None}, "ORIENTATION_BASE_URL est obligatoire"),
        ({"ORIENTATION_BASE_URL": "http://127.0.0.1:8000"}, "ORIENTATION_BASE_URL est obligatoire"),
    ],
)
def test_production_refuses_to_boot_on_unsafe_settings(tmp_path, override, message):
    result = _check_deploy(tmp_path, **{**PROPER, **override})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_the_issue_one_character_key_refuses_to_start(tmp_path):
    result = _check_deploy(tmp_path, DJANGO_ENV="production", SECRET_KEY="x")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_proxy_header_is_trusted_only_when_configured():
    from django.conf import settings

    # The test process sets no SECURE_PROXY_SSL_HEADER: a client's X-Forwarded-Proto is not believed.
    assert settings.SECURE_PROXY_SSL_HEADER is None


def test_proxy_header_named_by_the_environment(tmp_path):
    code = "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ENV"}
    env.update(SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto", DJANGO_SETTINGS_MODULE="orientation.settings")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')", result.stderr
