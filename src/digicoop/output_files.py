"""A build's output files as what they are made of, so that publishing need not hold them.

Why: adding one agreement to five hundred leaves 499 agreement files and nearly all of the
300 MB dataset file as they were, yet every build read each agreement's Turtle back from the
build cache, stitched the TriG in memory (two copies of 300 MB), wrote it and compared the
other files byte for byte with the old ones: some three seconds of a build that changes one
graph. Here an output file is either its bytes, or

* a :class:`Stored` file: a fingerprint that changes whenever its bytes would (what made
  them: an agreement's output key in the build cache), its size, and how to read the bytes
  when they are needed after all; or
* the dataset file as a :class:`Stitched` plan: its ``@prefix`` header and each named
  graph's body, a span of that graph's Turtle, in IRI order (the layout of
  :func:`digicoop.graph_parts.stitch`, which is this plan's bytes).

:mod:`digicoop.publish` links a stored file whose fingerprint it recorded for the file in
place, and writes a stitched file by copying each graph whose fingerprint it recorded from
the old file inside the kernel (:func:`os.copy_file_range`), reading only what changed. The
bytes are the same either way (tested).

>>> from digicoop.graph_parts import cut
>>> turtle = b"@prefix ex: <http://example.org/> .\\n\\nex:a ex:p 1 .\\n"
>>> where = cut(turtle)
>>> plan = stitched([("http://example.org/g", turtle, "v1", where.prefixes, where.start, where.end)])
>>> print(plan.data().decode(), end="")
@prefix ex: <http://example.org/> .
<BLANKLINE>
<http://example.org/g> {
ex:a ex:p 1 .
}
>>> plan.size == len(plan.data())
True
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

#: What a named graph of the last dataset file was: its fingerprint, and where its body sat.
Span = tuple[str, int, int]


@dataclass(frozen=True)
class Stored:
    """A file's bytes, read only when needed (module doc). ``fingerprint`` must change
    whenever the bytes ``read`` returns would; ``size`` is their length."""

    fingerprint: str
    size: int
    read: Callable[[], bytes]


@dataclass(frozen=True)
class Body:
    """One named graph in the dataset file: its body is ``source[start:end]``."""

    name: str
    source: bytes | Stored
    fingerprint: str
    start: int
    end: int

    def data(self) -> bytes | memoryview:
        source = self.source if isinstance(self.source, bytes) else self.source.read()
        return memoryview(source)[self.start : self.end]

    @property
    def opening(self) -> bytes:
        return b"<" + self.name.encode("utf-8") + b"> {\n"


#: What ends a graph's block in the dataset file (and in what a loader is fed).
CLOSING = b"\n}\n"
_BETWEEN = b"\n"


@dataclass(frozen=True)
class Stitched:
    """The dataset file (TriG) as its header and its graphs' bodies (module doc)."""

    header: bytes
    bodies: tuple[Body, ...]

    @property
    def fingerprint(self) -> str:
        """Changes whenever the bytes would: a digest of the header and of each graph's name,
        fingerprint and span."""
        digest = hashlib.sha256(self.header)
        for body in self.bodies:
            digest.update(f"\n{body.name} {body.fingerprint} {body.end - body.start}".encode())
        return "stitched " + digest.hexdigest()

    @property
    def size(self) -> int:
        total = len(self.header)
        for index, body in enumerate(self.bodies):
            total += (len(_BETWEEN) if index else 0) + len(body.opening)
            total += body.end - body.start + len(CLOSING)
        return total

    def data(self) -> bytes:
        """The file's bytes (every graph's source read)."""
        pieces: list[bytes | memoryview] = [self.header]
        for index, body in enumerate(self.bodies):
            if index:
                pieces.append(_BETWEEN)
            pieces += [body.opening, body.data(), CLOSING]
        return b"".join(pieces)

    def write(self, fd: int, old: int | None, spans: Mapping[str, Span]) -> dict[str, Span]:
        """Write the file to ``fd`` (at its start); a graph whose name and fingerprint
        ``spans`` records for the old file open as ``old`` is copied from there, not read.
        Returns each graph's span in the new file (what the next build copies from)."""
        written: dict[str, Span] = {}
        pending: list[bytes | memoryview] = [self.header]
        position = len(self.header)
        for index, body in enumerate(self.bodies):
            if index:
                pending.append(_BETWEEN)
                position += len(_BETWEEN)
            pending.append(body.opening)
            position += len(body.opening)
            length = body.end - body.start
            recorded = spans.get(body.name)
            if old is not None and recorded is not None and recorded[0] == body.fingerprint:
                write_all(fd, pending)
                pending = []
                _copy(old, fd, recorded[1], length)
            else:
                pending.append(body.data())
            written[body.name] = (body.fingerprint, position, length)
            position += length
            pending.append(CLOSING)
            position += len(CLOSING)
        write_all(fd, pending)
        return written


def stitched(
    graphs: Iterable[tuple[str, bytes | Stored, str, tuple[bytes, ...], int, int]],
) -> Stitched:
    """The plan of the TriG of ``graphs``: ``(IRI, Turtle, fingerprint, @prefix lines, body
    start, body end)`` each, in IRI order; the header is the union of their ``@prefix`` lines,
    sorted, and each non-empty body goes in a ``GRAPH`` block, unchanged (not indented:
    indentation would change a multi-line literal)."""
    header: set[bytes] = set()
    bodies = []
    for name, source, fingerprint, prefixes, start, end in sorted(graphs, key=lambda g: g[0]):
        header.update(prefixes)
        if start < end:
            bodies.append(Body(name, source, fingerprint, start, end))
    return Stitched(b"\n".join(sorted(header)) + b"\n\n", tuple(bodies))


def write_all(fd: int, pieces: list[bytes | memoryview]) -> None:
    """Every piece written to ``fd`` whole (a pipe or a file may take part of a write)."""
    for piece in pieces:
        view = memoryview(piece)
        while view:
            view = view[os.write(fd, view) :]


def _copy(source: int, target: int, offset: int, length: int) -> None:
    """``length`` bytes of ``source`` from ``offset`` appended to ``target``: in the kernel
    where it can (copy_file_range), else read and written."""
    copy = getattr(os, "copy_file_range", None)
    while length > 0:
        copied = 0
        if copy is not None:
            try:
                copied = copy(source, target, length, offset)
            except OSError as error:
                if error.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
                    raise
                copy = None
        if copied <= 0:
            data = os.pread(source, min(length, 1 << 24), offset)
            if not data:
                raise OSError(errno.EIO, "the old dataset file ended before a recorded span")
            write_all(target, [data])
            copied = len(data)
        offset += copied
        length -= copied


#: What an output file is: its bytes, a stored file, or the stitched dataset file.
Content = bytes | Stored | Stitched


def data(content: Content) -> bytes:
    """The bytes of ``content``."""
    if isinstance(content, bytes):
        return content
    if isinstance(content, Stored):
        return content.read()
    return content.data()


__all__ = ["Body", "Content", "Span", "Stitched", "Stored", "data", "stitched"]
