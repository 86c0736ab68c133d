# The Växjö partnership assistant. `make run` starts it, `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/vaxjo.tar.gz
GENERATED_NLU := data/nlu/generated/entities.yml
TRAINING_INPUTS := config.yml $(wildcard bot/domain/*.yml) $(wildcard bot/components/*.py) \
	$(shell find data -name '*.yml' -not -path 'data/nlu/generated/*' 2>/dev/null) $(GENERATED_NLU)
CONTENT := $(shell find content -name '*.yml' 2>/dev/null)
export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false

.PHONY: run test chat train venv check-content validate lint clean report bench purge image

run: $(MODEL)
	scripts/serve.sh

chat: $(MODEL)
	scripts/serve.sh --chat

train: $(MODEL)

test: $(VENV)/.installed
	scripts/test.sh

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	@PYTHON_BIN=$$(scripts/find-python.sh) && \
	  { [ -x $(PY) ] || $$PYTHON_BIN -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip==24.3.1
	@# pip repeats a harmless warning for every package about this machine's extra index folders
	$(PY) -m pip install --quiet -r requirements.txt 2>&1 | grep -v "is ignored: it is neither" ; exit $${PIPESTATUS[0]}
	touch $@

# Validates content/ and writes the NLU lookup tables and synonyms generated from it.
$(GENERATED_NLU): $(CONTENT) $(wildcard actions/portfolio/*.py) $(VENV)/.installed
	$(PY) -m actions.portfolio export-nlu

check-content: $(VENV)/.installed
	$(PY) -m actions.portfolio check

$(MODEL): $(TRAINING_INPUTS) $(VENV)/.installed
	@mkdir -p models var/log
	@echo "Training the model (log: var/log/train.log) ..."
	@$(RASA) train --config config.yml --domain bot/domain --data data --out models \
	  --fixed-model-name vaxjo > var/log/train.log 2>&1 \
	  || { tail -n 40 var/log/train.log; echo "Training failed; full log: var/log/train.log"; exit 1; }
	@tail -n 2 var/log/train.log

validate: $(GENERATED_NLU)
	$(RASA) data validate --config config.yml --domain bot/domain --data data

lint: $(VENV)/.installed
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
bench: $(VENV)/.installed
	$(PY) scripts/bench/run.py

clean:
	rm -rf models results var/log
