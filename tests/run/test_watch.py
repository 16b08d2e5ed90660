"""Watch: a save rebuilds PDF and proof; a broken save prints its errors and keeps the last good PDF."""

from __future__ import annotations

import queue
import threading

import pdfplumber
import pytest

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT
from hengyang_print.run.watch import watch

TIMEOUT = 30  # s: a generous bound for one rebuild on a slow CI machine; nothing is timed


def page_text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "".join(c["text"] for c in pdf.pages[0].chars)


@pytest.fixture
def watching(tmp_path):
    content = tmp_path / "page.yaml"
    content.write_text(DEFAULT_CONTENT.read_text(encoding="utf-8"), encoding="utf-8")
    events: queue.Queue = queue.Queue()
    stop = threading.Event()
    output = tmp_path / "out" / "page.pdf"
    thread = threading.Thread(
        target=watch,
        args=(content, DEFAULT_LAYOUT, output, tmp_path / "proof"),
        kwargs={"dpi": 15, "stop": stop, "report": lambda ok, lines: events.put((ok, lines))},
        daemon=True,
    )
    thread.start()
    yield content, output, lambda: events.get(timeout=TIMEOUT)
    stop.set()
    thread.join(TIMEOUT)


def test_saves_rebuild_and_a_broken_save_keeps_the_last_good_pdf(watching, tmp_path):
    content, output, next_event = watching
    ok, lines = next_event()  # the first build, before any save
    assert ok and output.exists() and "built in" in lines[0] and lines[1].startswith("copyfit: intro: ")
    assert (tmp_path / "proof" / "page.proof.pdf").exists() and (tmp_path / "proof" / "page.txt").exists()

    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("主流央媒聚焦", "央媒聚焦"), encoding="utf-8")
    ok, lines = next_event()
    assert ok and "央媒聚焦“衡阳新气象”" in page_text(output) and "主流央媒" not in page_text(output)
    assert "央媒聚焦" in (tmp_path / "proof" / "page.txt").read_text(encoding="utf-8")
    good = output.read_bytes()

    content.write_text(text.replace("headline: ", "headline: [", 1), encoding="utf-8")  # unclosed flow sequence
    ok, lines = next_event()
    # as every command prints a message: FILE:LINE:COL: error: …, the source line, a caret under the column
    headline, source, caret = lines[0].splitlines()[:3]
    assert not ok and headline.startswith(f"{content}:") and ": error: malformed YAML" in headline
    assert source.endswith('| headline: ["这些“新名片”，为大城衡阳铸就“新招牌”"') and caret.rstrip().endswith("^")
    assert lines[-1] == f"kept the last good PDF: {output}"
    assert output.read_bytes() == good

    content.write_text(text, encoding="utf-8")  # fixed: builds again
    ok, lines = next_event()
    assert ok and "主流央媒聚焦" in page_text(output)
