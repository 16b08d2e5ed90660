# Two commands do all set-up on a fresh machine (Python ≥ 3.11 with venv): `make page`, `make test`.
# `make matrix` and `make lowest` run the suite on every supported Python and on the lowest declared
# dependencies (.ci/run calls all three).
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PIP := -m pip install --quiet --disable-pip-version-check
SOURCES := src tests benchmarks scripts

.PHONY: page test lint matrix lowest clean

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
