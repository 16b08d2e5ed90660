"""The digests the build path takes (cache keys, font keys; MD5 for the PDF's /ID and image names, as
ReportLab takes them), from CPython's own modules: hashlib imports
OpenSSL's _hashlib first (~3 ms of a start), which a build never needs. The same functions and results."""

try:
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it: hashlib finds one
    from hashlib import blake2b
try:
    from _md5 import md5
except ImportError:
    from hashlib import md5

__all__ = ["blake2b", "md5"]
