# The two set-up commands of the README. Both create .venv if it is missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install bench eval clean

$(BIN)/rasd: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $(BIN)/rasd

install: $(BIN)/rasd

run: install
	$(BIN)/rasd extract rasd/examples/example.jsonl --format table

test: install
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/python bench/evaluate.py

bench: install
	$(BIN)/python bench/bench_text.py
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) build *.egg-info
