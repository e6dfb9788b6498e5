# Kabar: `make run` serves the site, `make test` runs the whole suite. Both bootstrap
# everything they need on a fresh Debian machine: uv, the locked dependencies, the Debian
# packages and the compiled translations.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

export DEBIAN_FRONTEND := noninteractive
# Extra pytest arguments: make test ARGS="-k demo -x"
ARGS ?=
# uv on the PATH, or the copy pip installed as a module when its scripts are not on the PATH.
# Recursive (=), so it is looked up again after uv-ensure has run.
UV = $(shell command -v uv >/dev/null 2>&1 && echo uv || echo python3 -m uv)
SUDO = $$([ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages as "command-or-path:package"; only the missing ones are installed.
RUN_PACKAGES := msgfmt:gettext
# varnishd: the tests of deploy/varnish/kabar.vcl run a real Varnish in front of the app;
# nginx: those of deploy/nginx/kabar.conf (`nginx -t`, TLS in front of a backend);
# pgbouncer: `make cluster` and its tests put it in front of PostgreSQL (transaction mode).
TEST_PACKAGES := $(RUN_PACKAGES) /usr/bin/chromium:chromium java:default-jre-headless \
  /usr/sbin/varnishd:varnish /usr/sbin/nginx:nginx /usr/sbin/pgbouncer:pgbouncer

.PHONY: help install install-test run test lint format check messages uv-ensure bench bench-wire \
  cluster

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

uv-ensure:
	@if ! command -v uv >/dev/null 2>&1 && ! python3 -m uv --version >/dev/null 2>&1; then \
	  echo "Installing uv…"; \
	  if ! python3 -m pip --version >/dev/null 2>&1; then \
	    $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-pip; \
	  fi; \
	  python3 -m pip install --quiet --root-user-action=ignore uv 2>/dev/null \
	    || python3 -m pip install --quiet --root-user-action=ignore --break-system-packages uv; \
	fi

# $(1): the "command-or-path:package" pairs to make sure of; apt-get update runs only when
# something is missing, and at most once. Services a package brings (varnish) are left stopped
# (policy-rc.d): the tests start their own on loopback.
define debian-packages
@missing=""; \
	for pair in $(1); do \
	  need="$${pair%%:*}"; package="$${pair##*:}"; \
	  if [ "$${need:0:1}" = "/" ]; then [ -x "$$need" ] && continue; \
	  else command -v "$$need" >/dev/null 2>&1 && continue; fi; \
	  missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  policy=/usr/sbin/policy-rc.d; ours=""; \
	  if [ ! -e $$policy ]; then \
	    printf '#!/bin/sh\nexit 101\n' | $(SUDO) tee $$policy >/dev/null; \
	    $(SUDO) chmod +x $$policy; ours=1; \
	  fi; \
	  if $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; then status=0; \
	  else status=$$?; fi; \
	  if [ -n "$$ours" ]; then $(SUDO) rm -f $$policy; fi; \
	  exit $$status; \
	fi
endef

install: uv-ensure ## Install the locked dependencies and compile the translations
	$(call debian-packages,$(RUN_PACKAGES))
	$(UV) sync --locked
	$(UV) run --no-sync python manage.py compilemessages --ignore .venv --ignore var -v0

install-test: uv-ensure ## Like install, plus chromium and Java for the browser and HTML tests
	$(call debian-packages,$(TEST_PACKAGES))
	$(UV) sync --locked
	$(UV) run --no-sync python manage.py compilemessages --ignore .venv --ignore var -v0

run: install ## Serve the site on http://127.0.0.1:8000 (HOST, PORT and .env.example apply)
	$(UV) run --no-sync python manage.py serve

test: install-test ## Run the whole test suite (extra pytest arguments: ARGS="...")
	$(UV) run --no-sync pytest $(ARGS)

# The linters and checks run with `uv run --locked`: the versions uv.lock pins (as pre-commit
# does), and a pyproject.toml out of step with the lock fails instead of rewriting it.
lint: uv-ensure ## ruff check, ruff format --check and djhtml --check on every template
	$(UV) run --locked ruff check .
	$(UV) run --locked ruff format --check .
	$(UV) run --locked djhtml --check kabar

format: uv-ensure ## Fix what ruff can, format the code and indent the templates
	$(UV) run --locked ruff check --fix .
	$(UV) run --locked ruff format .
	$(UV) run --locked djhtml kabar

# check --deploy runs the production settings with a throwaway secret key and example hosts:
# they must start, and every deployment warning fails (none is silenced without a reason
# written in kabar/settings/production.py). lint-imports checks the layer contract in
# pyproject.toml ([tool.importlinter]).
check: uv-ensure ## System checks, no model change without a migration, check --deploy, layers
	$(UV) run --locked python manage.py check --fail-level WARNING
	$(UV) run --locked python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=kabar.settings.production \
	SECRET_KEY="$$($(UV) run --locked python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=kabarharapan.example SITE_URL=https://kabarharapan.example \
	  $(UV) run --locked python manage.py check --deploy --fail-level WARNING
	$(UV) run --locked lint-imports

# Two app nodes behind Varnish, PostgreSQL through pgbouncer, Redis and moto's S3 server, all on
# loopback (tools/cluster.py, docs/deploy.md). Extra options: CLUSTER_ARGS="--nodes 3"
CLUSTER_ARGS ?=
cluster: install-test ## Run the production topology on this machine; Ctrl-C stops it all
	$(UV) run --no-sync python -m tools.cluster $(CLUSTER_ARGS)

# Each app with its own locale/ keeps its own catalogue; the project's covers the rest.
LOCALE_APPS := comments complaints corrections ingest search seo staff
messages: uv-ensure ## Update the Indonesian catalogues from the source strings
	$(UV) run python manage.py makemessages -l id --ignore '.venv/*' --ignore 'var/*' \
	  $(foreach app,$(LOCALE_APPS),--ignore 'kabar/$(app)/*')
	for app in $(LOCALE_APPS); do \
	  (cd kabar/$$app && DJANGO_SETTINGS_MODULE=kabar.settings.base \
	    $(UV) run --project ../.. django-admin makemessages -l id); \
	done

# The benchmark's Debian packages: the load generator, the static-file baseline server, and
# the topology rows' Varnish and pgbouncer (tools/bench/topology.py).
BENCH_PACKAGES := wrk:wrk /usr/sbin/nginx:nginx /usr/sbin/varnishd:varnish \
  /usr/sbin/pgbouncer:pgbouncer
# Extra benchmark options: make bench BENCH_ARGS="--articles 1000 --flatness '' --workers ''"
BENCH_ARGS ?=
bench: install ## Load a generated 10,000-article newsroom with wrk; print Markdown tables
	$(call debian-packages,$(BENCH_PACKAGES))
	$(UV) run --no-sync python -m tools.bench $(BENCH_ARGS)

# Extra options: make bench-wire WIRE_ARGS="--items 1000 --existing 5000"
WIRE_ARGS ?=
bench-wire: install ## Wire desk: parse, dedupe and store 10,000 items against 1,000 and 100,000
	$(UV) run --no-sync python -m tools.bench.wire $(WIRE_ARGS)
