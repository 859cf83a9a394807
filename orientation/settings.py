"""Settings: the only module that reads the environment.

Development works with no environment at all (SQLite file, debug on). Production
(``DJANGO_ENV=production``) refuses to boot with a missing or weak ``SECRET_KEY``, without
``ALLOWED_HOSTS`` or without an ``https://`` ``ORIENTATION_BASE_URL``.

Environment variables:
- ``DJANGO_ENV``: ``development`` (default) or ``production``.
- ``SECRET_KEY``: required in production, at least 50 characters, not a known development value.
- ``ORIENTATION_BASE_URL``: the site's public ``https://`` address, required in production.
- ``SECURE_PROXY_SSL_HEADER``: the header the reverse proxy sets to say the request came over HTTPS
  (e.g. ``X-Forwarded-Proto``), trusted only when set: an app reachable without the proxy would
  otherwise believe a client that sends the header itself.
- ``DATABASE_URL``: default ``sqlite:///<repo>/db.sqlite3``.
- ``ORIENTATION_OPEN_DATA``: directory laid out like the official open-data bundle.
- ``ORIENTATION_REGION_CODE``: INSEE region code the platform serves (default 32).
- ``ALLOWED_HOSTS``: comma-separated, production only.
- ``EMAIL_URL``-style settings are kept simple: ``EMAIL_HOST``/``EMAIL_PORT``; console in development.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
ENV = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = ENV == "production"
TESTING = os.environ.get("ORIENTATION_TESTING") == "1" or "pytest" in sys.modules

DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-not-for-production"
# Values found in tutorials, templates and this repository: never a production secret.
KNOWN_WEAK_SECRET_KEYS = {DEVELOPMENT_SECRET_KEY, "changeme", "change-me", "secret", "secret-key", "django"}
SECRET_KEY_MIN_LENGTH = 50


def secret_key_weakness(key: str) -> str | None:
    """Why ``key`` must not sign production sessions and links, or None when it is fit."""
    if not key:
        return "SECRET_KEY est obligatoire en production."
    if key.lower() in KNOWN_WEAK_SECRET_KEYS or key.startswith("django-insecure-"):
        return "SECRET_KEY est une valeur de développement connue : générez-en une secrète."
    if len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < 5:
        return f"SECRET_KEY est trop faible : au moins {SECRET_KEY_MIN_LENGTH} caractères aléatoires."
    return None


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if PRODUCTION:
    if weakness := secret_key_weakness(SECRET_KEY):
        raise ImproperlyConfigured(weakness)
elif not SECRET_KEY:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

DEBUG = not PRODUCTION and not TESTING and os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = (
    [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    if PRODUCTION
    else ["127.0.0.1", "localhost", "testserver", "[::1]"]
)
if PRODUCTION and (not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS est obligatoire en production : les noms du site, séparés par des virgules."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",  # its templates and static files: the API docs use the vendored Swagger UI, not a CDN
    "django_tasks",
    "django_tasks_db",
    "orientation.core",
    "orientation.territory",
    "orientation.accounts",
    "orientation.organisations",
    "orientation.catalog",
    "orientation.search",
    "orientation.schooling",
    "orientation.moderation",
    "orientation.ambassadors",
    "orientation.interventions",
    "orientation.events",
    "orientation.internships",
    "orientation.pathways",
    "orientation.actionplan",
    "orientation.governance",
    "orientation.reporting",
    "orientation.api",
    "orientation.demo",
    "orientation.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "orientation.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "orientation.organisations.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Static files: WhiteNoise serves the collected files in production (``collectstatic``).
if PRODUCTION:
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "orientation.urls"
WSGI_APPLICATION = "orientation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "orientation" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "orientation.core.context_processors.platform",
                "orientation.organisations.context_processors.memberships",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["orientation.accounts.backends.ThrottledBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Security by default; cookies are secure in production (HTTPS), readable over
# plain HTTP in development so that the demo works on 127.0.0.1.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
if _proxy_header := os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip():
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Orientation <ne-pas-repondre@orientation.example>")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# The platform
ORIENTATION_REGION_CODE = os.environ.get("ORIENTATION_REGION_CODE", "32")
# Directory of the official open data (laid out like the published bundle). When unset: the
# ``open-data`` folder ``make open-data`` fills (once complete: it has its manifest), else the
# sibling ``shared/data`` folder of a development checkout, if either exists.
_fetched_open_data = BASE_DIR / "open-data"
_sibling_open_data = BASE_DIR.parent / "shared" / "data"
ORIENTATION_OPEN_DATA = os.environ.get("ORIENTATION_OPEN_DATA") or next(
    (
        str(path)
        for path, present in (
            (_fetched_open_data, (_fetched_open_data / "manifest.json").is_file()),
            (_sibling_open_data, _sibling_open_data.is_dir()),
        )
        if present
    ),
    "",
)
# A mirror of the official files laid out like the bundle (``fetch_open_data`` downloads
# ``<mirror>/<path>``); empty: each file from its publisher's address.
ORIENTATION_OPEN_DATA_MIRROR = os.environ.get("ORIENTATION_OPEN_DATA_MIRROR", "")
# Each official file must hold a plausible number of rows (e.g. 500 ROME jobs); "0" only asks for
# one row, for directories of a few hand-written rows (the tests' samples).
ORIENTATION_IMPORT_MIN_ROWS = os.environ.get("ORIENTATION_IMPORT_MIN_ROWS", "1") != "0"
ORIENTATION_PLATFORM_NAME = os.environ.get("ORIENTATION_PLATFORM_NAME", "Orientation")
# Absolute address of the site, for links sent by e-mail (e.g. a parent's consent link).
ORIENTATION_BASE_URL = os.environ.get("ORIENTATION_BASE_URL", "" if PRODUCTION else "http://127.0.0.1:8000")
if PRODUCTION and not ORIENTATION_BASE_URL.startswith("https://"):
    raise ImproperlyConfigured(
        "ORIENTATION_BASE_URL est obligatoire en production : l'adresse publique du site, en https:// "
        "(elle figure dans les liens envoyés par courriel)."
    )
# Throttles (``orientation.core.throttle``): scope -> (how many, per how many seconds).
ORIENTATION_THROTTLES = {
    # Failed sign-ins from one network for one address: the person elsewhere is not locked out.
    "signin-account": (5, 15 * 60),
    # Failed sign-ins from one network, whatever the address (a school's pupils share one).
    "signin-ip": (50, 15 * 60),
    "password-reset-address": (1, 15 * 60),
    "password-reset-ip": (20, 60 * 60),
    # Consent and survey links, opened without an account: tokens must not be guessable by trying.
    "public-link-ip": (60, 15 * 60),
    "api-write-user": (int(os.environ.get("ORIENTATION_API_WRITES_PER_MINUTE", "60")), 60),
}
# Header in which the reverse proxy gives the client's address (e.g. X-Forwarded-For); when unset,
# the peer's address is used: a header a client could set itself is never believed.
ORIENTATION_CLIENT_IP_HEADER = (
    "HTTP_" + os.environ["ORIENTATION_CLIENT_IP_HEADER"].upper().replace("-", "_")
    if os.environ.get("ORIENTATION_CLIENT_IP_HEADER")
    else ""
)
# Coordinators and administrators (and anyone with access to /admin/) confirm their sign-in with a
# second factor (TOTP application, or a recovery code). Off by default in the test suite only, where
# most tests sign people in directly; the two-factor tests turn it on.
ORIENTATION_TWO_FACTOR_REQUIRED = os.environ.get("ORIENTATION_TWO_FACTOR_REQUIRED", "0" if TESTING else "1") == "1"
OTP_TOTP_ISSUER = ORIENTATION_PLATFORM_NAME
ORIENTATION_RECOVERY_CODES = 10
# Personal data of learners are anonymised this many years after their last school year ended.
ORIENTATION_RETENTION_YEARS = int(os.environ.get("ORIENTATION_RETENTION_YEARS", "1"))
ORIENTATION_INVITATION_DAYS = int(os.environ.get("ORIENTATION_INVITATION_DAYS", "7"))

# Background tasks (django-tasks, database backend): ``manage.py run_worker`` runs them. The tests run
# them at once in the same process unless ``ORIENTATION_TASK_BACKEND=database``.
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[
            os.environ.get("ORIENTATION_TASK_BACKEND") or ("immediate" if TESTING else "database")
        ]
    }
}
# A task claimed by a worker silent for this long is run again by another worker.
ORIENTATION_WORKER_STALE_SECONDS = float(os.environ.get("ORIENTATION_WORKER_STALE_SECONDS", "60"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "orientation": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        "orientation.audit": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
