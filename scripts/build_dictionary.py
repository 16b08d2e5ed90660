"""Make src/hengyang_print/compose/dictionary.bin, jieba's dictionary stored by first character, from
jieba's dict.txt (the dictionary rjieba builds in; jieba 0.42.1's sdist carries it):

    .venv/bin/pip download --no-deps --no-binary :all: jieba==0.42.1 -d /tmp/jieba && tar xzf
    /tmp/jieba/jieba-0.42.1.tar.gz -C /tmp/jieba
    .venv/bin/python scripts/build_dictionary.py /tmp/jieba/jieba-0.42.1/jieba/dict.txt

Run once by a maintainer (the output is committed). The layout is compose/dictionary.py's.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from hengyang_print.compose.dictionary import MAGIC, PATH  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dict_txt", type=Path, help="jieba's dict.txt")
    p.add_argument("--out", type=Path, default=PATH)
    args = p.parse_args()
    entries: dict[str, tuple[int, str]] = {}
    for line in args.dict_txt.read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split(" ")
        entries[word] = (int(freq), tag)  # a word listed twice counts once, as in rjieba (B超)
    total = sum(freq for freq, _ in entries.values())
    blocks: dict[str, list[str]] = {}
    for word, (freq, tag) in entries.items():
        blocks.setdefault(word[0], []).append(f"{word[1:]} {freq} {tag}")
    keys = sorted(blocks, key=ord)
    codes, offsets, blob = array("I", map(ord, keys)), array("I", [0]), bytearray()
    for key in keys:
        # each block starts with a newline, so that an entry is found as "\n" + rest-of-word + " "
        blob += zlib.compress(("\n" + "\n".join(blocks[key]) + "\n").encode("utf-8"), 9)
        offsets.append(len(blob))
    head = array("Q", [total, len(keys)])
    args.out.write_bytes(MAGIC + head.tobytes() + codes.tobytes() + offsets.tobytes() + bytes(blob))
    print(
        f"{args.out}: {len(entries)} words under {len(keys)} first characters, total frequency {total},"
        f" {args.out.stat().st_size} bytes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
