"""The build's text-reuse step: the corpus's reuse links, and ``graph:reuse`` written from them.

Why a module of its own: the links depend on the whole corpus (digicoop.reuse), and at 500
agreements the step cost seconds of every build, most of it spent again on what the last
build had worked out. Here the links come from :func:`digicoop.reuse.find_reuse_links` with
what the last build kept (:class:`digicoop.reuse.Memo`: each text's keys, candidates and
scores), and the graph's Turtle is written straight from the links: its shape is fixed
(two blocks per link, :func:`digicoop.assemble.reuse_graph`'s triples), so a block is a few
string joins, each link's blocks are kept from the last build (:func:`kept_written`: only
new links are written), and the graph's part for the dataset
(:class:`digicoop.graph_parts.GraphPart`) is counted from the links, not parsed back. The
bytes are those :func:`digicoop.turtle.turtle` writes for ``reuse_graph(links)`` (tested on
the five agreements, the dev corpus and a synthetic corpus).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from digicoop.agreement_cache import AgreementCache
from digicoop.assemble import Reuse, provision_iri, reuse_iri
from digicoop.graph_parts import GraphPart, cut
from digicoop.reuse import Memo, Outlinable, ReuseLink, find_reuse_links, link_key
from digicoop.turtle import Names
from digicoop.vocab import DCO

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
#: Triples per link: the ``dco:reuses`` triple and the record's nine (assemble.reuse_graph).
TRIPLES_PER_LINK = 10


def as_reuse(link: ReuseLink) -> Reuse:
    """A link (digicoop.reuse) as the assembler writes it."""
    return Reuse(
        link.provision.agreement_id,
        link.provision.eid,
        link.source.agreement_id,
        link.source.eid,
        link.similarity,
    )


def find_links(
    documents: Sequence[Outlinable],
    dates: Mapping[str, str | None],
    cache: AgreementCache | None,
) -> list[ReuseLink]:
    """Each provision's link to the earlier wording it repeats (digicoop.reuse), with what
    the last build worked out per text (:class:`digicoop.reuse.Memo`) kept in ``cache``."""
    memo = Memo()
    key = _memo_key(cache) if cache is not None else ""
    if cache is not None:
        cache.mark("reuse-memo", key)
        found = cache.get("reuse-memo", key)
        memo = found if isinstance(found, Memo) else memo
    links = find_reuse_links(documents, dates, memo=memo)
    if cache is not None and memo.stale():
        cache.put("reuse-memo", key, memo.used())
    return links


#: One link's Turtle: the reusing provision's IRI and block, the record's IRI and block, and
#: the prefixes its IRIs were written with (a cache entry holds these as plain tuples).
Blocks = tuple[str, str, str, str, tuple[str, ...]]


class _Writer:
    """Writes a link's two blocks as :func:`digicoop.turtle.turtle` writes its triples.

    The record's predicates in the writer's order (``a`` first, then by IRI) and their
    prefixed names are worked out once from the vocabulary; a block is then the terms of
    one link joined."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.names = names = Names(prefixes)
        self.reuses = names.iri(str(DCO.reuses))
        self.record_class = names.iri(str(DCO.TextReuse))
        self.decimal = names.iri(_XSD_DECIMAL)
        self.heads = [
            (names.iri(iri), field)
            for iri, field in sorted(
                (
                    (_RDF + "object", 1),
                    (_RDF + "predicate", 2),
                    (_RDF + "subject", 0),
                    (str(DCO.similarity), 3),
                    (str(DCO.subjectAgreementId), 4),
                    (str(DCO.subjectEId), 5),
                    (str(DCO.objectAgreementId), 6),
                    (str(DCO.objectEId), 7),
                )
            )
        ]
        #: The prefixes every link's blocks use (the vocabulary's terms).
        self.fixed = dict(names.used)

    def blocks(self, link: ReuseLink) -> Blocks:
        names = self.names
        provision = provision_iri(link.provision.agreement_id, link.provision.eid).value
        other = provision_iri(link.source.agreement_id, link.source.eid).value
        record = reuse_iri(provision, other).value
        iris = [names.iri(provision), names.iri(other), names.iri(record)]
        values = (
            iris[0],
            iris[1],
            self.reuses,
            f'"{link.similarity:.4f}"^^{self.decimal}',
            names.string(link.provision.agreement_id),
            names.string(link.provision.eid),
            names.string(link.source.agreement_id),
            names.string(link.source.eid),
        )
        lines = " ;\n    ".join(f"{head} {values[field]}" for head, field in self.heads)
        return (
            provision,
            f"{iris[0]} {self.reuses} {iris[1]} .\n",
            record,
            f"{iris[2]} a {self.record_class} ;\n    {lines} .\n",
            tuple(iri.split(":", 1)[0] for iri in iris if not iri.startswith("<")),
        )


def _joined(
    links: Iterable[Blocks], fixed: Mapping[str, str], prefixes: Mapping[str, str]
) -> tuple[bytes, frozenset[str]]:
    """The graph's Turtle from its links' blocks (sorted by subject IRI, as the writer sorts
    them, the prefixes used heading them) and its subjects (N-Triples forms)."""
    used = dict(fixed)
    blocks: list[tuple[str, str]] = []
    for provision, provision_block, record, record_block, named in links:
        blocks += ((provision, provision_block), (record, record_block))
        used.update((name, prefixes[name]) for name in named)
    if not blocks:
        return b"", frozenset()
    blocks.sort()
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(used.items()))
    data = (header + "\n" + "\n".join(block for _, block in blocks)).encode("utf-8")
    return data, frozenset(f"<{subject}>" for subject, _ in blocks)


def written(
    links: Iterable[ReuseLink], prefixes: Mapping[str, str]
) -> tuple[bytes, frozenset[str]]:
    """The reuse graph's Turtle, ``turtle(reuse_graph(map(as_reuse, links)), prefixes)``
    written block by block, and its subjects (N-Triples forms)."""
    writer = _Writer(prefixes)
    return _joined(map(writer.blocks, links), writer.fixed, prefixes)


def kept_written(
    links: Iterable[ReuseLink], prefixes: Mapping[str, str], cache: AgreementCache
) -> tuple[bytes, frozenset[str]]:
    """:func:`written`, each link's blocks kept in ``cache`` (one entry, the last build's
    links) and written only for a link the last build did not have: adding an agreement to
    500 writes the blocks of its few hundred links, not of 26,000."""
    key = _blocks_key(cache, prefixes)
    cache.mark("reuse-blocks", key)
    found = cache.get("reuse-blocks", key)
    kept: dict[tuple[str, str, str, str, float], Blocks] = found if isinstance(found, dict) else {}
    writer = _Writer(prefixes)
    now: dict[tuple[str, str, str, str, float], Blocks] = {}
    for link in links:
        name = link_key(link)
        entry = kept.get(name)
        now[name] = entry if entry is not None else writer.blocks(link)
    if now.keys() != kept.keys():
        cache.put("reuse-blocks", key, now)
    return _joined(now.values(), writer.fixed, prefixes)


def _memo_key(cache: AgreementCache) -> str:
    return cache.key("reuse-memo")


def _blocks_key(cache: AgreementCache, prefixes: Mapping[str, str]) -> str:
    return cache.key("reuse-blocks", *(f"{p} {ns}" for p, ns in sorted(prefixes.items())))


def read_ahead(cache: AgreementCache, prefixes: Mapping[str, str]) -> None:
    """Read now the entries the step starts from (the last build's memo and its links'
    blocks: 35 MB at 500 agreements, 0.1 s unpickled), for :func:`run` to find them read.
    Why: a build that waits on its workers for the agreements they make reads them then
    (digicoop.pipeline), instead of after the wait (:meth:`AgreementCache.read_ahead`)."""
    cache.read_ahead("reuse-memo", _memo_key(cache))
    cache.read_ahead("reuse-blocks", _blocks_key(cache, prefixes))


def reuse_part(data: bytes, subjects: frozenset[str], links: int) -> GraphPart:
    """The part of the reuse graph whose Turtle is ``data`` (:func:`written` of ``links``
    links, with its ``subjects``), counted from the links: each link's ten triples are
    distinct (a provision has at most one link, a record's IRI is minted from its link),
    and no triple is one the description reads (no type dco:Agreement, no source text).
    Equal to :func:`digicoop.graph_parts.summarise` of ``data`` (tested)."""
    return GraphPart(
        cut=cut(data),
        triples=TRIPLES_PER_LINK * links,
        owner=None,
        owned=0,
        owned_subjects=b"",
        foreign=subjects,
        agreements=frozenset(),
        derived=frozenset(),
        about=(),
    )


def run(
    documents: Sequence[Outlinable],
    dates: Mapping[str, str | None],
    prefixes: Mapping[str, str],
    cache: AgreementCache | None,
) -> tuple[bytes, GraphPart]:
    """The reuse graph's Turtle and its part for the dataset, for the corpus ``documents``
    (``dates``: agreement id -> ISO date, the corpus order of digicoop.reuse)."""
    links = find_links(documents, dates, cache)
    if cache is None:
        data, subjects = written(links, prefixes)
    else:
        data, subjects = kept_written(links, prefixes, cache)
    return data, reuse_part(data, subjects, len(links))


__all__ = [
    "TRIPLES_PER_LINK",
    "as_reuse",
    "find_links",
    "kept_written",
    "read_ahead",
    "reuse_part",
    "run",
    "written",
]
