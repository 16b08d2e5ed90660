"""atomic.store and atomic.temporary_name, which every cache entry and every written PDF goes through."""

from __future__ import annotations

import os
import stat

from hengyang_print import atomic


def test_temporary_files_are_new_private_and_beside_the_target(tmp_path):
    names = [atomic.temporary_name(tmp_path, ".page.pdf.") for _ in range(50)]
    made = [(os.open(name, atomic.TEMPORARY_FLAGS, 0o600), name) for name in names]
    try:
        names = {path for _, path in made}
        assert len(names) == 50
        for fd, path in made:
            assert (
                os.path.dirname(path) == str(tmp_path)
                and os.path.basename(path).startswith(".page.pdf.")
                and path.endswith(".tmp")
            )
            assert stat.S_IMODE(os.fstat(fd).st_mode) == 0o600
    finally:
        for fd, _ in made:
            os.close(fd)


def test_store_replaces_whole_and_leaves_nothing_beside(tmp_path):
    target = tmp_path / "entries" / "a.pickle"
    assert atomic.store(target, b"one") and target.read_bytes() == b"one"
    assert atomic.store(target, b"two") and target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.pickle"]


def test_store_where_no_file_can_be_made_says_so_and_leaves_nothing(tmp_path):
    (tmp_path / "cache").write_bytes(b"a file where the cache folder would be")
    assert atomic.store(tmp_path / "cache" / "a.pickle", b"new") is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"] and (tmp_path / "cache").read_bytes().startswith(
        b"a file"
    )
