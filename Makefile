PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install system-libraries run open-data test test-postgres test-browser quality format bench clean

install: system-libraries $(VENV)/.installed

## What the Python packages need from the system (WeasyPrint: Pango, HarfBuzz with its subset
## library, fonts): installed with apt-get when run as root, else the exact command is printed.
system-libraries:
	$(PYTHON) orientation/core/system_libraries.py --install

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

## Migrate, load the territory (open data if configured, else a demo), create demo accounts, serve,
## with one background worker beside the server (stopped when the server stops).
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_platform_data
	$(BIN)/python manage.py demo_data
	$(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

## Download the official open data into open-data/ (used by make run once complete). MIRROR=URL: a mirror.
open-data: install
	$(BIN)/python manage.py fetch_open_data --dest open-data $(if $(MIRROR),--base-url $(MIRROR))

## The whole suite on SQLite (browser tests excluded: see test-browser).
test: install
	$(BIN)/pytest

## Browser tests: Debian's chromium driven by Playwright, with axe-core.
test-browser: install
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m browser

quality: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/import_open_data.py
	$(BIN)/python bench/matching.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles
