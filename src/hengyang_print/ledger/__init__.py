"""The sign-off ledger: which version of a page each role signed, bound to its PDF's bytes (三审三校).

Above the pipeline, beside the CLI and the proof room, and never imported by load, compose, place, draw
or verify. Its contract:

- `Ledger.open(project_root)` opens `<project>/.hengyang/ledger.sqlite3` (SQLite: WAL, numbered
  migrations, append-only), made on first use; a damaged or foreign file is a LedgerError, never
  recreated.
- In: versions of a page (`record_version`: PDF, content and layout digests, the text of every block,
  the PDF's bytes), proofreaders' marks on characters of a block (`add_mark`), resolutions, signatures
  and revocations by role, releases; every refused action is recorded too.
- Out: `status(page)`: the chain on the latest version, stale signatures and what changed since them,
  open marks (each followed to where its characters are now, or to the version that changed them),
  whether the latest version may be released; `release(...)`, the gate that copies the signed PDF to
  the plant's folder with a release record.
- The chain and who may hold each role come from hengyang-print.toml's [signoff] table (signoff.py).

    from hengyang_print.ledger import Ledger, PageRef
    with Ledger.open("newsroom/") as ledger:
        page = PageRef(content="content/a01.yaml", layout="broadsheet")
        print(ledger.status(page).missing)
"""

# where each name lives; loaded on first use, so that `build` outside a project (ledger.builds.project_for)
# pays for none of it
_HOMES = {
    "errors": ("LedgerError", "Refused"),
    "ledger": ("Ledger", "sha256_hex"),
    "model": (
        "Anchor",
        "BlockChange",
        "Mark",
        "PageRef",
        "Refusal",
        "Release",
        "Resolution",
        "Revocation",
        "RoleState",
        "Signature",
        "Status",
        "Version",
    ),
    "signoff": ("DEFAULT_CHAIN", "Signoff", "hash_password", "read_signoff", "verify_password"),
}
__all__ = sorted(name for names in _HOMES.values() for name in names)


def __getattr__(name: str):
    import importlib

    for module, names in _HOMES.items():
        if name in names:
            return getattr(importlib.import_module(f".{module}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
