"""The command line: `hengyang-print COMMAND …` (main.py), one module per subcommand (commands.py).

`main(argv)` runs a command line and returns its exit status; `entry()` is the console script's.
"""


def main(argv: list[str] | None = None) -> int:
    from .main import main as run

    return run(argv)


def entry() -> None:
    from .main import entry as run

    run()


__all__ = ["entry", "main"]
