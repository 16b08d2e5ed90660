"""The default page written as a Typst document, the peer bench.py compares against (its layout's geometry,
fonts and styles, the same text); and the command that compiles it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT  # noqa: E402
from hengyang_print.load.loader import load_content, load_layout  # noqa: E402


def run_measured(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, capture_output=True)


def typst_command(work: Path) -> list[str]:
    """Write the Typst page, compile it once (checking its fonts), and return the command that compiles it."""
    import typst  # noqa: F401  (the bench extra)

    source = work / "page.typ"
    source.write_text(typst_page(load_content(DEFAULT_CONTENT), load_layout(DEFAULT_LAYOUT)), encoding="utf-8")
    out = work / "typst.pdf"
    fonts = str(ROOT / "fonts")
    code = (
        f"import typst; typst.compile({str(source)!r}, output={str(out)!r}, font_paths=[{fonts!r}],"
        " ignore_system_fonts=True)"
    )
    run_measured([sys.executable, "-c", code])
    check_typst_fonts(out)
    return [sys.executable, "-c", code]


def check_typst_fonts(pdf: Path) -> None:
    """Typst must have set the page in our four faces, not in a fallback of its own."""
    import pikepdf

    with pikepdf.open(pdf) as doc:
        names = {str(f.BaseFont).split("+")[-1] for page in doc.pages for f in page.Resources.Font.values()}
    print(f"  Typst page set in: {', '.join(sorted(names))}")
    if any("Libertinus" in n or "DejaVu" in n for n in names):
        raise SystemExit("Typst fell back to its own fonts: the comparison would not be fair")


def family(path: str) -> tuple[str, int]:
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    names = {r.nameID: r.toUnicode() for r in font["name"].names if r.platformID == 3}
    return names.get(16) or names[1], font["OS/2"].usWeightClass


def typst_page(content, layout) -> str:
    """The page as Typst markup: the layout's regions placed where ours are, in the same faces, sizes and colours."""
    H = layout.trim.height
    fam = {key: family(path) for key, path in layout.fonts.items()}

    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def color(name: str) -> str:
        return "cmyk(" + ", ".join(f"{v}%" for v in layout.colors[name]) + ")"

    def text(style_name: str, body: str) -> str:
        s = layout.styles[style_name]
        name, weight = fam[s.font]
        return (
            f"text(font: {q(name)}, weight: {weight}, size: {s.size}pt, fill: {color(s.color)}, tracking:"
            f" {s.tracking}em)[#{q(body)}]"
        )

    def par(style_name: str, body: str, indent: bool = True) -> str:
        s = layout.styles[style_name]
        gap = s.leading - s.size
        first = s.indent if indent else 0
        return (
            f"#par(leading: {gap}pt, spacing: {gap}pt, justify: true, first-line-indent: (amount: {first}em, all:"
            f" true))[#{text(style_name, body)}]\n"
        )

    def place(box, body: str) -> str:
        return (
            f"#place(top + left, dx: {box.x}pt, dy: {H - box.top}pt, block(width: {box.width}pt, height:"
            f" {box.height}pt)[{body}])\n"
        )

    r = layout.regions
    out = [
        f"#set page(width: {layout.trim.width}pt, height: {H}pt, margin: 0pt)\n",
        '#set text(lang: "zh", region: "cn", fallback: false, top-edge: 0.88em, bottom-edge: -0.12em)\n',
    ]
    for rule in layout.rules:
        out.append(
            f"#place(top + left, dx: {rule.box.x}pt, dy: {H - rule.box.top}pt, rect(width: {rule.box.width}pt, height:"
            f" {rule.box.height}pt, fill: {color(rule.color)}))\n"
        )
    credits = " ".join(f"{c.role}/{c.name}" for c in content.credits)
    out.append(place(r["credits"].box, f"#align(right + horizon, {text(r['credits'].style, credits)})"))
    out.append(place(r["headline"].box, f"#align(center + horizon, {text(r['headline'].style, content.headline)})"))
    b = content.byline
    out.append(
        place(
            r["byline"].box,
            f"#align(center + horizon, {text(r['byline'].style, b.mark + b.text + ' ' + ' '.join(b.reporters))})",
        )
    )
    kw, k = r["keyword"], r["keyword"].keyword
    out.append(
        f"#place(top + left, dx: {kw.box.x}pt, dy: {H - kw.box.top}pt, block(width: {kw.box.width}pt, height:"
        f" {kw.box.height}pt, fill: {color(k.fill)}, inset: {k.padding}pt)["
        f"#align(center + horizon, stack(spacing: 6pt, {text(k.label_style, content.keyword.label)},"
        f" {text(k.number_style, str(content.keyword.number))}, {text(k.word_style, content.keyword.word)}))])\n"
    )
    intro = r["intro"]
    out.append(
        place(
            intro.box,
            f"#columns({intro.frames}, gutter: {intro.frame_gap}pt)[\n"
            + "".join(par(intro.style, t) for t in content.intro)
            + "]",
        )
    )
    items, design = r["items"], r["items"].item
    body = []
    for n, item in enumerate(content.items):
        badge = (
            f"circle(radius: {design.badge.diameter / 2}pt, fill: {color(design.badge.fill)})[#align(center +"
            f" horizon, {text(design.badge.style, str(item.number))})]"
        )
        head = f"[#{text(design.date_style, item.date)} \\ #{text(design.headline_style, item.headline)}]"
        cells = (head, badge) if design.mirror and n % 2 else (badge, head)
        widths = "(1fr, auto)" if design.mirror and n % 2 else "(auto, 1fr)"
        body.append(
            f"#block(above: 22pt)[#grid(columns: {widths}, column-gutter: {design.badge_gap}pt, align: horizon,"
            f" {cells[0]}, {cells[1]})]\n"
        )
        if design.rule:
            body.append(f"#line(length: 100%, stroke: {design.rule_weight}pt + {color(design.rule)})\n")
        body += [par(items.style, t) for t in item.body]
    out.append(place(items.box, f"#columns({items.frames}, gutter: {items.frame_gap}pt)[\n" + "".join(body) + "]"))
    return "".join(out)
