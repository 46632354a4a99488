"""The on-disk store written whole by a loader process fed graph by graph, from the moment
the build has made its agreement graphs: a cold build's store.

Why: loading the store whole is the longest single piece of a cold build (at 500 agreements
some 31 s of CPU for pyoxigraph's bulk load of the 300 MB dataset, then 4-7 s compacting
it), and it used to start only once ``graphs/`` was written. Meanwhile the build's own
process runs alone on one core for some 25 s: the text reuse step, the description,
writing ``graphs/``, then validation loading the dataset into memory and planning its
run; the checks then take both cores, and the report is written on one again
(bench/results.md, seventh round: the timeline). Fed each agreement graph as soon as all
are made, the loader works through those single-core stretches. It runs at the build's
priority: lowered (``nice`` 5), it was starved while validation's checks held both cores
and left its compaction, one thread, to run alone after them (a core idle for it;
bench/results.md, seventh round).

The quads are the dataset file's: each graph goes to the loader as the file holds it (its
``@prefix`` lines, then its body in a ``GRAPH`` block; TriG allows prefixes between
blocks), read from the same bytes (tested: the same quads and the same record as
:func:`digicoop.disk_store.stage_write` of the file). The graphs travel through a pipe,
written by a thread of the build's process (``os.write`` releases the GIL); the loader
reads them with pyoxigraph's bulk loader as they come. :meth:`Feed.finish` sends the
graphs of the whole corpus (shared resources, text reuse, vocabularies, the description)
and returns a :class:`digicoop.disk_store.Staged` store: switched in by its commit once the
loader is done, dropped by its discard (the loader killed, nothing left beside the old
store), as a store loaded in the background always was.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from digicoop import disk_store as ondisk
from digicoop.output_files import CLOSING, Body, Stitched, Stored, write_all

#: The pipe's capacity asked of Linux (its default, 64 KiB, wakes the writer some 5,000
#: times for 300 MB); a request the kernel refuses leaves the default.
_PIPE_BYTES = 1 << 20
_F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)

#: One graph as a loader reads it: a function giving its pieces of TriG (:func:`block`).
GraphBlock = Callable[[], list[bytes | memoryview]]


class Sink:
    """Where a build sends its graphs as it makes them: each queued as the dataset file holds
    it (:func:`block`), for a thread of the build to take; the graphs sent are remembered,
    so that the rest of the dataset file can follow (:func:`rest`). The on-disk store's
    loader (:class:`Feed`) and validation's in-memory store
    (:class:`digicoop.memory_feed.MemoryFeed`) are fed so."""

    def __init__(self) -> None:
        self._sent: set[str] = set()
        self._queue: queue.SimpleQueue[GraphBlock | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def _start(self, take: Callable[[], None], name: str) -> None:
        """Start the thread that takes the queued graphs (``take`` ends at the None mark)."""
        self._thread = threading.Thread(target=take, name=name, daemon=True)
        self._thread.start()

    def _ended(self) -> threading.Thread | None:
        """Tell the thread to end after what is queued; the thread, now no longer this
        sink's (None if it had none)."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
        return thread

    def _joined(self) -> None:
        """:meth:`_ended`, and wait for the thread."""
        thread = self._ended()
        if thread is not None:
            thread.join()

    def send(
        self, name: str, source: bytes | Stored, prefixes: Iterable[bytes], start: int, end: int
    ) -> None:
        """Queue graph ``name``: its Turtle's body ``source[start:end]`` and its ``@prefix``
        lines (a graph of :class:`digicoop.graph_parts.Cut`; a stored Turtle is read by the
        thread that takes it). An empty body is no graph in the dataset file: nothing is
        sent."""
        self._sent.add(name)
        graph = block(name, source, prefixes, start, end)
        if graph is not None:
            self._queue.put(graph)

    def _send_rest(self, plan: Stitched) -> None:
        """Queue the graphs of the dataset file ``plan`` not sent yet."""
        for left in rest(plan, self._sent):
            self._queue.put(left)


class Feed(Sink):
    """A loader process for a new store beside ``target``, and the thread that writes the
    graphs it is sent into the loader's pipe (module doc). ``lenient``: the loader does not
    check IRIs and language tags (0.5 to 0.7 s of its CPU at 500 agreements): only where the
    build parses the same graphs strictly beside it (a cold build's
    :class:`digicoop.memory_feed.MemoryFeed`, whose refusal fails the build before this
    store is switched in)."""

    def __init__(self, target: Path, lenient: bool = False) -> None:
        super().__init__()
        self.target = target
        self.staging: Path | None = ondisk._staging(target)
        self.loader: subprocess.Popen[bytes] | None = None
        try:
            self.loader = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    _LOADER,
                    str(self.staging),
                    str(os.getpid()),
                    "lenient" if lenient else "strict",
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except BaseException:
            self.discard()
            raise
        assert self.loader.stdin is not None
        # the writer thread's own descriptor, closed by it alone (Popen's file object closed
        # now, so that nothing else closes the number after it is reused)
        self._process, self._pipe = self.loader, os.dup(self.loader.stdin.fileno())
        self.loader.stdin.close()
        _OPEN.add(self._pipe)
        with contextlib.suppress(OSError):
            fcntl.fcntl(self._pipe, _F_SETPIPE_SZ, _PIPE_BYTES)
        self._start(self._write, "disk-feed")

    def finish(self, plan: Stitched, graphs: ondisk.Graphs, sha256: str) -> ondisk.Staged:
        """Send the graphs of the dataset file ``plan`` not sent yet, record ``graphs`` (the
        dataset's named graphs, as :func:`digicoop.disk_store.stage_write` records them) and
        ``sha256`` (the dataset file's), and close the pipe: the loader finishes on its own.
        Returns the staged store (its commit waits for the loader); this feed is then done."""
        assert self.loader is not None and self.staging is not None
        self._send_rest(plan)
        record = ondisk._graph_record(graphs)
        ondisk.leave_record(self.staging, graphs, record, sha256)
        writer = self._ended()  # it closes the pipe after the last graph
        staged = ondisk.Staged(
            self.target, self.staging, record, sha256, loader=self.loader, feeder=writer
        )
        self.loader, self.staging = None, None
        return staged

    def discard(self) -> None:
        """Stop the loader and drop what it wrote (the old store stays as it was)."""
        if self.loader is not None:
            self.loader.kill()
            self.loader.wait()
            self.loader = None
        self._joined()
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None

    def _write(self) -> None:
        """The writer thread: each queued graph into the pipe, then the pipe closed. A loader
        gone (killed, or failed: its message is in the staging directory) ends it early; a
        graph that cannot be read kills the loader, so that a store missing it is never
        switched in (the reason left where the commit reads the loader's)."""
        staging = self.staging
        try:
            while (graph := self._queue.get()) is not None:
                write_all(self._pipe, graph())
        except BrokenPipeError:
            pass  # the loader has gone: its exit status tells the commit why
        except BaseException as error:
            if staging is not None:
                with contextlib.suppress(OSError):
                    (staging / ondisk._FAILED).write_text(
                        f"a graph could not be sent: {type(error).__name__}: {error}",
                        encoding="utf-8",
                    )
            self._process.kill()
        finally:
            _OPEN.discard(self._pipe)
            with contextlib.suppress(OSError):
                os.close(self._pipe)


#: The write ends of the feeds' pipes open in this process.
_OPEN: set[int] = set()


def _close_inherited() -> None:
    """In a child forked while a feed writes (validation's workers, say): its copy of the
    pipe closed, or the loader would wait for the child's end too before it saw the last
    graph."""
    for fd in list(_OPEN):
        with contextlib.suppress(OSError):
            os.close(fd)
    _OPEN.clear()


os.register_at_fork(after_in_child=_close_inherited)


def block(
    name: str, source: bytes | Stored, prefixes: Iterable[bytes], start: int, end: int
) -> GraphBlock | None:
    """Graph ``name`` as the dataset file holds it, for a loader: its ``@prefix`` lines, then
    its Turtle's body ``source[start:end]`` in a ``GRAPH`` block (a stored Turtle read when
    the block is); None for an empty body (no graph in the dataset file)."""
    if start >= end:
        return None
    body = Body(name, source, "", start, end)  # its fingerprint is not needed to load it
    return _after(b"\n".join(prefixes) + b"\n\n", body.opening, body.data)


def rest(plan: Stitched, sent: set[str]) -> Iterator[GraphBlock]:
    """The graphs of the dataset file ``plan`` whose names are not in ``sent``, as blocks
    (the file's header of ``@prefix`` lines before each)."""
    for body in plan.bodies:
        if body.name not in sent:
            yield _after(plan.header, body.opening, body.data)


def _after(header: bytes, opening: bytes, body: Callable[[], bytes | memoryview]) -> GraphBlock:
    return lambda: [header, opening, body(), CLOSING]


_LOADER = "import sys; from digicoop.disk_feed import _load_fed; _load_fed(*sys.argv[1:])"


def _load_fed(staging_name: str, parent: str, parse: str) -> None:
    """The loader process: :func:`digicoop.disk_store.load_whole` of the graphs read from
    its standard input as they come (``parse``: ``lenient`` or ``strict``, see :class:`Feed`)."""
    ondisk.load_whole(Path(staging_name), Path("/dev/stdin"), parent, lenient=parse == "lenient")


__all__ = ["Feed", "GraphBlock", "Sink", "block", "rest"]
