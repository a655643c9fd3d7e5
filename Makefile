# Two commands do everything on a fresh Debian machine with Python 3.11:
#   make site   - create .venv, install, build content/ into site/
#   make test   - create .venv, install test tools (Chromium, vnu), check the layers, run every test
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed
N ?= 1000

.PHONY: site test install install-test browser serve check bench corpus fuzz-long screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(PIP) install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

site: $(STAMP)
	$(PY) -m generator build --content content --out site$(if $(BASE_URL), --base-url $(BASE_URL))

check: $(STAMP)
	$(PY) -m generator check --content content

serve: $(STAMP)
	$(PY) -m generator serve --content content --out site

# Debian's Chromium (browsers cannot be downloaded here), Java for vnu.jar,
# and the npm tools the tests use. Skipped when already present.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium default-jre-headless >/dev/null; \
		else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium default-jre-headless >/dev/null; fi; \
	fi

$(NODE_STAMP): package.json
	npm install --no-audit --no-fund --silent
	touch $@

install-test: $(TEST_STAMP) browser $(NODE_STAMP)

test: install-test
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q

bench: $(TEST_STAMP)
	$(PY) -m tests.bench.run

corpus: $(STAMP)
	$(PY) -m tests.bench.corpus --meetings $(N) --out corpus/content-$(N)

fuzz-long: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=long $(PY) -m pytest -q tests/test_fuzz.py

screenshots: install-test
	$(PY) -m tests.screenshots

clean:
	rm -rf site .site.* corpus .cache
