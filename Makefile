# Rapporteur: one command to set up and run, one to test. See README.md.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 7860

.PHONY: setup run test lint eval browser clean-venv

setup: $(VENV)/.installed

# torch first (the CPU build that pip finds on this machine's disk), then the pinned rest.
$(VENV)/.installed: pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	touch $@

# Debian's Chromium for the browser tests (Playwright's own browser download is unreachable).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

run: setup
	$(VENV)/bin/rapporteur ingest corpus/
	$(VENV)/bin/rapporteur serve --host $(HOST) --port $(PORT) --corpus corpus

test: setup browser
	$(VENV)/bin/pytest -q

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

eval: setup
	$(VENV)/bin/rapporteur eval --suite all --out evals/reports

clean-venv:
	rm -rf $(VENV)
