"""Reading the documentation as the docs tests need it: its pages, fenced blocks with the note before them,
inline code, links and headings' anchors (as GitHub makes them)."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def pages() -> list[Path]:
    """Every page a reader is sent to: the READMEs, the guide in both languages, the benchmarks' notes."""
    found = [ROOT / "README.md", ROOT / "README.zh-CN.md", ROOT / "benchmarks" / "README.md"]
    return [p for p in found if p.exists()] + sorted(DOCS.rglob("*.md"))


def guide_pages(language: str) -> list[Path]:
    """The numbered pages of the guide, in reading order."""
    folder = DOCS if language == "en" else DOCS / "zh-CN"
    return sorted(folder.glob("[0-9][0-9]-*.md"))


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@dataclass(frozen=True)
class Block:
    """A fenced code block: its language tag, its text, the HTML comment just before it (a directive such as
    `<!-- setup: … -->` or `<!-- schema: … -->`, invisible on the rendered page) and where it starts."""

    page: Path
    line: int
    language: str
    text: str
    note: str

    def where(self) -> str:
        return f"{rel(self.page)}:{self.line}"


FENCE = re.compile(r"^(```+)(\S*)[^\n]*\n(.*?)^\1\s*$", re.M | re.S)
NOTE = re.compile(r"<!--((?:(?!-->).)*)-->\s*\Z", re.S)


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    out = []
    for m in FENCE.finditer(text):
        before = text[: m.start()]
        note = NOTE.search(before)
        out.append(Block(page, before.count("\n") + 1, m[2], m[3], note[1].strip() if note else ""))
    return out


def prose(page: Path) -> str:
    """The page with its fenced blocks blanked out, lines kept where they were (links and inline code are read
    from here)."""
    return FENCE.sub(lambda m: "\n" * m[0].count("\n"), page.read_text(encoding="utf-8"))


INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)|!\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$", re.M)


def links(page: Path) -> list[str]:
    return [a or b for a, b in LINK.findall(prose(page))]


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: markup and punctuation dropped, lower case, spaces to hyphens (CJK kept)."""
    text = re.sub(r"`([^`]*)`", r"\1", heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[^\w\- ]", "", text.lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    seen: dict[str, int] = {}
    out = set()
    for _, title in HEADING.findall(prose(page)):
        base = anchor(title)
        n = seen.get(base, 0)
        out.add(base if n == 0 else f"{base}-{n}")
        seen[base] = n + 1
    out |= set(re.findall(r'<a (?:name|id)="([^"]+)"', page.read_text(encoding="utf-8")))
    return out


PROGRAM = re.compile(r"(?:^|(?<=\s)|(?<=&&\s)|(?<=;\s))(?:\.venv/bin/)?hengyang-print(?=\s|$)")


def command_lines(page: Path) -> list[tuple[str, list[str]]]:
    """Every `hengyang-print …` command line quoted on the page, in code blocks (a console block's `$ ` lines, a
    shell block's lines) and in inline code: (where, its arguments). A shell comment, a redirection, a pipe or
    `&&` ends a command line."""
    found = []
    for block in blocks(page):
        if block.language not in ("sh", "console", "bash", "shell"):
            continue
        lines = block.text.splitlines()
        for k, line in enumerate(lines):
            if block.language == "console":
                if not line.startswith("$ ") or _shows_usage_error(lines[k + 1 :]):
                    continue  # a transcript of a usage error shows the parser refusing it
                line = line[2:]
            found += [(f"{block.where()}+{k + 1}", args) for args in _commands(line)]
    for k, line in enumerate(prose(page).splitlines()):
        for code in INLINE_CODE.findall(line):
            if PROGRAM.match(code) and len(code.split()) > 1:  # the bare program name is only a name
                found += [(f"{rel(page)} (prose, line {k + 1})", args) for args in _commands(code)]
    return found


def _shows_usage_error(output: list[str]) -> bool:
    """The output of a transcript's command (up to the next `$ `) is the parser's usage and error."""
    shown = []
    for line in output:
        if line.startswith("$ "):
            break
        shown.append(line)
    return bool(shown) and shown[0].startswith(("usage: hengyang-print", "用法：hengyang-print"))


def _commands(line: str) -> list[list[str]]:
    out = []
    try:
        words = shlex.split(line, comments=True)
    except ValueError:
        return [["<unparseable shell line>", line]]
    current: list[str] | None = None
    for word in words:
        if word in ("&&", ";", "|", "||") or word.startswith((">", "<", "2>")):
            if current is not None:
                out.append(current)
            current = None
        elif current is None:
            if word in ("hengyang-print", ".venv/bin/hengyang-print"):
                current = []
        else:
            current.append(word)
    if current is not None:
        out.append(current)
    return out
