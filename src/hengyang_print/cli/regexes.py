"""Compiled regular expressions kept between runs of the command line, as Python keeps a module's bytecode.

A build compiles some 80 patterns on its way (PyYAML's resolver and reader, ReportLab's, the composer's
and read-back's): ~10 ms of a start on a quiet machine, the same every time. The first run stores each
pattern's compiled program (what re's compiler hands to _sre.compile) in the cache folder; later runs put
the patterns, rebuilt from it, into re's own cache before anything is imported, so every re.compile of
those patterns finds its answer there. The result is the same Pattern object re would make: _sre checks
the program as it takes it, and the store is keyed by the interpreter (the program's format is its own)
and checksummed; anything amiss (absent, torn, another interpreter's) and re compiles as usual.
"""

from __future__ import annotations

import marshal
import re
import sys

from .. import atomic, cache

# ReportLab makes one pattern from a set at import, in an order that differs with every process's string
# hashes: a run that finds only one pattern new does not write (a code change adding a single pattern is
# stored with the next change; until then it is compiled as it always was)
MIN_NEW = 2
MAX_STORED = (
    300  # beyond this (patterns made from data, versions piling up) only this run's are kept; re's own cache holds 512
)
_stored: dict[tuple, tuple] = {}  # (type, pattern, flags) -> what _sre.compile takes, as read from the store


def _file():
    import _sre

    tag = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return cache.cache_dir() / f"regexes-{tag}.marshal"


def preload() -> None:
    """Fill re's cache from the store (before the modules that compile patterns at import are imported)."""
    if not cache.enabled():
        return
    try:
        import _sre

        data = _file().read_bytes()
        body = data[4:]
        if int.from_bytes(data[:4], "big") != cache.checksum(body):
            return
        for entry in marshal.loads(body):
            pattern, flags, final_flags, code, groups, groupindex, indexgroup = entry
            key = (type(pattern), pattern, flags)
            re._cache[key] = _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)
            _stored[key] = entry
    except Exception:  # absent, torn, another interpreter's: re compiles as usual
        return


def store() -> None:
    """Write the store again if this run compiled patterns it lacks (a first run, changed patterns):
    compiling those once more here is what that run pays; a run that found them all writes nothing."""
    if not cache.enabled():
        return
    used = [k for k in list(re._cache) if not k[2] & re.DEBUG]
    new = [k for k in used if k not in _stored]
    if len(new) < (1 if not _stored else MIN_NEW):
        return
    try:
        from re import _compiler, _parser

        entries = (
            dict(_stored) if len(_stored) + len(new) <= MAX_STORED else {k: _stored[k] for k in used if k in _stored}
        )
        for key in new:
            _, pattern, flags = key
            parsed = _parser.parse(pattern, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup = [None] * parsed.state.groups
            for name, i in groupindex.items():
                indexgroup[i] = name
            code = [int(op) for op in _compiler._code(parsed, flags)]  # plain ints: re's opcodes are an int subclass
            entries[key] = (
                pattern,
                int(flags),
                int(flags | parsed.state.flags),
                code,
                parsed.state.groups - 1,
                groupindex,
                tuple(indexgroup),
            )
        body = marshal.dumps(list(entries.values())[-MAX_STORED:])
        atomic.store(_file(), cache.checksum(body).to_bytes(4, "big") + body)
    except Exception:  # a cache is only a shortcut
        return
