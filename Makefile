# One interface for people, CI and tools. `make serve` and `make test` are all a newcomer needs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: serve test check format format-check new source review site zensical offline schemas bench clean

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# The tests' validators; cffconvert apart, as its jsonschema pin conflicts with the others'.
DEV_STAMP := $(VENV)/.installed-dev
CFF_VENV := .venv-cffconvert
$(DEV_STAMP): $(STAMP) requirements-dev.txt requirements-cffconvert.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	test -x $(CFF_VENV)/bin/python || python3 -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-cffconvert.txt
	touch $(DEV_STAMP)

## serve: set up, generate and serve on http://127.0.0.1:8000 (regenerates when entities/ change)
serve: $(STAMP)
	$(PY) scripts/serve.py

## check: validate every entity file, its format and the committed schemas; writes nothing
check: $(STAMP)
	$(PY) scripts/build_pages.py --check-schemas
	status=0; $(PY) scripts/build_pages.py --check || status=1; \
	$(PY) scripts/format_entities.py --check || status=1; exit $$status

## format: rewrite the entity files in the canonical format (layout only; the data stays the same)
format: $(STAMP)
	$(PY) scripts/format_entities.py

## format-check: list entity files not in the canonical format, at the first line that differs
format-check: $(STAMP)
	$(PY) scripts/format_entities.py --check

## new: start an entity file: make new KIND=person NAME="Full Name" [ID=some-id] [SOURCE=source-id]
new: $(STAMP)
	$(PY) scripts/new_entity.py "$$KIND" "$$NAME" $${ID:+--id "$$ID"} $${SOURCE:+--source "$$SOURCE"}

## source: archive a saved document's text in seeds/ and start its source entity: make source FILE=saved.html|.pdf|.txt [URL=https://…] [ID=some-id]
source: $(STAMP)
	$(PY) scripts/add_source.py "$$FILE" $${URL:+--url "$$URL"} $${ID:+--id "$$ID"}

## review: a change summarised by entity and statement, as Markdown: make review [BASE=origin/main] (compares BASE's merge base with HEAD to the working tree)
review: $(STAMP)
	$(PY) scripts/review.py --base "$${BASE:-origin/main}" $(REVIEW_ARGS)

## site: generate pages and build site/ (a failed build keeps the previous site/)
# Dates in the output (sitemap, its gzip header) are the last commit's, so two builds of one commit are identical.
site: export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
site: $(STAMP)
	$(PY) scripts/build_pages.py
	$(PY) scripts/build_site.py

## zensical: generate pages for Zensical and build site-zensical/ with it instead of MkDocs (`make site` regenerates them for MkDocs)
zensical: $(STAMP)
	$(PY) scripts/build_pages.py --for zensical
	$(PY) -m zensical build --strict -f zensical.yml

## offline: build dist/iskp-dossier-offline.zip, the whole site working from file:// with no network
offline: export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
offline: $(STAMP)
	$(PY) scripts/build_offline.py

## test: the full suite, browser tests included (needs Debian's chromium: apt-get install -y chromium)
test: $(DEV_STAMP)
	$(PY) -m pytest -q

## schemas: regenerate schemas/*.schema.json from dossier/models.py
schemas: $(STAMP)
	$(PY) scripts/build_pages.py --write-schemas

## bench: time validate, generate and MkDocs on synthetic dossiers (500 and 5000 entities, validate-only 20000); one JSON line per size
bench: $(STAMP)
	$(PY) scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf site .site-build-* .site-old-* site-zensical .cache dist test-artifacts
