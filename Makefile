# One command to serve, one to test; each sets up .venv first when needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: serve test lint bench bench-quick contract wheel clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mockgw serve $(ARGS)

test: $(STAMP)
	$(BIN)/pytest -n 2 $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check mockgw tests bench scripts
	$(BIN)/ruff format --check mockgw tests bench scripts
	$(BIN)/mypy mockgw

bench: $(STAMP)
	$(BIN)/python bench/run.py $(ARGS)

bench-quick: $(STAMP)
	$(BIN)/python bench/run.py --quick

# The Anthropic request contract, transcribed again from the installed anthropic SDK's request types.
contract: $(STAMP)
	$(BIN)/python scripts/gen_anthropic_contract.py

# dist/mockgw-<version>-py3-none-any.whl: `pip install` it anywhere (mockgw is not on PyPI yet)
wheel: $(STAMP)
	$(BIN)/pip wheel -q --disable-pip-version-check --no-deps --wheel-dir dist .

clean:
	rm -rf $(VENV) build dist *.egg-info .cache
