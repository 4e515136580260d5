# Two commands set everything up: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
# Local defaults only; production sets its own environment (see README).
export DEBUG ?= 1
# The development server's port (`make run PORT=8101`); links in e-mails follow it unless SITE_URL is set.
export PORT ?= 8000

.PHONY: run test lint install system-libs test-system-libs frontend migrate demo worker beat clean

run: install migrate demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install test-system-libs lint
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

install: $(STAMP) frontend system-libs

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3.11 -m venv $(VENV) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(STAMP)

# WeasyPrint needs Pango and HarfBuzz; install them from Debian packages when missing and we are root.
WEASYPRINT_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation
system-libs:
	@scripts/install-debs $(WEASYPRINT_DEBS)

# The browser tests drive Debian's Chromium; poppler-utils reads PDFs back.
test-system-libs: system-libs
	@scripts/install-debs chromium poppler-utils

frontend:
	scripts/build-frontend

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py seed_demo

# With REDIS_URL set, run these in other terminals (production runs them as separate services).
worker:
	$(VENV)/bin/celery -A engagement worker -l info

beat:
	$(VENV)/bin/celery -A engagement beat -l info

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles
