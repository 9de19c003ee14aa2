# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run demo test test-sqlite test-fast test-dates fuzz lint format bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

run: install  ## Serve the demo organisation on embedded SQLite at http://127.0.0.1:8000
	$(BIN)/okrs serve --demo

test: install  ## Lint, then the whole suite on SQLite and on a throwaway PostgreSQL
	bash scripts/test.sh

test-sqlite: install
	bash scripts/test.sh --sqlite-only

test-fast: install  ## The inner loop: unit and view tests on SQLite; no browser, server or whole-organisation walk
	DATABASE_URL= $(BIN)/pytest -q -n auto -m "not browser and not server and not walk and not terminal"

test-dates: install  ## The whole suite on SQLite with the calendar moved to awkward dates
	bash scripts/test-dates.sh

fuzz: install  ## Schemathesis with about 20,000 generated API calls, on SQLite (not part of make test)
	OKRS_FUZZ_EXAMPLES=$${OKRS_FUZZ_EXAMPLES:-230} DATABASE_URL= $(BIN)/pytest -q tests/api/test_schemathesis.py

lint: install  ## ruff, import-linter's contracts (layers run one way), then mypy within its baseline
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/typecheck.py
	$(BIN)/lint-imports --no-logo

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) data test-artifacts

bench: install  ## Benchmark suite on a generated organisation, SQLite and PostgreSQL (not part of make test)
	$(BIN)/python bench/run.py
