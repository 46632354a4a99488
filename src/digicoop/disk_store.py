"""The built dataset as an on-disk Oxigraph store (RocksDB), shared by every query worker.

Why: an in-memory store is loaded by every worker from the TriG file, so memory and start-up
grow with the data in each of them (2.3 GiB and 20 s per worker at 500 agreements). An
on-disk store is written once by ``digicoop build`` and opened read-only by each worker in
milliseconds; the workers share its pages through the operating system's page cache, so
their resident memory stays bounded whatever the dataset's size.

Layout: ``DIR/db`` (the RocksDB files) and ``DIR/dataset.json`` (the SHA-256 of the TriG file
it was loaded from, which is also the store's digest for HTTP caching, and its quad count, so
that opening never has to count; for a store the build wrote, also each named graph's
fingerprint and quad count). :func:`write` builds a new directory beside the old one and
swaps it in with renames, so a reader sees the old store or the new one, never a half-built
one (a worker that has the old one open keeps reading it until it exits).

:func:`update` does the same from the old store instead of from nothing: a build that adds one
agreement to five hundred changes four graphs (the agreement's, the shared resources, the
text reuse links, the description) of 3.8 million quads, and loading them all again took
longer than everything else the build does. The new directory starts as a copy of the old
database (its table files, which RocksDB never changes once written, hard-linked; the rest
copied), then only the graphs whose fingerprint changed are rewritten, by the difference of
their triples. Same quads as :func:`write` of the same TriG (tested); the deleted entries it
leaves are compacted away once they pass a quarter of the store.

:func:`stage_update` and :func:`stage_write` stop before the switch (:class:`Staged`): the
build makes the new store first, validates (reading the updated store itself when few graphs
changed), and switches it in only if the build is valid; a store written whole may be loaded
by another process meanwhile. An update records what it did to each graph
(:attr:`Staged.delta`): validation takes what changed from there.

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
import mmap
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from digicoop import graph_diff
from digicoop.errors import DigicoopError
from digicoop.output_files import Stored
from digicoop.sandbox import die_with_parent

#: Above this size of graphs/digicoop.trig, ``build`` also writes the on-disk store and
#: ``serve`` answers from it (about 40 synthetic agreements; the real corpus is 2 MiB).
THRESHOLD_BYTES = 16 * 1024 * 1024
_META = "dataset.json"
_DB = "db"
_TEXTS = "turtle"
_FAILED = "failed"
_PENDING = "dataset.pending"
_PENDING_RECORD = "dataset.pending.json"


@dataclass(frozen=True)
class StoreInfo:
    """What ``dataset.json`` records about an on-disk store."""

    sha256: str
    quads: int


class GraphFile:
    """One named graph of a dataset, as :func:`update` compares and loads it.

    ``turtle``: its Turtle, or a stored file (digicoop.output_files) read only when the
    graph changed: an update that adds one agreement to five hundred reads four graphs'
    text, not 500. ``fingerprint`` changes whenever ``turtle`` does (its digest, or a
    digest of everything that made it); ``triples``: its distinct triples (what a store
    holds of it); ``diffable``: written by digicoop.turtle and changing in part from build
    to build (the shared resources, the text reuse links): the store keeps a copy of the
    text, and the next update compares blocks of text rather than triples
    (digicoop.graph_diff)."""

    def __init__(
        self, turtle: bytes | Stored, fingerprint: str, triples: int, diffable: bool = False
    ) -> None:
        self._turtle = turtle
        self.fingerprint, self.triples, self.diffable = fingerprint, triples, diffable

    @property
    def turtle(self) -> bytes:
        if not isinstance(self._turtle, bytes):
            self._turtle = self._turtle.read()
        return self._turtle


#: Named graph IRI → the graph.
Graphs = Mapping[str, GraphFile]


@dataclass(frozen=True)
class Change:
    """What an update did to one named graph (:attr:`Staged.delta`): the quads it removed and
    added, exactly the difference between the graph's triples before and after. ``since``:
    the graph's fingerprint in the store the update started from (None: a new graph), so
    that a reader can tell whether it knows the graph as it was then."""

    since: str | None
    removed: frozenset[ox.Quad]
    added: frozenset[ox.Quad]


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


def write(
    trig: bytes,
    target: Path,
    fmt: ox.RdfFormat = ox.RdfFormat.TRIG,
    graphs: Graphs | None = None,
    sha256: str | None = None,
) -> None:
    """Load ``trig`` (or another dataset format) into a new on-disk store at ``target``,
    replacing any old one whole. ``graphs``: the named graphs ``trig`` is made of (recorded,
    so that :func:`update` can later rewrite only those that change); ``sha256``: ``trig``'s,
    if already known."""
    stage_write(trig, target, fmt, graphs, sha256).commit()


def stage_write(
    trig: bytes | Path,
    target: Path,
    fmt: ox.RdfFormat = ox.RdfFormat.TRIG,
    graphs: Graphs | None = None,
    sha256: str | None = None,
    background: bool = False,
) -> Staged:
    """:func:`write`, up to the switch: the new store is made beside ``target`` and put in
    place by :meth:`Staged.commit` (or dropped by :meth:`Staged.discard`). ``background``
    (TriG): load it in another process while the caller goes on (the bulk load is the
    build's longest single step at 500 agreements, and leaves a core idle part of the time;
    a cold build validates meanwhile)."""
    record = _graph_record(graphs) if graphs is not None else None

    def load(store: ox.Store, staging: Path) -> None:
        if isinstance(trig, Path):
            store.bulk_load(path=str(trig), format=fmt)
        else:
            store.bulk_load(trig, format=fmt)
        for name, graph in (graphs or {}).items():
            assert record is not None
            _keep(staging, name, graph, record, linked_from=None)

    sha256 = sha256 or digest(trig)
    if background and fmt == ox.RdfFormat.TRIG:
        return _stage_apart(trig, graphs or {}, record, sha256, target)
    return _stage(load, sha256, target, record)


def update(trig: bytes, graphs: Graphs, target: Path, sha256: str | None = None) -> bool:
    """Make the store at ``target`` hold ``trig``, the dataset of ``graphs``, by rewriting
    only the graphs that changed since it was written (module doc); writes it whole with
    :func:`write` when it cannot (no store there, or one without a record of its graphs, or of
    another pyoxigraph). The switch is the one :func:`write` makes. Returns whether it updated
    (False: written whole)."""
    staged = stage_update(trig, graphs, target, sha256)
    staged.commit()
    return staged.updated


def stage_update(
    trig: bytes | Path,
    graphs: Graphs,
    target: Path,
    sha256: str | None = None,
    background: bool = False,
) -> Staged:
    """:func:`update`, up to the switch (see :func:`stage_write`). ``background`` applies
    when the store must be written whole; an update is made here, and its store is open for
    reading (:attr:`Staged.store`: what the build validates when few graphs changed).
    ``trig``: the dataset's bytes, or its file.

    The dataset's digest (what the store records) is computed in a thread meanwhile:
    hashlib releases the GIL, and hashing 300 MB takes about as long as the update of the
    graphs one added agreement changes."""
    hashing = ThreadPoolExecutor(max_workers=1)
    pending = hashing.submit(lambda: sha256 or digest(trig))
    hashing.shutdown(wait=False)
    old = _record(target)
    if old is None or not _updatable(old):
        return stage_write(
            trig, target, graphs=graphs, sha256=pending.result(), background=background
        )
    before: dict[str, list[Any]] = old["graphs"]
    record = _graph_record(graphs)
    changed = sorted(
        name
        for name in set(before) | set(graphs)
        if name not in graphs or name not in before or before[name][0] != graphs[name].fingerprint
    )
    if not changed and old.get("sha256") == pending.result():
        return Staged(target, None, record, changed=[], delta={})  # it holds this dataset already
    deltas: dict[str, graph_diff.Delta] = {}

    def change(store: ox.Store, staging: Path) -> None:
        churn = int(old.get("churn", 0))
        for name in sorted(set(before) | set(graphs)):
            graph = ox.NamedNode(name)
            if name not in graphs:
                gone = frozenset(store.quads_for_pattern(None, None, None, graph))
                deltas[name] = (gone, frozenset())
                store.remove_graph(graph)
                churn += int(before[name][1])
                continue
            new = graphs[name]
            kept = _kept(target, name, before.get(name))
            if name not in before or before[name][0] != new.fingerprint:
                removed = None
                if kept is not None and new.diffable:
                    removed = graph_diff.by_blocks(store, graph, kept, new.turtle, deltas)
                if removed is None:
                    removed = graph_diff.by_triples(
                        store, graph, new.turtle, name in before, deltas
                    )
                churn += removed
                kept = None
            _keep(staging, name, new, record, linked_from=target if kept is not None else None)
        if churn * 4 > int(record["quads"]):  # type: ignore[call-overload]
            store.optimize()  # the deleted entries' tombstones compacted away
            churn = 0
        record["churn"] = churn

    staged = _stage(change, "", target, record, start=target / _DB, changed=changed)
    staged.sha256 = pending.result()  # no thread outlives the call (the build forks later)
    staged.delta = {
        name: Change(before[name][0] if name in before else None, removed, added)
        for name, (removed, added) in sorted(deltas.items())
    }
    return staged


def writes_whole(target: Path) -> bool:
    """Whether :func:`stage_update` would write the store at ``target`` whole: no store
    there, or one without a record of its graphs, or of another pyoxigraph."""
    old = _record(target)
    return old is None or not _updatable(old)


def _updatable(record: dict[str, Any]) -> bool:
    return record.get("oxigraph") == ox.__version__ and "graphs" in record


class Staged:
    """A new store made beside ``target`` and not yet in place (module doc).

    Why apart from the switch: the build validates before it replaces anything, and an
    updated store (few graphs changed) is what it validates, instead of loading the whole
    dataset into memory first (13 s at 500 agreements); an invalid build then drops it
    (:meth:`discard`), leaving the old store as it was. ``store`` is the new store, open
    (None when the store is loaded in the background or ``target`` holds the dataset
    already); ``updated``: made from the old store rather than written whole; ``changed``:
    the named graphs rewritten (all of them when written whole); ``delta``: when updated,
    what it did to each graph in ``changed`` whose difference it knows (a graph holding
    blank nodes, replaced whole, has none), None when written whole."""

    def __init__(
        self,
        target: Path,
        staging: Path | None,
        record: dict[str, Any] | None,
        sha256: str = "",
        store: ox.Store | None = None,
        changed: list[str] | None = None,
        loader: subprocess.Popen[bytes] | None = None,
        delta: dict[str, Change] | None = None,
        feeder: threading.Thread | None = None,
    ) -> None:
        self.target, self.staging, self.record, self.sha256 = target, staging, record, sha256
        self.store, self.loader = store, loader
        #: The thread writing the dataset into ``loader`` (digicoop.disk_feed), if any.
        self.feeder = feeder
        self.scratch = False
        self.updated = changed is not None
        self.changed = changed if changed is not None else sorted((record or {}).get("graphs", {}))
        self.delta = delta

    def readable(self) -> ox.Store:
        """The new store, open; when ``target`` holds the dataset already (nothing staged), a
        copy of it that :meth:`commit` drops (the store in place is never written to: a
        reader may have it open, and validation adds the vocabulary to what it is given)."""
        if self.store is not None:
            return self.store
        if self.loader is not None or self.staging is not None:
            raise ValueError("a store loaded in the background is not open here")
        self.staging = _staging(self.target)
        self.scratch = True
        _copy_database(self.target / _DB, self.staging / _DB)
        self.store = ox.Store(str(self.staging / _DB))
        return self.store

    def commit(self) -> None:
        """Record the new store and switch it in (a reader sees the old one or the new one)."""
        if self.scratch:
            self.discard()  # a copy of the store in place, opened to be read
            return
        if self.staging is None:
            return  # nothing to switch: the old store holds the dataset
        staging, self.staging = self.staging, None
        try:
            if self.loader is not None:
                _joined(self.loader, staging)
                self.loader = None
                self._fed()
            else:
                store, self.store = self.store, None
                assert store is not None
                _close(store, staging, self.sha256, self.record, whole=not self.updated)
                del store  # the database closed before it is moved (the caller holds none)
            _switch(staging, self.target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        for stale in self.target.parent.glob(f".{self.target.name}-*"):  # a killed build's
            shutil.rmtree(stale, ignore_errors=True)

    def discard(self) -> None:
        """Drop the new store (the old one stays as it was); nothing once committed."""
        if self.loader is not None:
            self.loader.kill()
            self.loader.wait()
            self.loader = None
        self._fed()
        self.store = None
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None

    def _fed(self) -> None:
        """The feeding thread joined (it ends once the loader has read all or has gone)."""
        if self.feeder is not None:
            self.feeder.join()
            self.feeder = None


def _text_path(directory: Path, name: str) -> Path:
    return directory / _TEXTS / f"{hashlib.sha256(name.encode()).hexdigest()[:32]}.ttl"


def _kept(directory: Path, name: str, entry: list[Any] | None) -> bytes | None:
    """The copy of graph ``name``'s text the store at ``directory`` keeps, if it has one and
    it is whole (its digest is recorded: a copy cut short by a crash is not used)."""
    if entry is None or len(entry) < 3 or not entry[2]:
        return None
    try:
        text = _text_path(directory, name).read_bytes()
    except OSError:
        return None
    return text if hashlib.sha256(text).hexdigest() == entry[2] else None


def _keep(
    staging: Path, name: str, graph: GraphFile, record: dict[str, Any], linked_from: Path | None
) -> None:
    """Keep a copy of a diffable graph's text in the new store (hard-linked from the old
    store's when unchanged), and record its digest."""
    if not graph.diffable:
        return
    path = _text_path(staging, name)
    path.parent.mkdir(exist_ok=True)
    if linked_from is not None:
        os.link(_text_path(linked_from, name), path)
    else:
        path.write_bytes(graph.turtle)
    record["graphs"][name].append(hashlib.sha256(graph.turtle).hexdigest())


def _graph_record(graphs: Graphs) -> dict[str, Any]:
    """The record of ``graphs``: each one's fingerprint and triples, and the quads in all."""
    return {
        "graphs": {
            name: [graph.fingerprint, graph.triples] for name, graph in sorted(graphs.items())
        },
        "oxigraph": ox.__version__,
        "quads": sum(graph.triples for graph in graphs.values()),
    }


def _record(path: Path) -> dict[str, Any] | None:
    """``dataset.json`` of the store at ``path``, or None when there is no readable one."""
    if not is_store(path):
        return None
    try:
        found = json.loads((path / _META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def write_file(source: Path, target: Path, fmt: ox.RdfFormat = ox.RdfFormat.TRIG) -> None:
    """:func:`write` from a file, read in pieces: a dataset of thousands of agreements is
    gigabytes of N-Quads, more than should be held in memory at once."""
    hasher = hashlib.sha256()
    with source.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            hasher.update(chunk)
    _write(
        lambda store, _: store.bulk_load(path=str(source), format=fmt), hasher.hexdigest(), target
    )


def _write(
    load: Callable[[ox.Store, Path], None],
    sha256: str,
    target: Path,
    record: dict[str, Any] | None = None,
    start: Path | None = None,
) -> None:
    """A new store beside ``target`` (empty, or a copy of the database ``start``), changed by
    ``load``, recorded, and swapped in."""
    _stage(load, sha256, target, record, start).commit()


def _stage(
    load: Callable[[ox.Store, Path], None],
    sha256: str,
    target: Path,
    record: dict[str, Any] | None,
    start: Path | None = None,
    changed: list[str] | None = None,
) -> Staged:
    """A new store beside ``target`` (empty, or a copy of the database ``start``), changed by
    ``load``, open."""
    staging = _staging(target)
    try:
        if start is not None:
            _copy_database(start, staging / _DB)
        store = ox.Store(str(staging / _DB))
        load(store, staging)
        if start is None:
            store.optimize()
        store.flush()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Staged(target, staging, record, sha256, store=store, changed=changed)


def _staging(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))


def _stage_apart(
    trig: bytes | Path, graphs: Graphs, record: dict[str, Any] | None, sha256: str, target: Path
) -> Staged:
    """:func:`_stage` of ``trig`` written whole, loaded by a new Python process (not a fork:
    a process that has opened a RocksDB database cannot safely fork one that opens another,
    its locks may be copied held). The TriG goes through a file in the staging directory;
    the loader records the store (:func:`_close`) and removes the file."""
    staging = _staging(target)
    try:
        _pending(trig, staging / _PENDING)
        leave_record(staging, graphs, record, sha256)
        loader = subprocess.Popen(
            [sys.executable, "-c", _LOADER, str(staging), str(os.getpid())],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Staged(target, staging, record, sha256, loader=loader)


_LOADER = "import sys; from digicoop.disk_store import _load_apart; _load_apart(*sys.argv[1:])"


def _pending(trig: bytes | Path, pending: Path) -> None:
    """The dataset the loader process reads: ``trig`` written, or its file hard-linked (the
    build's staged dataset file: no second copy of 300 MB; the loader unlinks it)."""
    if isinstance(trig, Path):
        try:
            os.link(trig, pending)
            return
        except OSError:
            trig = trig.read_bytes()
    pending.write_bytes(trig)


def digest(trig: bytes | Path) -> str:
    """The SHA-256 of a dataset's bytes or of its file (mapped, not read into memory)."""
    if isinstance(trig, bytes):
        return hashlib.sha256(trig).hexdigest()
    with trig.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return hashlib.sha256(b"").hexdigest()
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return hashlib.sha256(mapped).hexdigest()


def _load_apart(staging_name: str, parent: str) -> None:
    """The loader process of :func:`_stage_apart`: :func:`load_whole` of the dataset file
    left in the staging directory, which it then removes."""
    staging = Path(staging_name)
    load_whole(staging, staging / _PENDING, parent, lenient=False)


def leave_record(staging: Path, graphs: Graphs, record: dict[str, Any] | None, sha256: str) -> None:
    """What a loader process records once its store is loaded (:func:`load_whole`): the
    text of each diffable graph kept beside the store, and ``record`` (the graphs'
    :func:`_graph_record`) with ``sha256`` (the dataset file's) left for it to read."""
    for name, graph in graphs.items():
        assert record is not None  # graphs come with their record
        _keep(staging, name, graph, record, linked_from=None)
    (staging / _PENDING_RECORD).write_text(
        json.dumps({"record": record, "sha256": sha256}), encoding="utf-8"
    )


def load_whole(staging: Path, source: Path, parent: str, lenient: bool) -> None:
    """The body of a loader process (this module's, digicoop.disk_feed's): the TriG at
    ``source`` bulk-loaded into a new store in ``staging``, compacted, recorded from what
    :func:`leave_record` left (read after the load: a fed loader's builder leaves it last)
    and closed; ``source`` removed if it is a file of the staging directory. A failure's
    message is left in the staging directory for the build (:func:`_joined`), and the
    process ends with status 1. ``lenient``: IRIs and language tags not checked (faster;
    only where the same bytes are parsed strictly elsewhere)."""
    die_with_parent(int(parent))
    try:
        store = ox.Store(str(staging / _DB))
        store.bulk_load(path=str(source), format=ox.RdfFormat.TRIG, lenient=lenient)
        store.optimize()
        pending = json.loads((staging / _PENDING_RECORD).read_text(encoding="utf-8"))
        _close(store, staging, pending["sha256"], pending["record"], whole=True)
        del store  # closed before the process ends
        if source.parent == staging:
            source.unlink()
        (staging / _PENDING_RECORD).unlink()
    except BaseException as error:  # the build reports it
        (staging / _FAILED).write_text(f"{type(error).__name__}: {error}", encoding="utf-8")
        sys.exit(1)


def _joined(loader: subprocess.Popen[bytes], staging: Path) -> None:
    """Wait for a loader process; raises :class:`DigicoopError` if it did not finish."""
    status = loader.wait()
    if status != 0 or not (staging / _META).is_file():
        try:
            why = (staging / _FAILED).read_text(encoding="utf-8")
        except OSError:
            why = f"the loading process ended with status {status}"
        raise DigicoopError(f"{staging}: the on-disk store could not be written ({why})")


def _close(
    store: ox.Store, staging: Path, sha256: str, record: dict[str, Any] | None, whole: bool
) -> None:
    """Flush a staged store and write its record (``dataset.json``); the caller closes it
    (drops the last reference) before it is moved."""
    quads = len(store) if record is None or whole else int(record["quads"])  # type: ignore[call-overload]
    store.flush()
    meta = {**(record or {}), "sha256": sha256, "quads": quads}
    (staging / _META).write_text(json.dumps(meta, sort_keys=True) + "\n", encoding="utf-8")


def _switch(staging: Path, target: Path) -> None:
    """Put the directory ``staging`` in place of ``target`` (renames; the old one removed)."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.replace(target, old / target.name)
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _copy_database(source: Path, target: Path) -> None:
    """A copy of the closed RocksDB database ``source``: its table and blob files hard-linked
    (RocksDB never changes one once written, and deletes rather than rewrites), the rest
    (manifest, write-ahead log, options) copied; its lock file left behind."""
    target.mkdir()
    for entry in source.iterdir():
        if entry.name == "LOCK" or not entry.is_file():
            continue
        if entry.suffix in (".sst", ".blob"):
            os.link(entry, target / entry.name)
        else:
            shutil.copy2(entry, target / entry.name)


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
    "Change",
    "GraphFile",
    "Graphs",
    "Staged",
    "StoreInfo",
    "info",
    "is_fresh",
    "is_store",
    "open_read_only",
    "stage_update",
    "stage_write",
    "update",
    "write",
    "write_file",
    "writes_whole",
]
