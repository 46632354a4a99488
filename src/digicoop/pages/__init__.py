"""Server pages beside the SPARQL endpoint: exports, comparisons, linked data, docs.

``router`` gathers them (:mod:`.agreement`: ``/agreements`` and the reader's page of each); the app factory mounts it with one ``include_router``. Routers:
:mod:`.exports` (``/export/...``), :mod:`.compare` (``/compare/...``), :mod:`.docs`
(``/ontology``, ``/topic/`` and the other schemes' namespaces) and :mod:`.linked` (``/id/...``,
``/graph/...``, concepts). All read the data through the endpoint's worker pool
(:mod:`.source`), with the SPARQL in ``pages/queries/*.rq``.
"""

from __future__ import annotations

from fastapi import APIRouter

from digicoop.pages import (
    agreement,
    compare,
    comparison,
    dataset,
    docs,
    exports,
    linked,
    query_page,
)

router = APIRouter(tags=["pages"])
router.include_router(agreement.router)
router.include_router(query_page.router)
router.include_router(comparison.router)
router.include_router(dataset.router)
router.include_router(exports.router)
router.include_router(compare.router)
router.include_router(docs.router)
router.include_router(linked.router)

__all__ = ["router"]
