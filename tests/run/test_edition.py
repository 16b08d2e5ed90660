"""Editions: several pages built in parallel by `build`, each page's errors its own, output as a single build's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT
from hengyang_print.cli.main import main
from hengyang_print.errors import BuildError
from hengyang_print.run.edition import is_edition, read_edition

from ..conftest import write_variant

SEED_TEXT = DEFAULT_CONTENT.read_text(encoding="utf-8")


def page_text(pdf: Path) -> str:
    return "".join(PdfReader(pdf).pages[0].extract_text().split())


def test_edition_paths_are_relative_to_the_edition_file(tmp_path):
    (tmp_path / "night").mkdir()
    edition = write_variant(
        tmp_path / "night",
        "name: 衡阳日报 2018-12-28\n"
        "output: pdf\n"
        "pages:\n"
        "  - ../a01.yaml\n"
        f"  - {{content: ../a02.yaml, layout: {DEFAULT_LAYOUT}, output: A02.pdf}}\n",
        "edition.yaml",
    )
    assert is_edition(edition) and not is_edition(DEFAULT_CONTENT)
    jobs = read_edition(
        edition,
        default_layout=Path("/default/layout.yaml"),
        default_folder=tmp_path / "out",
        allow=(DEFAULT_LAYOUT.parent,),
        root=tmp_path,
    )
    assert [j.content for j in jobs] == [tmp_path / "a01.yaml", tmp_path / "a02.yaml"]
    assert [j.layout for j in jobs] == [Path("/default/layout.yaml"), DEFAULT_LAYOUT]
    assert [j.output for j in jobs] == [tmp_path / "night" / "pdf" / "a01.pdf", tmp_path / "night" / "pdf" / "A02.pdf"]


def test_edition_errors_name_file_line_and_column(tmp_path):
    edition = write_variant(
        tmp_path,
        "pages:\n"
        "  - a.yaml\n"
        "  - {content: b/a.yaml}\n"  # same output name as the first page
        "  - {content: c.yaml, outptu: c.pdf}\n",
        "edition.yaml",
    )
    with pytest.raises(BuildError) as err:
        read_edition(edition, DEFAULT_LAYOUT, tmp_path)
    messages = err.value.messages
    assert f"{edition}:3:5: pages[1] writes a.pdf, as pages[0] does (give one an output name)" in messages
    assert any(m.startswith(f"{edition}:4:23: unknown key 'outptu'") and "did you mean 'output'" in m for m in messages)


def test_several_pages_build_in_parallel_and_a_broken_page_fails_alone(tmp_path, capsys):
    good = write_variant(tmp_path, SEED_TEXT, "a01.yaml")
    edited = write_variant(tmp_path, SEED_TEXT.replace("本报记者", "本报通讯员"), "a02.yaml")
    broken = write_variant(tmp_path, SEED_TEXT.replace("headline: ", "headline: [", 1), "a03.yaml")
    out = tmp_path / "pdf"
    assert main(["build", str(good), str(broken), str(edited), "-o", str(out), "--jobs", "2"]) == 1
    captured = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ["a01.pdf", "a02.pdf"]
    assert "本报记者" in page_text(out / "a01.pdf") and "本报通讯员" in page_text(out / "a02.pdf")
    assert re.search(rf"{re.escape(str(broken))}:\d+:\d+: error: malformed YAML", captured.err)
    assert "3 pages: 2 built, 1 failed" in captured.out and "on 2 cores" in captured.out
    # every page is reported once, with a running count
    assert sorted(line.split("] ")[1].split(" (")[0] for line in captured.out.splitlines() if line.startswith("[")) == [
        "FAILED a03.yaml",
        "ok a01.yaml",
        "ok a02.yaml",
    ]


def test_a_page_built_in_an_edition_is_byte_identical_to_its_single_build(tmp_path):
    single = tmp_path / "single.pdf"
    assert main(["build", str(DEFAULT_CONTENT), "-o", str(single)]) == 0
    edition = write_variant(
        tmp_path, f"pages:\n  - {DEFAULT_CONTENT}\n  - {{content: {DEFAULT_CONTENT}, output: copy.pdf}}\n", "ed.yaml"
    )
    assert (
        main(["build", str(edition), "-o", str(tmp_path / "ed"), "--allow-dir", str(DEFAULT_CONTENT.parent)]) == 0
    )  # pages outside the project: allowed
    assert (tmp_path / "ed" / f"{DEFAULT_CONTENT.stem}.pdf").read_bytes() == single.read_bytes()
    assert (tmp_path / "ed" / "copy.pdf").read_bytes() == single.read_bytes()


def test_two_pages_writing_one_file_is_refused_before_anything_is_built(tmp_path, capsys):
    a = write_variant(tmp_path / "", SEED_TEXT, "page.yaml")
    (tmp_path / "b").mkdir()
    b = write_variant(tmp_path / "b", SEED_TEXT, "page.yaml")
    assert main(["build", str(a), str(b), "-o", str(tmp_path / "out")]) == 1
    assert "more than one page would be written here" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_several_pages_into_one_pdf_name_is_refused(tmp_path, capsys):
    a = write_variant(tmp_path, SEED_TEXT, "a.yaml")
    b = write_variant(tmp_path, SEED_TEXT, "b.yaml")
    assert main(["build", str(a), str(b), "-o", str(tmp_path / "both.pdf")]) == 2  # a usage error
    assert "-o names the folder" in capsys.readouterr().err
    assert not (tmp_path / "both.pdf").exists()
