"""The ledger's errors: a user can act on each (the CLI prints it without a traceback and exits 1)."""

from __future__ import annotations

from ..errors import BuildError


class LedgerError(BuildError):
    """The ledger cannot do what was asked: a damaged or foreign database file, a bad [signoff] table,
    a page or version or mark that does not exist."""


class Refused(LedgerError):
    """The ledger refused an action by its rules (a role not the person's, the chain out of order, open
    marks, a release whose chain is incomplete). Every refusal is also recorded in the ledger."""
