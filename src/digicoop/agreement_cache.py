"""The per-agreement build cache: what one agreement's text gave, kept between builds.

Why: segmenting, annotating, assembling and serialising cost tens of milliseconds to a second
per agreement and depend only on that agreement's text, the code and the vocabularies (plus
one small input from the rest of the corpus, named below), so a build that adds one
agreement to five hundred should redo one, not five hundred.

Where: ``build/cache/`` under the project root (generated, gitignored), one file per entry,
``<kind>/<key[:2]>/<key>.pickle``. Each key is a sha256 over:

* :func:`version` — the bytes of the package's own code and data files (segmenter layout,
  annotators, assembler, writer), of every file under ``ontology/`` and the versions of the
  Python and of the declared dependencies: any change there invalidates every entry;
* the agreement's id, its path and the sha256 of its text (``read``: its census of
  organisation mentions and its outline, what the text reuse links read; ``document``, apart
  under the same key: the segmented document, read only when the agreement is made again);
* for ``output`` (its graph's size and triple count, its share of the shared graph and its
  date) and ``turtle`` (its graph's Turtle, apart: a build that finds an agreement
  unchanged need not read it, digicoop.output_files): the ``read`` key and the part of the
  corpus-wide organisation registry the agreement looks up. Text reuse, the one other fact that depends on the rest of the corpus,
  lives in a graph of its own (``graph:reuse``), computed by every build;
* for ``part`` (what the dataset file and its description need of a graph:
  digicoop.graph_parts): the ``output`` key, or for a graph not of one agreement the sha256
  of its Turtle.

The output does not depend on the cache: a hit returns what a miss would compute (tests
compare the bytes of builds with and without it, with any ``jobs``).

Writes are atomic (a temporary file in the same directory, then ``os.replace``), so a build
killed mid-write, or two builds writing the same entry, leave either no entry or a whole
one. An entry that cannot be read back (truncated, or not this format) is ignored with a
:class:`CacheWarning` naming the file, and rewritten. The entries are pickles: the cache is
as trusted as the project directory it lives in (like ``__pycache__``), never shared.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     cache = AgreementCache(Path(tmp), "v1")
...     key = cache.key("read", "text digest")
...     cache.get("read", key) is None, cache.put("read", key, [1, 2]), cache.get("read", key)
(True, None, [1, 2])
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import warnings
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

import digicoop
from digicoop.atomic import write_atomically

#: Parts of the package that produce no graph (pages, endpoint assets): not in the version.
_IGNORED_DIRS = frozenset({"__pycache__", "static", "templates"})
_IGNORED_SUFFIXES = frozenset({".pyc", ".pyo"})
#: Bumped by hand when the entries' layout changes in a way the code digest would not show.
_FORMAT = "2"

_T = TypeVar("_T")


class CacheWarning(UserWarning):
    """A cache entry could not be read and was ignored (the build recomputes it)."""


def _files(directory: Path) -> Iterable[Path]:
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if (
            path.is_file()
            and not _IGNORED_DIRS.intersection(relative.parts)
            and path.suffix not in _IGNORED_SUFFIXES
        ):
            yield path


def _dependencies() -> list[str]:
    """``name==version`` of every declared dependency installed (their behaviour is output)."""
    try:
        required = metadata.requires("digicoop") or []
    except metadata.PackageNotFoundError:
        return []
    found = []
    for requirement in required:
        if "extra ==" in requirement:
            continue
        name = requirement.split(";")[0].split("[")[0]
        for mark in "<>=!~ ":
            name = name.split(mark)[0]
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}==missing")
    return sorted(found)


def version(ontology: Path) -> str:
    """A digest of everything besides the text that a cached entry depends on (module doc)."""
    digest = hashlib.sha256(f"format {_FORMAT}\n{sys.version_info[:2]}\n".encode())
    for line in _dependencies():
        digest.update(f"{line}\n".encode())
    package = Path(digicoop.__file__).parent
    for base, label in ((package, "code"), (ontology, "ontology")):
        for path in _files(base):
            digest.update(f"{label}/{path.relative_to(base).as_posix()}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class AgreementCache:
    """Entries by kind and key under ``directory`` (see the module doc).

    ``used`` collects the files this build read or wrote, so :meth:`prune` can drop the rest
    (entries of texts or versions the project no longer has)."""

    def __init__(self, directory: Path, version: str) -> None:
        self.directory = directory
        self.version = version
        self.used: set[Path] = set()
        self._ahead: dict[Path, object | None] = {}  # entries read ahead (read_ahead)

    def key(self, kind: str, *parts: str) -> str:
        """The key of an entry of ``kind`` made from ``parts`` and the version."""
        digest = hashlib.sha256(f"{self.version}\n{kind}\n".encode())
        for part in parts:
            digest.update(hashlib.sha256(part.encode()).digest())
        return digest.hexdigest()

    def __getstate__(self) -> tuple[Path, str]:
        return self.directory, self.version  # a worker's copy starts with nothing used

    def __setstate__(self, state: tuple[Path, str]) -> None:
        self.directory, self.version = state
        self.used, self._ahead = set(), {}

    def mark(self, kind: str, key: str) -> None:
        """Count an entry as used by this build (kept by :meth:`prune`), present or not."""
        self.used.add(self._path(kind, key))

    def _path(self, kind: str, key: str) -> Path:
        return self.directory / kind / key[:2] / f"{key}.pickle"

    def has(self, kind: str, key: str) -> bool:
        """Whether an entry is there (unread: it may still turn out unreadable)."""
        return self._path(kind, key).is_file()

    def get(self, kind: str, key: str) -> object | None:
        """The entry, or None when there is none or it cannot be read (with a warning)."""
        path = self._path(kind, key)
        if path in self._ahead:
            return self._ahead.pop(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        self.used.add(path)
        try:
            found_key, value = pickle.loads(data)
            if found_key != key:
                raise ValueError(f"holds the entry {found_key!r}")
        except Exception as error:  # any damage (truncated, another format) reads as a miss
            warnings.warn(
                f"{path}: unreadable build cache entry ignored and rebuilt "
                f"({type(error).__name__})",
                CacheWarning,
                stacklevel=2,
            )
            return None
        return value

    def put(self, kind: str, key: str, value: object) -> None:
        """Write an entry atomically; a cache that cannot be written is only slower."""
        path = self._path(kind, key)
        self._ahead.pop(path, None)
        data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            write_atomically(path, data)
        except OSError as error:
            warnings.warn(
                f"{path}: build cache entry not written ({error.strerror or error})",
                CacheWarning,
                stacklevel=2,
            )
            return
        self.used.add(path)

    def read_ahead(self, kind: str, key: str) -> None:
        """Read an entry now, for the next :meth:`get` of it to return (a :meth:`put` in
        between drops it). Why: a build waiting on its workers reads then what it will need
        after them (digicoop.pipeline), instead of after the wait."""
        path = self._path(kind, key)
        if path not in self._ahead:
            self._ahead[path] = self.get(kind, key)

    def made(
        self,
        kind: str,
        key: str,
        make: Callable[[], _T],
        expected: type[_T],
        whole: Callable[[_T], bool] | None = None,
    ) -> _T:
        """The entry when the cache holds one of the ``expected`` type (and, for a container,
        ``whole`` says its items are what they should be), else ``make()``, kept under the key;
        marked as used either way (:meth:`prune` keeps it).

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     cache = AgreementCache(Path(tmp), "v1")
        ...     key = cache.key("vocabulary", "topics")
        ...     cache.made("vocabulary", key, lambda: "made", str), cache.made(
        ...         "vocabulary", key, lambda: "made again", str)
        ('made', 'made')
        """
        self.mark(kind, key)
        found = self.get(kind, key)
        if isinstance(found, expected) and (whole is None or whole(found)):
            return found
        value = make()
        self.put(kind, key, value)
        return value

    def prune(self) -> int:
        """Remove entries this build did not use; returns how many."""
        removed = 0
        if not self.directory.is_dir():
            return removed
        for path in self.directory.glob("*/*/*.pickle"):
            if path not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


__all__ = ["AgreementCache", "CacheWarning", "version"]
