# Two commands do everything: `make lab` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1

.PHONY: lab test present bench browser fonts pdf hub hub-tools clean
# each language's compiled catalogue, from its .po (docs/translating.md)
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard backstretch/locale/*/LC_MESSAGES/backstretch.po))

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10) and "backstretch needs Python 3.10 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[workbook,test,hub]'
	touch $@

## make lab: install if needed, then open JupyterLab on the repository (the notebooks
## link to docs/), at the first notebook in the chosen language (BACKSTRETCH_LANG, the
## picker's saved choice or the system locale; notebooks/es/ ..., else the English ones),
## with Lab's own menus in that language too (its language pack)
lab: $(STAMP) $(CATALOGUES) fonts pdf
	start=$$($(BIN)/python -c 'from backstretch.widgets.language_picker import prepare_lab; print(prepare_lab())') && \
	$(BIN)/jupyter lab --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/$$start \
		$(if $(filter 0,$(shell id -u)),--allow-root,)

## make test: install if needed (Chromium, fonts, Pango, PDF checkers and axe-core too),
## then run every test
test: $(STAMP) $(CATALOGUES) browser fonts pdf hub-tools node_modules/.package-lock.json
	$(BIN)/python -m pytest

## make present: serve the class view with Voila on loopback (no code shown), in the
## chosen language (as make lab)
present: $(STAMP) $(CATALOGUES) fonts pdf
	$(BIN)/voila $$($(BIN)/python -c 'from backstretch.widgets.language_picker import chosen_notebook; print(chosen_notebook("05_class_mode.ipynb"))') \
		--Voila.ip=$(HOST) --no-browser

## make bench: print the performance figures (Chromium, fonts and the hub's proxy too)
bench: $(STAMP) browser fonts pdf hub-tools
	$(BIN)/python benchmarks/run_all.py

%.mo: %.po $(STAMP)
	$(BIN)/pybabel -q compile -i $< -o $@

browser:
	@bash scripts/ensure-chromium

## make hub: a class's JupyterHub on 127.0.0.1, run as root: an account per student
## (docs/instructors.md); ADMIN=<name> for the instructor, CLASS_LIST=<file> to limit
## who may sign in; Ctrl+C stops it
hub: $(STAMP) hub-tools
	$(BIN)/python deploy/local/classhub.py $(if $(ADMIN),--admin $(ADMIN),) \
		$(if $(CLASS_LIST),--class-list $(CLASS_LIST),)

hub-tools:
	@bash scripts/ensure-hub

## fonts: Debian's Noto fonts for PDF handouts in any script (installed when root)
fonts:
	@bash scripts/ensure-fonts

## pdf: Pango for PDF handouts, poppler-utils and qpdf for their tests (installed when root)
pdf:
	@bash scripts/ensure-pdf

node_modules/.package-lock.json: package.json package-lock.json
	@bash scripts/ensure-axe

clean:
	rm -rf $(VENV) test-artifacts .hub node_modules
