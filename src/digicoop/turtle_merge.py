"""Canonical Turtle of a union of graphs, from each graph's canonical Turtle, without parsing.

Why: the text-reuse graph (``graph:reuse``) is made of one small graph per link, and every
build wrote it again from all its triples (at 500 agreements 26,000 links, 157,000 triples,
seconds per build) though adding one agreement changes a few hundred links. Each link's
Turtle depends on that link alone, so the build keeps it (:func:`reuse_turtle`) and merges.

:func:`merge` relies on what :mod:`digicoop.turtle` writes: ``@prefix`` lines sorted by
prefix, a blank line, then one block per subject in IRI order, blocks apart by a blank line
(no literal spans lines). When no subject has blocks in two of the graphs, the union's
Turtle is the union of their ``@prefix`` lines and all their blocks in IRI order: the bytes
:func:`digicoop.turtle.turtle` writes for the union's triples (tested on the five
agreements' and a synthetic corpus's reuse links). A subject in two graphs, or a blank node
subject, raises :class:`ValueError` (their blocks would have to be merged: write the union
with :func:`digicoop.turtle.turtle` instead).

>>> one = b"@prefix ex: <http://example.org/> .\\n\\nex:b ex:p 1 .\\n"
>>> two = b"@prefix ex: <http://example.org/> .\\n\\nex:a ex:p 2 .\\n"
>>> print(merge([one, two]).decode(), end="")
@prefix ex: <http://example.org/> .
<BLANKLINE>
ex:a ex:p 2 .
<BLANKLINE>
ex:b ex:p 1 .
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

from digicoop.agreement_cache import AgreementCache
from digicoop.assemble import Reuse, reuse_graph
from digicoop.graph_parts import GraphPart, cut, summarise, union
from digicoop.reuse import ReuseLink, link_key
from digicoop.turtle import turtle

_BLOCKS = b"\n\n"


def _namespaces(prefixes: tuple[bytes, ...]) -> dict[bytes, bytes]:
    """``@prefix p: <ns> .`` lines → {p: ns}."""
    found = {}
    for line in prefixes:
        name, _, rest = line.removeprefix(b"@prefix ").partition(b":")
        found[name.strip()] = rest.strip().removesuffix(b".").strip().strip(b"<>")
    return found


#: A graph's canonical Turtle taken apart: its ``@prefix`` lines (prefix → namespace) and
#: its blocks, each with the IRI of its subject.
Piece = tuple[tuple[tuple[bytes, bytes], ...], tuple[tuple[bytes, bytes], ...]]


def split(text: bytes) -> Piece:
    """``text`` (canonical Turtle) as its namespaces and its blocks by subject; raises
    :class:`ValueError` for a subject :func:`merge` cannot order (a blank node)."""
    where = cut(text)
    local = _namespaces(where.prefixes)
    body = text[where.start : where.end]
    blocks = tuple(
        (_subject(block.split(b" ", 1)[0], local), block)
        for block in (body.split(_BLOCKS) if body else [])
    )
    return tuple(sorted(local.items())), blocks


def merge(texts: Iterable[bytes]) -> bytes:
    """The canonical Turtle of the union of graphs given as canonical Turtle, no subject in
    two of them (module doc); raises :class:`ValueError` otherwise."""
    return merge_pieces(split(text) for text in texts)


def merge_pieces(pieces: Iterable[Piece]) -> bytes:
    """:func:`merge` of texts already taken apart by :func:`split` (what the build keeps)."""
    namespaces: dict[bytes, bytes] = {}
    blocks: dict[bytes, bytes] = {}
    seen: set[int] = set()  # most pieces share one header (the same object once unpickled)
    for header, piece_blocks in pieces:
        if id(header) not in seen:
            seen.add(id(header))
            for name, namespace in header:
                if namespaces.setdefault(name, namespace) != namespace:
                    raise ValueError(f"prefix {name.decode()!r} bound to two namespaces")
        for subject, block in piece_blocks:
            if subject in blocks:
                raise ValueError(f"<{subject.decode()}> has blocks in two graphs")
            blocks[subject] = block
    if not blocks:
        return b""
    header_text = b"".join(b"@prefix %s: <%s> .\n" % item for item in sorted(namespaces.items()))
    return header_text + b"\n" + b"\n\n".join(blocks[s] for s in sorted(blocks)) + b"\n"


def _subject(written: bytes, namespaces: dict[bytes, bytes]) -> bytes:
    """The IRI of a subject as the writer wrote it (``<iri>`` or ``prefix:local``)."""
    if written.startswith(b"<") and written.endswith(b">"):
        return written[1:-1]
    name, colon, local = written.partition(b":")
    if not colon or name not in namespaces or written.startswith(b"_:"):
        raise ValueError(f"not a subject merge() can order: {written.decode()!r}")
    return namespaces[name] + local


def reuse_turtle(
    links: Sequence[ReuseLink],
    reuse_of: Callable[[ReuseLink], Reuse],
    prefixes: Mapping[str, str],
    cache: AgreementCache | None,
) -> bytes:
    """``turtle(reuse_graph(map(reuse_of, links)), prefixes)``, each link's Turtle kept in
    ``cache`` (one entry holding the links of the last build) and merged (module doc)."""
    return reuse_graph_file(links, reuse_of, prefixes, cache)[0]


#: What the build keeps of one link's graph: its Turtle taken apart (:func:`split`), its
#: triples, its subjects (N-Triples), and its part when it holds facts the description
#: copies (never for a reuse link; kept whole so that the sum stays exact whatever it holds).
_Kept = tuple[Piece, int, tuple[str, ...], GraphPart | None]


def _kept(text: bytes) -> _Kept:
    part = summarise(text, None)
    plain = not (part.agreements or part.derived or part.about)
    return split(text), part.triples, tuple(sorted(part.foreign)), None if plain else part


def reuse_graph_file(
    links: Sequence[ReuseLink],
    reuse_of: Callable[[ReuseLink], Reuse],
    prefixes: Mapping[str, str],
    cache: AgreementCache | None,
) -> tuple[bytes, GraphPart | None]:
    """:func:`reuse_turtle`, and the graph's part for the dataset (digicoop.graph_parts)
    added up from each link's, kept beside its Turtle (as :func:`digicoop.graph_parts.union`
    adds parts up); None when there is no cache or the links' Turtle could not be merged.

    Each link is kept taken apart and counted (:data:`_Kept`), not as its Turtle and a
    :class:`GraphPart`: at 500 agreements the entry holds 26,000 links, and reading, merging
    and writing it back cost 0.7 s a build that way, about a third of it this way."""
    if cache is None:
        return turtle(reuse_graph(map(reuse_of, links)), prefixes).encode("utf-8"), None
    key = cache.key("reuse-links")
    cache.mark("reuse-links", key)
    found = cache.get("reuse-links", key)
    kept: dict[tuple[str, str, str, str, float], _Kept] = found if isinstance(found, dict) else {}
    pieces: dict[tuple[str, str, str, str, float], _Kept] = {}
    headers: dict[tuple[tuple[bytes, bytes], ...], tuple[tuple[bytes, bytes], ...]] = {}
    try:
        for link in links:
            name = link_key(link)
            entry = kept.get(name)
            if entry is None:
                text = turtle(reuse_graph([reuse_of(link)]), prefixes).encode("utf-8")
                (header, blocks), triples, subjects, part = _kept(text)
                entry = ((headers.setdefault(header, header), blocks), triples, subjects, part)
            pieces[name] = entry
    except ValueError:  # a link graph with a blank node subject: not kept apart
        return turtle(reuse_graph(map(reuse_of, links)), prefixes).encode("utf-8"), None
    if pieces.keys() != kept.keys():
        cache.put("reuse-links", key, pieces)
    try:
        data = merge_pieces(entry[0] for entry in pieces.values())
    except ValueError:  # a provision with two links: its block holds both
        return turtle(reuse_graph(map(reuse_of, links)), prefixes).encode("utf-8"), None
    return data, _union(data, pieces.values())


def _union(data: bytes, kept: Iterable[_Kept]) -> GraphPart:
    """:func:`digicoop.graph_parts.union` of the links' parts, from what is kept of them."""
    kept = list(kept)
    whole = union(data, [part for *_, part in kept if part is not None])
    foreign: set[str] = set(whole.foreign)
    for _, _, subjects, _ in kept:
        foreign.update(subjects)
    return replace(
        whole,
        triples=sum(triples for _, triples, _, part in kept if part is None) + whole.triples,
        foreign=frozenset(foreign),
    )


__all__ = ["Piece", "merge", "merge_pieces", "reuse_graph_file", "reuse_turtle", "split"]
