# Two commands for a fresh machine (only python3, make and apt needed):
#   make run   install the app's packages into .venv and start it at http://localhost:8501
#   make test  install the test packages (and Chromium if missing), lint, type-check and run every test

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# apt-get needs root; use sudo only when we are not root already.
SUDO   := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
PYTEST_ARGS ?=

.PHONY: run test lint bench chromium

run: $(VENV)/.requirements.stamp
	$(PY) -m streamlit run app.py

test: lint chromium
	$(PY) -m pytest $(PYTEST_ARGS)

# The linter and the type checker (configured in pyproject.toml: strict for the domain, planner and messages).
lint: $(VENV)/.requirements-dev.stamp
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# Timings for 100, 1,000 and 10,000 applications; prints a table and updates docs/performance.md.
bench: $(VENV)/.requirements-dev.stamp
	$(PY) -m bench.run

# Debian's python3 ships venv's pip bootstrap in a separate package (python3-venv);
# install it and try once more when the first attempt fails for that reason.
$(PY):
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv failed; installing python3-venv with apt-get"; \
	  rm -rf $(VENV); \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-venv && \
	  $(PYTHON) -m venv $(VENV); }

# The stamp files make a second `make run` skip pip when the requirements are unchanged.
$(VENV)/.requirements.stamp: requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	@touch $@

$(VENV)/.requirements-dev.stamp: requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@touch $@ $(VENV)/.requirements.stamp

# The browser tests drive Debian's Chromium; Playwright's own browser download is not used.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Chromium (Debian package) for the browser tests"; \
	    $(SUDO) apt-get update && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-liberation; \
	  else \
	    echo "No /usr/bin/chromium and no apt-get: the browser tests will be skipped (they fail under CI)"; \
	  fi; \
	fi
