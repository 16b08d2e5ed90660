"""A display line's word breaks are remembered between builds: a page whose paragraphs are not in the cache
but whose headlines were segmented before is built without loading the segmenter, to the same bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from hengyang_print.cli.common import DEFAULT_CONTENT, ROOT

BUILD = (
    "import sys, hashlib; from hengyang_print.run.build import build; from hengyang_print.compose.words import"
    " segmenter_loaded;"
    "r = build(sys.argv[1], sys.argv[2]); print(segmenter_loaded(), hashlib.sha256(r.pdf).hexdigest())"
)


def _build(cache, layout):
    env = dict(os.environ, HENGYANG_PRINT_CACHE=str(cache))
    env.pop("HENGYANG_PRINT_NO_CACHE", None)
    out = subprocess.run(
        [sys.executable, "-c", BUILD, str(DEFAULT_CONTENT), str(layout)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded, digest = out.stdout.split()
    return loaded == "True", digest


def test_segmented_headlines_need_no_segmenter_the_next_time(tmp_path):
    layout = ROOT / "layout" / "broadsheet.yaml"
    loaded, first = _build(tmp_path, layout)
    assert loaded, "the page has display lines that must break between words"
    shutil.rmtree(tmp_path / "paragraphs")  # composition from scratch; the words are remembered
    loaded, again = _build(tmp_path, layout)
    assert not loaded
    assert again == first
    shutil.rmtree(tmp_path)  # and with nothing cached, the same bytes again
    assert _build(tmp_path, layout) == (True, first)
