"""The tool's words in its reader's language: Chinese where the locale asks for it, English otherwise.

Every text a person reads goes through `_()` (`ngettext` where a count decides the form): the English is
the msgid, the Chinese its entry in locale/zh_CN/LC_MESSAGES/hengyang_print.po (compiled to the .mo beside
it; `make messages` extracts and compiles them with Babel). Placeholders are named and filled after the
lookup, `_("{path}: not found").format(path=path)`, so that a translation may order them its own way. What
a user types or greps stays as it is inside a message: FILE:LINE:COL, block ids, YAML keys, commands and
options, the severity words `error:`/`warning:`/`note:` that editors' problem matchers read, the report's line
keys (`copyfit:`, `fit:`, `to fit:`) and the audit's rule codes (`headers-abreast`).

The language is read once per process from the variables gettext reads, in its order (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG: the first one set; LANGUAGE may list several): zh, zh_CN, zh_SG or zh_Hans (any
encoding) → Chinese; English or C → English, as is anything else. `use()` switches: the tests, and
`--format json`, whose documents keep English text so that scripts read the same words in every locale.

argparse looks its own words up ("usage:", "the following arguments are required") with the standard
gettext module in the process's text domain; the command line points that domain at our catalog `argparse`
(translate_argparse). gettext finds that catalog from the same variables (zh and zh_CN*; not zh_Hans or
zh_SG, whose few argparse words stay English).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "hengyang_print"
ARGPARSE_DOMAIN = "argparse"
LOCALE_DIR = Path(__file__).parent / "locale"
CHINESE, ENGLISH = "zh_CN", "en"
VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_chosen: tuple[str, gettext.NullTranslations] | None = None


def language_of(environ: Mapping[str, str]) -> str:
    """CHINESE or ENGLISH, as the locale variables of `environ` ask: the first variable set decides; of
    its entries (LANGUAGE=fr:zh_CN), the first that names English, C or Simplified Chinese."""
    for name in VARIABLES:
        if environ.get(name):
            for entry in environ[name].split(":"):
                tag = entry.split(".")[0].split("@")[0].replace("-", "_").lower()
                if tag in ("c", "posix") or tag.split("_")[0] == "en":
                    return ENGLISH
                if _simplified_chinese(tag.split("_")):
                    return CHINESE
            return ENGLISH
    return ENGLISH


def _simplified_chinese(parts: list[str]) -> bool:
    """zh, zh_cn, zh_sg, zh_hans, zh_hans_hk; not zh_tw, zh_hk, zh_hant (no Traditional catalog)."""
    if parts[0] != "zh":
        return False
    rest = set(parts[1:])
    return "hans" in rest or ("hant" not in rest and rest <= {"cn", "sg"})


def use(language: str | None = None) -> None:
    """Speak `language` (CHINESE or ENGLISH) from now on; None: the one the environment asks for."""
    global _chosen
    language = language_of(os.environ) if language is None else language
    if language == CHINESE:
        catalog = gettext.translation(DOMAIN, LOCALE_DIR, languages=[CHINESE], fallback=True)
    else:
        catalog = gettext.NullTranslations()
    _chosen = (language, catalog)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak `language` inside the block, then as before: a record written for programs (a release record)
    in English whatever the reader's language."""
    global _chosen
    before = _chosen
    use(language)
    try:
        yield
    finally:
        _chosen = before


def language() -> str:
    """The language messages are in."""
    return _current()[0]


def _(message: str) -> str:
    return _current()[1].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current()[1].ngettext(singular, plural, n)


def _current() -> tuple[str, gettext.NullTranslations]:
    """The language and its catalog, chosen from the environment on first use."""
    if _chosen is None:
        use()
    return _chosen


def N_(message: str) -> str:
    """Marks a text for the catalog where it is written down (a constant); `_()` translates it where it is used."""
    return message


def translate_argparse() -> None:
    """argparse's own words ("usage:", "error:" lines' texts) from our `argparse` catalog: argparse asks the
    gettext module, in the process's current text domain. For a program's command line only (it sets the
    process's domain); the language is the one gettext reads from the environment."""
    gettext.bindtextdomain(ARGPARSE_DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(ARGPARSE_DOMAIN)


def argparse_text(message: str) -> str:
    """One of argparse's own messages as argparse prints it in this locale (the parser's own hints build on it)."""
    return gettext.dgettext(ARGPARSE_DOMAIN, message)
