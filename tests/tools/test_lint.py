"""Content lint: each rule on a small variant of the default content, with block, offset and FILE:LINE:COL."""

from __future__ import annotations

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT
from hengyang_print.load.loader import load_content
from hengyang_print.run.build import build
from hengyang_print.tools.lint import lint

from .test_copyfit import variant


def found(content):
    return [(str(w.block), w.offset, w.message) for w in lint(content)]


def test_the_seed_half_width_parentheses_are_flagged_where_they_are():
    content = load_content(DEFAULT_CONTENT)
    warnings = lint(content)
    assert [(str(w.block), w.offset) for w in warnings] == [("items[5].headline", 2), ("items[5].headline", 5)]
    assert "full-width （" in warnings[0].message and "full-width ）" in warnings[1].message
    # FILE:LINE:COL points at the character in the YAML source
    where = warnings[0].format(content).split(": ")[0]
    path, line, col = where.rsplit(":", 2)
    source_line = DEFAULT_CONTENT.read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert source_line[int(col) - 1] == "("


def test_each_rule_reports_block_and_offset(tmp_path):
    def mutate(data):
        data["items"][0]["body"][0] = "衡阳 市今年发展很快。。新增企业1,000家，比例为12:30"
        data["items"][1]["headline"] = "“创新型城市"
        data["items"][2]["body"][0] = "他说：「好」。"
        data["items"][3]["body"][0] = "他说：“好”。"

    content = load_content(variant(tmp_path, mutate))
    got = found(content)
    assert ("items[0].body[0]", 2, "stray space between '阳' and '市'") in got
    assert ("items[0].body[0]", 10, "doubled punctuation '。。'") in got
    assert any(b == "items[0].body[0]" and "sentence-end" in m for b, _, m in got)
    assert not any(b == "items[0].body[0]" and "half-width" in m for b, _, m in got)  # 1,000 and 12:30 are numbers
    assert ("items[1].headline", 0, "'“' without its '”'") in got
    mixed = [(b, o) for b, o, m in got if m.startswith("mixed quote styles")]
    assert mixed == [("items[2].body[0]", 3)]


def test_lint_never_changes_the_text(tmp_path):
    def mutate(data):
        data["items"][0]["body"][0] = "衡阳 市今年发展很快。。"

    path = variant(tmp_path, mutate)
    assert lint(load_content(path))
    result = build(path, DEFAULT_LAYOUT, fit=False)  # the text as written; the page comes out short
    body = "".join(t.text for t in result.page.texts() if str(t.block) == "items[0].body[0]")
    assert "。。" in body and result.content.items[0].body[0] == "衡阳 市今年发展很快。。"


def test_clean_text_gives_no_warnings(tmp_path):
    def mutate(data):
        data["items"][5]["headline"] = "中国（耒阳）油茶博览园"

    assert found(load_content(variant(tmp_path, mutate))) == []


def test_check_prints_copyfit_and_lint_and_lint_alone_does_not_fail(default_build, capsys):
    from hengyang_print.cli.check import Checked, copyfit_section, lint_section

    checked = Checked(default_build.content, default_build.layout, default_build.page, default_build.report, None)
    assert copyfit_section(checked) is False  # the default page fits
    assert lint_section(checked) is False  # two warnings, still no failure
    out = capsys.readouterr().out
    assert "items[5]  中国(耒阳)油茶博览园" in out and "items: 4 columns × 46 lines, 184 used, flush" in out
    assert out.count("warning: ") == 2 and "items[5].headline: offset 2: half-width '('" in out
    assert "lint: 2 warnings" in out


def test_a_space_before_a_unit_is_named_because_it_is_not_printed(tmp_path):
    def mutate(data):
        data["items"][0]["body"][0] = "气温12.5 ℃，比去年高3 %。"

    got = found(load_content(variant(tmp_path, mutate)))
    assert ("items[0].body[0]", 6, "space before the unit '℃' (set solid: the space is not printed)") in got
    assert ("items[0].body[0]", 14, "space before the unit '%' (set solid: the space is not printed)") in got
