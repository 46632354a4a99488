"""The built dataset as an on-disk Oxigraph store (RocksDB), shared by every query worker.

Why: an in-memory store is loaded by every worker from the TriG file, so memory and start-up
grow with the data in each of them (2.3 GiB and 20 s per worker at 500 agreements). An
on-disk store is written once by ``digicoop build`` and opened read-only by each worker in
milliseconds; the workers share its pages through the operating system's page cache, so
their resident memory stays bounded whatever the dataset's size.

Layout: ``DIR/db`` (the RocksDB files) and ``DIR/dataset.json`` (the SHA-256 of the TriG file
it was loaded from, which is also the store's digest for HTTP caching, and its quad count, so
that opening never has to count). :func:`write` builds a new directory beside the old one and
swaps it in with renames, so a reader sees the old store or the new one, never a half-built
one (a worker that has the old one open keeps reading it until it exits).

>>> import tempfile, pathlib
>>> trig = b'<http://g> { <http://a> <http://p> "x" . }'
>>> target = pathlib.Path(tempfile.mkdtemp()) / "store"
>>> write(trig, target)
>>> store, info = open_read_only(target)
>>> info.quads, len(list(store))
(1, 1)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from digicoop.errors import DigicoopError

#: Above this size of graphs/digicoop.trig, ``build`` also writes the on-disk store and
#: ``serve`` answers from it (about 40 synthetic agreements; the real corpus is 2 MiB).
THRESHOLD_BYTES = 16 * 1024 * 1024
_META = "dataset.json"
_DB = "db"


@dataclass(frozen=True)
class StoreInfo:
    """What ``dataset.json`` records about an on-disk store."""

    sha256: str
    quads: int


def is_store(path: Path) -> bool:
    """Whether ``path`` is a directory written by :func:`write`."""
    return (path / _META).is_file() and (path / _DB).is_dir()


def info(path: Path) -> StoreInfo:
    """The recorded digest and size; raises :class:`DigicoopError` if unreadable."""
    try:
        data = json.loads((path / _META).read_text(encoding="utf-8"))
        return StoreInfo(str(data["sha256"]), int(data["quads"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DigicoopError(f"{path / _META}: not an on-disk store's record ({error})") from None


def is_fresh(path: Path, dataset: Path) -> bool:
    """Whether the store at ``path`` holds exactly the TriG file ``dataset``."""
    if not is_store(path) or not dataset.is_file():
        return False
    return info(path).sha256 == hashlib.sha256(dataset.read_bytes()).hexdigest()


def write(trig: bytes, target: Path, fmt: ox.RdfFormat = ox.RdfFormat.TRIG) -> None:
    """Load ``trig`` (or another dataset format) into a new on-disk store at ``target``,
    replacing any old one whole."""
    _write(
        lambda store: store.bulk_load(trig, format=fmt), hashlib.sha256(trig).hexdigest(), target
    )


def write_file(source: Path, target: Path, fmt: ox.RdfFormat = ox.RdfFormat.TRIG) -> None:
    """:func:`write` from a file, read in pieces: a dataset of thousands of agreements is
    gigabytes of N-Quads, more than should be held in memory at once."""
    hasher = hashlib.sha256()
    with source.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            hasher.update(chunk)
    _write(lambda store: store.bulk_load(path=str(source), format=fmt), hasher.hexdigest(), target)


def _write(load: Callable[[ox.Store], None], sha256: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        store = ox.Store(str(staging / _DB))
        load(store)
        store.optimize()
        quads = len(store)
        store.flush()
        del store  # closes the database before it is moved
        meta = {"sha256": sha256, "quads": quads}
        (staging / _META).write_text(json.dumps(meta, sort_keys=True) + "\n", encoding="utf-8")
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
            os.replace(target, old / target.name)
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for stale in target.parent.glob(f".{target.name}-*"):  # left by a build that was killed
        shutil.rmtree(stale, ignore_errors=True)


def open_read_only(path: Path) -> tuple[ox.Store, StoreInfo]:
    """Open the store at ``path`` read-only; raises :class:`DigicoopError` naming it."""
    if not is_store(path):
        raise DigicoopError(f"{path}: not an on-disk store (written by `digicoop build`)")
    record = info(path)
    try:
        return ox.Store.read_only(str(path / _DB)), record
    except OSError as error:
        raise DigicoopError(f"{path}: cannot open the on-disk store ({error})") from None


__all__ = [
    "THRESHOLD_BYTES",
    "StoreInfo",
    "info",
    "is_fresh",
    "is_store",
    "open_read_only",
    "write",
    "write_file",
]
