"""Hostile PDFs (issue 16): preflight, diff and `check --pdf` end at once with one line naming the file,
and no command's memory grows with what a file claims to hold."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hengyang_print.cli.main import main
from hengyang_print.tools.preflight import preflight

from . import hostile

HOSTILE = {
    "fifo": (hostile.fifo, "is a FIFO, not a regular file"),
    "device": (
        lambda path: (path.symlink_to("/dev/zero"), path)[1],
        "is a device or socket, not a regular file",
    ),  # x.pdf -> /dev/zero
    "flate-bomb": (lambda path: hostile.bomb_pdf(path, 2**30), "object 4 decompresses to more than"),
    "reference-loop": (hostile.loop_pdf, "damaged PDF (object 4 0, offset"),
    "form-draws-itself": (hostile.form_loop_pdf, "reference loop: object"),
    "deep-nesting": (hostile.deep_pdf, "excessively deeply nested"),
    "random-bytes": (hostile.random_pdf, "not a readable PDF"),
    "empty": (lambda path: (path.write_bytes(b""), path)[1], "not a PDF (no %PDF- header)"),
    "truncated": (hostile.truncated_pdf, "damaged PDF"),
    "encrypted": (hostile.encrypted_pdf, "encrypted with a password; cannot be read"),
    "missing": (lambda path: path, "No such file or directory"),
}


def _make(tmp_path, name):
    make, message = HOSTILE[name]
    return make(tmp_path / f"{name}.pdf"), message


@pytest.mark.parametrize("name", HOSTILE)
def test_preflight_fails_the_file_with_one_named_finding(tmp_path, name):
    path, message = _make(tmp_path, name)
    errors = [f for f in preflight(path).findings if f.level == "error"]
    assert errors and errors[0].code in ("unreadable", "encrypted", "damaged") and message in errors[0].message, [
        f.line() for f in errors
    ]


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("command", ["diff", "check"])
def test_diff_and_check_give_one_line_naming_the_file(tmp_path, default_pdf, capsys, name, command):
    path, message = _make(tmp_path, name)
    argv = (
        ["diff", str(path), str(default_pdf), "-o", str(tmp_path / "d.png")]
        if command == "diff"
        else ["check", "--pdf", str(path)]
    )
    assert main(argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: {path}: {err[0].split(f'{path}: ', 1)[1]}"] and message in err[0], err
    assert "internal error" not in err[0]


def test_an_encrypted_file_that_opens_without_a_password_is_still_an_error(tmp_path):
    path = hostile.encrypted_pdf(tmp_path / "open.pdf", user="")
    assert "encrypted (PDF/X forbids encryption)" in [f.message for f in preflight(path).findings if f.level == "error"]


# Linux keeps a process's peak RSS across fork and exec: a command started straight from this (large)
# test process would report this process's size. A small launcher starts it and reports its peak.
LAUNCHER = """
import os, subprocess, sys
proc = subprocess.Popen([sys.executable, "-m", "hengyang_print.cli.main", *sys.argv[1:]],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def _peak_rss_mb(argv) -> tuple[int, float]:
    """Exit status and peak resident memory (MB) of a command run in a child process."""
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *argv], capture_output=True, text=True, check=True)
    status, kb = done.stdout.split()
    return int(status), int(kb) / 1024


@pytest.mark.parametrize("command", ["preflight", "diff", "check"])
def test_a_2_gb_flate_bomb_stays_far_under_1_gb(tmp_path, default_pdf, command):
    bomb = hostile.bomb_pdf(tmp_path / "bomb.pdf")  # 2 MB that inflates to 2 GB
    argv = {
        "preflight": ["preflight", str(bomb)],
        "diff": ["diff", str(bomb), str(default_pdf), "-o", str(tmp_path / "d.png")],
        "check": ["check", "--pdf", str(bomb)],
    }[command]
    status, peak = _peak_rss_mb(argv)
    assert status == 1 and peak < 1024, (status, peak)


def test_a_thousand_pages_are_read_and_summed_up(tmp_path):
    report = preflight(hostile.thousand_pages(tmp_path / "1000.pdf"))
    assert report.errors == 0, [f.line() for f in report.findings if f.level == "error"][:5]
    assert [f.message for f in report.findings if f.where == "document" and "trimmed" in f.message] == [
        "1000 pages, trimmed 100.0 × 100.0 mm"
    ]


def test_content_past_the_walk_budget_is_an_error_not_a_long_wait(tmp_path, monkeypatch):
    """A page of 3 MB of operators, and a document past its total: reported, the rest not walked."""
    from hengyang_print.tools.preflight import walker

    from . import pdfcorpus

    rects = "0 0 0 1 k 10 10 20 20 re f\n" * (3 * 2**20 // 27)
    findings = preflight(pdfcorpus.build(tmp_path / "heavy.pdf", pdfcorpus.Spec(pdfcorpus.CLEAN + rects))).findings
    assert [f.message for f in findings if f.code == "content"] == [
        "more than 2 MB of content on the page: the rest was not checked"
    ]
    assert not [f for f in findings if f.code == "empty-page"]
    monkeypatch.setattr(walker, "MAX_DOCUMENT_CONTENT", 600)  # bytes: the clean page's content is 252
    report = preflight(pdfcorpus.build(tmp_path / "three.pdf", pdfcorpus.Spec(pages=3)))
    assert [(f.page, f.message) for f in report.findings if f.code == "content"] == [
        (3, "more than 600 bytes of content in the document: the rest was not checked")
    ]


@pytest.mark.parametrize("command", ["diff", "check"])
def test_diff_and_check_refuse_a_page_heavier_than_any_we_build(tmp_path, default_pdf, capsys, command):
    from . import pdfcorpus

    heavy = pdfcorpus.build(
        tmp_path / "heavy.pdf", pdfcorpus.Spec(pdfcorpus.CLEAN + "0 0 0 1 k 10 10 20 20 re f\n" * 24_000)
    )  # 650 KB
    argv = (
        ["diff", str(heavy), str(default_pdf), "-o", str(tmp_path / "d.png")]
        if command == "diff"
        else ["check", "--pdf", str(heavy)]
    )
    assert main(argv) == 1
    assert (
        capsys.readouterr().err.strip()
        == f"error: {heavy}: page 1 has more than 512 KB of content; not a page built here"
    )


def test_a_stream_in_ascii85_over_flate_is_counted_at_its_decoded_size():
    """ReportLab writes page content as [/ASCII85Decode /FlateDecode]: its size is what it inflates to, not a
    worst case of the text encoding times zlib's ceiling (which put a 50 KB page past the 2 MB budget)."""
    import base64
    import zlib

    import pikepdf

    from hengyang_print.tools.pdfread import stream_size

    content = b"0 0 0 1 k 10 10 20 20 re f\n" * 2000
    pdf = pikepdf.new()
    encoded = base64.a85encode(zlib.compress(content), wrapcol=72) + b"~>"
    stream = pdf.make_stream(encoded, Filter=[pikepdf.Name.ASCII85Decode, pikepdf.Name.FlateDecode])
    assert stream.read_bytes() == content
    assert stream_size(stream, 2**21) == len(content)
