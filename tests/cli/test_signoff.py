"""status, sign, revoke, release and build's ledger, run as a user runs them, in a project made by `init`."""

from __future__ import annotations

import hashlib
import json

import pytest

from .conftest import run, validator

LEDGER_ON = {"HENGYANG_PRINT_LEDGER": None}
CHAIN = ["一校", "二校", "三校", "责任编辑", "部门主任", "值班总编"]
PAGE = "content/page.yaml"
LAYOUT = ["--layout", "layout/broadsheet.yaml"]


def hp(project, *args):
    return run(*args, cwd=project, env=LEDGER_ON)


def ok(result) -> str:
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def refused(result) -> str:
    assert result.returncode == 1, (result.stdout.decode(), result.stderr.decode())
    return result.stderr.decode()


def as_json(result, schema: str) -> dict:
    document = json.loads(result.stdout)
    validator(schema).validate(document)
    return document


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signoff") / "newsroom"
    ok(run("init", str(folder)))
    return folder


def test_a_page_goes_from_its_first_build_to_the_plant_and_back_to_the_chain_after_an_edit(project, tmp_path):
    built = as_json(hp(project, "build", PAGE, *LAYOUT, "--format", "json"), "build-report")
    assert built["pages"][0]["ledger"]["version"] == 1 and built["pages"][0]["ledger"]["new"]
    assert "version 1 (the same PDF as before" in ok(hp(project, "build", PAGE, *LAYOUT))

    status = as_json(hp(project, "status", PAGE, "--format", "json"), "status")["pages"][0]
    assert status["page"] == {"content": PAGE, "layout": "layout/broadsheet.yaml"}
    assert not status["people_configured"] and status["next_role"] == "一校" and not status["releasable"]
    assert "anyone may sign any role" in ok(hp(project, "status"))

    assert "二校 signs after 一校" in refused(hp(project, "sign", PAGE, "--role", "二校", "--as", "李明"))
    for role in CHAIN:
        signed = as_json(hp(project, "sign", PAGE, "--role", role, "--as", "王芳", "--format", "json"), "sign")
        assert signed["signature"]["role"] == role
    assert signed["status"]["releasable"]

    plant = tmp_path / "plant"
    released = as_json(hp(project, "release", PAGE, "-o", str(plant), "--as", "赵刚", "--format", "json"), "release")
    pdf = (project / "content" / "page.pdf").read_bytes()
    record = json.loads((plant / "page.release.json").read_text(encoding="utf-8"))
    validator("release-record").validate(record)
    assert record == released["record"]
    assert (plant / "page.pdf").read_bytes() == pdf
    assert record["pdf"]["sha256"] == hashlib.sha256(pdf).hexdigest() == status["latest"]["pdf_sha256"]
    assert [s["role"] for s in record["signatures"]] == CHAIN

    content = project / PAGE
    content.write_text(
        content.read_text(encoding="utf-8").replace("示范区建设全面起势", "示范区建设全面提速"), encoding="utf-8"
    )
    said = ok(hp(project, "build", PAGE, *LAYOUT))
    assert "ledger: must sign again: 一校, 二校, 三校, 责任编辑, 部门主任, 值班总编 (signed version 1" in said
    assert "version 2 needs the whole chain" in hp(project, "build", PAGE, *LAYOUT).stderr.decode()
    text = ok(hp(project, "status", PAGE))
    assert "rebuilt since: version 2 is not released" in text and "stale: 王芳 signed version 1" in text
    why = refused(hp(project, "release", PAGE, "-o", str(plant)))
    assert "must sign version 2 again" in why
    assert (plant / "page.pdf").read_bytes() == pdf  # the plant keeps version 1
    failed = json.loads(hp(project, "release", PAGE, "-o", str(plant), "--format", "json").stdout)
    validator("release").validate(failed)
    assert not failed["ok"] and "must sign version 2 again" in failed["diagnostics"][0]["message"]


def test_a_person_cannot_sign_a_role_not_theirs(project):
    toml = project / "hengyang-print.toml"
    before = toml.read_text(encoding="utf-8")
    try:
        toml.write_text(before + '\n[signoff.roles]\n"一校" = ["王芳"]\n', encoding="utf-8")
        ok(hp(project, "build", PAGE, *LAYOUT))
        assert "李明 may not hold 一校: [signoff.roles] gives it to 王芳" in refused(
            hp(project, "sign", PAGE, "--role", "一校", "--as", "李明")
        )
        assert "may hold it: no one" in ok(hp(project, "status", PAGE))
    finally:
        toml.write_text(before, encoding="utf-8")


def test_a_page_the_ledger_does_not_know_is_a_clear_error(project):
    assert "no version is recorded" in refused(hp(project, "status", "content/other.yaml"))
    assert "is not a role of the chain" in refused(hp(project, "sign", PAGE, "--role", "终审", "--as", "赵刚"))


def test_a_damaged_ledger_stops_the_command_but_not_the_build(tmp_path):
    folder = tmp_path / "broken"
    ok(run("init", str(folder)))
    (folder / ".hengyang").mkdir()
    (folder / ".hengyang" / "ledger.sqlite3").write_text("not a database")
    built = hp(folder, "build", PAGE, *LAYOUT)
    assert built.returncode == 0 and (folder / "content" / "page.pdf").exists()
    assert "warning: ledger: " in built.stderr.decode() and "is not a SQLite database" in built.stderr.decode()
    assert "is not a SQLite database" in refused(hp(folder, "status"))
