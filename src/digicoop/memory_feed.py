"""The dataset loaded into an in-memory store graph by graph, by a thread of the build's
process, from the moment the agreement graphs are made: what a cold build validates.

Why: validation of a cold build reads the whole dataset from memory, and loading it from
the dataset file took one core for some 9.5 s at 500 agreements, only once the build had
run the text reuse step, written the description and staged ``graphs/`` (4-5 s more on one
core). pyoxigraph's ``Store.load`` releases the GIL, so a thread loads the agreement graphs
while the build's own thread makes the rest; validation then waits only for what is left.
The quads are the dataset file's: each graph is loaded as the file holds it, from the same
bytes (digicoop.disk_feed's blocks; tested against loading the file).

>>> from digicoop.output_files import stitched
>>> feed = MemoryFeed()
>>> feed.send("http://example.org/g", b'<http://a> <http://p> "x" .', (), 0, 27)
>>> len(feed.finish(stitched([])))
1
"""

from __future__ import annotations

import pyoxigraph as ox

from digicoop.disk_feed import Sink
from digicoop.output_files import Stitched


class MemoryFeed(Sink):
    """A new in-memory store and the thread that loads the graphs it is sent (module doc)."""

    def __init__(self) -> None:
        super().__init__()
        self.store = ox.Store()
        self._error: BaseException | None = None
        self._stop = False
        self._start(self._load, "memory-feed")

    def finish(self, plan: Stitched) -> ox.Store:
        """Load the graphs of the dataset file ``plan`` not sent yet, wait for the thread,
        and return the store; raises what loading a graph raised (a graph the parser
        refuses: ``SyntaxError``, as loading the file would)."""
        self._send_rest(plan)
        self._joined()
        if self._error is not None:
            raise self._error
        return self.store

    def discard(self) -> None:
        """Stop loading (what is queued is dropped) and wait for the thread."""
        self._stop = True
        self._joined()

    def _load(self) -> None:
        while (graph := self._queue.get()) is not None:
            if self._stop or self._error is not None:
                continue  # drained, not loaded
            try:
                self.store.load(b"".join(graph()), format=ox.RdfFormat.TRIG)
            except BaseException as error:  # raised in the build's thread by finish
                self._error = error


__all__ = ["MemoryFeed"]
