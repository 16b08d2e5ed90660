"""One set of conventions across commands: every --format json document opens with the same envelope and has
its schema; every command prints a message the same way (located headline, source line shortened around the
column, caret); the same cause exits with the same status; edition files take bundled layout names as the
command line does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hengyang_print.diagnostics import Diagnostic, excerpt
from hengyang_print.errors import BuildError
from hengyang_print.paths import bundled
from hengyang_print.run.edition import read_edition

from ..schemas import SCHEMAS, validator
from .conftest import SEED_CONTENT, run

BAD = SEED_CONTENT.parents[1] / "tests" / "bad_inputs" / "content-many-errors.yaml"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    page = folder / "page.yaml"
    shutil.copy(SEED_CONTENT, page)
    edited = folder / "edited.yaml"
    edited.write_text(page.read_text(encoding="utf-8").replace("本报记者", "本报通讯员"), encoding="utf-8")
    assert run("build", str(page)).returncode == 0
    return {"page": page, "edited": edited, "pdf": folder / "page.pdf", "folder": folder}


COMMANDS = {
    "build": lambda p: ["build", str(p["page"]), "-o", str(p["folder"] / "json.pdf")],
    "check": lambda p: ["check", str(p["page"])],
    "diff": lambda p: ["diff", str(p["page"]), str(p["edited"]), "--dpi", "15"],
    "preflight": lambda p: ["preflight", str(p["pdf"])],
    "fonts": lambda p: ["fonts", str(p["page"])],
    "clean": lambda p: ["clean", str(p["edited"]), "--dry-run"],
}


SCHEMA_OF = {"build": "build-report", "revoke": "sign"}  # a command whose document has another's schema


@pytest.mark.parametrize("command", COMMANDS)
def test_every_json_document_opens_with_the_shared_envelope_and_follows_its_schema(pages, command):
    done = run(*COMMANDS[command](pages), "--format", "json")
    doc = json.loads(done.stdout)
    assert list(doc)[:4] == ["command", "version", "ok", "diagnostics"] and doc["command"] == command
    validator("envelope").validate(doc)
    validator(SCHEMA_OF.get(command, command)).validate(doc)
    assert done.returncode == (1 if command == "diff" else 0 if doc["ok"] else 1)  # diff: the pages differ


def test_every_format_option_has_its_schema_which_includes_the_envelope():
    """Each command that offers --format json has schema/NAME.schema.json, and that schema the envelope."""
    from hengyang_print.cli.main import parser

    commands = parser().parse_args(["init", "x"]).subcommands.items()
    offering = [name for name, sub in commands if "--format" in sub.format_usage()]
    assert set(COMMANDS) | {"status", "sign", "revoke", "release"} <= set(offering)
    for name in offering:
        schema = json.loads((SCHEMAS / f"{SCHEMA_OF.get(name, name)}.schema.json").read_text(encoding="utf-8"))
        assert schema["allOf"] == [{"$ref": "envelope.schema.json"}], name


def test_a_failing_command_reports_in_the_envelope_too(tmp_path):
    for command in ("build", "check", "fonts"):
        done = run(command, str(BAD), "--format", "json", cwd=tmp_path)
        doc = json.loads(done.stdout)
        assert done.returncode == 1 and not doc["ok"] and doc["command"] == command
        validator("envelope").validate(doc)
        assert doc["diagnostics"][0]["file"] == str(BAD) and doc["diagnostics"][0]["line"] == 4


def test_every_command_prints_a_message_the_same_way(tmp_path):
    """build, check and proof print the content's errors alike: headline, source line, caret; watch too."""
    printed = {command: run(command, str(BAD), cwd=tmp_path).stderr.decode() for command in ("build", "check", "proof")}
    assert len(set(printed.values())) == 1
    first = printed["build"].splitlines()[:3]
    assert first[0].startswith(f"{BAD}:4:11: error: headline is empty") and first[1].startswith(" 4 | headline:")
    assert first[2].endswith("^")

    from hengyang_print.run.watch import rebuild

    ok, lines = rebuild(BAD, bundled("layout", "broadsheet.yaml"), tmp_path / "w.pdf", None, 20, False)
    assert not ok and lines[0] == printed["build"].rstrip("\n")


def test_a_failed_page_of_an_edition_prints_its_messages_the_same_way(pages, tmp_path):
    single = run("build", str(BAD), cwd=tmp_path).stderr.decode()
    several = run("build", str(pages["page"]), str(BAD), "-o", str(tmp_path / "out"), "-j", "1").stderr.decode()
    indented = "\n".join("    " + line for line in single.rstrip("\n").splitlines())
    assert indented in several and "^" in indented


def test_a_long_source_line_is_shortened_around_the_column(tmp_path):
    """A 600-character paragraph is not echoed whole under a message: a window of it, the caret where it was."""
    paragraph = "衡阳" * 150 + "错" + "新名片" * 100
    source = tmp_path / "long.yaml"
    source.write_text(f"intro:\n  - {paragraph}\n", encoding="utf-8")
    column = 4 + paragraph.index("错") + 1
    shown = Diagnostic.parse(f"{source}:2:{column}: error: a wrong character").render().splitlines()
    text, caret = shown[1].split("| ", 1)[1], shown[2].split("| ", 1)[1]
    assert text.startswith("…") and text.endswith("…") and "错" in text
    assert sum(2 if "\u4e00" <= ch <= "\u9fff" else 1 for ch in text) <= 100
    assert len(caret) - 1 == sum(2 if "\u4e00" <= ch <= "\u9fff" else 1 for ch in text[: text.index("错")])
    assert excerpt("short line", 3) == ("short line", 3)


@pytest.mark.parametrize(
    "args, status",
    [
        (["build", "{page}", "--layout", "broadshet"], 1),  # a layout name that does not exist
        (["build", "{page}", "--layout", "layout/broadshet.yaml"], 1),  # a layout path that does not exist
        (["build", "{folder}/nope.yaml"], 1),  # a content file that does not exist
        (["build", "{page}", "--root", "{folder}/nope"], 1),  # a project folder that does not exist
        (["preflight", "{folder}/nope.pdf"], 1),  # a PDF that does not exist
        (["build", "{page}", "--bogus"], 2),  # an unknown option
        (["build", "{page}", "-o", "page.png"], 2),  # a value of the wrong form
        (["bulid"], 2),  # an unknown command
    ],
    ids=["layout-name", "layout-path", "content", "root", "pdf", "option", "value-form", "command"],
)
def test_the_same_cause_exits_with_the_same_status(pages, args, status):
    filled = [a.format(page=pages["page"], folder=pages["folder"]) for a in args]
    done = run(*filled, cwd=pages["folder"])
    assert done.returncode == status, done.stderr
    err = done.stderr.decode()
    assert err.startswith("usage: ") if status == 2 else "usage:" not in err


def test_the_epilog_documents_the_statuses_and_the_settings():
    text = run("--help").stdout.decode()
    assert "1    an input is missing or wrong" in text and "2    usage error" in text and "hengyang-print.toml" in text


def test_an_edition_names_bundled_layouts_as_the_command_line_does(tmp_path):
    edition = tmp_path / "night.yaml"
    pages = "pages:\n  - a.yaml\n  - {content: b.yaml, layout: broadsheet}\n"
    edition.write_text("layout: tabloid\n" + pages + "  - {content: c.yaml, layout: tabliod}\n")
    with pytest.raises(BuildError) as info:
        read_edition(edition, bundled("layout", "broadsheet.yaml"), tmp_path)
    (message,) = info.value.messages
    assert message.startswith(f"{edition}:5:31: pages[2].layout: no file 'tabliod', nor a bundled layout")
    assert "did you mean 'tabloid'?" in message
    edition.write_text("layout: tabloid\n" + pages)
    jobs = read_edition(edition, bundled("layout", "broadsheet.yaml"), tmp_path)
    assert [j.layout for j in jobs] == [bundled("layout", "tabloid.yaml"), bundled("layout", "broadsheet.yaml")]
