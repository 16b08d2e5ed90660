"""The message catalogs are complete and current: every message the code marks is in the template, every
one has its Chinese, the compiled catalogs say what the .po files say, and a translation keeps its
placeholders. argparse's own words are translated for the Python running the tests (make matrix: all).
Fix a failure with `make messages`, then translate what it marked new in the .po."""

from __future__ import annotations

import argparse
import ast
import gettext
import re
import struct
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from hengyang_print import i18n

PACKAGE = Path(i18n.__file__).parent
LOCALE = i18n.LOCALE_DIR
POT = LOCALE / "hengyang_print.pot"
CATALOGS = LOCALE / "zh_CN" / "LC_MESSAGES"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}  # as `make messages` extracts (Makefile: --keyword N_)
BRACES = re.compile(r"\{(\w+)(?:[:!][^{}]*)?\}")  # str.format's named fields: {path}, {seconds:.2f}
PERCENT = re.compile(r"%(?:\((\w+)\))?[sdr]")  # argparse's: %(prog)s, %s, %r


def read(path: Path):
    with open(path, "rb") as f:
        return read_po(f)


def ids(catalog) -> set:
    return {m.id for m in catalog if m.id}


def test_the_template_holds_every_message_the_code_marks():
    in_code = {message for _f, _l, message, _c, _ctx in extract_from_dir(PACKAGE, keywords=KEYWORDS)}
    in_template = ids(read(POT))
    assert in_code, "no message found: the extraction looked in the wrong place"
    assert sorted(map(str, in_code - in_template)) == [], "not in the template: run make messages"
    assert sorted(map(str, in_template - in_code)) == [], "in the template but gone from the code: run make messages"


@pytest.mark.parametrize("domain", ["hengyang_print", "argparse"])
def test_every_message_has_its_chinese(domain):
    catalog = read(CATALOGS / f"{domain}.po")
    wanted = ids(read(POT)) if domain == "hengyang_print" else ids(catalog)
    by_id = {m.id: m for m in catalog if m.id}
    missing = [m for m in wanted if m not in by_id]
    untranslated = [m for m in wanted if m in by_id and not all(_forms(by_id[m].string))]
    fuzzy = [m for m in wanted if m in by_id and by_id[m].fuzzy]
    assert (missing, untranslated, fuzzy) == ([], [], [])
    assert catalog.plural_forms == "nplurals=1; plural=0;"  # Chinese has one form for every count


@pytest.mark.parametrize("domain", ["hengyang_print", "argparse"])
def test_the_compiled_catalog_says_what_the_po_says(domain):
    """gettext reads the .mo: it must hold each translation of the .po, and nothing else."""
    catalog = read(CATALOGS / f"{domain}.po")
    data = (CATALOGS / f"{domain}.mo").read_bytes()
    with open(CATALOGS / f"{domain}.mo", "rb") as f:
        compiled = gettext.GNUTranslations(f)
    messages = [m for m in catalog if m.id]
    for m in messages:
        if isinstance(m.id, tuple):
            for n in (1, 2, 5):
                assert compiled.ngettext(*m.id, n) == m.string[0], m.id
        else:
            assert compiled.gettext(m.id) == m.string, m.id
    (count,) = struct.unpack("<I", data[8:12])  # the .mo header: number of strings (the catalog header is one)
    assert count == len(messages) + 1, "the .mo holds other messages than the .po: run make messages"


@pytest.mark.parametrize("domain", ["hengyang_print", "argparse"])
def test_a_translation_keeps_the_placeholders_of_its_message(domain):
    fields = PERCENT if domain == "argparse" else BRACES
    wrong = []
    for m in read(CATALOGS / f"{domain}.po"):
        if not m.id:
            continue
        wanted = set(fields.findall(m.id[-1] if isinstance(m.id, tuple) else m.id))
        for form in _forms(m.string):
            if set(fields.findall(form)) != wanted:  # each field, once or more (the Chinese may name one twice)
                wrong.append((m.id, form))
    assert wrong == []


def test_the_placeholder_check_sees_a_dropped_or_renamed_field():
    assert set(BRACES.findall("{path}: cannot read ({reason})")) != set(BRACES.findall("{path}: 无法读取"))
    assert set(BRACES.findall("{a} {b}")) != set(BRACES.findall("{a} {c}"))
    assert BRACES.findall("added {seconds:.2f} s, {+added+}") == ["seconds"]  # diff's {+…+} is text, not a field
    assert PERCENT.findall("%(prog)s: error: %(message)s %r") == ["prog", "message", ""]


def test_argparse_words_of_this_python_are_translated():
    """Python 3.12 added words 3.11 lacks (deprecations, 'subcommands'): the catalog has each version's."""
    used = {message for _l, message, _c, _ctx in extract_from_file("python", argparse.__file__)}
    assert len(used) > 30
    assert sorted(map(str, used - ids(read(CATALOGS / "argparse.po")))) == []


def test_no_function_that_speaks_binds_the_underscore():
    """`_` is the translation function: a function that also assigns `_` (`for _, x in …`) makes it a local
    name, and its _() calls fail with UnboundLocalError only when they run."""
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and _speaks(fn) and _binds_underscore(fn):
                wrong.append(f"{path.relative_to(PACKAGE)}:{fn.lineno} {fn.name}")
    assert wrong == []


def test_the_underscore_check_sees_a_loop_variable():
    fn = ast.parse("def f(xs):\n    for _, x in xs:\n        print(_('{x}'))\n").body[0]
    assert _speaks(fn) and _binds_underscore(fn)
    fn = ast.parse("def f(xs):\n    print(_('a'), [x for _, x in xs])\n").body[0]  # a comprehension's own scope
    assert _speaks(fn) and not _binds_underscore(fn)


def _speaks(fn: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_" for n in ast.walk(fn))


def _binds_underscore(fn: ast.AST) -> bool:
    scopes = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda, ast.FunctionDef, ast.ClassDef)
    stack = list(ast.iter_child_nodes(fn))
    while stack:
        node = stack.pop()
        if isinstance(node, scopes):
            continue
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
            return True
        stack.extend(ast.iter_child_nodes(node))
    return False


def _forms(string) -> tuple:
    return string if isinstance(string, tuple) else (string,)
