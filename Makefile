# Two commands: `make demo` and `make test`; both bootstrap .venv through `make install`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint check bench eval clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) (Python >= 3.11) on PATH" >&2; exit 2; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,scale]"
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	touch $(STAMP)

demo: install
	mkdir -p demo-out
	$(BIN)/eventwire code src/eventwire/data/examples/articles.jsonl --format table --out demo-out/events.jsonl
	$(BIN)/eventwire ingest src/eventwire/data/examples/articles.jsonl --db demo-out/eventwire.db
	$(BIN)/eventwire events --db demo-out/eventwire.db --quad 4 --limit 12
	$(BIN)/eventwire people --db demo-out/eventwire.db --limit 8
	@echo "web UI and API: $(BIN)/eventwire serve --db demo-out/eventwire.db  # then open http://127.0.0.1:8000/"

lint: install
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

eval: install
	$(BIN)/eventwire eval ../shared/eval/dev

bench: install
	$(BIN)/eventwire bench --n 120

clean:
	rm -rf $(VENV) demo-out .pytest_cache .mypy_cache .ruff_cache
