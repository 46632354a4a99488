"""The build's text-reuse step: the corpus's reuse links, and ``graph:reuse`` written from them.

Why a module of its own: the links depend on the whole corpus (digicoop.reuse), and at 500
agreements the step cost seconds of every build, most of it spent again on what the last
build had worked out (the index, the candidates, each link's Turtle kept as 26,000 cache
entries and merged). Here the links come from :func:`digicoop.reuse.find_reuse_links` with
what the last build kept, and the graph's Turtle is written straight from the links: its
shape is fixed (two blocks per link, :func:`digicoop.assemble.reuse_graph`'s triples), so
each block is a few string joins, and the graph's part for the dataset
(:class:`digicoop.graph_parts.GraphPart`) is counted from the links, not parsed back. The
bytes are those :func:`digicoop.turtle.turtle` writes for ``reuse_graph(links)`` (tested on
the five agreements, the dev corpus and a synthetic corpus).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from digicoop.agreement_cache import AgreementCache
from digicoop.assemble import Reuse, provision_iri, reuse_iri
from digicoop.graph_parts import GraphPart, cut
from digicoop.model import Document
from digicoop.reuse import Memo, ReuseLink, find_reuse_links
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
    documents: list[Document], dates: Mapping[str, str | None], cache: AgreementCache | None
) -> list[ReuseLink]:
    """Each provision's link to the earlier wording it repeats (digicoop.reuse), with what
    the last build worked out per text (:class:`digicoop.reuse.Memo`) kept in ``cache``."""
    memo = Memo()
    key = cache.key("reuse-memo") if cache is not None else ""
    if cache is not None:
        cache.mark("reuse-memo", key)
        found = cache.get("reuse-memo", key)
        memo = found if isinstance(found, Memo) else memo
    links = find_reuse_links(documents, dates, memo=memo)
    if cache is not None and memo.stale():
        cache.put("reuse-memo", key, memo.used())
    return links


def reuse_turtle(links: Iterable[ReuseLink], prefixes: Mapping[str, str]) -> bytes:
    """``turtle(reuse_graph(map(as_reuse, links)), prefixes)``, written block by block
    (:func:`written`)."""
    return written(links, prefixes)[0]


def written(
    links: Iterable[ReuseLink], prefixes: Mapping[str, str]
) -> tuple[bytes, frozenset[str]]:
    """The reuse graph's Turtle and its subjects (N-Triples forms).

    The record's predicates in the writer's order (``a`` first, then by IRI) and their
    prefixed names are worked out once from the vocabulary; a block is then the terms of
    one link joined. Blocks are sorted by their subject's IRI, as the writer sorts them."""
    names = Names(prefixes)
    reuses = names.iri(str(DCO.reuses))
    record_class = names.iri(str(DCO.TextReuse))
    decimal = names.iri(_XSD_DECIMAL)
    heads = [
        (names.iri(iri), field)
        for iri, field in sorted(
            (
                (_RDF + "object", "object"),
                (_RDF + "predicate", "predicate"),
                (_RDF + "subject", "subject"),
                (str(DCO.similarity), "similarity"),
                (str(DCO.subjectAgreementId), "agreement"),
                (str(DCO.subjectEId), "eid"),
                (str(DCO.objectAgreementId), "other_agreement"),
                (str(DCO.objectEId), "other_eid"),
            )
        )
    ]
    blocks: list[tuple[str, str]] = []
    for link in links:
        provision = provision_iri(link.provision.agreement_id, link.provision.eid).value
        other = provision_iri(link.source.agreement_id, link.source.eid).value
        record = reuse_iri(provision, other).value
        written_provision, written_other = names.iri(provision), names.iri(other)
        blocks.append((provision, f"{written_provision} {reuses} {written_other} .\n"))
        values = {
            "object": written_other,
            "predicate": reuses,
            "subject": written_provision,
            "similarity": f'"{link.similarity:.4f}"^^{decimal}',
            "agreement": names.string(link.provision.agreement_id),
            "eid": names.string(link.provision.eid),
            "other_agreement": names.string(link.source.agreement_id),
            "other_eid": names.string(link.source.eid),
        }
        lines = " ;\n    ".join(f"{head} {values[field]}" for head, field in heads)
        blocks.append((record, f"{names.iri(record)} a {record_class} ;\n    {lines} .\n"))
    if not blocks:
        return b"", frozenset()
    blocks.sort()
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(names.used.items()))
    data = (header + "\n" + "\n".join(block for _, block in blocks)).encode("utf-8")
    return data, frozenset(f"<{subject}>" for subject, _ in blocks)


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
    documents: list[Document],
    dates: Mapping[str, str | None],
    prefixes: Mapping[str, str],
    cache: AgreementCache | None,
) -> tuple[bytes, GraphPart]:
    """The reuse graph's Turtle and its part for the dataset, for the corpus ``documents``
    (``dates``: agreement id -> ISO date, the corpus order of digicoop.reuse)."""
    links = find_links(documents, dates, cache)
    data, subjects = written(links, prefixes)
    return data, reuse_part(data, subjects, len(links))


__all__ = [
    "TRIPLES_PER_LINK",
    "as_reuse",
    "find_links",
    "reuse_part",
    "reuse_turtle",
    "run",
    "written",
]
