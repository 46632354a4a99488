"""Whole-file writes that a reader never sees half done.

A build, an export, ``digicoop add`` and the build cache all replace files other processes
may be reading (a server, a second build, a user's viewer). Each write goes to a temporary
file in the same directory and is renamed over the target, so the target holds either the
old bytes or the new ones, and an interrupted write leaves no stray temporary behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    The file gets the permissions an ordinary ``open`` would give it (``mkstemp``'s 0600
    would hide a corpus text or an export from other users). Raises ``OSError`` when the
    directory cannot be created or written; the target is then unchanged.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "out" / "a.txt"
    >>> write_atomically(target, b"hello")
    >>> target.read_bytes()
    b'hello'
    >>> sorted(p.name for p in target.parent.iterdir())
    ['a.txt']
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


__all__ = ["write_atomically"]
