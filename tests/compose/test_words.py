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


# ---------------------------------------------------------------- display breaks a compositor allows (issue 22)

REFUSED = [  # (headline, a line may not start with this, nor may a line end with what comes before it)
    ("杭州亚运会上的“衡阳面孔”", "的“衡阳面孔”"),
    ("常德牛肉粉有了“地方标准”", "了“地方标准”"),
    ("全市中国农民丰收节主场活动在衡南举行", "节主场"),
    ("石鼓区角山镇“稻虾共养”亩均增收三千元", "均增收"),
    ("ChatGPT热潮下的衡阳中小企业", "热潮"),
    ("走出COVID-19阴影的衡阳文旅", "阴影"),
    ("CR450AF动车组首次驶入湘南", "动车组"),
    ("衡东县高新区引进iPhone配件项目", "配件"),
    ("衡山县萱洲镇油菜花节开幕", "节开幕"),
]


@pytest.mark.parametrize("text, refused", REFUSED, ids=[t for t, _ in REFUSED])
def test_a_display_line_never_starts_with_a_particle_or_suffix_nor_leaves_a_latin_words_noun(text, refused):
    for ems in range(9, len(text)):  # from 9 em, where every one of them has a breaking a compositor allows
        lines = headline(text, ems)
        assert not any(line.startswith(refused) for line in lines[1:]), (ems, " / ".join(lines))


@pytest.mark.parametrize(
    "text, at, fault",
    [
        ("杭州亚运会上的“衡阳面孔”", 6, "LEANS_BACK"),
        ("全市中国农民丰收节主场活动在衡南举行", 8, "LEANS_BACK"),
        ("石鼓区角山镇“稻虾共养”亩均增收三千元", 13, "LEANS_BACK"),
        ("ChatGPT热潮下的衡阳中小企业", 7, "LATIN_NOUN"),
        ("CR450AF动车组首次驶入湘南", 7, "LATIN_NOUN"),
    ],
)
def test_the_segmenters_doubtful_cuts_are_graded_as_the_faults_they_are(text, at, fault):
    import hengyang_print.compose.words as words

    assert word_breaks(text).get(at) == getattr(words, fault)


def test_a_word_of_its_own_may_begin_with_a_particle_or_suffix_character():
    # 节能 (to save energy), 地方 (local): the segmenter and the dictionary both say a word begins there
    assert word_breaks("衡阳全面推进节能减排").get(6) not in (None, 4, 5)
    assert word_breaks("湘江流域出台地方标准").get(6) not in (None, 4, 5)


def test_a_latin_word_may_end_a_line_before_a_verb():
    assert word_breaks("CR450AF动车组首次驶入湘南").get(10) is not None  # CR450AF动车组 / 首次驶入湘南
    assert word_breaks("AI赋能智慧农业的祁阳实践").get(2) not in (None, 4, 5)  # AI / 赋能: a verb starts the predicate


@pytest.mark.parametrize(
    "text, after",
    [
        ("一年读书记：书香里的雁城市民与图书馆", "一年读书记："),
        ("答好民生三道题，衡阳这一年交出温暖答卷", "答好民生三道题，"),
    ],
)
def test_a_free_break_after_a_comma_or_colon_wins_over_evenness(text, after):
    rest = len(text) - len(after)
    for ems in range(rest + 1, len(text)):  # every measure on which both parts fit
        assert headline(text, ems)[0] == after, ems


@pytest.mark.parametrize("text", ["“中国外贸百强城市”", "数说这一年：", "答好民生三道题，衡阳这一年交出温暖“答卷”"])
def test_a_right_aligned_display_line_ending_in_a_closing_mark_hangs_its_blank_half(text):
    """A mirrored item's headline: the closing mark's cell ends at the measure with its ink half only (GB/T 15834
    §5.1.10), so its blank half lies past the measure and the text does not stand half an em in."""
    for line in compose_paragraph(text, HEAD, HEI, 10 * HEAD.size, indent=False, words=True):
        last = line.glyphs[-1]
        if last.char in "”：，":
            assert abs(last.width - HEAD.size / 2) < 1e-6 and abs(line.width - (last.x + last.width)) < 1e-6


SUBJECTS = [  # (headline, its subject): the verb after it is a verbal noun (vn) taking a number
    ("中药材种植面积突破百万亩", "中药材种植面积"),  # tests/pages/fitting/huaihua-2016.yaml
    ("益阳黑茶产业综合产值突破三百亿元", "益阳黑茶产业综合产值"),
    ("娄底薄板年产量突破五百万吨", "娄底薄板年产量"),
    ("涟源湄江景区游客量突破百万人次", "涟源湄江景区游客量"),
]


@pytest.mark.parametrize("text, subject", SUBJECTS, ids=[t for t, _ in SUBJECTS])
def test_a_verbal_noun_taking_a_number_is_the_verb_a_headline_breaks_before(text, subject):
    """The segmenter tags 突破 a verbal noun (vn); with a quantity after it, it is the sentence's verb: the break
    between subject and predicate is a phrase boundary, and wherever the subject fits the first line, the second
    line begins with the verb (not 中药材种植 / 面积突破百万亩, inside the compound)."""
    assert word_breaks(text)[len(subject)] == 1  # PHRASE
    for ems in range(len(subject) + 1, len(text)):
        assert headline(text, ems) == [subject, text[len(subject) :]], ems


def test_a_verbal_noun_inside_a_noun_compound_stays_a_compound():
    assert word_breaks("全市经济发展质量稳步提升")[4] == 3  # 经济 / 发展质量: COMPOUND
