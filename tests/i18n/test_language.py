"""The language comes from the locale variables as gettext reads them; the command line speaks it: help,
usage errors and located messages in Chinese under LANG=zh_CN.UTF-8, English under C or en_US, and JSON
documents in English in every locale (their text is for scripts)."""

from __future__ import annotations

import json
import re

import pytest

from hengyang_print import i18n
from hengyang_print.cli.common import ROOT
from hengyang_print.cli.parser import cells

from ..cli.conftest import run

CHINESE = {"LANG": "zh_CN.UTF-8", "LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None}
ENGLISH = {"LANG": "C.UTF-8", "LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None}
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_CN.GB18030"}, "zh_CN"),
        ({"LANG": "zh"}, "zh_CN"),
        ({"LANG": "zh_SG.UTF-8"}, "zh_CN"),
        ({"LC_ALL": "zh_Hans_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh-CN"}, "zh_CN"),
        ({"LANG": "zh_TW.UTF-8"}, "en"),  # no Traditional catalog
        ({"LANG": "zh_Hant_HK"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANGUAGE": "en", "LANG": "zh_CN.UTF-8"}, "en"),  # LANGUAGE first, as gettext reads them
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANGUAGE": "fr_FR:zh_CN:en"}, "zh_CN"),  # the first language we have
        ({"LANGUAGE": "fr_FR:en:zh_CN"}, "en"),
        ({"LANGUAGE": "", "LANG": "zh_CN.UTF-8"}, "zh_CN"),  # set but empty: not set
    ],
)
def test_the_language_is_read_as_gettext_reads_the_locale(environ, language):
    assert i18n.language_of(environ) == language


@pytest.fixture
def chinese():
    i18n.use(i18n.CHINESE)
    yield
    i18n.use(i18n.ENGLISH)


def test_use_switches_the_words_and_a_count_picks_its_form(chinese):
    assert i18n._("; did you mean '{name}'?").format(name="layout") == "；是不是要写 'layout'？"
    assert i18n.ngettext("{count} error", "{count} errors", 3).format(count=3) == "3 个错误"
    i18n.use(i18n.ENGLISH)
    assert i18n.ngettext("{count} error", "{count} errors", 1).format(count=1) == "1 error"
    assert i18n._("a text no catalog has") == "a text no catalog has"


def test_help_is_chinese_and_wrapped_to_the_terminal_in_cells():
    for args in (["--help"], ["build", "--help"], ["check", "--help"], ["serve", "--help"]):
        done = run(*args, env=CHINESE | {"COLUMNS": "80"})
        assert done.returncode == 0
        text = done.stdout.decode()
        assert text.startswith("用法：hengyang-print")
        assert "选项" in text and "显示本帮助并退出" in text
        lines = text.splitlines()
        assert max(map(cells, lines)) <= 78, max(lines, key=cells)  # argparse's width: the terminal's less 2
        english = [line for line in lines if re.search(r"\b(the|and|of|a)\b", line) and not HAN.search(line)]
        assert english == []
        no_line_starts_with = "，。、；：）」』！？"
        assert not [line for line in lines if line.strip() and line.strip()[0] in no_line_starts_with], "clreq"


def test_the_top_level_help_names_every_command_in_chinese():
    text = run("--help", env=CHINESE).stdout.decode()
    assert "生成一块版、几块版或一整期的印刷 PDF" in text
    assert "退出状态" in text and "130  被中断（Ctrl-C）" in text


def test_help_is_english_in_the_c_and_english_locales():
    for environ in (ENGLISH, ENGLISH | {"LANG": "en_US.UTF-8"}):
        text = run("build", "--help", env=environ).stdout.decode()
        assert text.startswith("usage: hengyang-print build")
        assert "build the print PDF" in text.lower() or "Build the print PDF" in text
        assert not HAN.search(text.replace("齐底", ""))  # the one Chinese term the English help quotes


def test_a_usage_error_is_chinese_with_its_hint():
    done = run("biuld", env=CHINESE)
    err = done.stderr.decode()
    assert done.returncode == 2
    assert err.startswith("用法：hengyang-print")
    assert "hengyang-print: error: 参数 COMMAND：无效的选择：'biuld'" in err
    assert err.rstrip().endswith("；是不是要写 'build'？")
    option = run("build", "--layuot", "tabloid", env=CHINESE).stderr.decode()
    assert "hengyang-print build: error: 无法识别的参数：--layuot；是不是要写 '--layout'？" in option
    required = run("sign", "page.yaml", env=CHINESE).stderr.decode()
    assert "缺少必需的参数：" in required


def test_a_located_settings_error_is_chinese_at_the_same_place_with_its_caret(tmp_path):
    (tmp_path / "hengyang-print.toml").write_text("\n[proof]\ndpu = 100\n", encoding="utf-8")
    chinese = run("status", cwd=tmp_path, env=CHINESE).stderr.decode()
    english = run("status", cwd=tmp_path, env=ENGLISH).stderr.decode()
    assert "hengyang-print.toml:3:1: error: unknown key 'dpu' in [proof]; did you mean 'dpi'?" in english
    assert "hengyang-print.toml:3:1: error: [proof] 中有未知的键 'dpu'；是不是要写 'dpi'？" in chinese
    assert chinese.splitlines()[1:] == english.splitlines()[1:] == [" 3 | dpu = 100", "   | ^"]


def test_json_documents_keep_english_words_in_a_chinese_locale(tmp_path):
    (tmp_path / "hengyang-print.toml").write_text('layuot = "tabloid"\n', encoding="utf-8")
    done = run("status", "--format", "json", cwd=tmp_path, env=CHINESE)
    document = json.loads(done.stdout)
    assert done.returncode == 1 and document["ok"] is False
    assert [d["message"] for d in document["diagnostics"]] == [
        "unknown key 'layuot' in the settings; did you mean 'layout'?"
    ]


def test_a_located_content_error_is_chinese_at_the_same_place_with_the_same_source_line_and_caret():
    bad = ROOT / "tests" / "bad_inputs" / "content-unknown-key-typo.yaml"
    english = run("check", str(bad), env=ENGLISH).stderr.decode().splitlines()
    chinese = run("check", str(bad), env=CHINESE).stderr.decode().splitlines()
    assert english[0] == f"{bad}:15:5: error: unknown key 'headlin' in items[0]; did you mean 'headline'?"
    assert chinese[0] == f"{bad}:15:5: error: items[0] 中有未知的键 'headlin'；是不是要写 'headline'？"
    assert chinese[1:] == english[1:] == [" 15 |     headlin: 主流央媒聚焦", "    |     ^"]


def test_a_pdf_given_as_content_is_named_so_in_chinese(tmp_path):
    pdf = tmp_path / "page.yaml"
    pdf.write_bytes(b"%PDF-1.4\n")
    err = run("check", str(pdf), env=CHINESE).stderr.decode()
    assert f"{pdf}: 是一份 PDF 文件；请给出内容 YAML 文件（文本文件，如 page.yaml）" in err


def test_preflight_speaks_chinese_and_its_json_keeps_english_findings(default_pdf):
    text = run("preflight", str(default_pdf), env=CHINESE).stdout.decode()
    assert f"{default_pdf}: PASS: 0 个错误，0 个警告 (newspaper)" in text
    assert "info: page 1: 总墨量最多" in text  # level, place and code as written; the finding in Chinese
    document = json.loads(run("preflight", "--format", "json", str(default_pdf), env=CHINESE).stdout)
    messages = [f["message"] for f in document["files"][0]["findings"]]
    assert messages and not [m for m in messages if HAN.search(m)]
    assert any(m.startswith("total ink at most") for m in messages)


PAGE = (str(ROOT / "content" / "hengyang-2018.yaml"), "--layout", str(ROOT / "layout" / "broadsheet.yaml"))
PROSE = re.compile(
    r"\b(the|of|with|lines?|columns?|used|add|cut|between|characters|beside|split|across|flush|region"
    r"|state|item|headline|empty|more|longer|shorter|row|gaps|largest|percentile)\b"
)
FINDING = {
    "en": re.compile(r"^(\S+): (\S+) line (\d+): ([a-z-]+): "),
    "zh": re.compile(r"^(\S+): (\S+) 第 (\d+) 行: ([a-z-]+): "),
}
LOCATED = re.compile(r"^(\S+:\d+:\d+: (?:warning|error): \S+: )")


@pytest.fixture(scope="module")
def checked_page() -> dict[str, list[str]]:
    """`check` on the bundled page, as a reader of each language sees it."""
    out = {}
    for language, environ in (("en", ENGLISH), ("zh", CHINESE)):
        done = run("check", *PAGE, env=environ)
        assert done.returncode == 1, done.stderr.decode()  # the page's two placement breaks
        out[language] = done.stdout.decode().splitlines()
    return out


def test_check_says_each_finding_in_chinese_at_the_same_place_with_the_same_code(checked_page):
    english, chinese = checked_page["en"], checked_page["zh"]
    assert len(english) == len(chinese)  # the same report, line for line
    findings = [(FINDING["en"].match(en), FINDING["zh"].match(zh)) for en, zh in zip(english, chinese)]
    findings = [(en.groups(), zh.groups()) for en, zh in findings if en or zh]
    assert [code for (*_where, code), _zh in findings] == ["headers-abreast", "item-split"]
    assert [en for en, _zh in findings] == [zh for _en, zh in findings]  # file, block, line and code as they were
    located = [(LOCATED.match(en), LOCATED.match(zh)) for en, zh in zip(english, chinese)]
    located = [(en and en[1], zh and zh[1]) for en, zh in located if en or zh]
    assert located and all(en == zh for en, zh in located)  # the lint's FILE:LINE:COL: warning: block:
    for en, zh in zip(english, chinese):
        if PROSE.search(_said(en)):  # a line that says something in English says it in Chinese
            assert HAN.search(zh) and not PROSE.search(_said(zh)), (en, zh)


def _said(line: str) -> str:
    """A report line less what stays as written in every language: paths, block ids, codes, tags, region names."""
    line = re.sub(r"\S+\.yaml(:\d+:\d+)?", "", line)
    line = re.sub(r"\w+(\[\d+\])?(\.\w+(\[\d+\])?)+|\w+\[\d+\]", "", line)  # items[8].headline, items[7]
    line = re.sub(r"\b[a-z]+(-[a-z]+)+\b", "", line)  # headers-abreast, item-split
    return re.sub(r"^((to fit|\w+): )+", "", line)  # section tags and region names: "to fit: items: "


def test_the_copyfit_table_and_its_figures_are_chinese(checked_page):
    text = "\n".join(checked_page["zh"])
    assert re.search(r"^区域 +每栏行数 +状态$", text, re.M)
    assert re.search(r"^items +46 46 46 46 / 46 +齐底$", text, re.M)
    assert re.search(r"^条目 +标题 +正文行数 +字数 +删几字省一行 +齐底需$", text, re.M)
    assert re.search(r"^items\[7\] +湖南省大城市 .* 加 \d+ 字（items\[7\]\.body\[0\]）$", text, re.M)
    assert "fit: items: items[9].body[0]: 伸行：多排 1 行" in text
    assert re.search(
        r"^to fit: items: items\[7\]\.body\[0\]: 在段末加 \d+ 字，段末的 。 计在内（多 2 行）$", text, re.M
    )
    assert re.search(r"^items: 4 栏 × 46 行，用 184 行，齐底（调整 \d+ 处）$", text, re.M)


def test_check_is_english_in_the_c_locale(checked_page):
    text = "\n".join(checked_page["en"])
    assert re.search(r"^region +lines per column +state$", text, re.M)
    assert re.search(r"^item +headline +body lines +characters +cut to save a line +to fit$", text, re.M)
    assert re.search(r"^to fit: items: items\[7\]\.body\[0\]: add \d+ characters at the end", text, re.M)
    assert "items[7] line 1: item-split: 5 lines split across columns 3 and 4 of items" in text
    quoted = r"'[^']*'|“[^”]*”|items\[\d\] +\S+|\((伸行|缩行)\)"  # the page's text; the Chinese terms the English cites
    assert [line for line in checked_page["en"] if HAN.search(re.sub(quoted, "", line))] == []


def test_check_json_is_the_same_document_in_every_locale():
    english = json.loads(run("check", "--format", "json", *PAGE, env=ENGLISH).stdout)
    chinese = json.loads(run("check", "--format", "json", *PAGE, env=CHINESE).stdout)
    assert chinese == english
    assert any(f["message"].startswith("beside items[5]'s in column 3") for f in chinese["findings"])


def test_build_names_what_the_fitting_did_and_could_not_keep_in_chinese(tmp_path):
    done = run("build", *PAGE, "-o", str(tmp_path / "page.pdf"), env=CHINESE)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 0, err
    assert "fit: items: items[6].body[0]: 缩行：少排 1 行" in out
    assert (
        "warning: items: items[7]: item-split: 被拆在 items 第 3 栏和第 4 栏；在版式 fit: 允许的范围内怎么排都避免不了"
        in err
    )


def test_a_listing_written_in_chinese_is_cleaned_in_any_locale(tmp_path):
    content = tmp_path / "page.yaml"
    content.write_text((ROOT / "content" / "hengyang-2018.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run("proof", str(content), "--layout", PAGE[2], env=CHINESE).returncode == 0
    heading = (tmp_path / "page.txt").read_text(encoding="utf-8").splitlines()[1]
    assert heading.startswith(f"{content}，版式 ") and heading.endswith("；行号按栏计，与校样页边所标一致")
    assert run("clean", str(content), env=ENGLISH).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.yaml"]
