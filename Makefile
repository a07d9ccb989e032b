# One interface for people, CI and tools. `make serve` and `make test` are all a newcomer needs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: serve test check site offline schemas clean

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

## serve: set up, generate and serve on http://127.0.0.1:8000 (regenerates when entities/ change)
serve: $(STAMP)
	$(PY) scripts/serve.py

## check: validate every entity file and the committed schemas; writes nothing
check: $(STAMP)
	$(PY) scripts/build_pages.py --check-schemas
	$(PY) scripts/build_pages.py --check

## site: generate pages and build site/ (a failed build keeps the previous site/)
site: $(STAMP)
	$(PY) scripts/build_pages.py
	$(PY) scripts/build_site.py

## offline: build dist/iskp-dossier-offline.zip, the whole site working from file:// with no network
offline: $(STAMP)
	$(PY) scripts/build_offline.py

## test: the full suite, browser tests included (needs Debian's chromium: apt-get install -y chromium)
test: $(STAMP)
	$(PY) -m pytest -q

## schemas: regenerate schemas/*.schema.json from dossier/models.py
schemas: $(STAMP)
	$(PY) scripts/build_pages.py --write-schemas

clean:
	rm -rf site .site-build-* .site-old-* dist test-artifacts
