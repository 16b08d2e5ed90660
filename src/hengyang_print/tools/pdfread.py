"""Open a PDF someone else made, within bounds: the one gate for preflight, diff and `check --pdf`.

Only regular files are read (a FIFO or a device would block or never end); the file's size, every
non-image stream's decompressed size, the nesting of its objects and reference loops are bounded before
anything parses the content. Any failure is a PdfInputError: one line naming the file.
"""

from __future__ import annotations

import base64
import io
import re
import stat
import zlib
from pathlib import Path

import pikepdf

from ..errors import BuildError
from ..i18n import _

MAX_FILE = 512 * 2**20  # bytes of PDF
MAX_STREAM = 64 * 2**20  # decompressed bytes of one content stream, form, pattern, font or profile
MAX_READER_CONTENT = 512 * 2**10  # content of a page (with its forms) for readers that hold every operator and take
# memory for each (PDFium, for diff and check --pdf: pages we built carry about 50 KB)
MAX_STREAMS = 256 * 2**20  # decompressed bytes of all of them together
MAX_IMAGE = 256 * 2**20  # bytes of one decoded image, as its dictionary declares it (decoders stop there)
MAX_DEPTH = 64  # arrays and dictionaries nested in one object
RATIO = {
    "/ASCIIHexDecode": 1,
    "/ASCII85Decode": 1,
    "/RunLengthDecode": 128,
    "/LZWDecode": 400,
    "/CCITTFaxDecode": 64,
    "/DCTDecode": 64,
    "/JBIG2Decode": 64,
    "/JPXDecode": 64,
}  # worst growth we assume for filters we do not decode here


class PdfInputError(BuildError):
    """A PDF that cannot be read safely: not a file, too big, damaged, encrypted (`encrypted`), a bomb."""

    def __init__(self, messages: str | list[str], encrypted: bool = False):
        super().__init__(messages)
        self.encrypted = encrypted


def _fail(path, why: str, encrypted: bool = False) -> PdfInputError:
    return PdfInputError(f"{path}: {why}", encrypted)


def regular_file(path: str | Path) -> Path:
    """The path, if it is a regular file no bigger than MAX_FILE (checked before any read can block)."""
    path = Path(path)
    try:
        info = path.stat()
    except OSError as exc:
        raise _fail(path, exc.strerror or str(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        if stat.S_ISFIFO(info.st_mode):
            kind = _("is a FIFO, not a regular file")
        elif stat.S_ISDIR(info.st_mode):
            kind = _("is a folder, not a regular file")
        else:
            kind = _("is a device or socket, not a regular file")
        raise _fail(path, kind)
    if info.st_size > MAX_FILE:
        big = _("is {size} MB; PDFs over {most} MB are not read")
        raise _fail(path, big.format(size=f"{info.st_size / 2**20:.0f}", most=MAX_FILE // 2**20))
    return path


def open_pdf(path: str | Path, warnings: list[str] | None = None, max_content: int | None = None) -> pikepdf.Pdf:
    """pikepdf's view of the file, checked against the bounds above. qpdf repairs a damaged file (a broken
    cross-reference table, a truncated end, nesting past its limit) and warns: that is an error, unless the
    caller passes a `warnings` list to collect them in (preflight goes on and reports them)."""
    path = regular_file(path)
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError as exc:
        raise _fail(path, exc.strerror or str(exc)) from None
    if b"%PDF-" not in head:
        raise _fail(path, _("not a PDF (no %PDF- header)"))
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise _fail(path, _("encrypted with a password; cannot be read"), encrypted=True) from None
    except (pikepdf.PdfError, OSError, RuntimeError) as exc:
        raise _fail(path, _unreadable(_warning(str(exc)))) from None
    try:
        found = check_bounds(pdf, path, max_content)
        if found and warnings is None:
            raise _fail(path, _("damaged PDF ({problem})").format(problem=found[0]))
        if warnings is not None:
            warnings.extend(found)
    except BaseException:
        pdf.close()
        raise
    return pdf


def clean_bytes(path: str | Path) -> bytes:
    """The file rewritten by qpdf after the checks (loops and damage resolved), for readers without limits (PDFium)."""
    with open_pdf(path, max_content=MAX_READER_CONTENT) as pdf:
        if pdf.is_encrypted:
            raise _fail(path, _("encrypted; cannot be read"), encrypted=True)
        out = io.BytesIO()
        try:
            pdf.save(out, deterministic_id=True)
        except (pikepdf.PdfError, RuntimeError) as exc:
            raise _fail(path, _unreadable(_short(exc))) from None
        return out.getvalue()


def _unreadable(problem: str) -> str:
    return _("not a readable PDF ({problem})").format(problem=problem)


def check_bounds(pdf: pikepdf.Pdf, path, max_content: int | None = None) -> list[str]:
    """Walk every object once: nesting depth, reference loops, decompressed stream sizes (and, given `max_content`,
    each page's content with its forms). Returns qpdf's warnings (reading resolves every object, so a damaged or
    looping one shows here)."""
    total = 0
    try:
        for obj in pdf.objects:
            _depth(obj, path)
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image:
                if image_bytes(obj) > MAX_IMAGE:
                    big = _("image object {number} declares more than {most} MB of pixels")
                    raise _fail(path, big.format(number=obj.objgen[0], most=MAX_IMAGE // 2**20))
            elif isinstance(obj, pikepdf.Stream):
                size = stream_size(obj, MAX_STREAM)
                if size > MAX_STREAM:
                    bomb = _("object {number} decompresses to more than {most} MB (a compression bomb?)")
                    raise _fail(path, bomb.format(number=obj.objgen[0], most=MAX_STREAM // 2**20))
                total += size
                if total > MAX_STREAMS:
                    bomb = _("streams decompress to more than {most} MB in all (a compression bomb?)")
                    raise _fail(path, bomb.format(most=MAX_STREAMS // 2**20))
        walked: set = set()
        for number, page in enumerate(pdf.pages, 1):
            _form_loops(page.obj, [], path, walked)
            if max_content is not None and page_content(page.obj, max_content) > max_content:
                big = _("page {number} has more than {most} KB of content; not a page built here")
                raise _fail(path, big.format(number=number, most=max_content // 2**10))
    except (pikepdf.PdfError, RuntimeError, RecursionError) as exc:
        raise _fail(path, _unreadable(_short(exc))) from None
    return [_warning(w) for w in pdf.get_warnings()]


def _form_loops(owner, drawing: list, path, done: set | None = None) -> None:
    """A form or pattern that draws itself, directly or through others, would send a reader round forever.
    `done`: forms already walked to the end (shared forms are walked once)."""
    done = set() if done is None else done
    resources = owner.get("/Resources")
    if not isinstance(resources, pikepdf.Dictionary):
        return
    for kind in ("/XObject", "/Pattern"):
        for name, obj in (resources.get(kind) or {}).items():
            if not isinstance(obj, pikepdf.Stream) or obj.get("/Subtype") == pikepdf.Name.Image:
                continue
            if obj.objgen in drawing:
                loop = _("reference loop: object {number} ({name}) draws itself")
                raise _fail(path, loop.format(number=obj.objgen[0], name=name))
            if len(drawing) > MAX_DEPTH:
                raise _fail(path, _("forms nested deeper than {most} levels").format(most=MAX_DEPTH))
            if obj.objgen not in done:
                _form_loops(obj, drawing + [obj.objgen], path, done)
                done.add(obj.objgen)


def page_content(page, limit: int) -> int:
    """Decompressed bytes of a page's content streams and the forms it draws (each once), counted up to `limit`."""
    contents = page.get("/Contents")
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
    seen, total, todo = set(), 0, [page]
    while todo and total <= limit:
        owner = todo.pop()
        xobjects = (owner.get("/Resources") or {}).get("/XObject") or {}
        for obj in xobjects.values():
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Form and obj.objgen not in seen:
                seen.add(obj.objgen)
                streams.append(obj)
                todo.append(obj)
    for stream in streams:
        if isinstance(stream, pikepdf.Stream) and total <= limit:
            total += stream_size(stream, limit)
    return total


def image_bytes(image: pikepdf.Stream) -> int:
    """Decoded size of an image as its dictionary declares it."""
    try:
        w, h, bits = int(image.get("/Width", 0)), int(image.get("/Height", 0)), int(image.get("/BitsPerComponent", 1))
    except (TypeError, ValueError):
        return 0
    cs = image.get("/ColorSpace")
    n = {"/DeviceCMYK": 4, "/DeviceRGB": 3}.get(str(cs), 4 if isinstance(cs, pikepdf.Array) else 1)
    return w * h * n * bits // 8


def _depth(obj, path) -> None:
    todo = [(obj, 0)]
    while todo:
        item, depth = todo.pop()
        if depth > MAX_DEPTH:
            raise _fail(path, _("objects nested deeper than {most} levels").format(most=MAX_DEPTH))
        if isinstance(item, pikepdf.Stream):
            item = item.stream_dict
        if isinstance(item, (pikepdf.Array, pikepdf.Dictionary)):
            values = item.as_list() if isinstance(item, pikepdf.Array) else item.values()
            todo.extend((v, depth + 1) for v in values if isinstance(v, pikepdf.Object) and not v.is_indirect)


def stream_size(stream: pikepdf.Stream, limit: int) -> int:
    """Decompressed size of a stream, counted without holding more than a chunk; stops just past `limit`."""
    filters = stream.get("/Filter")
    filters = [
        str(f) for f in (filters if isinstance(filters, pikepdf.Array) else [filters] if filters is not None else [])
    ]
    raw = stream.read_raw_bytes()
    while filters and filters[0] in ASCII_FILTERS:  # text encodings (ReportLab's A85 before Flate): never grow
        try:
            raw = ASCII_FILTERS[filters.pop(0)](raw)
        except ValueError:
            return len(raw)  # a broken stream: its reader reports it
    if not filters:
        return len(raw)
    if filters[0] == "/FlateDecode":
        inflate, size, data = zlib.decompressobj(), 0, raw
        try:
            while data and size <= limit:
                size += len(inflate.decompress(data, 2**20))
                data = inflate.unconsumed_tail
        except zlib.error:
            return len(raw)  # a broken stream: its reader reports it
        growth = 1
        for f in filters[1:]:
            growth *= RATIO.get(f, 1)
        return size * growth
    growth = 1
    for f in filters:
        growth *= RATIO.get(f, 1) if f != "/FlateDecode" else 1032  # zlib's ceiling
    return len(raw) * growth


def _ascii85(data: bytes) -> bytes:
    data = re.sub(rb"\s", b"", data)
    return base64.a85decode(data[:-2] if data.endswith(b"~>") else data)


def _ascii_hex(data: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", data).rstrip(b">")
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


ASCII_FILTERS = {"/ASCII85Decode": _ascii85, "/A85": _ascii85, "/ASCIIHexDecode": _ascii_hex, "/AHx": _ascii_hex}


def _warning(text: str) -> str:
    """qpdf's warning without the file name it starts with (the caller names the file once)."""
    text = text.strip()
    head, sep, rest = text.partition("): ") if "): " in text else text.partition(": ")
    where = head.partition(" (")[2]
    return _short(f"{where}: {rest}" if sep and where else rest if sep else text)


def _short(exc) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]
