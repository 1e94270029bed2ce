# opspoor: `make demo` and `make test` work on a fresh machine; both set up .venv themselves.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_HOME ?= .demo-home
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install system-deps services demo test lint bench clean

# Debian packages the Python wheels build against (PyICU needs ICU) and the test services.
system-deps:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml | system-deps
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q -U pip wheel
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

install: system-deps $(STAMP)

services:
	@bash scripts/ensure-postgres.sh
	@bash scripts/ensure-redis.sh
	@bash scripts/ensure-chromium.sh

demo: install
	@rm -rf $(DEMO_HOME)
	@bash scripts/demo.sh $(BIN)/opspoor $(DEMO_HOME)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: install services lint
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

bench: install
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) $(DEMO_HOME) .pytest_cache .mypy_cache .ruff_cache
