"""The graphs of no agreement (the *context*) as one validation finds them changed since the last.

Why: the rules of :mod:`digicoop.validate.changes` read the context's changes as lines of
N-Triples removed and added. They were found by dumping every context graph whose build
fingerprint moved and comparing its sorted lines with a copy kept in the state; after one
agreement is added to 500, the text reuse graph alone is 250,000 triples (30 MB of lines):
dumping it cost about a second, and carrying its copy in the state (55 MB read and written)
another. The on-disk store's update knows that difference already
(:attr:`digicoop.disk_store.Staged.delta`: the quads it removed and added, graph by graph).

So the state keeps of each context graph (:class:`Kept`) only what the rules read: the
fingerprint it was read at, the digest of its vocabulary quads (subjects not ``id:``
resources), how many times its lines name each agreement, and its lines while they are
small (or always, when no difference will be handed over: a dataset validated without an
on-disk store). A run learns each graph's change (:func:`read`):

* unchanged: its fingerprint is the one kept, nothing is read;
* from its lines: dumped and compared with the lines kept (a small graph, or no delta);
* from the update's delta, when the update started from the version kept
  (``since`` equals the kept fingerprint): the quads removed and added, written as lines;
* else it is not known (a large graph whose delta starts from another version, as after a
  build with ``--no-validate``): the caller judges every agreement.

The lines written from a delta are N-Triples like the dump's; the rules parse them, match
their subjects' prefix and search them for agreement IRIs, so which writer made them does not
matter (the kept lines of a graph are always the dump's).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox

from digicoop.validate.fast.scope import AGREEMENT_BASE
from digicoop.validate.slices import ID_BASE, digest_of

#: A context graph's difference: the lines removed and the lines added.
Difference = tuple[set[bytes], set[bytes]]

#: A graph's lines are kept in the state up to this size when deltas are handed over (the
#: description and shared resources at 500 agreements are under a megabyte; the text reuse
#: graph is 30 MB and changes with every agreement added).
KEEP_LINES = 2 * 1024 * 1024

_NAMED_AGREEMENT = re.compile(re.escape(AGREEMENT_BASE).encode() + rb"([^/#>]+)")
_SUBJECT = b"<" + ID_BASE.encode()


@dataclass(frozen=True)
class Kept:
    """What the state keeps of one context graph (module doc)."""

    fingerprint: str | None  # the build's digest of the graph when read; None: not given
    vocabulary: str  # :func:`vocabulary` of its lines
    named: Mapping[str, int]  # agreement id → how many times its lines name one of its nodes
    lines: bytes | None  # its sorted N-Triples lines, or None (not kept: large, deltas given)


@dataclass
class Read:
    """The context as this run found it: what to keep, and each graph's difference."""

    graphs: dict[str, Kept]
    differences: dict[str, Difference] = field(default_factory=dict)
    known: bool = True  # False: a graph changed in a way this run cannot tell


class Delta(Protocol):
    """One graph's change as the on-disk store's update made it (disk_store.Change): the
    quads removed and added, from the version whose fingerprint is ``since``."""

    @property
    def since(self) -> str | None: ...

    @property
    def removed(self) -> frozenset[ox.Quad]: ...

    @property
    def added(self) -> frozenset[ox.Quad]: ...


def key_of(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    """A context graph's key: ``""`` the default graph, else its name as a SPARQL term."""
    return "" if isinstance(graph, ox.DefaultGraph) else str(graph)


def read(
    store: ox.Store,
    agreement_graphs: Iterable[ox.NamedNode],
    last: Mapping[str, Kept] | None,
    digests: Mapping[str, str] | None = None,
    deltas: Mapping[str, Delta] | None = None,
) -> Read:
    """Each context graph of ``store`` against ``last`` (module doc). ``digests``: a graph's
    fingerprint by IRI (the build's); ``deltas``: what the update did to each graph it
    changed, by IRI (None: no update hands its changes over, every line is kept)."""
    own = set(agreement_graphs)
    names: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
    names += [graph for graph in store.named_graphs() if graph not in own]
    before = dict(last or {})
    out = Read({})
    present = set()
    for graph in names:
        key = key_of(graph)
        present.add(key)
        name = graph.value if isinstance(graph, ox.NamedNode) else None
        fingerprint = (digests or {}).get(name) if name is not None else None
        prev = before.get(key)
        delta = (deltas or {}).get(name) if name is not None else None
        if prev is not None and fingerprint is not None and prev.fingerprint == fingerprint:
            out.graphs[key] = prev  # unchanged since it was read
            continue
        if prev is not None and prev.lines is None and _follows(prev, delta):
            assert delta is not None
            found = _by_delta(store, graph, fingerprint, prev, delta)
            out.graphs[key], out.differences[key] = found
            continue
        lines = _dump(store, graph)
        out.graphs[key] = _kept(key, fingerprint, lines)
        _keep_small(out, key, deltas)
        if prev is None:
            out.differences[key] = (set(), _lines(lines))
        elif prev.lines is not None:
            if prev.lines != lines:
                old, new = _lines(prev.lines), _lines(lines)
                out.differences[key] = (old - new, new - old)
        else:
            out.known = False
    for key, prev in sorted(before.items()):  # graphs that went
        if key in present:
            continue
        delta = (deltas or {}).get(key[1:-1]) if key else None
        if prev.lines is not None:
            out.differences[key] = (_lines(prev.lines), set())
        elif _follows(prev, delta) and delta is not None and not delta.added:
            out.differences[key] = (_written(delta.removed), set())
        else:
            out.known = False
    return out


def _follows(prev: Kept, delta: Delta | None) -> bool:
    """Whether ``delta`` starts from the version of the graph ``prev`` was read at."""
    return delta is not None and prev.fingerprint is not None and delta.since == prev.fingerprint


def _keep_small(out: Read, key: str, deltas: Mapping[str, Delta] | None) -> None:
    """Drop a graph's lines from what is kept when they are large and deltas are handed over
    (a graph with no fingerprint is read whole every run: its lines are always kept)."""
    kept = out.graphs[key]
    large = kept.lines is not None and len(kept.lines) > KEEP_LINES
    if deltas is not None and kept.fingerprint is not None and large:
        out.graphs[key] = Kept(kept.fingerprint, kept.vocabulary, kept.named, None)


def _by_delta(
    store: ox.Store,
    graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph,
    fingerprint: str | None,
    prev: Kept,
    delta: Delta,
) -> tuple[Kept, Difference]:
    """The graph's new :class:`Kept` and its difference, from an update's delta."""
    removed, added = _written(delta.removed), _written(delta.added)
    named = Counter(prev.named)
    named.subtract(_named(removed))
    named.update(_named(added))
    vocabulary = prev.vocabulary
    if any(not resource_line(line) for line in (*removed, *added)):
        vocabulary = vocabulary_of(key_of(graph), _dump(store, graph))  # rare: read it again
    kept = Kept(fingerprint, vocabulary, {a: n for a, n in sorted(named.items()) if n > 0}, None)
    return kept, (removed, added)


def _written(quads: Iterable[ox.Quad]) -> set[bytes]:
    """Quads as N-Triples lines (their graph left out: the context's lines are triples)."""
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    if not triples:
        return set()
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return _lines(data)


def _dump(store: ox.Store, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> bytes:
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
    return b"\n".join(sorted(line for line in data.split(b"\n") if line))


def _kept(key: str, fingerprint: str | None, lines: bytes) -> Kept:
    named = dict(sorted(_named([lines]).items()))
    return Kept(fingerprint, vocabulary_of(key, lines), named, lines)


def _lines(data: bytes) -> set[bytes]:
    return set(data.split(b"\n")) - {b""}


def _named(lines: Iterable[bytes]) -> Counter[str]:
    """How many times the lines name a node of each agreement."""
    return Counter(m.decode() for line in lines for m in _NAMED_AGREEMENT.findall(line))


def resource_line(line: bytes) -> bool:
    """A line whose subject is an ``id:`` resource (not the vocabulary)."""
    return line.startswith(_SUBJECT)


def vocabulary_of(key: str, data: bytes) -> str:
    """sha256 of a context graph's quads whose subject is not an ``id:`` resource, blind to
    blank-node labels (a new load draws new ones)."""
    lines = [line for line in data.split(b"\n") if line and not resource_line(line)]
    graph: ox.NamedNode | ox.DefaultGraph = ox.NamedNode(key[1:-1]) if key else ox.DefaultGraph()
    triples = ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES) if lines else ()
    return digest_of(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)


def vocabulary_digest(graphs: Mapping[str, Kept]) -> str:
    """sha256 of the context graphs' vocabulary digests."""
    return hashlib.sha256(
        "\n".join(sorted(k.vocabulary for k in graphs.values())).encode()
    ).hexdigest()


def named(graphs: Mapping[str, Kept]) -> set[str]:
    """The agreements a context line names a node of."""
    return {agreement_id for kept in graphs.values() for agreement_id in kept.named}


def naming(
    store: ox.Store, now: Read, last: Mapping[str, Kept] | None, agreement_id: str
) -> list[bytes]:
    """The context lines, before or now, that name a node of ``agreement_id``: those among
    the differences, and the unchanged ones (only searched for when the counts kept say
    there are some: a graph's lines, kept or dumped)."""
    needle = f"<{AGREEMENT_BASE}{agreement_id}".encode()
    found: list[bytes] = []
    for key in sorted(set(now.graphs) | set(last or {})):
        removed, added = now.differences.get(key, (set(), set()))
        found += [line for line in (*removed, *added) if _names(line, needle)]
        prev = (last or {}).get(key)
        if prev is None or key not in now.graphs:
            continue  # a new graph's lines are all added; a gone graph's all removed
        unchanged = prev.named.get(agreement_id, 0) - _named(removed).get(agreement_id, 0)
        if unchanged <= 0:
            continue
        lines = now.graphs[key].lines
        if lines is None:
            graph = ox.NamedNode(key[1:-1]) if key else ox.DefaultGraph()
            lines = _dump(store, graph)
        found += [line for line in lines.split(b"\n") if _names(line, needle)]
    return found


def _names(line: bytes, needle: bytes) -> bool:
    """Whether a line names the agreement of ``needle`` or a node under it."""
    start = line.find(needle)
    while start != -1:
        if line[start + len(needle) : start + len(needle) + 1] in (b">", b"/", b"#"):
            return True
        start = line.find(needle, start + 1)
    return False


__all__ = [
    "KEEP_LINES",
    "Delta",
    "Difference",
    "Kept",
    "Read",
    "key_of",
    "named",
    "naming",
    "read",
    "vocabulary_digest",
    "vocabulary_of",
]
