"""Who signs what: the chain of roles and the people who may hold each, from hengyang-print.toml.

    [signoff]
    chain = ["一校", "二校", "三校", "责任编辑", "部门主任", "值班总编"]   # the default, in signing order
    local_user = "王芳"            # who the local user is (default: the login name)

    [signoff.roles]               # who may hold each role; leave the table out and anyone may hold any
    "一校" = ["王芳", "李明"]
    "值班总编" = ["赵刚"]

    [signoff.passwords]           # for the proof room served beyond 127.0.0.1: hash_password()'s output
    "赵刚" = "scrypt$16384$8$1$…$…"

The default chain is 三审三校: three proofreading passes (一校, 二校, 三校), then the three reviews,
责任编辑 初审, 部门主任 复审 and 值班总编 终审 (签字付印). Until [signoff.roles] names people, the local
user may hold any role (status says so). A role [signoff.roles] leaves out can be held by no one.
"""

from __future__ import annotations

import base64
import difflib
import getpass
import hashlib
import hmac
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _
from ..paths import MARKER
from .errors import LedgerError

DEFAULT_CHAIN = ("一校", "二校", "三校", "责任编辑", "部门主任", "值班总编")
KEYS = ("chain", "local_user", "roles", "passwords")
# scrypt's cost (RFC 7914): n 2^14, r 8: 16 MB and ~50 ms a password on this machine, OWASP's minimum
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True, slots=True)
class Signoff:
    """The chain of roles, who may hold each, the local user and the room's password hashes."""

    chain: tuple[str, ...] = DEFAULT_CHAIN
    holders: dict[str, tuple[str, ...]] | None = None  # role -> people; None: not configured, anyone holds any
    local_user: str = ""
    passwords: dict[str, str] = field(default_factory=dict)  # person -> scrypt hash
    source: str = ""  # the file it was read from

    @property
    def people_configured(self) -> bool:
        return self.holders is not None

    @property
    def people(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for names in (self.holders or {}).values() for p in names))

    def rank(self, role: str) -> int:
        return self.chain.index(role)

    def who_may_hold(self, role: str) -> tuple[str, ...] | None:
        return None if self.holders is None else self.holders.get(role, ())

    def may_hold(self, person: str, role: str) -> bool:
        return role in self.chain and (self.holders is None or person in self.holders.get(role, ()))

    def roles_of(self, person: str) -> tuple[str, ...]:
        return tuple(r for r in self.chain if self.may_hold(person, r))

    def why_not(self, person: str, role: str) -> str | None:
        """Why `person` may not hold `role`, or None when they may."""
        if role not in self.chain:
            close = difflib.get_close_matches(role, self.chain, n=1)
            hint = _("; did you mean '{name}'?").format(name=close[0]) if close else ""
            return (
                _("'{role}' is not a role of the chain ({chain})").format(role=role, chain=" → ".join(self.chain))
                + hint
            )
        if not person.strip():
            return _("a signature needs the signer's name")
        if self.may_hold(person, role):
            return None
        holders = self.who_may_hold(role)
        if holders:
            named = _("[signoff.roles] gives it to {people}").format(people=_(", ").join(holders))
        else:
            named = _("[signoff.roles] names no one for it")
        return _("{person} may not hold {role}: {why} ({file})").format(
            person=person, role=role, why=named, file=self.source
        )

    def check_password(self, person: str, password: str) -> bool:
        """True when `password` is `person`'s; False for anyone without a password hash."""
        stored = self.passwords.get(person)
        return stored is not None and verify_password(stored, password)


def read_signoff(root: str | Path) -> Signoff:
    """The [signoff] table of the project's hengyang-print.toml (defaults for what it leaves out)."""
    path = Path(root) / MARKER
    try:
        with open(path, "rb") as f:
            table = tomllib.load(f).get("signoff", {})
    except FileNotFoundError:
        table = {}
    except tomllib.TOMLDecodeError as exc:
        raise LedgerError(f"{path}: {exc}") from None
    except OSError as exc:
        raise LedgerError(_("{path}: cannot read ({reason})").format(path=path, reason=exc.strerror)) from None
    problems: list[str] = []
    signoff = _parse(table, str(path), problems)
    if problems:
        raise LedgerError([f"{path}: [signoff] {p}" for p in problems])
    return signoff


def _parse(table, source: str, problems: list[str]) -> Signoff:
    if not isinstance(table, dict):
        problems.append(_("must be a table"))
        return Signoff(source=source)
    for key in table:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            problems.append(_("unknown key '{key}'").format(key=key) + _did_you_mean(close))
    chain = table.get("chain", list(DEFAULT_CHAIN))
    if not _names(chain) or len(set(chain)) != len(chain):
        problems.append(_("chain must be a list of distinct role names, in signing order"))
        chain = list(DEFAULT_CHAIN)
    holders = None
    if "roles" in table:
        roles = table["roles"]
        if not isinstance(roles, dict):
            problems.append(_("roles must be a table: role = [people who may hold it]"))
            roles = {}
        for role, people in roles.items():
            if role not in chain:
                close = difflib.get_close_matches(role, chain, n=1)
                problems.append(_("roles: '{role}' is not in the chain").format(role=role) + _did_you_mean(close))
            if not _names(people, empty=True):
                problems.append(_("roles: '{role}' must be a list of names").format(role=role))
        holders = {role: tuple(people) for role, people in roles.items() if _names(people, empty=True)}
    local = table.get("local_user", _login_name())
    if not isinstance(local, str) or not local.strip():
        problems.append(_("local_user must be a name"))
        local = _login_name()
    passwords = table.get("passwords", {})
    if not isinstance(passwords, dict):
        problems.append(_("passwords must be a table: person = hash"))
        passwords = {}
    for person, stored in passwords.items():
        if not isinstance(stored, str) or not _parse_hash(stored):
            problems.append(
                _("passwords: '{person}' is not a hash made by hash_password() (scrypt$n$r$p$salt$hash)").format(
                    person=person
                )
            )
    return Signoff(tuple(chain), holders, local, dict(passwords), source)


def _did_you_mean(close: list[str]) -> str:
    return _("; did you mean '{name}'?").format(name=close[0]) if close else ""


def _names(value, empty: bool = False) -> bool:
    return isinstance(value, list) and (empty or bool(value)) and all(isinstance(v, str) and v.strip() for v in value)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no USER, LOGNAME, nor a passwd entry (a container)
        return "local user"


# ---------------------------------------------------------------- passwords (the room's login)


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt$hash` (base64): what [signoff.passwords] holds; hashlib.scrypt, a fresh salt."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **SCRYPT)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(stored: str, password: str) -> bool:
    parsed = _parse_hash(stored)
    if not parsed:
        return False
    n, r, p, salt, digest = parsed
    tried = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(digest), maxmem=2**26)
    return hmac.compare_digest(tried, digest)


def _parse_hash(stored: str):
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return None
        return int(n), int(r), int(p), base64.b64decode(salt, validate=True), base64.b64decode(digest, validate=True)
    except ValueError:
        return None
