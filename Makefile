# Community Services Portal — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

# The local targets run in development mode unless DEBUG is set; `make test` does not
# (the suite runs with production settings, less the HTTPS redirect).
migrate seed run messages: export DEBUG ?= 1
.PHONY: help install messages compilemessages migrate seed run worker beat test test-fast lint fmt check-deploy clean fuzz lock backup restore

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

test: compilemessages ## The whole suite: lint, missing migrations, pytest (PostgreSQL when DATABASE_URL is set)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PORTAL_TESTING=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

fuzz: compilemessages ## Fuzz every form (1,000 Hypothesis examples each) and every URL, in two processes; counts in var/fuzz/
	mkdir -p var/fuzz
	pids=""; for shard in 0 1; do \
	  FUZZ_SHARD=$$shard/2 FUZZ_REPORT=var/fuzz/report-$$shard.json \
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
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
