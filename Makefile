# Rapport: `make run` to use it, `make test` to check it. Both set everything up on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP     := $(VENV)/.dev-installed
DEMO_DB       ?= data/demo.duckdb

.PHONY: run demo test lint bench screenshots chromium clean

$(RUNTIME_STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .  # the `rapport` command, for cron lines
	@touch $@

$(DEV_STAMP): $(RUNTIME_STAMP) requirements-dev.txt
	$(PIP) install -r requirements-dev.txt
	@touch $@

## run: start Rapport on http://localhost:8501 (creates .venv on first use)
run: $(RUNTIME_STAMP)
	$(PY) -m lib.ui.serve run app.py

## demo: start Rapport on a separate demo database with a year of realistic data
demo: $(RUNTIME_STAMP)
	@test -f $(DEMO_DB) || $(PY) -m lib.cli demo --db $(DEMO_DB)
	RAPPORT_DB=$(DEMO_DB) $(PY) -m lib.ui.serve run app.py

## chromium: install Debian's Chromium for the browser tests when missing and we are root
chromium:
	@if [ -n "$$RAPPORT_CHROMIUM" ] || command -v chromium >/dev/null 2>&1; then \
		true; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "No Chromium found: browser tests will be skipped."; \
		echo "Enable them with 'sudo apt-get install chromium' or RAPPORT_CHROMIUM=/path/to/chromium."; \
	fi

## lint: ruff over everything, and mypy --strict over lib/
lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy

## test: lint and type-check, then every test: the browser tests one at a time, the rest on two workers
test: $(DEV_STAMP) chromium lint
	$(PY) -m pytest tests/e2e
	$(PY) -m pytest --ignore=tests/e2e -n 2

## bench: measure Rapport at the scale of a heavy networker
bench: $(DEV_STAMP)
	$(PY) -m bench

## screenshots: refresh the README's screenshots from the browser tests
screenshots: $(DEV_STAMP) chromium
	RAPPORT_SCREENSHOTS=docs/screenshots $(PY) -m pytest tests/e2e -q

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache test-results rapport.egg-info
