"""hengyang-print: typeset a Chinese newspaper feature page from content YAML and a layout spec into a
print-ready PDF/X-1a.

The Python API (api.py), imported on first use so that `import hengyang_print` stays cheap:

    import hengyang_print as hp
    pdf = hp.build("page.yaml", layout="broadsheet")          # PDF bytes
    hp.build("page.yaml", output="page.pdf")                   # … also written to a file
    breaks = hp.check("page.yaml")                             # Chinese layout rule breaks, [] when clean
    report = hp.preflight("page.pdf")                          # PDF/X-1a and newsprint findings
"""

__version__ = "0.1.0"
__all__ = ["build", "check", "preflight", "BuildError", "__version__"]


def __getattr__(name: str):
    if name in ("build", "check", "preflight"):
        from . import api

        return getattr(api, name)
    if name == "BuildError":
        from .errors import BuildError

        return BuildError
    raise AttributeError(f"module 'hengyang_print' has no attribute {name!r}")
