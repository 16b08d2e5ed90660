"""Nothing lost: the PDF's text layer, read back, holds every block of the content whole and in reading order,
and every glyph it shows lies on the paper (inside the page's trim box).

Runs after every build (a few ms for a broadsheet page; the reader below, not a PDF library, whose import
alone took longer than the check). Whitespace is ignored: line
breaks and justification spaces are the layout's, not the content's. Blocks the page lists as overset
(built with overset allowed, marked on the page) are exempt: their loss is reported, not silent.
"""

from __future__ import annotations

import re
import zlib
from codecs import escape_decode
from functools import lru_cache
from pathlib import Path

from ..cache import code_version, remembered
from ..errors import BuildError
from ..load.blocks import content_blocks
from ..load.yamlread import locate
from ..model import Content, Layout, PlaceReport

_SPACE = re.compile(r"\s+")


def check_text_layer(pdf: bytes, content: Content, layout: Layout, report: PlaceReport) -> None:
    """Raise BuildError naming the first block (and character) the PDF does not carry in order, or the glyphs
    it sets off the paper."""
    got, off = _read(pdf)
    if off:
        ch, x, y = off[0]
        mm = 25.4 / 72
        raise BuildError(
            f"{layout.source}: {len(off)} glyph(s) would print off the paper, the first '{ch}' at"
            f" {x * mm:.1f} mm, {y * mm:.1f} mm from the trim's lower left (a bug: nothing was written; please report it with this layout)"
        )
    exempt = {o.block for o in report.overset}
    at = 0
    for block in content_blocks(content, layout):
        if block.id in exempt:
            continue
        want = _SPACE.sub("", block.text)
        found = got.find(want, at)
        if found >= 0:
            at = found + len(want)
            continue
        # the longest prefix that is there tells where the loss starts
        n = 0
        while n < len(want) and got.find(want[: n + 1], at) >= 0:
            n += 1
        offset = _original_offset(block.text, n)
        where = locate(content.source, block.id, offset)
        ch = block.text[offset]
        raise BuildError(
            f"{where}: {block.id}: character '{ch}' (U+{ord(ch):04X}) at offset {offset} is missing from the PDF's"
            " text layer, or out of order (a bug: nothing was written; please report it with this content file)"
        )


def _original_offset(text: str, kept: int) -> int:
    """Offset in `text` of its (kept)-th character that is not whitespace."""
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            if seen == kept:
                return i
            seen += 1
    return max(len(text) - 1, 0)


# ---------------------------------------------------------------- the PDF's text layer, read from its bytes
# A small reader of what a viewer's text extraction reads: the xref table, the page tree, each page's
# content streams (text-showing operators in order) and its fonts' ToUnicode CMaps. It reads the bytes
# ReportLab wrote and no ReportLab object; tests read the same PDFs with pdfplumber.

_TOKEN = re.compile(
    rb"\s*(?:%[^\r\n]*\s*)*(?:(<<|>>|\[|\])|(/[^\s/\[\]()<>{}%]*)|(\((?:[^()\\]|\\.)*\))|(<[0-9A-Fa-f\s]*>)|([^\s/\[\]()<>{}%]+))",
    re.S,
)
_REF = re.compile(rb"\s+(\d+)\s+R\b")
_NUMBERS = re.compile(rb"((?:\s*[-+.\d]+(?=[\s\]]))*)\s*\]")  # an array of numbers, as _value reads each: no references
# text-showing operators and font selection, skipping everything else in C: literal strings are written
# with their parentheses escaped (ReportLab, ISO 32000-1 7.3.4.2), so a string never holds an unescaped one
_STRING = rb"\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>"
_SHOW = re.compile(
    rb"/([^\s/\[\]()<>{}%]+)\s+[-+.\d]+\s+Tf|("
    + _STRING
    + rb")\s*(?:Tj|'|\")|\[((?:[^\]()<]|"
    + _STRING
    + rb")*)\]\s*TJ",
    re.S,
)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"\n": b"", b"\r": b"", b"\r\n": b""}


class _Ref(int):
    """An indirect reference (n 0 R)."""


def pdf_text(pdf: bytes) -> str:
    """All text of the PDF in content-stream order, whitespace removed."""
    return _read(pdf)[0]


def _read(pdf: bytes) -> tuple[str, list[tuple[str, float, float]]]:
    """(all text, whitespace removed; (char, x, y) of each glyph whose em box leaves its page's trim box)."""
    reader = _Reader(pdf)
    parts, off = [], []
    for page, resources in reader.pages(reader.get(reader.trailer[b"Root"])[b"Pages"], {}):
        fonts = {name: reader.get(font) for name, font in reader.get(resources.get(b"Font", {})).items()}
        cmap_bytes = {
            name: reader.stream(font[b"ToUnicode"]) if b"ToUnicode" in font else None for name, font in fonts.items()
        }
        cmaps = {name: _LATIN1 if raw is None else _parse_cmap_once(raw) for name, raw in cmap_bytes.items()}
        widths = {name: _widths(reader, font) for name, font in fonts.items()}
        box = [float(v) for v in reader.get(page.get(b"TrimBox") or page.get(b"MediaBox"))]
        contents = reader.get(page.get(b"Contents", []))
        tables = tuple((name, cmap_bytes[name], tuple(widths[name])) for name in fonts)
        for ref in contents if isinstance(contents, list) else [page[b"Contents"]]:
            text, outside = _shown_text_once(
                reader.stream(ref), tables, box, lambda content: _shown_text(content, cmaps, widths, box)
            )
            parts.append(text)
            off += outside
    return _SPACE.sub("", "".join(parts)), off


# What a content stream shows is a pure function of its bytes, its fonts' ToUnicode CMaps and widths (as bytes
# in the PDF) and the page's box; a rebuild of a page writes mostly the same streams and CMaps: each is read
# once, and kept across processes (in the cache's pack, cache.py). The PDF's bytes are still read, each
# stream compared whole with the one read before.
_PARSER = (Path(__file__),)
_shown: dict[tuple, tuple[str, list]] = {}


def _shown_text_once(content: bytes, tables: tuple, box: list[float], read) -> tuple[str, list]:
    key = (content, tables, tuple(box))
    got = _shown.get(key)
    if got is None:
        version = code_version(*_PARSER)
        if version is None:
            return read(content)
        got = remembered(
            "shown-text", repr((version, *key)), lambda: read(content), limit=SHOWN_KEPT, valid=_a_shown_text
        )
        if len(_shown) >= 64:
            _shown.clear()
        _shown[key] = got
    return got[0], list(got[1])


SHOWN_KEPT = 300  # content streams read (~60 KB each with their key): some 300 pages


def _a_shown_text(value) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], list)


def _parse_cmap_once(raw: bytes) -> tuple[int, dict[bytes, str]]:
    version = code_version(*_PARSER)
    if version is None:
        return _parse_cmap(raw)
    return remembered("cmaps", repr((version, raw)), lambda: _parse_cmap(raw), limit=SHOWN_KEPT * 6, valid=_a_cmap)


def _a_cmap(value) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], int) and isinstance(value[1], dict)


class _Reader:
    def __init__(self, data: bytes):
        self.data = data
        at = int(re.search(rb"startxref\s+(\d+)", data[-1024:]).group(1))
        if not data.startswith(b"xref", at):
            raise ValueError("not a PDF with a classic xref table")
        self.offsets: dict[int, int] = {}
        pos = at + 4
        while True:
            head = re.compile(rb"\s*(\d+)\s+(\d+)[ \t]*\r?\n").match(data, pos)
            if not head:
                break
            first, count = int(head.group(1)), int(head.group(2))
            pos = head.end()
            for n in range(count):
                entry = data[pos + 20 * n : pos + 20 * n + 18].split()
                if entry[2] == b"n":
                    self.offsets[first + n] = int(entry[0])
            pos += 20 * count
        self.trailer = self._value(data.index(b"<<", data.index(b"trailer", pos)))[0]

    def get(self, value):
        """The object a reference points to (a direct value as it is)."""
        while isinstance(value, _Ref):
            value = self._value(re.compile(rb"\d+\s+\d+\s+obj").match(self.data, self.offsets[value]).end())[0]
        return value

    def stream(self, ref: _Ref) -> bytes:
        start = re.compile(rb"\d+\s+\d+\s+obj").match(self.data, self.offsets[ref]).end()
        head, pos = self._value(start)
        pos = re.compile(rb"\s*stream\r?\n").match(self.data, pos).end()
        raw = self.data[pos : pos + self.get(head[b"Length"])]
        filters = self.get(head.get(b"Filter", []))
        for name in filters if isinstance(filters, list) else [filters]:
            if name != b"FlateDecode":
                raise ValueError(f"stream filter {name!r} not read")
            raw = zlib.decompress(raw)
        return raw

    def pages(self, ref, inherited: dict):
        node = self.get(ref)
        resources = node.get(b"Resources", inherited.get(b"Resources"))
        if node.get(b"Type") == b"Page":
            yield node, self.get(resources) or {}
        for kid in self.get(node.get(b"Kids", [])):
            yield from self.pages(kid, {b"Resources": resources})

    def _value(self, pos: int):
        m = _TOKEN.match(self.data, pos)
        delim, name, literal, hexa, word = m.groups()
        pos = m.end()
        if delim == b"<<":
            out = {}
            while True:
                m = _TOKEN.match(self.data, pos)
                if m.group(1) == b">>":
                    return out, m.end()
                key = m.group(2)[1:]
                out[key], pos = self._value(m.end())
        if delim == b"[":
            numbers = _NUMBERS.match(self.data, pos)  # a font's /Widths: hundreds of numbers, read at once
            if numbers:
                return [int(v) if v.isdigit() else v for v in numbers.group(1).split()], numbers.end()
            items = []
            while True:
                m = _TOKEN.match(self.data, pos)
                if m.group(1) == b"]":
                    return items, m.end()
                item, pos = self._value(pos)
                items.append(item)
        if name is not None:
            return name[1:], pos
        if literal is not None:
            return _unescape(literal[1:-1]), pos
        if hexa is not None:
            return bytes.fromhex(hexa[1:-1].decode()), pos
        if not word.isdigit():
            return word, pos  # a real, true, false, null: nothing here reads them
        ref = _REF.match(self.data, pos)
        return (_Ref(int(word)), ref.end()) if ref else (int(word), pos)


def _unescape(s: bytes) -> bytes:
    """A literal string's bytes (ISO 32000-1 7.3.4.2). What ReportLab writes (\\ddd below 256, \\( \\) \\\\ and
    \\n \\r \\t \\b \\f) Python's escape codec reads as PDF does, once the backslashes and parentheses are
    unescaped by hand; anything else (a backslash before a line end, an escape PDF ignores) escape by escape."""
    if 92 not in s:  # no backslash
        return s
    if _ODD_ESCAPE.search(s):
        return _ESCAPE.sub(_one_escape, s)
    return b"\\".join(escape_decode(part.replace(b"\\(", b"(").replace(b"\\)", b")"))[0] for part in s.split(b"\\\\"))


def _one_escape(m) -> bytes:
    e = m.group(1)
    return bytes([int(e, 8) & 0xFF]) if e[:1].isdigit() and e[:1] < b"8" else _ESCAPES.get(e, e)


# an escape the codec may read otherwise than PDF: any but \\ddd (first digit 0-3), \\n \\r \\t \\b \\f \\( \\) \\\\
# (a match inside an escaped backslash only sends the string the slow way)
_ODD_ESCAPE = re.compile(rb"\\(?:[^0-3nrtbf()\\]|$)")


_LATIN1_TABLE = {bytes([c]): chr(c) for c in range(256)}
_LATIN1 = (1, _LATIN1_TABLE)


@lru_cache(maxsize=256)
def _parse_cmap(cmap: bytes) -> tuple[int, dict[bytes, str]]:
    """A rebuild mostly embeds the same subsets as the build before, with the same CMaps: each parsed once a
    process (the callers only read the table)."""
    space = re.search(rb"begincodespacerange\s*<([0-9A-Fa-f]+)>", cmap)
    width = len(space.group(1)) // 2 if space else 1
    table: dict[bytes, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            table[bytes.fromhex(code.decode())] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dest in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            a, b = int(lo, 16), int(hi, 16)
            targets = re.findall(rb"<([0-9A-Fa-f]*)>", dest)
            for k, code in enumerate(range(a, b + 1)):
                if dest.startswith(b"["):
                    text = bytes.fromhex(targets[k].decode()).decode("utf-16-be") if k < len(targets) else "\ufffd"
                else:
                    start = bytes.fromhex(targets[0].decode())
                    text = (start[:-1] + bytes([start[-1] + k])).decode("utf-16-be")
                table[code.to_bytes(width, "big")] = text
    return width, table


def _decoder(width: int, table: dict[bytes, str]):
    """bytes -> text through a CMap; one-byte codes (every simple font) by str.translate, at C speed. Made once
    for each table (they are _parse_cmap's, kept for the process)."""
    made = _decoders.get(id(table))
    if made is None or made[0] is not table:
        made = _decoders[id(table)] = (table, _make_decoder(width, table))
        if len(_decoders) > 512:
            _decoders.clear()
    return made[1]


def _make_decoder(width: int, table: dict[bytes, str]):
    if width == 1:
        one = {c: table.get(bytes([c]), "\ufffd") for c in range(256)}
        return lambda raw: raw.decode("latin-1").translate(one)
    return lambda raw: "".join(table.get(raw[i : i + width], "\ufffd") for i in range(0, len(raw), width))


_decoders: dict[int, tuple] = {}  # id of a table -> (the table, its decoder)
_UNKNOWN = _make_decoder(1, {})  # no font selected yet: nothing to decode by


def _widths(reader: _Reader, font: dict) -> list[float]:
    """Glyph advances of a simple font, in thousandths of an em, by one-byte code (FirstChar, Widths);
    an em for a code it does not list."""
    first, widths = reader.get(font.get(b"FirstChar", 0)), reader.get(font.get(b"Widths", []))
    table = [1000.0] * 256
    for i, w in enumerate(widths if isinstance(first, int) and isinstance(widths, list) else []):
        if 0 <= first + i < 256:
            table[first + i] = float(reader.get(w))
    return table


EM_BOX = (-0.12, 0.88)  # the ideographic em box about the baseline, in em (fonts.py reads 0.88 from the fonts)
SLACK = 0.5  # pt: rounding of the numbers the content stream is written with
_NUM = rb"[-+]?(?:\d+\.?\d*|\.\d+)"
# what shows text (as _SHOW) and what places it; the operands of cm, Tm and Tz are read back from the operator
_OPS = re.compile(
    rb"/([^\s/\[\]()<>{}%]+)\s+(" + _NUM + rb")\s+Tf"
    rb"|(" + _STRING + rb")\s*(?:Tj|'|\")"
    rb"|\[((?:[^\]()<]|" + _STRING + rb")*)\]\s*TJ"
    rb"|(?<=\s)(Tm|cm|Tz|q|Q)(?=\s)",
    re.S,
)
_ARRAY_PART = re.compile(_STRING + rb"|" + _NUM, re.S)
_STRING_PART = re.compile(_STRING, re.S)
_LITERAL_INSIDE = re.compile(rb"\(((?:[^()\\]|\\.)*)\)", re.S)


def _shown_text(content: bytes, cmaps: dict, widths: dict | None = None, box: list[float] | None = None):
    """The text a content stream shows, in order, each string decoded through the current font's CMap; with
    widths and a box, also (char, x, y) of every glyph whose em box is not inside the box. Follows what places
    glyphs in the streams draw.py writes: cm (in q/Q), Tm, Tf, Tz, TJ adjustments and each glyph's advance."""
    out, off = [], []
    decoders = {name: (_decoder(*cmap), cmap[0] == 1) for name, cmap in cmaps.items()}
    decode, batched = _UNKNOWN, True
    shown: list[bytes] = []  # strings shown in the current font since it was selected, decoded together when one-byte
    advance = [1000.0] * 256
    ctm, stack = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), []
    tm = matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    size, scale, x = 0.0, 1.0, 0.0  # font size, horizontal scale, pen along the line in text space
    for m in _OPS.finditer(content):
        kind = m.lastindex  # 2: Tf, 3: a string shown, 4: a TJ array, 5: an operator that places
        if kind == 2:
            font = m.group(1)
            if shown:
                out.append(decode(b"".join(shown)))
                shown.clear()
            decode, batched = decoders.get(font) or (_UNKNOWN, True)
            advance, size = (widths or {}).get(font, advance), float(m.group(2))
            continue
        if kind == 5:
            op = m.group(5)
            if op in (b"Tm", b"cm"):
                six = tuple(float(v) for v in content[max(0, m.start() - 120) : m.start()].split()[-6:])
                if op == b"cm":
                    ctm = _times(six, ctm)
                else:
                    tm, x = six, 0.0
                matrix = _times(tm, ctm)
            elif op == b"Tz":
                scale = float(content[max(0, m.start() - 24) : m.start()].split()[-1]) / 100
            elif op == b"q":
                stack.append(ctm)
            elif stack:
                ctm = stack.pop()
            continue
        if kind == 3:
            single, array = m.group(3), None
            raw, moves = _bytes(single), ()
        else:
            single, array = None, m.group(4)
            # the codes of all its strings: a literal string ends on an unescaped ")", so no escape spans two of them
            raw = (
                _unescape(b"".join(_LITERAL_INSIDE.findall(array)))
                if b"<" not in array
                else b"".join(map(_bytes, _STRING_PART.findall(array)))
            )
            moves = [
                float(v) for v in _STRING_PART.sub(b" ", array).split()
            ]  # TJ adjustments, thousandths of an em, leftward
        if batched:
            shown.append(raw)
        else:  # codes of two bytes or more: each string decoded by itself
            out += (decode(_bytes(s)) for s in ([single] if array is None else _STRING_PART.findall(array)))
        if box is None:
            continue
        k, start = size * scale / 1000, x
        width = sum(map(advance.__getitem__, raw)) * k
        net, spread = sum(moves), sum(map(abs, moves))
        x += width - net * k
        # bounds of the line however its moves are ordered: back by every leftward move, ahead by every other
        lo, hi = start - (spread + net) / 2 * k, start + width + (spread - net) / 2 * k
        if not _inside(matrix, lo, hi - lo, size, box):  # the line leaves the page: which glyphs?
            off += _glyphs_off(
                [single] if array is None else _ARRAY_PART.findall(array), decode, advance, matrix, start, k, size, box
            )
    if shown:
        out.append(decode(b"".join(shown)))
    text = "".join(out)
    return text if box is None else (text, off)


def _bytes(s: bytes) -> bytes:
    """The codes of a string operand as written, (literal) or <hex>."""
    return bytes.fromhex(s[1:-1].decode()) if s[0] == 60 else _unescape(s[1:-1])


def _glyphs_off(parts, decode, advance, matrix, x, k, size, box) -> list[tuple[str, float, float]]:
    """(char, x, y) of each glyph of one text-showing operation whose em box leaves the box."""
    off = []
    for s in parts:
        if s[0] not in b"(<":
            x -= float(s) * k
            continue
        raw = _bytes(s)
        text = decode(raw)
        for code, ch in zip(raw, text) if len(raw) == len(text) else [(raw[0], text)]:
            width = advance[code] * k
            if not ch.isspace() and not _inside(matrix, x, width, size, box):
                off.append((ch, *_apply(matrix, x, 0.0, box)))
            x += width
    return off


def _times(m: tuple, n: tuple) -> tuple:
    """The matrix product m × n (PDF's row-vector convention: m applies first)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: tuple, x: float, y: float, box: list[float]) -> tuple[float, float]:
    """Page position of text-space (x, y), from the box's lower left."""
    a, b, c, d, e, f = m
    return x * a + y * c + e - box[0], x * b + y * d + f - box[1]


def _inside(m: tuple, x: float, width: float, size: float, box: list[float]) -> bool:
    """Does the em box of a glyph at x (text space) lie inside the box, on the page?"""
    a, b, c, d, e, f = m
    if b == c == 0:  # no rotation (all draw.py writes): the em box's corners directly
        x0, x1 = a * x + e, a * (x + width) + e
        y0, y1 = d * EM_BOX[0] * size + f, d * EM_BOX[1] * size + f
        return (
            box[0] - SLACK <= min(x0, x1)
            and max(x0, x1) <= box[2] + SLACK
            and box[1] - SLACK <= min(y0, y1)
            and max(y0, y1) <= box[3] + SLACK
        )
    corners = [_apply(m, gx, gy * size, box) for gx in (x, x + width) for gy in EM_BOX]
    w, h = box[2] - box[0], box[3] - box[1]
    return all(-SLACK <= px <= w + SLACK and -SLACK <= py <= h + SLACK for px, py in corners)
