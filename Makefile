# Bryggan: the commands a newcomer needs. Everything runs from a virtual environment in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOUSEHOLDS ?= 1000
SEED ?= 1
PORT ?= 8000
# Test processes: one per core by default (pytest-xdist); TEST_WORKERS=0 runs in this process.
TEST_WORKERS ?= auto

.PHONY: demo test lint fmt bench load install clean

# Two stamps: what the application needs (all `make demo` waits for), then the tools of the tests.
# --no-compile: Python compiles a module when it is first imported, so the install does not
# compile every module of every package up front (13 s instead of 35 s for the application's).
APP := $(VENV)/.installed-app
DEV := $(VENV)/.installed-dev

$(APP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-compile -e .
	touch $@

$(DEV): $(APP)
	$(BIN)/pip install --quiet --no-compile -e '.[dev]'
	touch $@

install: $(DEV)

## make demo: set up, load the demo municipality into var/bryggan.sqlite3 and serve it
# The system checks run once, in the server, which imports every view for its first page anyway
# (migrate and the demo's load would import them only for the checks), and the server does not
# reload on code changes (`bryggan runserver` alone does). The three commands keep Python's
# compiled modules (__pycache__) even where PYTHONDONTWRITEBYTECODE is set, since the install
# compiles none (--no-compile): otherwise each command compiles every module it imports again,
# 2-3 s each.
demo: export PYTHONDONTWRITEBYTECODE =
demo: $(APP)
	@echo "Creating the database's tables (bryggan migrate) ..."
	$(BIN)/bryggan migrate --verbosity 0 --skip-checks
	$(BIN)/bryggan demo --households $(HOUSEHOLDS) --seed $(SEED) --if-empty --skip-checks
	@echo "Bryggan runs on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/bryggan runserver 127.0.0.1:$(PORT) --noreload

## make test: lint, then every test (browser tests included) on the database BRYGGAN_DATABASE_URL
## names, with the 25 slowest tests listed at the end (the suite is to stay under 15 minutes)
test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/bryggan makemigrations --check --dry-run --verbosity 0
	$(BIN)/mypy
	$(BIN)/pytest -n $(TEST_WORKERS) --durations=25

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/bryggan makemigrations --check --dry-run --verbosity 0
	$(BIN)/mypy

fmt: install
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

## make bench: every benchmark in benchmarks/ (figures go to benchmarks/README.md by hand)
bench: install
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

## make load: 50 caseworkers on `bryggan serve` and a throw-away PostgreSQL with 15,000 households
load: install
	$(BIN)/python benchmarks/load/run.py

clean:
	rm -rf $(VENV) var
