# Two commands do all set-up on a fresh machine (Python ≥ 3.11 with venv): `make page`, `make test`.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: page test proof clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

page: $(STAMP)
	$(VENV)/bin/hengyang-print build content/hengyang-2018.yaml --layout layout/broadsheet.yaml -o out/hengyang-2018.pdf

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf out $(VENV)
