"""Errors a user can act on: each names the file, the place in it and what is wrong."""

from __future__ import annotations


class BuildError(Exception):
    """A content or layout problem; the CLI prints it without a traceback and exits 1."""

    def __init__(self, messages: str | list[str]):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("\n".join(self.messages))


class OversetError(BuildError):
    """Text that does not fit its region."""
