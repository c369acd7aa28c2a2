# VETQuality — the command index. `make help` lists the targets.
SHELL := /bin/bash
# The newest of the supported Pythons that runs on this machine (3.13, 3.12 or 3.11), unless PY is given
# (a pyenv shim without its version installed does not run, so it is skipped).
PY ?= $(firstword $(foreach v,3.13 3.12 3.11,$(shell python$(v) -c "" >/dev/null 2>&1 && echo python$(v))) python3.11)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.install-stamp
PORT ?= 8000
export DEBUG ?= 1

.PHONY: help install run test test-fast test-browser lint format messages migrate seed bench bench-quick clean openapi

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/python:
	@command -v $(PY) >/dev/null || { echo "Python 3.11, 3.12 or 3.13 is required ($(PY) not found); set PY=/path/to/python3"; exit 1; }
	$(PY) -m venv $(VENV)

$(STAMP): requirements.txt $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv, install pinned dependencies, compile translations (quick when nothing changed)
	@$(BIN)/python manage.py compile_translations

migrate: install ## Apply database migrations (loads the bundled frameworks)
	$(BIN)/python manage.py migrate --noinput

seed: migrate ## Load demo data if the database is empty
	$(BIN)/python manage.py seed_demo --if-empty

run: seed ## Install, migrate, seed demo data, serve http://127.0.0.1:$(PORT)
	@$(BIN)/python manage.py demo_logins --address 127.0.0.1:$(PORT)
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install ## Run the whole test suite (SQLite unless DATABASE_URL is set)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: install ## The suite without the browser tests
	$(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)

test-browser: install ## Only the browser tests (Playwright + Debian's Chromium)
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

lint: install ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Refresh every app's translation catalogue (needs GNU gettext)
	@for app in */locale; do app=$${app%/locale}; \
	  (cd $$app && ../$(BIN)/python ../manage.py makemessages -l bg -l en --no-obsolete --no-location >/dev/null) || exit 1; done

openapi: install ## Regenerate api/openapi.json from the code (review and commit the diff)
	$(BIN)/python manage.py openapi_schema

bench: install ## Every benchmark on SQLite and PostgreSQL: one table, exit 1 on a missed target
	$(BIN)/python bench/run.py $(BENCH_ARGS)

bench-quick: install ## The benchmarks at a small scale, to check they work (figures not binding)
	$(BIN)/python bench/run.py --quick $(BENCH_ARGS)

clean: ## Remove the virtualenv and the SQLite database
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm
