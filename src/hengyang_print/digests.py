"""The digests the build path takes (cache keys, font keys), from CPython's own modules: hashlib imports
OpenSSL's _hashlib first (~3 ms of a start), which a build never needs. The same functions and results."""

try:
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it: hashlib finds one
    from hashlib import blake2b

__all__ = ["blake2b"]
