# wiretrace — the one entry point for people and CI.
# `make demo` and `make test` do all set-up on a fresh clone (they create .venv).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install demo test test-fast browser lint format eval bench golden clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@echo "== wiretrace analyze examples/dispute-plant.txt --format text"
	@$(BIN)/wiretrace analyze examples/dispute-plant.txt --format text
	@echo
	@echo "== every bundled example, one JSON line each (summary)"
	@$(BIN)/wiretrace analyze examples/*.txt examples/*.html --format jsonl | $(BIN)/python benchmarks/summarize.py
	@echo
	@echo "== wiretrace ingest examples/*.txt examples/*.html examples/jsonl --db out/demo.db   (twice: nothing is stored twice)"
	@mkdir -p out
	@$(BIN)/wiretrace ingest examples/*.txt examples/*.html examples/jsonl --db out/demo.db --workers 2
	@$(BIN)/wiretrace ingest examples/*.txt examples/*.html examples/jsonl --db out/demo.db --workers 2
	@echo
	@echo "== wiretrace quotes --speaker Varga --db out/demo.db"
	@$(BIN)/wiretrace quotes --speaker Varga --db out/demo.db | head -20
	@echo
	@echo "== wiretrace disputes --db out/demo.db"
	@$(BIN)/wiretrace disputes --db out/demo.db | head -24
	@echo
	@echo "== open it in a browser: who said what, where each story came from, who disputes it"
	@echo "   $(BIN)/wiretrace serve --db out/demo.db      (then open http://127.0.0.1:8000/)"

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# The browser tests drive Debian's chromium with Playwright (never `playwright install`):
# install it when it is missing and we may (root, apt-get); otherwise those tests skip.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "== installing chromium for the browser tests (apt-get)"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -q chromium >/dev/null 2>&1 \
	  || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; } \
	  || echo "chromium could not be installed: the browser tests will be skipped"; \
	fi

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests eval benchmarks
	$(BIN)/ruff format --check src tests eval benchmarks
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests eval benchmarks
	$(BIN)/ruff check --fix src tests eval benchmarks

golden: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_golden.py --update-golden

eval: $(STAMP)
	$(BIN)/python eval/run.py --shared $(SHARED)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py --data $(SHARED)/data/polnear/data
	$(BIN)/python benchmarks/bench_store.py --n 20000 --n-analysed 300 --workers 2
	$(BIN)/python benchmarks/bench_lineage.py --n 100000 --marks 10000,50000,100000
	$(BIN)/python benchmarks/bench_stance.py --n 20000
	$(BIN)/python benchmarks/bench_serve.py --n 20000 --clients 20 --requests 200

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
