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


def merge(texts: Iterable[bytes]) -> bytes:
    """The canonical Turtle of the union of graphs given as canonical Turtle, no subject in
    two of them (module doc); raises :class:`ValueError` otherwise."""
    namespaces: dict[bytes, bytes] = {}
    blocks: dict[bytes, bytes] = {}
    headers: dict[tuple[bytes, ...], dict[bytes, bytes]] = {}  # most texts share one
    for text in texts:
        where = cut(text)
        local = headers.get(where.prefixes)
        if local is None:
            local = headers[where.prefixes] = _namespaces(where.prefixes)
            for name, namespace in local.items():
                if namespaces.setdefault(name, namespace) != namespace:
                    raise ValueError(f"prefix {name.decode()!r} bound to two namespaces")
        body = text[where.start : where.end]
        for block in body.split(_BLOCKS) if body else []:
            subject = _subject(block.split(b" ", 1)[0], local)
            if subject in blocks:
                raise ValueError(f"<{subject.decode()}> has blocks in two graphs")
            blocks[subject] = block
    if not blocks:
        return b""
    header = b"".join(b"@prefix %s: <%s> .\n" % item for item in sorted(namespaces.items()))
    return header + b"\n" + b"\n\n".join(blocks[s] for s in sorted(blocks)) + b"\n"


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


def reuse_graph_file(
    links: Sequence[ReuseLink],
    reuse_of: Callable[[ReuseLink], Reuse],
    prefixes: Mapping[str, str],
    cache: AgreementCache | None,
) -> tuple[bytes, GraphPart | None]:
    """:func:`reuse_turtle`, and the graph's part for the dataset (digicoop.graph_parts)
    added up from each link's, kept beside its Turtle (:func:`digicoop.graph_parts.union`);
    None when there is no cache or the links' Turtle could not be merged."""
    if cache is None:
        return turtle(reuse_graph(map(reuse_of, links)), prefixes).encode("utf-8"), None
    key = cache.key("reuse-turtle")
    cache.mark("reuse-turtle", key)
    found = cache.get("reuse-turtle", key)
    kept: dict[tuple[str, str, str, str, float], tuple[bytes, GraphPart]] = (
        found if isinstance(found, dict) else {}
    )
    texts: dict[tuple[str, str, str, str, float], tuple[bytes, GraphPart]] = {}
    for link in links:
        name = link_key(link)
        entry = kept.get(name)
        if not isinstance(entry, tuple):  # new, or kept by a build before parts were
            text = turtle(reuse_graph([reuse_of(link)]), prefixes).encode("utf-8")
            entry = (text, summarise(text, None))
        texts[name] = entry
    if texts != kept:
        cache.put("reuse-turtle", key, texts)
    try:
        data = merge(text for text, _ in texts.values())
    except ValueError:  # a provision with two links: its block holds both
        return turtle(reuse_graph(map(reuse_of, links)), prefixes).encode("utf-8"), None
    return data, union(data, (part for _, part in texts.values()))


__all__ = ["merge", "reuse_graph_file", "reuse_turtle"]
