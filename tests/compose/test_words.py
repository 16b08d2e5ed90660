"""Display text breaks between words (compose/words.py): the default page's headline, quoted terms,
Latin words and numbers whole, an editor's forced breaks, and the segmenter loaded only when needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hengyang_print.cli.common import DEFAULT_LAYOUT
from hengyang_print.compose import compose_paragraph
from hengyang_print.compose.words import word_breaks
from hengyang_print.load.loader import load_layout

LAYOUT = load_layout(DEFAULT_LAYOUT)
HEAD = LAYOUT.styles["item_headline"]
HEI = LAYOUT.fonts[HEAD.font]
CORPUS = Path(__file__).with_name("headline_corpus.txt")


def headline(text: str, ems: float) -> list[str]:
    return [l.text for l in compose_paragraph(text, HEAD, HEI, ems * HEAD.size, indent=False, words=True)]


def corpus() -> list[tuple[str, set[int]]]:
    """(headline, offsets inside a word) from the corpus, whose '|' mark the breaks a compositor allows."""
    out = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            text, allowed = line.replace("|", ""), set()
            for k in range(line.count("|")):
                allowed.add(len("".join(line.split("|")[: k + 1])))
            out.append((text, set(range(1, len(text))) - allowed))
    return out


def test_the_default_pages_item_10_headline_breaks_at_a_word_boundary(default_build):
    lines = sorted((t for t in default_build.page.texts() if str(t.block) == "items[9].headline"), key=lambda t: t.line)
    assert [t.text for t in lines] == ["陆港型国家物流枢纽", "承载城市"]


def test_every_two_line_headline_of_the_corpus_breaks_where_a_compositor_allows():
    # the item-headline measure of the broadsheet (11.5 em) and of the tabloid (15.8 em)
    for ems in (11.5, 15.8):
        for text, inside in corpus():
            lines = headline(text, ems)
            ends = {len("".join(lines[: k + 1])) for k in range(len(lines) - 1)}
            assert not ends & inside, (ems, " / ".join(lines))


@pytest.mark.parametrize(
    "text, whole",
    [
        ("破解“上学难”新建中小学二十所", "“上学难”"),
        ("CR450AF动车组首次驶入湘南", "CR450AF"),
        ("气温12.5℃创下历史同期新高", "12.5℃"),
        ("祁东黄花菜种植面积突破十六万亩", "十六万亩"),
    ],
)
def test_quoted_terms_latin_words_and_numbers_stay_whole_at_every_width(text, whole):
    for ems in range(5, len(text)):
        lines = headline(text, ems)
        assert any(whole in line for line in lines), (ems, lines)


def test_word_breaks_are_graded_phrase_boundaries_before_compounds():
    grades = word_breaks("陆港型国家物流枢纽承载城市")
    assert grades[9] < grades[7]  # 枢纽 / 承载 (before the verb) is better than 物流 / 枢纽


def test_an_editors_forced_breaks_are_kept_and_never_become_a_space():
    lines = headline("陆港型国家物流\n枢纽承载城市", 20)
    assert lines == ["陆港型国家物流", "枢纽承载城市"]
    assert all(" " not in line for line in lines)


def test_a_headline_given_as_a_list_of_lines_loads_as_forced_breaks(tmp_path):
    from hengyang_print.cli.common import DEFAULT_CONTENT
    from hengyang_print.load.loader import load_content

    text = DEFAULT_CONTENT.read_text(encoding="utf-8")
    text = text.replace('headline: "陆港型国家物流枢纽承载城市"', "headline: [陆港型国家, 物流枢纽承载城市]")
    text = text.replace('headline: "湖南省大城市"', "headline: |\n      湖南省\n      大城市")
    path = tmp_path / "content.yaml"
    path.write_text(text, encoding="utf-8")
    for photo in (DEFAULT_CONTENT.parent / "photos").glob("*"):
        (tmp_path / "photos").mkdir(exist_ok=True)
        (tmp_path / "photos" / photo.name).write_bytes(photo.read_bytes())
    content = load_content(path)
    assert content.items[9].headline == "陆港型国家\n物流枢纽承载城市"
    assert content.items[7].headline == "湖南省\n大城市"


def test_the_segmenter_is_loaded_only_when_a_display_line_must_break(tmp_path):
    probe = (
        "import sys\n"
        "from hengyang_print.cli.common import DEFAULT_LAYOUT\n"
        "from hengyang_print.compose import compose_paragraph\n"
        "from hengyang_print.compose.words import segmenter_loaded\n"
        "from hengyang_print.load.loader import load_layout\n"
        "L = load_layout(DEFAULT_LAYOUT); s = L.styles['item_headline']\n"
        "compose_paragraph('湖南省大城市', s, L.fonts[s.font], 200, indent=False, words=True)\n"
        "print(segmenter_loaded())\n"
        "compose_paragraph('陆港型国家物流枢纽承载城市', s, L.fonts[s.font], 200, indent=False, words=True)\n"
        "print(segmenter_loaded())\n"
    )
    env = {"HENGYANG_PRINT_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    ).stdout.split()
    assert out == ["False", "True"]
