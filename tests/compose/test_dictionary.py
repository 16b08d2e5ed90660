"""The segmenter made of only the words a text can match (compose/dictionary.py) cuts and tags as rjieba's
default segmenter, with words.txt added, does: on the headline corpus, and on every sentence of the shipped
and test pages (display text and body text alike, new words and names among them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from hengyang_print.compose import dictionary, words

HERE = Path(__file__).parent
ROOT = HERE.parents[1]


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _texts() -> list[str]:
    corpus = [
        line.replace("|", "")
        for line in (HERE / "headline_corpus.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    pages = sorted((ROOT / "content").glob("*.yaml")) + sorted((ROOT / "tests" / "pages" / "content").glob("*.yaml"))
    sentences = set()
    for page in pages:
        for text in _strings(yaml.safe_load(page.read_text(encoding="utf-8"))):
            sentences.update(s for s in re.split(r"(?<=[。！？；\n])", text) if re.search(r"[\u4e00-\u9fff]", s))
    return corpus + sorted(sentences)


@pytest.fixture(scope="module")
def full():
    import rjieba

    segmenter = rjieba.Jieba()
    for word in words._user_words():
        segmenter.add_word(word, None, None)
    return segmenter


def test_cuts_and_tags_as_the_whole_dictionary(full):
    texts = _texts()
    assert len(texts) > 300
    user = tuple(words._user_words())
    differ = [t for t in texts if dictionary.segmenter(t, user).tag(t, True) != full.tag(t, True)]
    assert differ == []


def test_holds_only_the_words_a_text_can_match():
    found = dictionary.entries("物流枢纽")
    assert {"物流", "枢纽", "物", "流"} <= set(found)
    assert all(word in "物流枢纽" for word in found)
    assert found["物流"][0] > 0 and found["物流"][1] == "n"


def test_the_dictionary_is_jiebas_whole():
    assert dictionary.total() == 60101964  # the sum of dict.txt's frequencies, each word once
