# alias-resolver: `make serve` runs the service, `make test` runs the whole suite.
# Both create the virtual environment from the pinned requirements first.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test test-container bench-accuracy bench-shortlist bench-sweep bench-perf bench-load bench-reload-stall bench-worst-case lint-table venv clean

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11) and "Python 3.11+ is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

serve: $(STAMP)
	$(BIN)/python -m service serve

test: $(STAMP)
	$(BIN)/python -m pytest

test-container:
	bash tests/container/run.sh

lint-table: $(STAMP)
	$(BIN)/python -m service lint --strict aliases.yaml

$(VENV)/.bench-installed: $(STAMP) requirements-bench.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

bench-accuracy: $(VENV)/.bench-installed
	$(BIN)/python bench/accuracy.py

bench-shortlist: $(VENV)/.bench-installed
	$(BIN)/python bench/shortlist.py

bench-sweep: $(VENV)/.bench-installed
	$(BIN)/python bench/sweep.py

bench-perf: $(VENV)/.bench-installed
	$(BIN)/python bench/perf.py

bench-load: $(STAMP)
	$(BIN)/python bench/load.py

bench-reload-stall: $(VENV)/.bench-installed
	$(BIN)/python bench/reload_stall.py

bench-worst-case: $(VENV)/.bench-installed
	$(BIN)/python bench/worst_case.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
