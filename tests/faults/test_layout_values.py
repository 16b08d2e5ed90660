"""Every layout value validated at load: what is set lies on the paper; nothing zero, negative or too wide
reaches the composer (a clear error at the layout's line, never an internal error); watch survives it all."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from hengyang_print.draw import draw
from hengyang_print.errors import BuildError
from hengyang_print.load.loader import load_layout
from hengyang_print.model import TextItem
from hengyang_print.run.build import build, make_page
from hengyang_print.run.watch import rebuild
from hengyang_print.verify.readback import check_text_layer

from ..draw.test_print import _icc_header  # a structurally whole CMYK output profile's bytes
from .conftest import line_of

CASES = [
    # (text in the layout, replacement, what the error says) — the error is on the replaced line
    (
        "top: 101mm\n    bottom: 0mm",
        "top: -500mm\n    bottom: 0mm",
        "regions.items lies off the page: 473.0 mm beyond the top edge",
    ),
    (
        "top: 101mm\n    bottom: 0mm",
        "top: 101mm\n    bottom: -300mm",
        "regions.items lies off the page: 280.0 mm beyond the bottom edge",
    ),
    (
        "    top: 3mm\n    height: 27mm",
        "    top: -40mm\n    height: 27mm",
        "regions.headline lies off the page",
    ),
    (
        "{columns: [1, 8], top: -9mm, weight: 2pt",
        "{columns: [1, 8], top: -40mm, weight: 2pt",
        "rules[0] lies off the page",
    ),
    (
        "body: {font: song, size: 14pt, leading: 24pt",
        "body: {font: song, size: 14pt, leading: 0pt",
        "styles.body.leading must be more than zero",
    ),
    (
        "body: {font: song, size: 14pt, leading: 24pt",
        "body: {font: song, size: 14pt, leading: -24pt",
        "styles.body.leading must not be negative",
    ),
    ("body: {font: song, size: 14pt", "body: {font: song, size: 0pt", "styles.body.size must be more than zero"),
    ("body: {font: song, size: 14pt", "body: {font: song, size: 0.01pt", "styles.body.size must be at least 2pt"),
    ("diameter: 34pt", "diameter: 0pt", "badge.diameter must be more than zero"),
    ("diameter: 34pt", "diameter: 300pt", "leave 0.0 pt of the"),
    ("badge_gap: 3mm", "badge_gap: 90mm", "for the headline, less than one em"),
    ("frames: 4\n    frame_gap: 4mm", "frames: 24\n    frame_gap: 20mm", "24 frame(s) 56.7 pt apart leave"),
    (
        "frames: 4\n    frame_gap: 4mm",
        "frames: 24\n    frame_gap: 4mm",
        "leave 0.0 pt of the 30.5 pt frame for the headline",
        "diameter:",
    ),
    ("frames: 4\n    frame_gap: 4mm", "frames: 4\n    frame_gap: 400mm", "less than one em of style 'body'"),
    ("gutter: 4mm", "gutter: 400mm", "grid.gutter leaves no room for 8 columns"),
    ("width: 390mm", "width: 0mm", "page.width must be more than zero"),
    ("padding: 5mm", "padding: 30mm", "regions.keyword.padding leaves no room inside the panel"),
    ("weight: 0.6pt", "weight: -1pt", "rule.weight must not be negative"),
    ("weight: 2pt, color: red}", "weight: 0pt, color: red}", "rules[0].weight must be more than zero"),
]


@pytest.mark.parametrize("old, new, message, at", [(*c, None)[:4] for c in CASES], ids=[c[2][:40] for c in CASES])
def test_a_bad_layout_value_is_an_error_at_its_line(project, old, new, message, at):
    layout = project.layout_with(old, new)
    with pytest.raises(BuildError) as err:
        load_layout(layout)
    hits = [m for m in err.value.messages if message in m]
    assert hits, err.value.messages
    line = re.match(rf"{re.escape(str(layout))}:(\d+):\d+: ", hits[0])
    wanted = {line_of(layout, at)} if at else {line_of(layout, part.strip()) for part in new.split("\n")}
    assert line and int(line.group(1)) in wanted, hits[0]


def test_every_length_of_the_layout_zero_or_negative_is_a_clear_error_or_a_page(project):
    """The sweep: each length the layout gives, set to 0 and to -5mm in turn, loads to a located error or
    builds a page on the paper; never another exception."""
    text = project.layout.read_text(encoding="utf-8")
    lengths = list(re.finditer(r"(?<=[:\[,] )-?\d+(?:\.\d+)?(?:mm|pt)\b", text))
    assert len(lengths) > 50
    outcomes = {"error": 0, "page": 0}
    for m in lengths:
        for value in ("0pt", "-5mm"):
            path = project.layout.parent / "sweep.yaml"
            path.write_text(text[: m.start()] + value + text[m.end() :], encoding="utf-8")
            try:
                make_page(project.content, path)
                outcomes["page"] += 1
            except BuildError as exc:
                assert all(re.match(r"/.*?:\d+:\d+: |/.*?: ", e) for e in exc.messages), exc.messages
                outcomes["error"] += 1
    assert outcomes["error"] > 40 and outcomes["page"] > 5  # margins of 0, a top of 0: still a page


def test_the_read_back_refuses_a_glyph_off_the_paper(default_build):
    """Defence in depth: should placement ever put text off the page, the build fails before writing."""
    page = default_build.page
    moved = tuple(
        dataclasses.replace(i, baseline=i.baseline - 2000)
        if isinstance(i, TextItem) and str(i.block) == "items[2].body[0]"
        else i
        for i in page.items
    )
    pdf = draw(dataclasses.replace(page, items=moved))
    with pytest.raises(BuildError) as err:
        check_text_layer(pdf, default_build.content, default_build.layout, default_build.report)
    (message,) = err.value.messages
    n = sum(len(i.glyphs) for i in page.texts() if str(i.block) == "items[2].body[0]")
    assert f"{n} glyph(s) would print off the paper" in message


def test_a_glyph_beyond_the_right_edge_is_found_too(default_build):
    page = default_build.page
    first = next(i for i in page.texts() if str(i.block).startswith("credits"))
    moved = tuple(dataclasses.replace(i, x=page.trim.width - 5) if i is first else i for i in page.items)
    pdf = draw(dataclasses.replace(page, items=moved))
    with pytest.raises(
        BuildError, match=rf"{len(first.glyphs)} glyph\(s\) would print off the paper, the first '{first.text[0]}'"
    ):
        check_text_layer(pdf, default_build.content, default_build.layout, default_build.report)


def test_watch_survives_every_bad_save(project, tmp_path, monkeypatch):
    out = tmp_path / "page.pdf"
    args = (project.content, project.layout, out, None, 72.0, False)
    assert rebuild(*args)[0]
    good = out.read_bytes()
    original = project.layout.read_text(encoding="utf-8")
    for old, new, message, *_ in CASES:
        project.layout.write_text(original.replace(old, new, 1), encoding="utf-8")
        ok, lines = rebuild(*args)
        assert not ok and any(message in line for line in lines), lines
        assert out.read_bytes() == good
    project.layout.write_text(original, encoding="utf-8")

    def bug(*a, **k):
        raise ZeroDivisionError("simulated")

    monkeypatch.setattr("hengyang_print.run.watch.build", bug)
    ok, lines = rebuild(*args)
    assert (
        not ok
        and lines[0].startswith("internal error (a bug, not your input): ZeroDivisionError")
        and out.read_bytes() == good
    )
    monkeypatch.undo()
    assert rebuild(*args)[0]


def test_headline_null_is_an_error_not_a_tilde(project):
    for null in ("~", "null", ""):
        content = project.content_with("\nheadline:", f"\nheadline: {null}\nold_headline:")
        text = content.read_text(encoding="utf-8")
        start = text.index("old_headline:")
        # drop the old headline's value: the key line and its indented continuation
        rest = text[start:].split("\n", 1)[1]
        while rest.startswith("  "):
            rest = rest.split("\n", 1)[1]
        content.write_text(text[:start] + rest, encoding="utf-8")
        with pytest.raises(BuildError) as err:
            build(content, project.layout)
        assert any(re.match(rf"{re.escape(str(content))}:\d+:\d+: headline is empty", m) for m in err.value.messages), (
            err.value.messages
        )


# ---------------------------------------------------------------- ICC profiles: in the project, and whole


def layout_with_profile(project, name: str) -> Path:
    return project.layout_with("  # icc_profile: profiles/ISOnewspaper26v4.icc", f"  icc_profile: {name}")


@pytest.mark.parametrize("where", ["/etc/newsprint.icc", "../../newsprint.icc"])
def test_an_icc_profile_outside_the_project_is_refused(project, where):
    (project.root.parent / "newsprint.icc").write_bytes(_icc_header(b"prtr", b"CMYK"))
    layout = layout_with_profile(project, where)
    with pytest.raises(BuildError) as err:
        load_layout(layout)
    (message,) = err.value.messages
    assert (
        message.startswith(f"{layout}:{line_of(layout, 'icc_profile:')}:")
        and "lies outside the project folder" in message
    )


@pytest.mark.parametrize(
    "damage, problem",
    [
        (lambda d: d + b"garbage after the profile" * 100, "its header gives 204 bytes, the file has 2,704"),
        (lambda d: d[:128] + (999).to_bytes(4, "big") + d[132:], "a table of 999 tags does not fit the file"),
        (lambda d: d[:140] + (10_000).to_bytes(4, "big") + d[144:], "tag 'desc' lies outside the file"),
        (lambda d: d[:132] + b"XXXX" + d[136:], "lacks the tags of an output profile"),
        (lambda d: d[:128], "is not an ICC profile"),
    ],
    ids=["garbage-after", "tag-count", "tag-offset", "no-desc", "header-only"],
)
def test_an_icc_profile_is_checked_beyond_its_header(project, damage, problem):
    profiles = project.layout.parent / "profiles"  # paths in a layout are relative to it
    profiles.mkdir()
    (profiles / "newsprint.icc").write_bytes(damage(_icc_header(b"prtr", b"CMYK")))
    layout = layout_with_profile(project, "profiles/newsprint.icc")
    with pytest.raises(BuildError) as err:
        load_layout(layout)
    (message,) = err.value.messages
    assert message.startswith(f"{layout}:{line_of(layout, 'icc_profile:')}:") and problem in message, message


def test_a_whole_profile_in_the_project_is_taken(project):
    profiles = project.layout.parent / "profiles"
    profiles.mkdir()
    (profiles / "newsprint.icc").write_bytes(_icc_header(b"prtr", b"CMYK"))
    assert load_layout(layout_with_profile(project, "profiles/newsprint.icc")).print.icc_profile == str(
        profiles / "newsprint.icc"
    )
