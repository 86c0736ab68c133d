# The Växjö partnership assistant. `make run` starts it, `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/vaxjo.tar.gz
GENERATED_NLU := data/nlu/generated/entities.yml
TRAINING_INPUTS := config.yml $(wildcard bot/domain/*.yml) $(wildcard bot/components/*.py) bot/folding.py \
	$(shell find data -name '*.yml' -not -path 'data/nlu/generated/*' 2>/dev/null) $(GENERATED_NLU)
CONTENT := $(shell find content -name '*.yml' 2>/dev/null)
export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false
# Packages install without bytecode (--no-compile, below); Python writes it on first import instead, so that only the
# modules in use are compiled, once. A machine that sets PYTHONDONTWRITEBYTECODE would otherwise compile Rasa and
# TensorFlow from source in every process: ~9 s of each training and of each server start here.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-fast chat train venv venv-test check-content validate lint clean report bench purge screenshots image

run: $(MODEL)
	scripts/serve.sh

chat: $(MODEL)
	scripts/serve.sh --chat

train: $(MODEL)

test:
	scripts/test.sh

# The inner loop before a commit: lint, unit tests, data validation, training if needed, model tests; no servers.
test-fast:
	scripts/test.sh --fast

# Publishes the screenshots the browser tests took (results/screenshots) to docs/screenshots.
screenshots:
	@ls results/screenshots/*.png >/dev/null 2>&1 || { echo "No screenshots yet: run make test first"; exit 1; }
	cp results/screenshots/*.png docs/screenshots/

venv: $(VENV)/.installed
venv-test: $(VENV)/.installed-test

# The runtime only (`make run`); test and benchmark tools have their own stamps. pip reuses its wheel cache, and
# --no-compile leaves bytecode to the first import: TensorFlow alone has thousands of modules Rasa never imports.
PIP_INSTALL = $(PY) -m pip install --quiet --disable-pip-version-check --no-compile
# pip repeats a harmless warning for every package about this machine's extra index folders
PIP_QUIET = 2>&1 | grep -v "is ignored: it is neither" ; exit $${PIPESTATUS[0]}

# The lock names every package with its version, so pip installs it as listed (--no-deps: no resolver walking ~170
# packages' metadata, 148 -> 84 s here); `pip check` proves nothing is missing, else pip installs with its resolver.
$(VENV)/.installed: requirements.lock
	@PYTHON_BIN=$$(scripts/find-python.sh) && \
	  { [ -x $(PY) ] || $$PYTHON_BIN -m venv $(VENV); }
	$(PIP_INSTALL) --upgrade pip==24.3.1 $(PIP_QUIET)
	( $(PIP_INSTALL) --no-deps -r requirements.lock $(PIP_QUIET) ) && $(PY) -m pip check >/dev/null \
	  || { echo "pip check failed after the --no-deps install; installing with pip's resolver"; \
	       ( $(PIP_INSTALL) -r requirements.lock $(PIP_QUIET) ); }
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(PIP_INSTALL) -r requirements-test.txt $(PIP_QUIET)
	touch $@

$(VENV)/.installed-bench: requirements-bench.txt $(VENV)/.installed
	$(PIP_INSTALL) -r requirements-bench.txt $(PIP_QUIET)
	touch $@

# Validates content/ and writes the NLU lookup tables and synonyms generated from it.
$(GENERATED_NLU): $(CONTENT) $(wildcard actions/portfolio/*.py) bot/folding.py $(VENV)/.installed
	$(PY) -m actions.portfolio export-nlu

check-content: $(VENV)/.installed
	$(PY) -m actions.portfolio check

# `rasa data validate` runs before training in `make test` (tests/data) and in `make validate`; training does not
# repeat it (~10 s of every training). TRAIN_FLAGS= (empty) validates again during training.
TRAIN_FLAGS ?= --skip-validation

$(MODEL): $(TRAINING_INPUTS) $(VENV)/.installed
	@mkdir -p models var/log
	@echo "Training the model (log: var/log/train.log) ..."
	@$(PY) -m bot.cli train --config config.yml --domain bot/domain --data data --out models \
	  --fixed-model-name vaxjo $(TRAIN_FLAGS) > var/log/train.log 2>&1 \
	  || { tail -n 40 var/log/train.log; echo "Training failed; full log: var/log/train.log"; exit 1; }
	@tail -n 2 var/log/train.log

validate: $(GENERATED_NLU)
	$(RASA) data validate --config config.yml --domain bot/domain --data data

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check actions bot insights tests scripts

# What visitors asked: `make report ARGS="--since 2026-10-01 --until 2026-10-31"` (docs/content-editors.md)
report: $(VENV)/.installed
	$(PY) -m insights report $(ARGS)

# Deletes conversations inactive for RETENTION_DAYS days (default 30): `make purge DAYS=90 DRY_RUN=1` (docs/security.md);
# one conversation at a visitor's request: `make purge ID=<conversation id shown in the chat>`.
purge: $(VENV)/.installed
	$(PY) -m bot.retention purge $(if $(DAYS),--days $(DAYS)) $(if $(DRY_RUN),--dry-run) $(if $(ID),--id '$(ID)')

# The container image deploy/k8s names, `vaxjo-assistant` (Containerfile; podman, debootstrap; docs/scale-out.md).
image: $(MODEL)
	deploy/image/build.sh

# Benchmark against a `rasa init` starter bot; writes docs/benchmarks.md (about 15 minutes; not part of `make test`).
bench: $(VENV)/.installed-bench
	$(PY) scripts/bench/run.py

clean:
	rm -rf models results var/log
