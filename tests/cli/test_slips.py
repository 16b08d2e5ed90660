"""Where users slip: a PDF or another binary file where YAML is expected is named as such; a mistyped command,
option or choice gets "did you mean". (YAML syntax errors at the line that went wrong, with a hint: the
bad-input corpus, tests/bad_inputs/content-missing-colon.yaml and its neighbours.)"""

from __future__ import annotations

import shutil

import pytest

from hengyang_print.paths import bundled

from .conftest import SEED_CONTENT, run


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("slips")
    page = folder / "page.yaml"
    shutil.copy(SEED_CONTENT, page)
    assert run("build", str(page)).returncode == 0
    shutil.copy(bundled("content", "photos", "xiangjiang-sample.jpg"), folder / "photo.jpg")
    (folder / "page.docx").write_bytes(b"PK\x03\x04" + bytes(100))
    (folder / "utf16.yaml").write_bytes("headline: 标题\n".encode("utf-16"))
    return folder


@pytest.mark.parametrize("command", ["build", "check", "proof"])
def test_a_pdf_given_as_content_is_named_as_a_pdf(files, command):
    done = run(command, str(files / "page.pdf"), cwd=files)
    err = done.stderr.decode()
    assert (
        done.returncode == 1
        and err == f"error: {files / 'page.pdf'}: is a PDF; give the content YAML file (a text file, like page.yaml)\n"
    )
    assert (files / "page.pdf").read_bytes().startswith(b"%PDF")  # and build did not write over it


@pytest.mark.parametrize(
    "args, says",
    [
        (["check", "{f}/photo.jpg"], "photo.jpg: is a JPEG image; give the content YAML file"),
        (
            ["check", "{f}/page.docx"],
            "page.docx: is a ZIP archive (a .docx, .xlsx or .zip file?); give the content YAML",
        ),
        (["check", "{f}/page.yaml", "--layout", "{f}/page.pdf"], "page.pdf: is a PDF; give the layout YAML file"),
        (["check", "{f}/utf16.yaml"], "utf16.yaml: is UTF-16 text; save it as UTF-8"),
    ],
    ids=["jpeg-content", "docx-content", "pdf-layout", "utf16"],
)
def test_other_binaries_are_named_too(files, args, says):
    done = run(*[a.format(f=files) for a in args], cwd=files)
    assert done.returncode == 1 and says in done.stderr.decode()


@pytest.mark.parametrize(
    "args, hint",
    [
        (["bulid"], "did you mean 'build'?"),
        (["serv"], "did you mean 'serve'?"),
        (["check", "--fromat", "json"], "unrecognized arguments: --fromat; did you mean '--format'?"),
        (["build", "--layuot=tabloid"], "did you mean '--layout'?"),
        (["check", "--format", "jsno"], "invalid choice: 'jsno'"),
        (["preflight", "x.pdf", "--profile", "newspapr"], "did you mean 'newspaper'?"),
    ],
    ids=["command", "command-prefix", "option", "option-with-value", "choice", "profile"],
)
def test_a_mistyped_command_option_or_choice_gets_did_you_mean(args, hint, tmp_path):
    done = run(*args, cwd=tmp_path)
    last = done.stderr.decode().strip().splitlines()[-1]
    assert done.returncode == 2 and hint in last and "Traceback" not in done.stderr.decode()
    if args == ["check", "--format", "jsno"]:
        assert last.endswith("did you mean 'json'?")


def test_no_guess_when_nothing_is_near(tmp_path):
    done = run("xyzzy", cwd=tmp_path)
    assert done.returncode == 2 and "did you mean" not in done.stderr.decode()
