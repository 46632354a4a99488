"""``/compare/?first=A&second=B``: two agreements side by side, for a reader.

What both say and what only one says: the summary facts in two columns (kind, parties,
signing, term, notice deadline), the topics both cover with each side's provisions and
their modality (what each commits to on the topic), the topics only one covers, and the
wording they share (near-verbatim provisions: one reuses the other's, ``dco:TextReuse``
giving the similarity, or both reuse the same earlier provision, scored here). Agreements are
named by id (``japan-denmark-moc``) or IRI; without two, the page is a form to pick them.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from digicoop.api.errors import ApiError
from digicoop.export.sparql import Select, queries
from digicoop.pages.agreement import load_reader
from digicoop.pages.html import BASE
from digicoop.pages.reader import Block, Reader
from digicoop.pages.source import in_thread, select
from digicoop.pages.templating import render
from digicoop.reuse import THRESHOLD, similarity

router = APIRouter()
#: Summary rows shown side by side, by key (see :mod:`digicoop.pages.reader`).
COMPARED = ("kind", "parties", "signed", "status", "term", "renewal", "notice", "deadline")


@dataclass
class TopicRow:
    iri: str
    label: str
    first: list[Block]
    second: list[Block]


@dataclass
class Comparison:
    first: Reader
    second: Reader
    facts: list[tuple[str, list[str], list[str]]]
    shared: list[TopicRow]
    only_first: list[tuple[str, str, int]]
    only_second: list[tuple[str, str, int]]
    reuse: list[tuple[Block | None, Block | None, float]]


def _facts(reader: Reader) -> dict[str, tuple[str, list[str]]]:
    return {f.key: (f.label, [v.text for v in f.values]) for f in reader.facts}


def compare(first: Reader, second: Reader, reuse_rows: list) -> Comparison:  # type: ignore[type-arg]
    """The comparison of two readers' views and their shared wording."""
    a, b = _facts(first), _facts(second)
    facts = [
        (
            (a.get(key) or b.get(key) or (key, []))[0],
            a.get(key, ("", []))[1],
            b.get(key, ("", []))[1],
        )
        for key in COMPARED
        if key in a or key in b
    ]
    blocks_a = {block.iri: block for block in first.blocks}
    blocks_b = {block.iri: block for block in second.blocks}
    topics_a = {iri: (label, items) for iri, label, items in first.topics}
    topics_b = {iri: (label, items) for iri, label, items in second.topics}
    shared = [
        TopicRow(
            iri,
            topics_a[iri][0],
            [blocks_a[p] for p, _, _ in topics_a[iri][1] if p in blocks_a],
            [blocks_b[p] for p, _, _ in topics_b[iri][1] if p in blocks_b],
        )
        for iri in sorted(topics_a.keys() & topics_b.keys(), key=lambda t: topics_a[t][0].lower())
    ]
    only_a = [(t, topics_a[t][0], len(topics_a[t][1])) for t in topics_a.keys() - topics_b.keys()]
    only_b = [(t, topics_b[t][0], len(topics_b[t][1])) for t in topics_b.keys() - topics_a.keys()]
    reuse = []
    for row in reuse_rows:
        block_a, block_b = blocks_a.get(row["a"].value), blocks_b.get(row["b"].value)
        if row.get("similarity") is not None:
            score = float(row["similarity"].value)
        else:  # both repeat the same earlier wording: the graph stores no pair between them
            score = similarity(row["textA"].value, row["textB"].value)
            if score < THRESHOLD:
                continue
        reuse.append((block_a, block_b, score))
    reuse.sort(key=lambda pair: -pair[2])
    return Comparison(
        first,
        second,
        facts,
        shared,
        sorted(only_a, key=lambda t: t[1].lower()),
        sorted(only_b, key=lambda t: t[1].lower()),
        reuse,
    )


def _iri(value: str) -> str:
    return value if value.startswith(("http://", "https://")) else f"{BASE}id/agreement/{value}"


def load_comparison(run: Select, first: str, second: str) -> Comparison | str:
    """The comparison, or the name of the agreement the graph does not have."""
    readers = []
    for iri in (first, second):
        reader = load_reader(run, iri)
        if reader is None:
            return iri
        readers.append(reader)
    rows = run(queries("pages")["compare-reuse"], {"first": first, "second": second})
    return compare(readers[0], readers[1], rows)


@router.get("/compare/", response_class=HTMLResponse, summary="Two agreements side by side")
async def comparison(request: Request, first: str = "", second: str = "") -> HTMLResponse:
    agreements = await select(request, "agreements-list")
    ids = [row["id"].value for row in agreements]
    result = None
    if first and second:
        a, b = _iri(first), _iri(second)
        found = await in_thread(request, lambda run: load_comparison(run, a, b))
        if isinstance(found, str):
            raise ApiError(404, "not-found", f"the graph has no agreement <{found}>")
        result = found
    title = (
        f"{result.first.identifier} and {result.second.identifier} side by side"
        if result
        else "Compare two agreements"
    )
    page = render(
        "compare.html", title=title, ids=ids, first=first, second=second, c=result,
        current="/compare/",
    )  # fmt: skip
    return HTMLResponse(page)
