"""lazyimport: a module made lazy runs at its first use, not when imported, into the very module object
every importer holds (that a build runs neither inspect nor Pillow: tests/cli/test_conventions.py)."""

from __future__ import annotations

import sys

import pytest

from hengyang_print.lazyimport import import_on_first_use


def test_a_lazy_module_loads_at_its_first_attribute_read_once(tmp_path, monkeypatch):
    (tmp_path / "lazy_probe.py").write_text(
        "import builtins\nbuiltins.lazy_probe_runs = getattr(builtins, 'lazy_probe_runs', 0) + 1\nVALUE = 7\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    import builtins

    import_on_first_use("lazy_probe")
    import lazy_probe  # noqa: F401 (what dataclasses does with inspect: no load)

    assert getattr(builtins, "lazy_probe_runs", 0) == 0
    assert lazy_probe.VALUE == 7 and builtins.lazy_probe_runs == 1
    assert sys.modules["lazy_probe"] is lazy_probe and type(lazy_probe) is type(sys)  # a plain module now
    import lazy_probe as again

    assert again is lazy_probe and builtins.lazy_probe_runs == 1
    del sys.modules["lazy_probe"], builtins.lazy_probe_runs


def test_monkeypatching_a_waiting_module_patches_the_module_and_undoes_cleanly(tmp_path):
    (tmp_path / "lazy_probe2.py").write_text("LIMIT = 5\ndef limit():\n    return LIMIT\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(tmp_path))
        import_on_first_use("lazy_probe2")
        import lazy_probe2

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(lazy_probe2, "LIMIT", 9)  # as tests patch Pillow's MAX_IMAGE_PIXELS
            assert lazy_probe2.limit() == 9
        assert lazy_probe2.limit() == 5 and lazy_probe2.LIMIT == 5
    del sys.modules["lazy_probe2"]


def test_an_imported_module_is_left_as_it_is():
    import json

    import_on_first_use("json")
    assert sys.modules["json"] is json
