"""jieba's dictionary, read only where a text can match it, and a segmenter made of just those words.

rjieba's own default segmenter parses all 349,045 words of its built-in dictionary when it is imported
(0.13–0.23 s, holding the GIL), though a headline of 13 characters can match a hundred of them. So
dictionary.bin (scripts/build_dictionary.py, from jieba's dict.txt) stores the words by first character,
each group compressed alone, and segmenter() fills rjieba's empty segmenter with the words that occur in
the text and in the user words, plus one filler word that brings the total frequency to the whole
dictionary's. jieba's route through a sentence depends only on the frequencies of the words inside it
and on that total, and its HMM for unknown words is the same in an empty segmenter: the cuts and tags are
those of the full one (tests/compose/test_dictionary.py compares them on the headline corpus and pages).
The words are jieba's (dict.txt of jieba 0.42.1, MIT licence, © Sun Junyi), the dictionary rjieba builds in.

Layout: MAGIC, total frequency and block count (2 × u64), the blocks' first characters (u32, sorted),
their offsets (u32, one more than blocks), then the zlib blocks: "\\n" + one "rest-of-word freq tag"
line each.
"""

from __future__ import annotations

import mmap
import sys
import zlib
from array import array
from bisect import bisect_left
from functools import cache, lru_cache
from pathlib import Path

PATH = Path(__file__).with_name("dictionary.bin")
MAGIC = b"HYDICT1\n"


@lru_cache(maxsize=1)
def _index() -> tuple[mmap.mmap, int, array, array, int]:
    with PATH.open("rb") as f:  # mapped: a build reads the index and the blocks it asks for, not 2.2 MB
        data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    if data[: len(MAGIC)] != MAGIC:
        raise ValueError(f"{PATH}: not a dictionary made by scripts/build_dictionary.py")
    total, count = array("Q", data[len(MAGIC) : len(MAGIC) + 16])
    at = len(MAGIC) + 16
    codes, offsets = array("I"), array("I")
    codes.frombytes(data[at : at + 4 * count])
    offsets.frombytes(data[at + 4 * count : at + 8 * count + 4])
    return data, total, codes, offsets, at + 8 * count + 4


@cache
def _block(first: str) -> str:
    data, _, codes, offsets, base = _index()
    k = bisect_left(codes, ord(first))
    if k == len(codes) or codes[k] != ord(first):
        return ""
    return zlib.decompress(data[base + offsets[k] : base + offsets[k + 1]]).decode("utf-8")


@lru_cache(maxsize=1024)  # words.txt's words, asked again for every text
def entries(text: str) -> dict[str, tuple[int, str]]:
    """The dictionary's words that occur in text: word → (frequency, tag)."""
    out: dict[str, tuple[int, str]] = {}
    for i, first in enumerate(text):
        block = _block(first)
        if not block:
            continue
        for k in range(i + 1, len(text) + 1):
            word = text[i:k]
            if word in out:
                continue
            at = block.find("\n" + word[1:] + " ")
            if at >= 0:
                freq, tag = block[at + k - i + 1 : block.index("\n", at + 1)].split(" ")
                out[word] = (int(freq), tag)
    return out


def total() -> int:
    return _index()[1]


def _extension():
    """rjieba's compiled module, without rjieba/__init__.py, which makes the default segmenter (the whole
    dictionary)."""
    module = sys.modules.get("rjieba.rjieba")
    if module is None:
        import importlib.machinery
        import importlib.util

        spec = importlib.util.find_spec("rjieba")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("rjieba is not installed")
        for where in spec.submodule_search_locations:
            for path in Path(where).glob("rjieba*.so"):
                loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", str(path))
                sub = importlib.util.spec_from_file_location("rjieba.rjieba", path, loader=loader)
                module = importlib.util.module_from_spec(sub)
                loader.exec_module(module)
                sys.modules["rjieba.rjieba"] = module  # `import rjieba` later (a benchmark) finds it
                return module
        import rjieba.rjieba as module  # not a plain .so (another platform): the ordinary import
    return module


def segmenter(text: str, user_words: tuple[str, ...]) -> object:
    """An rjieba segmenter that cuts and tags text as the default one would with user_words added
    (in order, each with the frequency rjieba suggests), holding only the words that can matter."""
    found = dict(entries(text))
    for word in user_words:
        found.update(entries(word))
    jieba = _extension().Jieba.empty()
    for word, (freq, tag) in found.items():
        jieba.add_word(word, freq, tag)
    filler = next(chr(c) * 2 for c in range(0xE000, 0xF900) if chr(c) not in text)  # no word of the text
    jieba.add_word(filler, total() - sum(freq for freq, _ in found.values()), "x")
    for word in user_words:
        jieba.add_word(word, None, None)
    return jieba
