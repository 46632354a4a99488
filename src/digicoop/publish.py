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
import json
import os
import shutil
import stat
import sys
import tempfile
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from digicoop.atomic import write_atomically
from digicoop.output_files import Content, Span, Stitched, data

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


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


class RecordWarning(UserWarning):
    """The record of a publication could not be written (the next build is only slower)."""


class Record:
    """What the last publication wrote into ``directory``, as kept in the file ``path``:
    each file's fingerprint (:class:`digicoop.output_files.Stored`) with the identity it was
    written with (inode, size, modification time), the directory's inode, and where each
    graph sat in a stitched file.

    Why: a file the record vouches for is linked into the new generation without being read
    or compared, and the unchanged graphs of the dataset file are copied from the old one
    (module doc of digicoop.output_files). The vouching is the one ``make`` and git trust: a
    file edited in place gets a new modification time, a file replaced a new inode; a
    directory put there by anything else (a checkout, a build killed before its switch) has
    another inode, and the record is then ignored whole. A record that cannot be read is
    ignored the same way: the build is then only slower, never different."""

    def __init__(self, path: Path | None, directory: Path) -> None:
        self.path, self.directory = path, directory
        self.files: dict[str, list[Any]] = {}
        self.spans: dict[str, dict[str, Span]] = {}
        if path is None:
            return
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
            if found["directory"] != os.stat(directory).st_ino:
                return
            self.files = {name: list(entry) for name, entry in found["files"].items()}
            self.spans = {
                name: {
                    graph: (str(fp), int(at), int(size)) for graph, (fp, at, size) in spans.items()
                }
                for name, spans in found["spans"].items()
            }
        except (OSError, ValueError, KeyError, TypeError):
            self.files, self.spans = {}, {}

    def vouches(self, name: str, fingerprint: str | None = None) -> bool:
        """Whether ``directory/name`` is the file recorded (with ``fingerprint``, if given)."""
        entry = self.files.get(name)
        if entry is None or (fingerprint is not None and entry[0] != fingerprint):
            return False
        try:
            found = os.lstat(self.directory / name)
        except OSError:
            return False
        return stat.S_ISREG(found.st_mode) and entry[1:] == _identity(found)


def _identity(found: os.stat_result) -> list[int]:
    return [found.st_ino, found.st_size, found.st_mtime_ns]


def _fingerprint(content: Content) -> str | None:
    return None if isinstance(content, bytes) else content.fingerprint


def _write_file(handle: BinaryIO, content: Content, old: Path, record: Record) -> dict[str, Span]:
    """Write ``content`` to ``handle``; a stitched file copies what ``record`` vouches for
    of the old one at ``old``. Returns the spans to record (a stitched file's)."""
    if not isinstance(content, Stitched):
        handle.write(data(content))
        return {}
    fd = None
    if record.vouches(old.name) and old.name in record.spans:
        try:
            fd = os.open(old, os.O_RDONLY)
        except OSError:
            fd = None
    try:
        return content.write(handle.fileno(), fd, record.spans.get(old.name, {}) if fd else {})
    finally:
        if fd is not None:
            os.close(fd)


class Staged:
    """A new generation of ``directory`` written beside it, not yet in place.

    Why apart from the switch: the build validates the dataset file it is about to publish
    (and loads the on-disk store from it) before anything replaces the old one;
    :meth:`commit` switches it in, :meth:`discard` drops it. The publication lock is held
    from :func:`stage` until one of them."""

    def __init__(self, directory: Path, staging: Path, lock: int, record: Record) -> None:
        self.directory, self.staging, self._lock, self._record = directory, staging, lock, record
        self.written: list[Path] = []
        self._entries: dict[str, list[Any]] = {}
        self._spans: dict[str, dict[str, Span]] = {}

    def path(self, name: str) -> Path:
        """Where the staged file ``name`` is until the switch."""
        return self.staging / name

    def commit(self) -> list[Path]:
        """Switch the new generation in (one system call; see the module doc), record it,
        and release the lock. Returns the files written."""
        if self._lock < 0:
            raise ValueError("already committed or discarded")
        directory, staging, parent = self.directory, self.staging, self.directory.parent
        try:
            _fsync_directory(staging)
            self._write_record(staging)
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
            self._release()
        return self.written

    def _write_record(self, staging: Path) -> None:
        """Record what was written, before the switch: the record names the new directory's
        inode, so a build killed in between leaves a record that vouches for nothing. A
        record that cannot be written only makes the next build slower (a warning)."""
        if self._record.path is None:
            return
        record = {"directory": os.stat(staging).st_ino, "files": self._entries,
                  "spans": self._spans}  # fmt: skip
        try:
            write_atomically(
                self._record.path, (json.dumps(record, sort_keys=True) + "\n").encode("utf-8")
            )
        except OSError as error:
            warnings.warn(
                f"{self._record.path}: not written ({error.strerror or error}); the next "
                "build reads every file again",
                RecordWarning,
                stacklevel=3,
            )

    def discard(self) -> None:
        """Drop the new generation (the old one stays as it was); nothing once committed."""
        if self._lock < 0:
            return
        shutil.rmtree(self.staging, ignore_errors=True)
        self._release()

    def _release(self) -> None:
        os.close(self._lock)  # closing releases the lock
        self._lock = -1


def stage(
    directory: Path,
    files: Mapping[str, Content],
    keep: Callable[[str], bool],
    record: Path | None = None,
) -> Staged:
    """The new generation of ``directory`` holding exactly ``files`` (plus the old entries
    ``keep`` accepts), written beside it (:class:`Staged`); ``record``: the file that keeps
    what was written, for the next publication (:class:`Record`). Raises
    :class:`OSError` and leaves ``directory`` as it was if anything fails."""
    parent = directory.parent
    parent.mkdir(parents=True, exist_ok=True)
    lock = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        clean_stale(directory)
        last = Record(record, directory)
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(directory), dir=parent))
    except BaseException:
        os.close(lock)
        raise
    staged = Staged(directory, staging, lock, last)
    try:
        for name, content in files.items():
            fingerprint = _fingerprint(content)
            if fingerprint is not None and last.vouches(name, fingerprint):
                os.link(directory / name, staging / name)
                staged._entries[name] = [fingerprint, *last.files[name][1:]]
                if name in last.spans:
                    staged._spans[name] = last.spans[name]
                continue
            if isinstance(content, bytes) and _link_if_same(
                directory / name, content, staging / name
            ):
                continue
            with open(staging / name, "wb") as handle:
                spans = _write_file(handle, content, directory / name, last)
                handle.flush()
                os.fsync(handle.fileno())
            if fingerprint is not None:
                staged._entries[name] = [fingerprint, *_identity(os.lstat(staging / name))]
                if spans:
                    staged._spans[name] = spans
        if directory.exists():
            _carry_over(directory, staging, keep)
        staging.chmod(0o755)  # mkdtemp makes it private; graphs/ is meant to be read
    except BaseException:
        staged.discard()
        raise
    staged.written = [directory / name for name in files]
    return staged


def publish(
    directory: Path,
    files: Mapping[str, Content],
    keep: Callable[[str], bool],
    record: Path | None = None,
) -> list[Path]:
    """Make ``directory`` hold exactly ``files`` (plus the old entries ``keep`` accepts):
    :func:`stage`, then :meth:`Staged.commit`.

    One switch (see module doc); raises :class:`OSError` and leaves ``directory`` as it was
    if anything fails before the switch.
    """
    return stage(directory, files, keep, record).commit()
