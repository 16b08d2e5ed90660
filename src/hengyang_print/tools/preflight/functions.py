"""PDF functions (ISO 32000-1 §7.10), evaluated: sampled (type 0), exponential (2), stitching (3) and PostScript
calculator (4). Shadings map their parameter t to a colour through them; preflight samples them to measure ink.

`load(obj)` gives a callable from a list of inputs to a list of outputs, clipped to the function's Domain and
Range; None when the object is not a function this module reads (the caller then does not measure).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import pikepdf

Function = Callable[[list[float]], list[float]]
MAX_SAMPLES = 2**20  # values of a sampled function read here; a bigger table is not evaluated


def load(obj, depth: int = 0) -> Function | None:
    """The function an object (a dictionary, a stream, or an array of one-output functions) defines."""
    if isinstance(obj, pikepdf.Array):
        parts = [load(part, depth + 1) for part in obj]
        if not parts or None in parts:
            return None
        return lambda xs: [f(xs)[0] for f in parts]
    if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)) or depth > 8:
        return None
    domain = _numbers(obj.get("/Domain", [0, 1]))
    range_ = _numbers(obj.get("/Range", [])) or None
    kind = int(obj.get("/FunctionType", -1))
    inner = (
        _sampled(obj, domain)
        if kind == 0
        else _exponential(obj)
        if kind == 2
        else _stitching(obj, domain, depth)
        if kind == 3
        else _calculator(obj)
        if kind == 4
        else None
    )
    if inner is None:
        return None

    def evaluate(xs: list[float]) -> list[float]:
        xs = [_clip(x, domain[2 * i], domain[2 * i + 1]) for i, x in enumerate(xs[: len(domain) // 2])]
        ys = inner(xs)
        return [_clip(y, range_[2 * i], range_[2 * i + 1]) for i, y in enumerate(ys)] if range_ else ys

    return evaluate


def _numbers(values) -> list[float]:
    return [float(v) for v in values]


def _clip(x: float, low: float, high: float) -> float:
    return min(max(x, low), high)


def _interpolate(x: float, x0: float, x1: float, y0: float, y1: float) -> float:
    return y0 if x1 == x0 else y0 + (x - x0) * (y1 - y0) / (x1 - x0)


def _exponential(obj) -> Function | None:
    c0 = _numbers(obj.get("/C0", [0.0]))
    c1 = _numbers(obj.get("/C1", [1.0]))
    n = float(obj.get("/N", 1))
    if len(c0) != len(c1):
        return None
    return lambda xs: [a + (xs[0] ** n if xs[0] >= 0 or n == int(n) else 0.0) * (b - a) for a, b in zip(c0, c1)]


def _stitching(obj, domain: list[float], depth: int) -> Function | None:
    parts = [load(f, depth + 1) for f in obj.get("/Functions", [])]
    bounds = _numbers(obj.get("/Bounds", []))
    encode = _numbers(obj.get("/Encode", []))
    if not parts or None in parts or len(bounds) != len(parts) - 1 or len(encode) != 2 * len(parts):
        return None
    edges = [domain[0], *bounds, domain[1]]

    def evaluate(xs: list[float]) -> list[float]:
        x = xs[0]
        k = sum(x >= b for b in bounds)
        return parts[k]([_interpolate(x, edges[k], edges[k + 1], encode[2 * k], encode[2 * k + 1])])

    return evaluate


def _sampled(obj, domain: list[float]) -> Function | None:
    """A sampled function of one input (linear between samples) or more (the nearest sample)."""
    if not isinstance(obj, pikepdf.Stream):
        return None
    size = [int(s) for s in obj.get("/Size", [])]
    bits = int(obj.get("/BitsPerSample", 8))
    range_ = _numbers(obj.get("/Range", []))
    m, n = len(size), len(range_) // 2
    count = math.prod(size) * n if size else 0
    if not m or not n or count > MAX_SAMPLES or bits not in (1, 2, 4, 8, 12, 16, 24, 32):
        return None
    encode = _numbers(obj.get("/Encode", [v for s in size for v in (0, s - 1)]))
    decode = _numbers(obj.get("/Decode", range_))
    samples = _unpack(obj.read_bytes(), bits, count)
    if len(samples) < count:
        return None
    top = 2**bits - 1

    def value(index: list[int], j: int) -> float:
        offset, stride = 0, 1
        for i, s in zip(index, size):
            offset += i * stride
            stride *= s
        return _interpolate(samples[offset * n + j], 0, top, decode[2 * j], decode[2 * j + 1])

    def evaluate(xs: list[float]) -> list[float]:
        e = [
            _clip(_interpolate(x, domain[2 * i], domain[2 * i + 1], encode[2 * i], encode[2 * i + 1]), 0, size[i] - 1)
            for i, x in enumerate(xs)
        ]
        if m == 1:
            low = int(e[0])
            high = min(low + 1, size[0] - 1)
            return [_interpolate(e[0], low, low + 1, value([low], j), value([high], j)) for j in range(n)]
        return [value([round(x) for x in e], j) for j in range(n)]

    return evaluate


def _unpack(data: bytes, bits: int, count: int) -> list[int]:
    if bits == 8:
        return list(data[:count])
    if bits % 8 == 0:
        step = bits // 8
        return [int.from_bytes(data[i : i + step], "big") for i in range(0, min(len(data), count * step), step)]
    number = int.from_bytes(data, "big")
    total, mask = len(data) * 8, (1 << bits) - 1
    return [(number >> (total - bits * (i + 1))) & mask for i in range(min(count, total // bits))]


# ---------------------------------------------------------------- type 4: the PostScript calculator

TOKEN = re.compile(rb"[{}]|[^\s{}]+")
MAX_STEPS = 10_000  # operators one evaluation may run (the language has no loops; this bounds deep nesting)


def _calculator(obj) -> Function | None:
    if not isinstance(obj, pikepdf.Stream):
        return None
    try:
        program = _parse(TOKEN.findall(obj.read_bytes()))
    except (ValueError, IndexError):
        return None

    def evaluate(xs: list[float]) -> list[float]:
        stack: list = list(xs)
        try:
            _run(program, stack, [0])
        except (ValueError, IndexError, TypeError, ZeroDivisionError, OverflowError):
            return []
        return [float(v) for v in stack]

    return evaluate


def _parse(tokens: list[bytes]) -> list:
    """Tokens of `{ … }` to nested lists: numbers, operator names, and procedures (lists) for if/ifelse."""
    stack: list[list] = [[]]
    for token in tokens:
        if token == b"{":
            stack.append([])
        elif token == b"}":
            proc = stack.pop()
            stack[-1].append(proc)
        else:
            text = token.decode("latin-1")
            try:
                stack[-1].append(float(text) if "." in text or "e" in text.lower() else int(text))
            except ValueError:
                stack[-1].append(text)
    if len(stack) != 1 or len(stack[0]) != 1 or not isinstance(stack[0][0], list):
        raise ValueError("not one procedure")
    return stack[0][0]


UNARY = {
    "abs": abs,
    "neg": lambda a: -a,
    "ceiling": math.ceil,
    "floor": math.floor,
    "round": lambda a: math.floor(a + 0.5),
    "truncate": math.trunc,
    "sqrt": math.sqrt,
    "sin": lambda a: math.sin(math.radians(a)),
    "cos": lambda a: math.cos(math.radians(a)),
    "ln": math.log,
    "log": math.log10,
    "cvi": int,
    "cvr": float,
    "not": lambda a: (not a) if isinstance(a, bool) else ~a,
}
BINARY = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "idiv": lambda a, b: int(a / b),
    "mod": lambda a, b: int(math.fmod(a, b)),
    "exp": lambda a, b: a**b,
    "atan": lambda a, b: math.degrees(math.atan2(a, b)) % 360,
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
    "and": lambda a, b: a and b if isinstance(a, bool) else a & b,
    "or": lambda a, b: a or b if isinstance(a, bool) else a | b,
    "xor": lambda a, b: a != b if isinstance(a, bool) else a ^ b,
    "bitshift": lambda a, b: a << b if b >= 0 else a >> -b,
}


def _run(program: list, stack: list, steps: list[int]) -> None:
    for item in program:
        steps[0] += 1
        if steps[0] > MAX_STEPS:
            raise ValueError("too many steps")
        if not isinstance(item, str):
            stack.append(item)
        elif item in UNARY:
            stack.append(UNARY[item](stack.pop()))
        elif item in BINARY:
            b, a = stack.pop(), stack.pop()
            stack.append(BINARY[item](a, b))
        elif item in ("true", "false"):
            stack.append(item == "true")
        elif item == "dup":
            stack.append(stack[-1])
        elif item == "pop":
            stack.pop()
        elif item == "exch":
            stack[-1], stack[-2] = stack[-2], stack[-1]
        elif item == "copy":
            n = stack.pop()
            stack.extend(stack[len(stack) - n :] if n else [])
        elif item == "index":
            stack.append(stack[-1 - stack.pop()])
        elif item == "roll":
            j, n = stack.pop(), stack.pop()
            if n:
                top = stack[-n:]
                j %= n
                stack[-n:] = top[-j:] + top[:-j]
        elif item == "if":
            proc, condition = stack.pop(), stack.pop()
            if condition:
                _run(proc, stack, steps)
        elif item == "ifelse":
            otherwise, proc, condition = stack.pop(), stack.pop(), stack.pop()
            _run(proc if condition else otherwise, stack, steps)
        else:
            raise ValueError(f"unknown operator {item}")
