"""Which Chinese word segmenter breaks display lines best: scored on tests/compose/headline_corpus.txt.

For each segmenter: its load time (import + dictionary, first cut, in a fresh process), the time of one
headline's cut after that, the word boundaries it puts inside a word the corpus marks whole (a break
a compositor would refuse), and the share of the corpus's allowed breaks it finds. Last, the same two
figures for the breaks the composer allows (compose/words.py: rjieba with words.txt, kept runs and the
second opinion), and the headlines it then sets at an item headline's measure with a break the corpus
refuses. Prints figures; run with any venv that has the candidates installed:  python benchmarks/segmenters.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "compose" / "headline_corpus.txt"

CUTTERS = {
    "jieba": "import jieba; jieba.setLogLevel(60); cut = lambda s: list(jieba.cut(s, HMM=False))",
    "jieba+HMM": "import jieba; jieba.setLogLevel(60); cut = lambda s: list(jieba.cut(s))",
    "rjieba": "import rjieba; cut = lambda s: rjieba.cut(s, hmm=False)",
    "rjieba+HMM": "import rjieba; cut = lambda s: rjieba.cut(s)",
}

PROBE = r"""
import json, sys, time
t0 = time.perf_counter()
{setup}
cut("陆港型国家物流枢纽承载城市")
load = time.perf_counter() - t0
lines = json.loads(sys.stdin.read())
t1 = time.perf_counter()
out = [cut(s) for s in lines]
each = (time.perf_counter() - t1) / len(lines)
print(json.dumps({{"load": load, "each": each, "cuts": out}}))
"""


def gold() -> list[tuple[str, set[int]]]:
    out = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            text, allowed, pos = "", set(), 0
            for part in line.split("|"):
                text += part
                pos += len(part)
                allowed.add(pos)
            out.append((text, allowed - {len(text)}))
    return out


def main() -> None:
    corpus = gold()
    texts = [t for t, _ in corpus]
    print(f"{len(corpus)} headlines, {sum(len(a) for _, a in corpus)} allowed breaks")
    print(f"{'segmenter':12} {'load s':>7} {'per cut ms':>10} {'bad breaks':>10} {'found':>6}  bad")
    for name, setup in CUTTERS.items():
        try:
            run = subprocess.run(
                [sys.executable, "-c", PROBE.format(setup=setup)],
                input=json.dumps(texts),
                capture_output=True,
                text=True,
                check=True,
            )
        except subprocess.CalledProcessError as e:
            print(f"{name:12} unavailable: {e.stderr.strip().splitlines()[-1]}")
            continue
        result = json.loads(run.stdout)
        bad, found, examples = 0, 0, []
        for (text, allowed), words in zip(corpus, result["cuts"]):
            pos, bounds = 0, set()
            for w in words[:-1]:
                pos += len(w)
                bounds.add(pos)
            wrong = {b for b in bounds if b not in allowed and not _inside_ascii_or_quote(text, b)}
            bad += len(wrong)
            found += len(bounds & allowed)
            examples += [text[:b] + "/" + text[b:] for b in sorted(wrong)]
        total = sum(len(a) for _, a in corpus)
        figures = f"{result['load']:7.3f} {result['each'] * 1000:10.3f} {bad:10d} {found / total:6.0%}"
        print(f"{name:12} {figures}  {' '.join(examples[:6])}")
    composer(corpus)


COMPOSER = r"""
import json, sys
from hengyang_print.compose import words
from hengyang_print.compose.lines import WORD_BREAK
lines = json.loads(sys.stdin.read())
faults = getattr(words, "FAULTS", ())
print(json.dumps([sorted(k for k, g in words.word_breaks(s).items() if g not in faults) for s in lines]))
"""

SETTING = r"""
import json, sys
from hengyang_print.cli.common import DEFAULT_LAYOUT
from hengyang_print.compose import compose_paragraph
from hengyang_print.load.loader import load_layout
layout = load_layout(DEFAULT_LAYOUT)
head = layout.styles["item_headline"]
out = []
for s in json.loads(sys.stdin.read()):
    for ems in (11.5, 15.8):  # the broadsheet's and the tabloid's item headline measures
        set_so = compose_paragraph(s, head, layout.fonts[head.font], ems * head.size, indent=False, words=True)
        out.append([line.text for line in set_so])
print(json.dumps(out))
"""


def composer(corpus: list[tuple[str, set[int]]]) -> None:
    """The composer's own allowed breaks and the headlines it sets across a refused break."""
    texts = [t for t, _ in corpus]
    run = lambda code: json.loads(  # noqa: E731
        subprocess.run(
            [sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True, check=True
        ).stdout
    )
    allowed_by_composer = run(COMPOSER)
    bad, found, examples = 0, 0, []
    for (text, allowed), mine in zip(corpus, allowed_by_composer):
        wrong = [b for b in mine if b not in allowed and not _inside_ascii_or_quote(text, b)]
        bad += len(wrong)
        found += len(set(mine) & allowed)
        examples += [text[:b] + "/" + text[b:] for b in wrong]
    total = sum(len(a) for _, a in corpus)
    print(f"{'composer':12} {'':7} {'':10} {bad:10d} {found / total:6.0%}  {' '.join(examples[:6])}")
    set_lines, refused = run(SETTING), []
    for k, lines in enumerate(set_lines):
        text, allowed = corpus[k // 2]
        ends = {len("".join(lines[: n + 1])) for n in range(len(lines) - 1)}
        if ends - allowed:
            refused.append(" / ".join(lines))
    print(f"set at 11.5 and 15.8 em: {len(refused)} of {len(set_lines)} settings break where the corpus refuses")
    for example in refused:
        print("   ", example)


def _inside_ascii_or_quote(text: str, b: int) -> bool:
    """Boundaries the composer glues anyway (inside Latin/number runs, quoted terms) are not the segmenter's fault."""
    if text[b - 1].isascii() and text[b].isascii():
        return True
    depth = 0
    for ch in text[:b]:
        depth += ch in "“‘《(（"
        depth -= ch in "”’》)）"
    return depth > 0


if __name__ == "__main__":
    main()
