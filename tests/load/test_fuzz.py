"""Fuzzing the content file: whatever an editor saves ends in a PDF or a clean BuildError, never a traceback or hang.

Hypothesis builds content files three ways: the valid sample with leaves replaced, keys dropped or
added; random nested structures; raw text. Text mixes Chinese, emoji, control characters, RTL
scripts, direction controls, combining marks and characters outside the bundled fonts.
CI runs FUZZ_EXAMPLES (default 60); `scripts/fuzz_inputs.py 2000` runs a long count and tallies outcomes.
"""

from __future__ import annotations

import copy
import os
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hengyang_print.cli.common import DEFAULT_LAYOUT
from hengyang_print.errors import BuildError
from hengyang_print.run.build import build

HANG_SECONDS = 30  # a page builds in well under a second; this only catches a hang

VALID = {
    "credits": [{"role": "责编", "name": "廖义波"}, {"role": "校对", "name": "苏丽萍"}],
    "headline": "这些“新名片”，为大城衡阳铸就“新招牌”",
    "byline": {"mark": "■", "text": "本报记者", "reporters": ["廖义波", "伍施施"]},
    "keyword": {"label": "关键词", "number": 1, "word": "新名片"},
    "intro": ["一块块“金字招牌”，就是一张张靓丽“名片”。过去的一年，大城衡阳脚步铿锵。"],
    "items": [
        {
            "number": 1,
            "date": "1月3日",
            "headline": "主流央媒聚焦“衡阳新气象”",
            "body": ["2018年1月3日，人民网用近6000字的文字篇幅呈现了衡阳的新气象。"],
        },
        {
            "number": 2,
            "date": "4月",
            "headline": "全国创新型城市建设",
            "body": ["“五大发展理念”，创新发展位列首位。", "我市成功获批开展创新型城市建设。"],
        },
    ],
}

SPECIAL = (
    "衡阳新名片，。、“”《》（）——……·　"  # Chinese and its punctuation, ideographic space
    "abcXYZ 0123 -_/&%"  # Latin and digits
    "😀🇨🇳👩‍👩‍👧🏻"  # emoji, flags, ZWJ sequences, skin tone
    "\x00\x07\t\r\x1b\x7f\x85"  # control characters
    "مرحبا שלום"  # right-to-left scripts
    "\u202e\u202d\u2066\u200f\u200e\u061c"  # direction controls
    "\u200b\u200d\ufeff\u00ad\u2028\u2029"  # zero-width, BOM, soft hyphen, line/paragraph separators
    "e\u0301\u20dd"  # combining marks
    "𠀀𪚥\ue000\U000f0000\ufffd\uffff"  # CJK Extension B, private use, noncharacters
)
chars = st.one_of(st.sampled_from(SPECIAL), st.characters(blacklist_categories=("Cs",)))
texts = st.text(chars, max_size=60) | st.text(st.sampled_from(SPECIAL), min_size=1, max_size=400)
scalars = st.one_of(texts, st.integers(-(10**20), 10**20), st.floats(allow_nan=True), st.booleans(), st.none())
# text the bundled faces can set, so that edits reach composition (line breaking, punctuation, overset)
SETTABLE = "衡阳新名片城市创新发展建设产业，。、；：？！“”‘’《》（）【】——……·　 abcXYZ0123456789%-/.()"
settable = st.text(st.sampled_from(SETTABLE), min_size=1, max_size=300)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4), max_leaves=12
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


@st.composite
def mutated(draw):
    """The valid content with a few edits: a value replaced, a key removed, a key added, an item repeated."""
    doc = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["retext", "retext", "retext", "replace", "delete", "add", "grow"]))
        if action == "retext" and isinstance(parent[path[-1]], str):
            parent[path[-1]] = draw(settable)
        elif action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(texts)] = draw(values)
        elif action == "grow" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return doc


@st.composite
def content_files(draw) -> str:
    kind = draw(st.sampled_from(["mutated", "mutated", "mutated", "random", "raw"]))
    if kind == "raw":
        return draw(st.text(chars, max_size=300))
    doc = draw(mutated()) if kind == "mutated" else draw(values)
    try:
        return yaml.safe_dump(doc, allow_unicode=draw(st.booleans()), sort_keys=False)
    except yaml.YAMLError:  # characters the emitter will not write raw: escaped instead
        return yaml.safe_dump(doc, allow_unicode=False, sort_keys=False)


@contextmanager
def no_hang(seconds: int):
    def alarm(signum, frame):
        raise TimeoutError(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_one(text: str) -> str:
    """'pdf' or 'error'; any other exception (or a hang) propagates."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "content.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        with no_hang(HANG_SECONDS):
            try:
                result = build(path, DEFAULT_LAYOUT, fit=False)  # inputs, not fitting: a short page is fine here
            except BuildError as exc:
                assert exc.messages and all(isinstance(m, str) and m for m in exc.messages)
                # every error names the file it is about: the content, or the layout for what does not fit
                assert all(m.startswith((str(path), str(DEFAULT_LAYOUT))) for m in exc.messages), exc.messages
                return "error"
    assert result.pdf.startswith(b"%PDF-")
    return "pdf"


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 60)),
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(content_files())
def test_any_content_file_ends_in_a_pdf_or_a_clean_error(text):
    run_one(text)


def test_the_unmutated_sample_builds():
    """The fuzzer's starting point is a real page: mutations start from something that builds."""
    assert run_one(yaml.safe_dump(VALID, allow_unicode=True, sort_keys=False)) == "pdf"
