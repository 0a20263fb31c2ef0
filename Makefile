# Set-up is part of every target: a fresh Debian/Ubuntu machine with Python 3.11 needs
# nothing but `make build` or `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Node packages for the browser tests only (axe-core, Lighthouse): pinned by package-lock.json.
NODE_STAMP := node_modules/.installed
# Debian packages: fonts with full Vietnamese coverage, PDF tools for tests, Chromium for browser tests,
# zbarimg to read back the QR code of the handbooks' covers in tests.
DEB_PACKAGES := fonts-liberation2 fonts-croscore poppler-utils chromium zbar-tools
SO ?=
# Material 9.8 prints an end-of-life banner on every build; editors need not see it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test serve validate new nhap don-vi bench pdf setup system-deps clean

build: setup
	$(PY) -m ldkb build

test: setup $(NODE_STAMP)
	$(PY) -m pytest -q

serve: setup
	$(PY) -m ldkb serve

validate: setup
	$(PY) -m ldkb validate

new: setup
	$(PY) -m ldkb new "$(SO)" $(if $(MA),--ma "$(MA)" --loai "$(LOAI)")

# Import a document: make nhap TEP="đường/dẫn/tệp.docx" [GHI_DE=1] [MA=ma-van-ban]
nhap: setup
	$(PY) -m ldkb import "$(TEP)" $(if $(GHI_DE),--ghi-de) $(if $(MA),--ma "$(MA)")

# Add a unit to content/don-vi.yml: make don-vi MA="ban-tuyen-giao" TEN="Ban Tuyên giáo"
don-vi: setup
	$(PY) -m ldkb don-vi --ma "$(MA)" --ten "$(TEN)" $(if $(TEN_NGAN),--ten-ngan "$(TEN_NGAN)") $(if $(THUOC),--thuoc "$(THUOC)")

pdf: setup
	$(PY) build_pdf.py

bench: setup
	$(PY) -m tools.bench

setup: system-deps $(STAMP)

# Installs only what is missing, so a ready machine pays nothing.
system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Node.js and npm are required for the browser tests"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

clean:
	rm -rf site .site-* .cache
