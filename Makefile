# Two commands do all set-up on a fresh machine (Python ≥ 3.11 with venv): `make page`, `make test`.
# `make matrix` and `make lowest` run the suite on every supported Python and on the lowest declared
# dependencies (.ci/run calls all three).
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PIP := -m pip install --quiet --disable-pip-version-check
SOURCES := src tests benchmarks scripts

.PHONY: page test lint messages matrix lowest clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) $(PIP) -e '.[test]'
	touch $(STAMP)

page: $(STAMP)
	$(VENV)/bin/hengyang-print build content/hengyang-2018.yaml --layout layout/broadsheet.yaml -o out/hengyang-2018.pdf

lint: $(STAMP)
	$(VENV)/bin/ruff format --check $(SOURCES)
	$(VENV)/bin/ruff check $(SOURCES)

test: lint
	$(PY) -m pytest

# The tool's messages (i18n.py): extract them from the code (Babel), merge them into the Chinese catalog, compile
# both catalogs; then translate what the .po marks new (tests/i18n checks that every message has its Chinese).
LOCALE := src/hengyang_print/locale
messages: $(STAMP)
	$(VENV)/bin/pybabel extract --mapping-file babel.cfg --keyword N_ --add-comments TRANSLATORS: \
		--add-location file --sort-by-file --width 120 --project hengyang-print --copyright-holder "hengyang-print developers" \
		--output-file $(LOCALE)/hengyang_print.pot src/hengyang_print
	$(VENV)/bin/pybabel update --input-file $(LOCALE)/hengyang_print.pot --output-dir $(LOCALE) \
		--domain hengyang_print --locale zh_CN --no-fuzzy-matching --ignore-obsolete --width 120
	$(VENV)/bin/pybabel compile --directory $(LOCALE) --domain "hengyang_print argparse" --statistics

# The whole suite on each other supported Python, each in its own virtual environment.
matrix:
	for version in 3.12 3.13; do \
		python=$$(scripts/find_python.sh $$version) && \
		$$python -m venv .venv-$$version && \
		.venv-$$version/bin/python $(PIP) -e '.[test]' && \
		.venv-$$version/bin/python -m pytest || exit 1; \
	done

# The whole suite on the lowest Python with the lowest versions pyproject.toml allows (constraints-lowest.txt).
lowest:
	python=$$(scripts/find_python.sh 3.11) && \
	$$python -m venv .venv-lowest && \
	.venv-lowest/bin/python $(PIP) -c constraints-lowest.txt -e '.[test]' && \
	.venv-lowest/bin/python -m pip list --format=freeze | grep -i -E '^(rjieba|reportlab|fonttools|pyyaml|pikepdf|pypdfium2|watchfiles|pillow|argcomplete|tqdm)=' && \
	.venv-lowest/bin/python -m pytest

clean:
	rm -rf out $(VENV) .venv-3.12 .venv-3.13 .venv-lowest
