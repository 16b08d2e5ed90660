"""hengyang-print: typeset a Chinese newspaper feature page from content YAML and a layout spec into a
print-ready PDF/X-1a.

The Python API (api.py), imported on first use so that `import hengyang_print` stays cheap:

    import hengyang_print as hp
    page = hp.build("page.yaml", layout="broadsheet")   # page.pdf (bytes), page.copyfit, page.adjustments, page.notes
    hp.build("page.yaml", output="page.pdf")             # … also written to a file
    checked = hp.check("page.yaml")                      # checked.ok, checked.findings (rule breaks, lint)
    files = hp.proof("page.yaml")                        # the proof files, as `proof` writes them
    change = hp.diff("old.yaml", "new.yaml")             # change.identical, change.changed, change.lines
    report = hp.preflight("page.pdf")                    # PDF/X-1a and newsprint findings
"""

__version__ = "0.1.0"
API = ("build", "check", "proof", "diff", "preflight", "Built")
__all__ = [*API, "BuildError", "__version__"]


def __getattr__(name: str):
    if name in API:
        from . import api

        return getattr(api, name)
    if name == "BuildError":
        from .errors import BuildError

        return BuildError
    raise AttributeError(f"module 'hengyang_print' has no attribute {name!r}")
