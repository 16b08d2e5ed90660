"""The command line: `hengyang-print COMMAND …` (main.py), one module per subcommand."""

from .main import entry, main

__all__ = ["entry", "main"]
