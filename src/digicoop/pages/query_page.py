"""What the query page needs besides the endpoint: choices for its forms, labels for results.

``GET /query-choices`` gives, for every parameter name with choices (``pages/choices.toml``),
the values and labels the form offers; ``POST /labels`` turns a list of IRIs into labels
(provisions by their readable path, see :mod:`digicoop.labels`), so result tables show
names, not IRIs. Choices are computed once per loaded dataset. Labels cost what the page
shows, not what the dataset holds: resources named by a label property come from one query
over the label triples (once per dataset); a provision's label needs its agreement's outline,
read for the agreements of the IRIs asked about only (once per dataset and agreement).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, Request

from digicoop.api.engine import get_engine
from digicoop.api.errors import ApiError
from digicoop.export.sparql import BASE, Row, Select, queries
from digicoop.export.views import _ranked
from digicoop.labels import Outline, agreement_names, parts_from_rows
from digicoop.pages.source import in_thread
from digicoop.params import choice_kinds, load_choices

router = APIRouter()
MAX_LABELS = 5000
#: Where the build mints an agreement's IRI; its provisions' IRIs extend it (docs/MODEL.md).
AGREEMENTS = f"{BASE}id/agreement/"


def _all_choices(select: Select) -> dict[str, list[dict[str, str]]]:
    kinds = choice_kinds()
    by_kind = {
        kind: [{"value": c.value, "label": c.label} for c in load_choices(select, kind)]
        for kind in sorted(set(kinds.values()))
    }
    return {name: by_kind[kind] for name, kind in kinds.items()}


def _named_labels(select: Select) -> dict[str, str]:
    rows = select(queries("pages")["labels-named"], {})
    return {row["node"].value: _ranked(row["label"].value) for row in rows}


def agreement_of(iri: str) -> str | None:
    """The agreement IRI that ``iri`` (a provision, evidence record…) was minted under.

    >>> agreement_of(AGREEMENTS + "japan-denmark-moc/sec_4__item_d")
    'https://w3id.org/digicoop/id/agreement/japan-denmark-moc'
    >>> agreement_of("https://w3id.org/digicoop/id/party/dk") is None
    True
    """
    if not iri.startswith(AGREEMENTS):
        return None
    head = iri[len(AGREEMENTS) :].split("/", 1)[0].split("#", 1)[0]
    return AGREEMENTS + head if head else None


def _provision_labels(select: Select, agreement: str, name: str | None) -> dict[str, str]:
    rows = select(queries("pages")["agreement-outline"], {"agreement": agreement})
    outline = Outline(parts_from_rows(rows))
    return {row["provision"].value: outline.label(row["provision"].value, name) for row in rows}


async def _cached(request: Request, name: str, work: Any) -> Any:
    digest = get_engine(request).info.digest
    cache: dict[tuple[str, str], Any] = getattr(request.app.state, "query_page", None) or {}
    request.app.state.query_page = cache
    if (digest, name) not in cache:
        cache[(digest, name)] = await in_thread(request, work)
    return cache[(digest, name)]


async def label_map(request: Request, iris: Iterable[str]) -> dict[str, str]:
    """IRI → label for those of ``iris`` the data labels (provisions by their readable path),
    at a cost in proportion to the agreements they belong to (module doc); cached."""
    wanted = set(iris)
    named: dict[str, str] = await _cached(request, "labels", _named_labels)
    found = {iri: named[iri] for iri in wanted if iri in named}
    scopes = sorted({a for iri in wanted - found.keys() if (a := agreement_of(iri)) is not None})
    if scopes:
        short: dict[str, str] = await _cached(request, "agreement-names", agreement_names)
    for agreement in scopes:
        provisions: dict[str, str] = await _cached(
            request,
            f"outline {agreement}",
            lambda select, a=agreement: _provision_labels(select, a, short.get(a)),
        )
        found.update((iri, provisions[iri]) for iri in wanted if iri in provisions)
    return found


def iris_in(*tables: list[Row]) -> set[str]:
    """Every IRI in the rows of ``tables`` (what a page shows, to be labelled)."""
    return {term.value for rows in tables for row in rows for term in row.values() if term.is_iri}


@router.get("/query-choices", summary="Values the query forms offer, by parameter name")
async def choices(request: Request) -> dict[str, list[dict[str, str]]]:
    """``{"topic": [{"value": IRI, "label": "semiconductors"}, ...], "party": [...]}``."""
    found: dict[str, list[dict[str, str]]] = await _cached(request, "choices", _all_choices)
    return found


@router.post("/labels", summary="Labels of IRIs (provisions by their readable path)")
async def labels(request: Request, iris: list[str]) -> dict[str, str]:
    """The label of each IRI the data names; IRIs without one are left out."""
    if len(iris) > MAX_LABELS:
        raise ApiError(413, "too-many", f"at most {MAX_LABELS} IRIs per request")
    return await label_map(request, iris)
