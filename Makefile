# Set-up is part of every target: a fresh Debian/Ubuntu machine with Python 3.11 or newer needs
# nothing but `make build` or `make test`.
SHELL := /bin/bash
# The first of these that is Python 3.11 or newer (override: `make PYTHON=python3.12 ...`).
PYTHON_CANDIDATES := python3 python3.13 python3.12 python3.11
ifndef PYTHON
PYTHON := $(shell for p in $(PYTHON_CANDIDATES); do \
  $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
endif
VENV := .venv
PY := $(VENV)/bin/python
# Dependency groups (requirements/*.in -> *.txt, pinned with hashes by pip-tools: `make pins`),
# each installed once; `make build` installs the site group only.
SITE_STAMP := $(VENV)/.site-installed
TEST_STAMP := $(VENV)/.test-installed
BENCH_STAMP := $(VENV)/.bench-installed
PIP_INSTALL := $(PY) -m pip install -q --require-hashes
# Node packages for the browser tests only (axe-core, Lighthouse): pinned by package-lock.json.
NODE_STAMP := node_modules/.installed
# Debian packages: fonts with full Vietnamese coverage, PDF tools for tests, Chromium for browser tests,
# zbarimg to read back the QR code of the handbooks' covers in tests.
DEB_PACKAGES := fonts-liberation2 fonts-croscore poppler-utils chromium zbar-tools
SO ?=
# Material 9.8 prints an end-of-life banner on every build; editors need not see it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test check serve validate new nhap don-vi bench pdf setup system-deps pins check-install clean

build: system-deps $(SITE_STAMP)
	$(PY) -m ldkb build

# The suite on every core (at most 4; one test file per worker, so a module's fixtures are made
# once; the whole-site builds are shared between workers: tests/conftest.py shared_build).
PYTEST_PARALLEL := -n auto --maxprocesses 4 --dist loadfile
test: system-deps $(TEST_STAMP) $(NODE_STAMP) check
	$(PY) -m pytest -q $(PYTEST_PARALLEL)

# The layer contract (pyproject [tool.importlinter]), lint and types: part of `make test`.
check: $(TEST_STAMP)
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/ruff check -q .
	$(VENV)/bin/mypy

serve: system-deps $(SITE_STAMP)
	$(PY) -m ldkb serve

validate: $(SITE_STAMP)
	$(PY) -m ldkb validate

new: $(SITE_STAMP)
	$(PY) -m ldkb new "$(SO)" $(if $(MA),--ma "$(MA)" --loai "$(LOAI)")

# Import a document: make nhap TEP="đường/dẫn/tệp.docx" [GHI_DE=1] [MA=ma-van-ban]
nhap: $(SITE_STAMP)
	$(PY) -m ldkb import "$(TEP)" $(if $(GHI_DE),--ghi-de) $(if $(MA),--ma "$(MA)")

# Add a unit to content/don-vi.yml: make don-vi MA="ban-tuyen-giao" TEN="Ban Tuyên giáo"
# or another name of a unit already there: make don-vi MA="van-phong" TEN_KHAC="VP LĐLĐ tỉnh"
don-vi: $(SITE_STAMP)
	$(PY) -m ldkb don-vi --ma "$(MA)" --ten "$(TEN)" $(if $(TEN_NGAN),--ten-ngan "$(TEN_NGAN)") $(if $(THUOC),--thuoc "$(THUOC)") $(if $(TEN_KHAC),--ten-khac "$(TEN_KHAC)")

pdf: system-deps $(SITE_STAMP)
	$(PY) build_pdf.py

bench: system-deps $(BENCH_STAMP) $(NODE_STAMP)
	$(PY) -m tools.bench

# A developer's environment: the site and the test groups.
setup: system-deps $(TEST_STAMP)

# Installs only what is missing, so a ready machine pays nothing.
system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is required (tried: $(PYTHON_CANDIDATES))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	touch $@

# Our own package in a separate step, without dependencies (they come pinned from the group).
$(SITE_STAMP): requirements/site.txt pyproject.toml $(VENV)/.python
	$(PIP_INSTALL) -r requirements/site.txt
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

$(TEST_STAMP): requirements/test.txt $(SITE_STAMP)
	$(PIP_INSTALL) -r requirements/site.txt -r requirements/test.txt
	touch $@

$(BENCH_STAMP): requirements/bench.txt $(TEST_STAMP)
	$(PIP_INSTALL) -r requirements/site.txt -r requirements/test.txt -r requirements/bench.txt
	touch $@

# The pins, from requirements/*.in (after editing one: `make pins`, then commit both files).
# Each group is compiled against the ones it is installed with, so they agree on shared packages.
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make pins" $(CURDIR)/$(VENV)/bin/pip-compile -q --generate-hashes --allow-unsafe \
  --no-strip-extras --no-emit-index-url --no-emit-find-links
pins: $(TEST_STAMP)
	cd requirements && $(PIP_COMPILE) site.in -o site.txt
	cd requirements && $(PIP_COMPILE) test.in -o test.txt
	cd requirements && $(PIP_COMPILE) bench.in -o bench.txt

# The package as a user installs it (not editable, site group only) into a fresh venv, then a
# site build of this repository's content with it; fails if the package holds benchmark code.
check-install: $(VENV)/.python
	rm -rf .site-check-install && $(PYTHON) -m venv .site-check-install/venv
	.site-check-install/venv/bin/python -m pip install -q --require-hashes -r requirements/site.txt
	.site-check-install/venv/bin/python -m pip install -q --no-deps --no-build-isolation .
	rm -rf build
	cd .site-check-install && venv/bin/python -c 'import ldkb, ldkb_mkdocs, importlib.util as u, sys; \
	  assert "site-packages" in ldkb.__file__, ldkb.__file__; \
	  assert u.find_spec("tools") is None and u.find_spec("ldkb.bench") is None, "benchmark code installed"'
	.site-check-install/venv/bin/python -m ldkb build --site-dir .site-check-install/site
	test -f .site-check-install/site/index.html && rm -rf .site-check-install
	@echo "check-install: the installed package builds the site."

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Node.js and npm are required for the browser tests"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

clean:
	rm -rf site .site-* .cache
