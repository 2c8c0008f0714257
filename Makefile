# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The site's templates and any app's own templates folder.
TEMPLATE_DIRS := templates $(wildcard */templates iswg_portal/*/templates)

# The suite runs in one process per core (pytest-xdist); JOBS=1 runs it in one.
JOBS ?= auto
PYTEST_PARALLEL := -n $(JOBS) --dist loadgroup --durations=25
# The suite keeps Python's compiled modules and pytest's rewritten test modules in __pycache__
# (ignored by git) even where the environment says not to write them: compiling them again
# cost each test process 4-5 s of every run.
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/pytest

.PHONY: install run test test-fast lint format migrate seed messages bench clean

$(STAMP): requirements.txt requirements-dev.txt tests/js/package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	# The readers some tests compare the portal's output with (ical.js for the calendars).
	npm ci --prefix tests/js --no-audit --no-fund --silent
	touch $(STAMP)

install: $(STAMP)

## Compile the interface translations (.po -> .mo); the .mo files are built, never committed.
messages: install
	$(BIN)/pybabel compile --statistics -d locale -D django

migrate: messages
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

## Install, migrate, load the demo data and serve http://127.0.0.1:8000 on SQLite.
run: seed
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## Install and run the whole test suite.
test: messages
	$(PYTEST) $(PYTEST_PARALLEL)

## The fast tier: the whole suite but the browser tests, the demo seeders, the deployment steps
## run in new processes and the sweeps of every URL with hostile or generated input.
test-fast: messages
	$(PYTEST) $(PYTEST_PARALLEL) -m "not browser and not demo and not deployment and not sweep"

## Check Python with ruff and template indentation with djhtml (as .pre-commit-config.yaml does).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $(TEMPLATE_DIRS)

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $(TEMPLATE_DIRS)

bench: install
	$(BIN)/python bench/directory.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
