"""`check` names the display breaks a compositor refuses (issue 22): a display line that begins with a particle,
bound suffix or localizer (leans-back), or that ends on a Latin word whose noun begins the next (latin-noun),
and the gap beside a Latin operator (operator); on the display list and in the PDF, and `check` exits 1."""

from __future__ import annotations

import pytest

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT
from hengyang_print.cli.main import main
from hengyang_print.tools import audit

from . import test_audit_compositor as compositor

edited, findings, variant = compositor.edited, compositor.findings, compositor.variant  # edited: a fixture

ITEM_1 = 'headline: "主流央媒聚焦“衡阳新气象”"'


@pytest.mark.parametrize(
    "forced, rule, line",
    [
        ("[杭州亚运会上, 的“衡阳面孔”]", "leans-back", 1),
        ("[全市中国农民丰收, 节主场活动在衡南举行]", "leans-back", 1),
        ("[石鼓区角山镇亩, 均增收三千元]", "leans-back", 1),
        ("[ChatGPT, 热潮下的衡阳中小企业]", "latin-noun", 0),
        ("[走出COVID-19, 阴影的衡阳文旅]", "latin-noun", 0),
    ],
)
def test_an_editors_break_a_compositor_refuses_is_named(edited, tmp_path, forced, rule, line):
    result = edited(ITEM_1, f"headline: {forced}")
    on_list, in_pdf = findings(result, tmp_path)
    assert (rule, "items[0].headline", line) in on_list
    assert (rule, "items[0].headline", line) in in_pdf


@pytest.mark.parametrize(
    "text", ["杭州亚运会上的“衡阳面孔”", "全市中国农民丰收节主场活动在衡南举行", "走出COVID-19阴影的衡阳文旅"]
)
def test_the_same_headlines_set_by_the_composer_are_clean(edited, tmp_path, text):
    result = edited(ITEM_1, f'headline: "{text}"')
    on_list, in_pdf = findings(result, tmp_path)
    assert len([t for t in result.page.texts() if str(t.block) == "items[0].headline"]) > 1  # it did break
    assert not {f for f in on_list | in_pdf if f[1] == "items[0].headline"}, text


def test_check_fails_a_page_with_a_bad_display_break(tmp_path, capsys):
    path = variant(tmp_path, ITEM_1, "headline: [常德牛肉粉有, 了“地方标准”]")
    try:
        assert main(["check", str(path), "--layout", str(DEFAULT_LAYOUT)]) == 1
    finally:
        path.unlink()
    assert "items[0].headline line 2: leans-back: '了' leans on" in capsys.readouterr().out


def test_a_gap_beside_an_operator_between_numbers_is_named():
    def line(gap: float) -> audit._Line:
        x, cells = 0.0, []
        for ch in "恒温20℃±2℃":
            width = 0.5 if ch.isdigit() else 1.0
            x += gap if ch in "±" or (cells and cells[-1].char == "±") else 0.0
            cells.append(audit.Cell(ch, x * 10, (x + width) * 10))
            x += width + (0.25 if ch == "温" else 0.0)
        return audit._Line(cells, 0.0, 10.0)

    assert audit._spacing_checks(line(0.0)) == []
    assert "operator" in [v.rule for v in audit._spacing_checks(line(0.25))]
    assert "operator" in audit.RULES and "leans-back" in audit.RULES and "latin-noun" in audit.RULES
    assert DEFAULT_CONTENT.exists()
