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
.PHONY: help install axe messages compilemessages migrate seed run worker beat test test-fast lint fmt check-deploy clean bench fuzz lock backup restore

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-16s %s\n", $$1, $$2}'

# Every machine installs the same versions: requirements.lock pins each dependency with
# its hashes (pip refuses a file whose hash differs); `make lock` updates it.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the locked dependencies (requirements.lock)

lock: ## Update requirements.lock from pyproject.toml (pins and hashes, with pip-tools in var/lock-tools)
	test -x var/lock-tools/bin/pip-compile || ($(PYTHON) -m venv var/lock-tools && var/lock-tools/bin/pip install --quiet pip-tools)
	var/lock-tools/bin/pip-compile --quiet --upgrade --generate-hashes --extra dev --strip-extras \
	  --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

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

lint: $(STAMP) ## ruff check and format check, and the import contracts (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

fmt: $(STAMP) ## Format and fix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: compilemessages $(AXE) ## The whole suite: lint, import contracts, missing migrations, pytest (PostgreSQL when DATABASE_URL is set)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo
	PORTAL_TESTING=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# The quick loop while working: the test database is kept between runs (pytest-django's
# --reuse-db; on SQLite in var/test_portal_fast.sqlite3, so one run at a time per checkout;
# --create-db in PYTEST_ARGS rebuilds it), no lint and no missing-migrations check, stop at
# the first failure, and the browser tests only with BROWSER=1. `make test` stays the gate.
FAST_ARGS ?= -x
test-fast: compilemessages ## Quick local run: kept test database, -x, no lint, no browser tests unless BROWSER=1
	PORTAL_TEST_DB=$(CURDIR)/var/test_portal_fast.sqlite3 $(BIN)/pytest --reuse-db \
		$(if $(BROWSER),,-m "not browser") $(FAST_ARGS) $(PYTEST_ARGS)

# By hand, never in CI: PostgreSQL database portal_bench (BENCH_DATABASE_URL to change it)
# with 100k residents, built once and reused; the growth line adds 10k (and 1M with
# BENCH_1M=1, which takes minutes to seed) in portal_bench_<size>.
BENCH_SIZES := 10000,100000
ifdef BENCH_1M
BENCH_SIZES := $(BENCH_SIZES),1000000
endif
bench: compilemessages ## Portal (gunicorn, DEBUG=0) vs a bare Django view under wrk, 100k residents; BENCH_ARGS, BENCH_1M=1
	command -v wrk >/dev/null || apt-get install -y wrk || (apt-get update && apt-get install -y wrk)
	$(BIN)/python bench/http_pages.py --growth $(BENCH_SIZES) $(BENCH_ARGS)

fuzz: compilemessages ## Fuzz every form (1,000 Hypothesis examples each) and every URL, in two processes; counts in var/fuzz/
	mkdir -p var/fuzz
	pids=""; for shard in 0 1; do \
	  FUZZ_RANDOM=1 FUZZ_SHARD=$$shard/2 FUZZ_REPORT=var/fuzz/report-$$shard.json \
	  FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-1000} FUZZ_VIEW_EXAMPLES=$${FUZZ_VIEW_EXAMPLES:-100} \
	  FUZZ_URL_EXAMPLES=$${FUZZ_URL_EXAMPLES:-20} \
	  $(BIN)/pytest tests/security/test_fuzz.py -q -p no:randomly & pids="$$pids $$!"; \
	done; status=0; for pid in $$pids; do wait $$pid || status=1; done; \
	grep -h -E '"(forms|fewest_per_form|requests|responses_5xx)"' var/fuzz/report-*.json; \
	exit $$status

backup: $(STAMP) ## pg_dump -Fc of DATABASE_URL plus the media folder, dated, into var/backups (BACKUP_DIR)
	$(BIN)/python -m portal.backup backup

restore: $(STAMP) ## Restore a backup: make restore FILE=var/backups/portal-….dump (replaces the database's objects)
	@test -n "$(FILE)" || (echo "usage: make restore FILE=var/backups/portal-YYYYmmdd-HHMMSS.dump" && exit 2)
	$(BIN)/python -m portal.backup restore "$(FILE)"

clean: ## Remove the virtualenv, local database and caches
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache .import_linter_cache
