# Community Services Portal — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
# axe-core for the browser tests' accessibility check (injected by the tests, no CDN).
AXE_VERSION := 4.14.1
AXE := var/axe/node_modules/axe-core/axe.min.js

.DEFAULT_GOAL := help

# The local targets run in development mode unless DEBUG is set; `make test` does not
# (the suite runs with production settings, less the HTTPS redirect).
migrate seed run messages: export DEBUG ?= 1
.PHONY: help install axe messages compilemessages migrate seed run worker beat test test-fast lint fmt check-deploy clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the dependencies

# Without npm the browser tests' accessibility check says what is missing (it runs only
# where Chromium does; .ci/run installs both).
$(AXE):
	@if command -v npm >/dev/null; then \
		npm install --prefix var/axe --no-audit --no-fund --silent axe-core@$(AXE_VERSION); \
	else echo "npm not found: axe-core not installed (apt install npm; make axe)"; fi

axe: $(AXE) ## Install axe-core (npm) into var/axe for the browser tests' accessibility check

compilemessages: $(STAMP) ## Build the .mo translation catalogues from the committed .po files
	$(BIN)/pybabel compile --domain django --directory locale --statistics

messages: $(STAMP) ## Re-extract translatable strings into the .po files (needs GNU gettext)
	$(BIN)/python manage.py makemessages --locale zh_Hans --locale en --ignore '.venv/*' --ignore 'var/*' --no-obsolete

migrate: compilemessages ## Apply database migrations
	$(BIN)/python manage.py migrate --noinput

seed: migrate ## Load the demo data (idempotent)
	$(BIN)/python manage.py seed_demo

run: seed ## Install, migrate, load demo data and serve on 127.0.0.1:$(PORT)
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

worker: $(STAMP) ## Run a Celery worker (needs CELERY_BROKER_URL)
	$(BIN)/celery --app portal worker --loglevel INFO

beat: $(STAMP) ## Run Celery beat with the database scheduler
	$(BIN)/celery --app portal beat --loglevel INFO --scheduler django_celery_beat.schedulers:DatabaseScheduler

lint: $(STAMP) ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(STAMP) ## Format and fix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: compilemessages $(AXE) ## The whole suite: lint, missing migrations, pytest (PostgreSQL when DATABASE_URL is set)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PORTAL_TESTING=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

clean: ## Remove the virtualenv, local database and caches
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
