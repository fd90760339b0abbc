# The two commands: `make run` (demo shop on http://127.0.0.1:8000) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 1
# Two test processes fit the two cores this project is built and checked on.
TEST_WORKERS ?= 2

.PHONY: install run serve migrate demo test lint typecheck bench vendor clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/mercato migrate

demo: migrate
	$(BIN)/mercato demo

run: demo
	$(BIN)/mercato serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(PY) -m mercato.platform.i18n_check

test: lint
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

bench: install
	$(PY) -m bench.run

vendor:
	cd /tmp && npm pack htmx.org@2.0.11 && tar xzf htmx.org-2.0.11.tgz && \
	  cp package/dist/htmx.min.js $(CURDIR)/src/mercato/web/static/vendor/htmx.min.js
	cd /tmp && npm pack @expo-google-fonts/noto-sans-sc@0.4.3 && cd $(CURDIR) && \
	  $(PY) scripts/vendor_font.py /tmp/expo-google-fonts-noto-sans-sc-0.4.3.tgz

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
