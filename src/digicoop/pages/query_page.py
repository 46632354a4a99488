"""What the query page needs besides the endpoint: choices for its forms, labels for results.

``GET /query-choices`` gives, for every parameter name with choices (``pages/choices.toml``),
the values and labels the form offers; ``POST /labels`` turns a list of IRIs into labels
(provisions by their readable path, see :mod:`digicoop.labels`), so result tables show
names, not IRIs. Both are computed once per loaded dataset.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from digicoop.api.engine import get_engine
from digicoop.api.errors import ApiError
from digicoop.export.sparql import Select, queries
from digicoop.export.views import _ranked
from digicoop.labels import all_provision_labels
from digicoop.pages.source import in_thread
from digicoop.params import choice_kinds, load_choices

router = APIRouter()
MAX_LABELS = 5000


def _all_choices(select: Select) -> dict[str, list[dict[str, str]]]:
    kinds = choice_kinds()
    by_kind = {
        kind: [{"value": c.value, "label": c.label} for c in load_choices(select, kind)]
        for kind in sorted(set(kinds.values()))
    }
    return {name: by_kind[kind] for name, kind in kinds.items()}


def _all_labels(select: Select) -> dict[str, str]:
    rows = select(queries("export")["labels"], {})
    names = {row["node"].value: _ranked(row["label"].value) for row in rows}
    names.update(all_provision_labels(select))
    return names


async def _cached(request: Request, name: str, work: Any) -> Any:
    digest = get_engine(request).info.digest
    cache: dict[tuple[str, str], Any] = getattr(request.app.state, "query_page", None) or {}
    request.app.state.query_page = cache
    if (digest, name) not in cache:
        cache[(digest, name)] = await in_thread(request, work)
    return cache[(digest, name)]


async def label_map(request: Request) -> dict[str, str]:
    """IRI → label for everything labelled (provisions by their readable path), cached."""
    names: dict[str, str] = await _cached(request, "labels", _all_labels)
    return names


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
    names = await label_map(request)
    return {iri: names[iri] for iri in iris if iri in names}
