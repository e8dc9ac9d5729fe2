# The two commands a new user runs: `make html` builds the site, `make test`
# runs every test and every documented example. Both set up .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPHINXOPTS ?= -W --keep-going
# Tests run on one process per core (pytest-xdist); PYTEST_ARGS=-n0 runs them in one.
PYTEST_ARGS ?=

.PHONY: html test lint livehtml bench linkcheck clean setup

setup: $(STAMP)

# Reinstall whenever the dependencies change.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

html: $(STAMP)
	$(BIN)/sphinx-build $(SPHINXOPTS) -b html docs docs/_build/html

test: $(STAMP)
	$(BIN)/pytest -n auto $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	@# The Hubot adapter's JavaScript, with ESLint from its lock file (npm ci once).
	@if command -v npm >/dev/null 2>&1; then \
		$(BIN)/python -c 'from integrations.plugins.hubot import sandbox; sandbox.dev_dependencies()' && \
		cd integrations/plugins/hubot && node node_modules/eslint/bin/eslint.js --max-warnings 0 . && echo "eslint: ok"; \
	else echo "lint: the Hubot adapter's JavaScript is not checked: npm is missing (Debian: apt-get install nodejs npm)"; \
	     test -z "$$INTEGRATIONS_REQUIRE_TOOLS"; fi

livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port 8000 --watch integrations \
		--ignore '*/_build/*' docs docs/_build/html

bench: $(STAMP)
	$(BIN)/python -m bench

# Links inside the built site (pages, anchors, static files); there is no
# network here, so external links are not checked.
linkcheck: html
	$(BIN)/python -m integrations.site.linkcheck docs/_build/html

clean:
	rm -rf docs/_build bench/_work
