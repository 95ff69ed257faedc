# ujym — make verbs. `make brief` and `make test` each do all set-up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
BROWSER := $(VENV)/.browser

.PHONY: brief test lint types ci clean install dev

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

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

types: $(DEVSTAMP)
	$(BIN)/mypy

ci: lint types test

clean:
	rm -rf $(VENV) build *.egg-info brief.html
