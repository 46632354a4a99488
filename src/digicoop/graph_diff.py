"""Bringing one named graph of a store to a new version of its Turtle by the difference only.

Why: the on-disk store is updated rather than rebuilt (digicoop.disk_store.update), and the
graphs that change when one agreement is added are mostly large ones that change a little
(the text reuse links: 150,000 triples at 500 agreements, a few hundred new). Replacing such
a graph whole, or even comparing it triple by triple (every old quad read from the store,
every new triple parsed), cost seconds.

Two ways, same result:

* :func:`by_triples`: the graph's quads read from the store and compared with the new
  Turtle's triples; what is missing added, what is gone removed (a graph with blank nodes is
  replaced whole: a blank node parsed again is a new node);
* :func:`by_blocks`, for canonical Turtle (:mod:`digicoop.turtle`: one block per subject,
  blocks apart by a blank line, no literal spans lines) whose previous text is at hand: the
  blocks of the two texts compared as bytes, and only the blocks that differ parsed. A
  triple lives in its subject's block, and a subject has one block, so the triples of the
  blocks that went are what to remove and those of the blocks that came what to add. It
  declines (returns None) whatever it cannot prove that of: two blocks of one subject, a
  blank node in a block that changed, a prefix bound to two namespaces.

Both can also say what they did (``deltas``): the quads removed and the quads added, exactly
the difference between the graph's old and new triples. Validation takes what changed in the
graphs of no agreement from there rather than dumping them to compare line by line
(:mod:`digicoop.validate.context`).
"""

from __future__ import annotations

from collections.abc import MutableMapping

import pyoxigraph as ox

from digicoop.graph_parts import cut

_BLOCKS = b"\n\n"

#: What an update did to one graph: the quads it removed and the quads it added.
Delta = tuple[frozenset[ox.Quad], frozenset[ox.Quad]]
#: Graph IRI → its :data:`Delta`, filled in by the functions given one.
Deltas = MutableMapping[str, Delta]


def by_triples(
    store: ox.Store,
    graph: ox.NamedNode,
    turtle: bytes,
    existed: bool,
    deltas: Deltas | None = None,
) -> int:
    """Make ``graph`` hold exactly the triples of ``turtle`` (module doc); returns how many
    quads were removed. ``existed``: whether the store may hold the graph already.
    ``deltas``: where to record the difference (not recorded when the graph, holding blank
    nodes, was replaced whole: its blank nodes are new ones)."""
    parsed = ox.parse(turtle, format=ox.RdfFormat.TURTLE)
    new = {ox.Quad(t.subject, t.predicate, t.object, graph) for t in parsed}
    if not existed:
        store.extend(new)
        if deltas is not None and not any(_blank(quad) for quad in new):
            deltas[graph.value] = (frozenset(), frozenset(new))
        return 0
    old = set(store.quads_for_pattern(None, None, None, graph))
    if any(_blank(quad) for quad in old | new):
        store.remove_graph(graph)
        store.extend(new)
        return len(old)
    return _apply(store, graph, frozenset(old - new), frozenset(new - old), deltas)


def by_blocks(
    store: ox.Store,
    graph: ox.NamedNode,
    old: bytes,
    new: bytes,
    deltas: Deltas | None = None,
) -> int | None:
    """Make ``graph``, which holds the canonical Turtle ``old``, hold ``new`` instead, parsing
    only the blocks that differ (module doc); returns how many quads were removed, or None
    (and changes nothing) when the texts are not such that blocks can be compared.
    ``deltas``: where to record the difference."""
    old_cut, new_cut = cut(old), cut(new)
    namespaces: dict[bytes, bytes] = {}
    for line in old_cut.prefixes + new_cut.prefixes:
        name, _, rest = line.removeprefix(b"@prefix ").partition(b":")
        if namespaces.setdefault(name.strip(), rest.strip()) != rest.strip():
            return None  # one prefix, two namespaces: a block's bytes would not say one thing
    old_blocks = _blocks(old[old_cut.start : old_cut.end])
    new_blocks = _blocks(new[new_cut.start : new_cut.end])
    if old_blocks is None or new_blocks is None:
        return None
    header = b"\n".join(sorted(set(old_cut.prefixes + new_cut.prefixes))) + b"\n\n"
    gone = _quads(header, [b for s, b in old_blocks.items() if new_blocks.get(s) != b], graph)
    came = _quads(header, [b for s, b in new_blocks.items() if old_blocks.get(s) != b], graph)
    if gone is None or came is None:
        return None
    return _apply(store, graph, frozenset(gone - came), frozenset(came - gone), deltas)


def _apply(
    store: ox.Store,
    graph: ox.NamedNode,
    removed: frozenset[ox.Quad],
    added: frozenset[ox.Quad],
    deltas: Deltas | None,
) -> int:
    """Remove and add the difference once computed; record it; how many quads went."""
    for quad in removed:
        store.remove(quad)
    store.extend(added)
    if deltas is not None:
        deltas[graph.value] = (removed, added)
    return len(removed)


def _blocks(body: bytes) -> dict[bytes, bytes] | None:
    """Subject as written → its block; None if a subject is written twice."""
    blocks: dict[bytes, bytes] = {}
    for block in body.split(_BLOCKS) if body else []:
        subject = block.split(b" ", 1)[0]
        if subject in blocks:
            return None
        blocks[subject] = block
    return blocks


def _quads(header: bytes, blocks: list[bytes], graph: ox.NamedNode) -> set[ox.Quad] | None:
    """The blocks' triples as quads of ``graph``; None if one has a blank node."""
    if not blocks:
        return set()
    text = header + _BLOCKS.join(blocks) + b"\n"
    quads = {
        ox.Quad(t.subject, t.predicate, t.object, graph)
        for t in ox.parse(text, format=ox.RdfFormat.TURTLE)
    }
    return None if any(_blank(quad) for quad in quads) else quads


def _blank(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


__all__ = ["Delta", "Deltas", "by_blocks", "by_triples"]
