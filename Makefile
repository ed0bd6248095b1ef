# Order Manager: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app app
# Where translatable strings live (the .venv is never scanned).
SOURCES := app.py cli.py blueprints web domain request_kinds demo templates

.PHONY: run serve test translations compile-translations init-db bench clean

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

compile-translations: $(BIN)/activate
	$(BIN)/pybabel -q compile -d translations

# The webhook worker runs beside the server and stops with it.
run: $(BIN)/activate compile-translations
	DEMO_MODE=1 $(FLASK) ensure-demo
	DEMO_MODE=1 $(FLASK) webhooks worker --exit-with-parent & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEMO_MODE=1 $(FLASK) run --port $(PORT)

serve: $(BIN)/activate compile-translations
	@if [ -z "$$SECRET_KEY" ]; then \
	  echo "make serve runs with production settings and needs SECRET_KEY, e.g."; \
	  echo "  SECRET_KEY=\$$(python3 -c 'import secrets; print(secrets.token_hex(32))') make serve"; \
	  exit 1; fi
	$(FLASK) init-db
	$(FLASK) webhooks worker --exit-with-parent & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py "app:create_app()"

test: $(BIN)/activate compile-translations
	$(BIN)/pytest $(PYTEST_ARGS)

# Extract the msgids, merge them into fi, sv and en, and compile.
translations: $(BIN)/activate
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot $(SOURCES)
	$(BIN)/pybabel -q update -N -i translations/messages.pot -d translations
	$(BIN)/pybabel -q compile -d translations

init-db: $(BIN)/activate
	$(FLASK) init-db

clean:
	rm -rf $(VENV) .pytest_cache

# Load test at 10k and 1M orders beside bare-Flask and raw-SQL baselines,
# then at 1M on a PostgreSQL cluster of its own; writes BENCHMARKS.md.
# BENCH_DATABASES=sqlite (or postgresql) runs one. Needs wrk and, for
# PostgreSQL, its server programs (Debian's packages, installed if missing).
bench: $(BIN)/activate compile-translations
	@command -v wrk >/dev/null || apt-get install -y -q wrk || \
		(apt-get update -q && apt-get install -y -q wrk)
	@case "$${BENCH_DATABASES-postgresql}" in *postgresql*) \
	  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	  apt-get install -y -q postgresql || \
	  (apt-get update -q && apt-get install -y -q postgresql);; esac
	$(BIN)/python bench/run.py
