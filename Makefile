# The InfoStory portal. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Development defaults for `make run`; the environment wins when it sets them. Links in
# emails and the printed sign-in address follow PORT unless INFOSTORY_SITE_URL is set.
RUN_ENV = DJANGO_DEBUG=$${DJANGO_DEBUG:-true} INFOSTORY_SITE_URL=$${INFOSTORY_SITE_URL:-http://$(HOST):$(PORT)}

.DEFAULT_GOAL := help
.PHONY: help run test lint format bench bench-profile clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/.installed-runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/.installed-runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

run: $(BIN)/.installed-runtime ## Set up a SQLite portal with demo stories and serve it on 127.0.0.1:8000 (PORT=8101 for another port)
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(BIN)/.installed-dev ## Run the whole test suite (DATABASE_URL picks the database)
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=infostory.settings_test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest

lint: $(BIN)/.installed-dev ## ruff check and format check, and the import contracts (lint-imports)
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .
	$(BIN)/lint-imports

format: $(BIN)/.installed-dev ## Format the code with ruff
	$(BIN)/python -m ruff format .
	$(BIN)/python -m ruff check --fix .

bench: $(BIN)/.installed-dev ## Benchmark at BENCH_STORIES (100000) stories behind gunicorn, fixed and varied traffic, without and with Redis; then alert digests to an SMTP sink (BENCH_SUBSCRIPTIONS, 10000); writes docs/benchmarks.md
	bash bench/prepare.sh
	$(BIN)/python bench/run.py
	$(BIN)/python bench/digest.py

bench-profile: $(BIN)/.installed-runtime ## Profile each page kind in-process on the bench database (after make bench); writes bench/profiles/*.txt
	bash bench/prepare.sh
	$(BIN)/python bench/profile_pages.py

clean: ## Remove the virtualenv, the SQLite database and collected static files
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
