PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install run test test-postgres test-browser quality format bench clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

## Migrate, load the territory (open data if configured, else a demo), create demo accounts, serve.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_platform_data
	$(BIN)/python manage.py demo_data
	$(BIN)/python manage.py runserver $(HOST)

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
