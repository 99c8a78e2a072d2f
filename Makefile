# Two commands do everything on a fresh machine (Python 3.11+, Node.js with npm; the PDF
# tests of `make test` also need TeX Live and poppler-utils, see README.md):
#   make book   create the environment if missing, then build the site into _build/html
#   make test   create the environment if missing, then run every test (see README.md)
# Browser tests need Debian's chromium (`apt-get install chromium`); .ci/run installs it.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
VENDOR := book/_static/vendor

.PHONY: help setup assets book pdf test test-fast lint serve lab student student-pdf answer-key execute bench bench-lighthouse clean
.PHONY: lock lock-upgrade linkcheck

help:
	@echo "make book    build the book into _build/html (creates .venv and assets if missing)"
	@echo "make pdf     build the PDF edition into _build/pdf/cytokines.pdf (needs TeX Live, see README.md)"
	@echo "make test    run every test: package, lint and types, notebooks (nbval), build, browser, Binder"
	@echo "make test-fast  the package tests, lint and types only (no book build, nbval or browser)"
	@echo "make serve   serve _build/html on http://localhost:8000"
	@echo "make lab     open the chapters in JupyterLab"
	@echo "make execute re-run every chapter notebook and the catalog page in place (stores fresh outputs)"
	@echo "make student write the student edition (solutions stripped) to _build/student"
	@echo "make student-pdf  the same, and the student PDF in _build/student/pdf (needs TeX Live)"
	@echo "make answer-key  write the lecturer's answer key to _build/answer-key (Markdown and CSV)"
	@echo "make bench   measure test and build times, frames rendered, page and frame sizes, explorer and model speed"
	@echo "make bench-lighthouse  Lighthouse and axe on every page of the built site, served with gzip"
	@echo "make clean   delete _build"
	@echo "make lock    re-write the hashed locks requirements*.txt after editing requirements*.in"
	@echo "make lock-upgrade  the same, moving every package to its newest release"
	@echo "make linkcheck  check every link of the book against the network (not in CI)"

# The hashed lock (every package at an exact version, pip itself included, see tools/lock.py;
# the new environment's own pip installs it and replaces itself), the data without
# their dependencies, then the book's own package, editable, without dependencies. Both are
# built with the locked setuptools (--no-build-isolation), not with whatever the index has.
$(STAMP): requirements.txt requirements-dev.txt requirements-data.txt pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -r requirements-data.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

# Browser assets served from the site's own _static (ipywidgets manager, anywidget, require.js, MathJax).
$(VENDOR)/.stamp: node_modules/.package-lock.json
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)/mathjax $(VENDOR)/npm/@jupyter-widgets/html-manager
	cp -r node_modules/@jupyter-widgets/html-manager/dist $(VENDOR)/npm/@jupyter-widgets/html-manager/dist
	cd node_modules/@jupyter-widgets/html-manager/dist && cp *.woff *.woff2 *.ttf *.eot *.svg ../../../../$(VENDOR)/npm/@jupyter-widgets/
	cp node_modules/requirejs/require.js $(VENDOR)/require.js
	mkdir -p $(VENDOR)/npm/anywidget/dist
	cp node_modules/anywidget/dist/index.js $(VENDOR)/npm/anywidget/dist/index.js
	cd node_modules/mathjax/es5 && cp -r tex-chtml.js input output ui a11y adaptors sre ../../../$(VENDOR)/mathjax/
	touch $@

assets: $(VENDOR)/.stamp

setup: $(STAMP) assets

book: setup
	$(BIN)/python tools/build_book.py build .
	@echo "The book is in $(CURDIR)/_build/html/index.html (make serve to view it)"

# The PDF edition: Jupyter Book's pdflatex builder, then a copy to _build/pdf/cytokines.pdf.
pdf: setup
	$(BIN)/python tools/build_book.py pdf .

test: setup
	$(BIN)/python -m pytest

# Everything except the book build, nbval and the browser: the package, its doctests,
# the tools, ruff and mypy. A minute or two.
test-fast: lint
	$(BIN)/python -m pytest -m "not build and not browser and not slow" widgets tests tools

lint: setup
	$(BIN)/ruff check widgets tests book/_ext tools setup.py
	$(BIN)/mypy

serve:
	$(BIN)/python -m http.server --directory _build/html 8000

lab: setup
	$(BIN)/jupyter lab chapters/

# Store fresh outputs from a clean top-to-bottom run (what nbval compares against).
# Widget state is not stored in the .ipynb: the book build saves it into the HTML.
NOTEBOOKS ?= chapters/*.ipynb book/*.ipynb
execute: setup
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.store_widget_state=False --ExecutePreprocessor.record_timing=False \
	  $(wildcard $(NOTEBOOKS))

student: setup
	$(BIN)/python tools/student_edition.py

student-pdf: setup
	$(BIN)/python tools/student_edition.py --pdf

answer-key: setup
	$(BIN)/python tools/answer_key.py --out _build/answer-key

bench: setup
	$(BIN)/python tools/benchmarks.py

# Desktop Lighthouse and axe-core on every page of the built site (_build/html), served
# with gzip on 127.0.0.1; build it first (make book). RUNS=3 for the median of three.
RUNS ?= 1
bench-lighthouse: setup
	$(BIN)/python tools/benchmarks.py --lighthouse --axe --runs $(RUNS)

clean:
	rm -rf _build

# After editing requirements.in or requirements-dev.in: re-resolve the hashed locks,
# keeping every other pin. lock-upgrade moves every package to its newest release.
lock: $(STAMP)
	$(BIN)/python tools/lock.py

lock-upgrade: $(STAMP)
	$(BIN)/python tools/lock.py --upgrade

# Every address readers follow out of the book, against the network (never in CI; the
# tests check internal links offline, tests/site/test_links.py, and the addresses' format,
# tests/test_identifiers.py): Sphinx's linkcheck builder on the pages (Jupyter Book writes
# its report into _build/html; it is moved out of the site, to _build/linkcheck/output.txt),
# then the DOIs, bibliography URLs and catalog evidence addresses (tools/external_links.py).
# Both run; the target fails if either found a problem.
linkcheck: setup
	status=0; \
	$(BIN)/python tools/build_book.py build . --builder linkcheck || status=1; \
	mkdir -p _build/linkcheck; mv -f _build/html/output.txt _build/html/output.json _build/linkcheck/; \
	$(BIN)/python tools/external_links.py || status=1; \
	exit $$status
