# ujym — make verbs. `make brief` and `make test` each do all set-up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: brief test lint types ci clean install dev

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEVSTAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)
dev: $(DEVSTAMP)

## brief: install ujym and write the CSTO brief from the embedded casebook (offline)
brief: $(STAMP)
	$(BIN)/ujym brief --out brief.html

## test: install ujym with its test tools, then run the whole test suite
test: $(DEVSTAMP)
	$(BIN)/python -m pytest -n 2

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

types: $(DEVSTAMP)
	$(BIN)/mypy

ci: lint types test

clean:
	rm -rf $(VENV) build *.egg-info brief.html
