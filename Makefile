# ujym — make verbs. `make brief` and `make test` each do all set-up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
BROWSER := $(VENV)/.browser

.PHONY: brief test lint types ci clean install dev fuzz probes cache-stress docs

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEVSTAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Debian's chromium and chromedriver for the browser tests (root installs them with apt-get).
$(BROWSER): $(STAMP)
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -q chromium chromium-driver >/dev/null || \
	    { apt-get update -q >/dev/null && apt-get install -y -q chromium chromium-driver >/dev/null; }; \
	  else echo "browser tests need Debian's chromium and chromium-driver: sudo apt-get install chromium chromium-driver" >&2; exit 1; fi; \
	fi
	touch $@

install: $(STAMP)
dev: $(DEVSTAMP)

## brief: install ujym and write the CSTO brief from the embedded casebook (offline)
brief: $(STAMP)
	$(BIN)/ujym brief --out brief.html

## test: install ujym with its test tools, then run the whole test suite
test: $(DEVSTAMP) $(BROWSER)
	$(BIN)/python -m pytest -n 2

## fuzz: the Hypothesis fuzzing of importers and YAML loaders, many examples (minutes)
fuzz: $(DEVSTAMP)
	UJYM_FUZZ_EXAMPLES=$${UJYM_FUZZ_EXAMPLES:-500} $(BIN)/python -m pytest -p no:cacheprovider tests/test_fuzz.py

## probes: the defects and newcomer mistakes of issue 12, through the command line
probes: $(DEVSTAMP)
	$(BIN)/python -m pytest -p no:cacheprovider tests/test_probes.py

## cache-stress: the cache's concurrency and kill-at-every-step tests, 50 rounds in a row
cache-stress: $(DEVSTAMP)
	UJYM_STRESS_ROUNDS=$${UJYM_STRESS_ROUNDS:-50} $(BIN)/python -m pytest -p no:cacheprovider -x \
	  tests/sources/test_cache_safety.py -k "concurrent or killed or live_run"

## lint: ruff (style, docstring rules), ruff format, and the import contract (layers)
lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports --no-logo

## docs: regenerate docs/cli.md (from --help) and docs/api.md's index of public names (from docstrings)
docs: $(STAMP)
	$(BIN)/python -m ujym.cli.reference docs

## types: mypy, strict, over the whole package
types: $(DEVSTAMP)
	$(BIN)/mypy

ci: lint types test

clean:
	rm -rf $(VENV) build *.egg-info brief.html
