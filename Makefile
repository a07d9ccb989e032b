# One interface for people, CI and tools. `make serve` and `make test` are all a newcomer needs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check
CFF_VENV := .venv-cffconvert
# Every install comes from the lock files in requirements/ (exact versions with their hashes):
# SITE is what building and publishing the site needs; DEV adds Zensical, `make source`, the tests
# and the export formats' validators. The package itself is installed in place (`pip install -e .`).
SITE_STAMP := $(VENV)/.installed-site
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: serve test check lint format format-check new source site zensical offline schemas bench lighthouse review lock clean

$(SITE_STAMP): requirements/site.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(INSTALL) --require-hashes -r requirements/site.txt
	$(INSTALL) --no-deps --no-build-isolation -e .
	touch $@

# cffconvert apart, in an environment of its own: its jsonschema pin conflicts with the other validators'.
$(DEV_STAMP): $(SITE_STAMP) requirements/dev.txt requirements/cffconvert.txt
	$(INSTALL) --require-hashes -r requirements/dev.txt
	test -x $(CFF_VENV)/bin/python || python3 -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/cffconvert.txt
	touch $@

## serve: set up, generate and serve on http://127.0.0.1:8000; a save regenerates the pages it changes (SERVE_ARGS="--full": MkDocs rebuilds every page each time; "--for zensical": Zensical serves)
serve: $(SITE_STAMP)
	$(PY) scripts/serve.py $(SERVE_ARGS)

## check: validate every entity file, its format and the committed schemas; writes nothing (a contributor's check: the site's packages only)
check: $(SITE_STAMP)
	$(PY) scripts/build_pages.py --check-schemas
	status=0; $(PY) scripts/build_pages.py --check || status=1; \
	$(PY) scripts/format_entities.py --check || status=1; exit $$status

## lint: check the Python code with ruff (unused imports and names, likely bugs)
lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check dossier scripts tests

## format: rewrite the entity files in the canonical format (layout only; the data stays the same)
format: $(SITE_STAMP)
	$(PY) scripts/format_entities.py

## format-check: list entity files not in the canonical format, at the first line that differs
format-check: $(SITE_STAMP)
	$(PY) scripts/format_entities.py --check

## new: start an entity file: make new KIND=person NAME="Full Name" [ID=some-id] [SOURCE=source-id]
new: $(SITE_STAMP)
	$(PY) scripts/new_entity.py "$$KIND" "$$NAME" $${ID:+--id "$$ID"} $${SOURCE:+--source "$$SOURCE"}

## source: archive a saved document's text in seeds/ and start its source entity: make source FILE=saved.html|.pdf|.txt [URL=https://…] [ID=some-id]
source: $(DEV_STAMP)
	$(PY) scripts/add_source.py "$$FILE" $${URL:+--url "$$URL"} $${ID:+--id "$$ID"}

## review: a change summarised by entity and statement, as Markdown: make review [BASE=origin/main] (compares BASE's merge base with HEAD to the working tree)
review: $(SITE_STAMP)
	@$(PY) scripts/review.py --base "$${BASE:-origin/main}" $(REVIEW_ARGS)

# The tool that builds the published site: Material for MkDocs until its end of life; set it to
# zensical to publish with Zensical instead (the one line to change; README, Zensical).
SITE_BUILDER := mkdocs
# The same for the offline bundle (both builders' offline plugins inline the search index for file://).
OFFLINE_BUILDER := mkdocs

## site: generate pages and build site/ (a failed build keeps the previous site/)
# Dates in the output (sitemap, its gzip header) are the last commit's, so two builds of one commit are identical.
site: export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
site: $(SITE_STAMP)
	$(PY) scripts/build_pages.py --for $(SITE_BUILDER)
	$(PY) scripts/build_site.py --builder $(SITE_BUILDER)

## zensical: generate pages for Zensical and build site-zensical/ with it instead of MkDocs (`make site` regenerates them for MkDocs)
zensical: $(DEV_STAMP)
	$(PY) scripts/build_pages.py --for zensical
	$(PY) scripts/build_site.py --builder zensical --dest site-zensical

## offline: build dist/iskp-dossier-offline.zip, the whole site working from file:// with no network
offline: export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
offline: $(SITE_STAMP)
	$(PY) scripts/build_offline.py --builder $(OFFLINE_BUILDER)

## test: lint the code (ruff), then the full suite, browser tests included (needs Debian's chromium: apt-get install -y chromium)
test: $(DEV_STAMP)
	$(VENV)/bin/ruff check --quiet dossier scripts tests
	$(PY) -m pytest -q -n auto --dist loadgroup

## schemas: regenerate schemas/*.schema.json from dossier/models.py
schemas: $(SITE_STAMP)
	$(PY) scripts/build_pages.py --write-schemas

## bench: time validate, generate and MkDocs on synthetic dossiers (500 and 5000 entities, validate-only 20000), and edit-to-preview at 5000 with MkDocs and Zensical; one JSON line each
bench: $(DEV_STAMP)
	$(PY) scripts/bench.py $(BENCH_ARGS)

## lighthouse: build site/, serve it with gzip as GitHub Pages does and run Lighthouse (mobile) five times on the home, network and an entity page; medians printed, reports in test-artifacts/lighthouse/; then the load-work ratio with and without the far blocks rendered
# Needs Node.js (npx fetches the pinned lighthouse from the npm registry) and Debian's chromium. A
# measurement for people, not a test (scripts/lighthouse.py says why five runs).
lighthouse: site $(DEV_STAMP)
	$(PY) scripts/lighthouse.py site

## lock: re-resolve requirements/*.txt from requirements/*.in and constraints.txt, with hashes, from PyPI
lock: $(DEV_STAMP)
	cd requirements && for set in site dev cffconvert; do \
	  PIP_CONFIG_FILE=/dev/null ../$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	    --no-emit-index-url --index-url https://pypi.org/simple --output-file $$set.txt $$set.in || exit 1; done

clean:
	rm -rf site .site-build-* .site-old-* site-zensical .cache dist test-artifacts
