"""cli/regexes.py: compiled patterns stored by one run and put into re's cache by the next behave as
re's compiler makes them; a damaged store is ignored."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PATTERNS = [
    (r"(?P<year>\d{4})-(?P<month>\d\d)", 0, "on 2018-12 and 2019-01"),
    (r"[^\t\n\r -~\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", 0, "ok\x07bad"),
    (r"^\s*# (.*)$", "M", "a\n  # one\n# two"),
    (r"(?x) [a-z]+ \s* = \s* (\d+)", 0, "width = 12, height=3"),
    (rb"/([^\s/\[\]()<>{}%]+)\s+(\d+)\s+Tf", 0, b"BT /F1+0 9 Tf ET /F2 50 Tf"),
    (r"ǅ+", "I", "ǆǅǄ"),
]

CODE = """
import json, re, sys
from hengyang_print.cli import regexes
regexes.preload()
patterns = [(p.encode('latin-1') if kind == 'b' else p, getattr(re, f) if f else 0, s.encode('latin-1') if kind == 'b' else s) for kind, p, f, s in json.loads(sys.argv[1])]
found = [(type(p), p, int(f)) in re._cache for p, f, _ in patterns]
out = []
for p, f, s in patterns:
    got = re.compile(p, f)
    fresh = re._compiler.compile(p, f)
    out.append([got.pattern == fresh.pattern, got.flags == fresh.flags, got.groupindex == fresh.groupindex, got.groups == fresh.groups,
                repr([m.groups() or m.group() for m in got.finditer(s)]) == repr([m.groups() or m.group() for m in fresh.finditer(s)])])
regexes.store()
print(json.dumps({'found': found, 'same': out}))
"""


def run(cache) -> dict:
    spec = [
        [
            "b" if isinstance(p, bytes) else "s",
            p.decode("latin-1") if isinstance(p, bytes) else p,
            f,
            s.decode("latin-1") if isinstance(s, bytes) else s,
        ]
        for p, f, s in PATTERNS
    ]
    env = dict(os.environ, HENGYANG_PRINT_CACHE=str(cache))
    env.pop("HENGYANG_PRINT_NO_CACHE", None)
    out = subprocess.run(
        [sys.executable, "-c", CODE, json.dumps(spec)], capture_output=True, text=True, env=env, check=True
    ).stdout
    return json.loads(out)


def test_a_second_run_takes_the_stored_patterns_and_they_match_as_compiled(tmp_path):
    first = run(tmp_path)
    assert not any(first["found"]) and all(all(s) for s in first["same"])
    second = run(tmp_path)
    assert all(second["found"]), "every pattern of the first run is in re's cache before it is compiled"
    assert all(all(s) for s in second["same"])


def test_a_damaged_store_is_ignored(tmp_path):
    run(tmp_path)
    (store,) = tmp_path.glob("regexes-*.marshal")
    data = bytearray(store.read_bytes())
    data[len(data) // 2] ^= 0xFF
    store.write_bytes(bytes(data))
    damaged = run(tmp_path)
    assert not any(damaged["found"]) and all(all(s) for s in damaged["same"])
