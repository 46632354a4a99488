"""Publishing a build's output: the whole directory switches at once, or not at all.

Moving files into place one by one leaves a window (and, after a kill, a lasting state) where
a new agreement file sits beside the old dataset. Instead the new directory is written in full
beside the old one (``.build-<name>-*``, same filesystem), then the two are exchanged by one
``renameat2(RENAME_EXCHANGE)`` system call: a reader opening ``graphs/digicoop.trig`` and
``graphs/<id>.ttl`` sees either every old file or every new one. Files of the old directory
that the build does not produce and ``keep`` accepts are carried over (hard links).

Builds of one project are serialised by a lock on the parent directory (``flock``, released
by the kernel when the holder dies), so every ``.build-*`` found while holding it was left by
a build that died: it is removed. A file whose bytes the build leaves as they were is
hard-linked from the old directory rather than written again. Where the kernel or filesystem cannot exchange (not Linux,
or ``EINVAL``), two renames are used and a build that died between them is repaired by the
next one (the old directory is put back if the new one never arrived).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``directory`` (one publisher at a time)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _exchange(first: Path, second: Path) -> bool:
    """Swap two directory entries atomically; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP}:
        return False
    raise OSError(code, f"cannot exchange {first} and {second}: {os.strerror(code)}")


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def staging_prefix(directory: Path) -> str:
    return f".build-{directory.name}-"


def clean_stale(directory: Path) -> list[Path]:
    """Remove what builds that died left behind; call it holding the lock.

    A directory missing while an ``-old`` copy exists means a build died between the two
    fallback renames: the old copy is put back first.
    """
    prefix = staging_prefix(directory)
    leftovers = sorted(directory.parent.glob(prefix + "*"))
    if not directory.exists():
        old = [path for path in leftovers if path.name.endswith("-old")]
        if old:
            old[-1].rename(directory)
            leftovers.remove(old[-1])
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)
    inner = list(directory.glob(".build-*")) if directory.is_dir() else []
    for path in inner:  # staging folders of the file-by-file publisher this one replaced
        shutil.rmtree(path, ignore_errors=True)
    return leftovers + inner


def _carry_over(old: Path, new: Path, keep: Callable[[str], bool]) -> None:
    for entry in old.iterdir():
        target = new / entry.name
        if target.exists() or entry.name.startswith(".build-") or not keep(entry.name):
            continue
        if entry.is_dir():
            shutil.copytree(entry, target, copy_function=os.link)
        else:
            os.link(entry, target)


def _link_if_same(old: Path, data: bytes, new: Path) -> bool:
    """Hard-link ``old`` as ``new`` when it holds ``data`` already; False when it does not
    (or cannot be linked). Why: adding one agreement to five hundred leaves every other
    agreement's file as it was, and writing (and syncing) them again cost seconds; a file of
    the old directory is never changed in place (the next build writes a new one), so the two
    generations can share it."""
    try:
        if not stat.S_ISREG(os.lstat(old).st_mode) or old.stat().st_size != len(data):
            return False
        if old.read_bytes() != data:
            return False
        os.link(old, new)
    except OSError:
        return False
    return True


def publish(directory: Path, files: dict[str, bytes], keep: Callable[[str], bool]) -> list[Path]:
    """Make ``directory`` hold exactly ``files`` (plus the old entries ``keep`` accepts).

    One switch (see module doc); raises :class:`OSError` and leaves ``directory`` as it was
    if anything fails before the switch.
    """
    parent = directory.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _locked(parent):
        clean_stale(directory)
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(directory), dir=parent))
        try:
            for name, data in files.items():
                if _link_if_same(directory / name, data, staging / name):
                    continue
                with open(staging / name, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
            if directory.exists():
                _carry_over(directory, staging, keep)
            staging.chmod(0o755)  # mkdtemp makes it private; graphs/ is meant to be read
            _fsync_directory(staging)
            if not directory.exists():
                staging.rename(directory)
            elif not _exchange(staging, directory):
                old = staging.with_name(staging.name + "-old")
                directory.rename(old)
                staging.rename(directory)
                staging = old
            _fsync_directory(parent)
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # after the switch: the old directory
    return [directory / name for name in files]
