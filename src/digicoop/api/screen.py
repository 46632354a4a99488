r"""Screening query text before it reaches the engine: size, nesting, updates.

The engine's parser recurses once per nesting level, so a query nested thousands deep
(``SELECT * WHERE {{{{...}}}}``) would overflow a worker's stack; the screen refuses it with
a 400 first, as it refuses text longer than the size limit. It also answers the one question
the protocol asks before a query runs (is this an update? then 403). SERVICE is not screened
here when the workers have no network (:mod:`digicoop.sandbox`): it fails in the engine
(403) whatever the text looks like, and a test with a listener holds that true. Only a pool
that keeps the network (a remote store) relies on the text, through the same linear lexer
(:mod:`digicoop.sparqltext`).

Linear in the text's length, and run off the event loop for long texts
(:func:`screen_query`), so no query text can stall other requests. The shape of a short
text is remembered (:func:`shape_of`): a client repeating the same question pays for the
lexer once, and the worker reuses the shape's ``names_dataset`` instead of lexing again.

>>> check("PREFIX ex: <http://e/> SELECT * { ex:a\\#b ?p 1 }", 1000, 10, True).depth
1
"""

from __future__ import annotations

from functools import lru_cache

import anyio.to_thread

from digicoop.api.errors import ApiError
from digicoop.api.protocol import READ_ONLY
from digicoop.sparqltext import Shape, shape, words

UPDATE_KEYWORDS = {
    "INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH",
}  # fmt: skip
SERVICE_DISABLED = "SERVICE (federated) queries are disabled on this endpoint"
#: Texts shorter than this are screened on the event loop (a thread hop costs more), and
#: their shapes are remembered: at most SHAPES of them, so at most a few MB.
INLINE_BYTES = 4096
SHAPES = 1024


@lru_cache(maxsize=SHAPES)
def _remembered(query: str) -> Shape:
    return shape(query)


def shape_of(query: str) -> Shape:
    """:func:`digicoop.sparqltext.shape`, remembered for short texts (a pure function)."""
    return _remembered(query) if len(query) < INLINE_BYTES else shape(query)


#: Queries that read no data (true on every dataset), answered without a worker: ``ASK {}``
#: and ``ASK WHERE {}``, in any case, with any spacing and comments. Clients and load
#: balancers use them to ask "are you up?", and they should not queue behind real queries.
_READS_NO_DATA = (["ASK", "{", "}"], ["ASK", "WHERE", "{", "}"])
_SHORT = 256


def reads_no_data(query: str) -> bool:
    """Whether ``query`` is one of the data-free queries above (remembered for short texts).

    >>> reads_no_data("ask { } # up?"), reads_no_data("ASK { ?s ?p ?o }")
    (True, False)
    """
    return len(query) <= _SHORT and _data_free(query)


@lru_cache(maxsize=SHAPES)
def _data_free(query: str) -> bool:
    return [value.upper() for _, value in words(query)] in _READS_NO_DATA


def check(query: str, max_bytes: int, max_depth: int, refuse_service: bool) -> Shape:
    """The query's :class:`Shape`, or :class:`ApiError` (400 too large/deep, 403 update/SERVICE).

    ``refuse_service``: refuse SERVICE found in the text (only where the workers keep the
    network and federation is off).
    """
    size = len(query.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise ApiError(
            400, "query-too-large", f"the query is {size} bytes; the limit is {max_bytes}"
        )
    found = shape_of(query)
    if found.first_keyword in UPDATE_KEYWORDS:
        raise ApiError(403, "read-only", READ_ONLY)
    if found.depth > max_depth:
        raise ApiError(
            400,
            "query-too-deep",
            f"the query nests {{ ( [ {found.depth} deep; the limit is {max_depth}",
        )
    if found.uses_service and refuse_service:
        raise ApiError(403, "service-disabled", SERVICE_DISABLED)
    return found


async def screen_query(query: str, max_bytes: int, max_depth: int, refuse_service: bool) -> Shape:
    """:func:`check`, in a worker thread when the text is long."""
    if len(query) < INLINE_BYTES:
        return check(query, max_bytes, max_depth, refuse_service)
    return await anyio.to_thread.run_sync(check, query, max_bytes, max_depth, refuse_service)
