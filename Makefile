# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
HOST ?= localhost
PORT ?= 8000

.PHONY: run test test-fast setup lint format check clean messages deploy-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

## Serve the demo newsroom on http://localhost:8000 (embedded SQLite, DEBUG on), with the
## task queue's worker (webhook deliveries, mail) beside it.
# SITE_URL names localhost: passkeys (WebAuthn) refuse an IP address as their site.
# Both run in the background with their PIDs kept, the shell waiting on the
# server: whatever ends it (Ctrl-C, a TERM from make, the server stopping), the
# trap stops exactly those two processes. (A server in the foreground would keep
# the shell from acting on a TERM until it ended by itself.)
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py createcachetable
	DEBUG=1 $(BIN)/python manage.py seed_demo
	@echo "Serving the demo newsroom on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/), with a task worker"
	@worker=; server=; \
	trap 'kill $$server $$worker 2>/dev/null; wait $$server $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT; trap 'exit 143' TERM; \
	DEBUG=1 $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT) & server=$$!; \
	wait $$server

## The whole suite: SQLite by default, PostgreSQL when DATABASE_URL is set.
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## The inner loop: everything but the slow and integration tests (make test runs them all).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not integration" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py check
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

## Production settings must pass Django's deployment checklist.
deploy-check: $(STAMP)
	DEBUG= SECRET_KEY=deploy-check-$$(head -c 32 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9') \
	ALLOWED_HOSTS=news.example.org SITE_URL=https://news.example.org NEWSROOM_TRUSTED_PROXIES=127.0.0.1 \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

## Rebuild the Korean and English translations (needs GNU gettext).
messages: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemessages -l ko --no-obsolete --ignore=.venv --ignore=bench --ignore=tests --ignore=deploy --ignore=node_modules
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=bench --ignore=node_modules

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles .pytest_cache
