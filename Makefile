# Two commands do everything on a fresh Debian machine with Python 3.11:
#   make site   - create .venv, install from the lock, build content/ into site/
#   make test   - create .venv, install test tools (Chromium, vnu, Hugo), check the layers, run every test
# Everything Python comes from the lock files in requirements/ (exported from
# uv.lock), installed with hashes required; `make lock` regenerates them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed
LOCK_RUNTIME := requirements/runtime.txt
LOCK_TEST := requirements/test.txt
LATEST := .venv-latest
N ?= 1000

.PHONY: site test install install-test browser hugo serve check bench corpus fuzz-long screenshots clean lock lock-check test-latest

# The project itself is installed without dependencies and without build
# isolation, so that setuptools too is the locked one.
$(STAMP): $(LOCK_RUNTIME) pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r $(LOCK_RUNTIME)
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(TEST_STAMP): $(STAMP) $(LOCK_TEST)
	$(PIP) install --quiet --require-hashes -r $(LOCK_TEST)
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

# Debian's Hugo (0.111 on bookworm), for the benchmark's peer site (tests/bench/hugo/)
# and its test. Skipped when already present.
hugo:
	@if ! command -v hugo >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null; \
		else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null; fi; \
	fi

$(NODE_STAMP): package.json
	npm install --no-audit --no-fund --silent
	touch $@

install-test: $(TEST_STAMP) browser hugo $(NODE_STAMP)

test: install-test lock-check
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q

# uv.lock from pyproject.toml, then the pip-readable exports with hashes.
# `make lock` keeps the locked versions that still fit; `make lock UPGRADE=1`
# moves everything to the newest versions the ranges allow.
EXPORT = $(VENV)/bin/uv export --frozen --no-emit-project --format requirements-txt --no-header --quiet --group build
lock: $(TEST_STAMP)
	$(VENV)/bin/uv lock $(if $(UPGRADE),--upgrade)
	$(EXPORT) -o $(LOCK_RUNTIME)
	$(EXPORT) --extra test --group lock -o $(LOCK_TEST)

# Fails when uv.lock no longer satisfies pyproject.toml, or an export differs from uv.lock.
lock-check: $(TEST_STAMP)
	@$(VENV)/bin/uv lock --check --offline --quiet || { echo "uv.lock passar inte längre med pyproject.toml: kör make lock" >&2; exit 1; }
	@$(EXPORT) | diff -q - $(LOCK_RUNTIME) >/dev/null || { echo "$(LOCK_RUNTIME) är inte exporterad från uv.lock: kör make lock" >&2; exit 1; }
	@$(EXPORT) --extra test --group lock | diff -q - $(LOCK_TEST) >/dev/null || { echo "$(LOCK_TEST) är inte exporterad från uv.lock: kör make lock" >&2; exit 1; }

# The whole suite against the newest releases the ranges in pyproject.toml
# allow (the weekly drift workflow): first a list of what moved from the lock.
test-latest: browser hugo $(NODE_STAMP)
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip setuptools uv
	$(LATEST)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[test]'
	$(LATEST)/bin/python -m tests.lock_drift $(LOCK_TEST)
	$(LATEST)/bin/python -m pytest -q

bench: $(TEST_STAMP) hugo
	$(PY) -m tests.bench.run

corpus: $(STAMP)
	$(PY) -m tests.bench.corpus --meetings $(N) --out corpus/content-$(N)

fuzz-long: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=long $(PY) -m pytest -q tests/test_fuzz.py

screenshots: install-test
	$(PY) -m tests.screenshots

clean:
	rm -rf site .site.* corpus .cache $(LATEST)
