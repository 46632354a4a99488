"""Pages of a named query's answer: ``/queries/NAME?_size=N&_page=K``.

Why: an answer can be large (``text-reuse`` lists every reuse link: 20,200 rows at 500
agreements), and a client showing a table needs the first rows, fast, and a way to the rest.
Query services page their canned queries so (Datasette: ``max_returned_rows`` and a
next-page link). Never silently: a page that is not the last says so twice, in a
``Link: <…&_page=K+1>; rel="next"`` header (RFC 8288) and as the same URL in the JSON's
``head.link`` (the SPARQL 1.1 JSON results format's place for links), so a client that reads
only the body, or only the headers, still cannot take a page for the whole answer.

The rules:

* SPARQL JSON answers (the default) come in pages of ``page_rows`` rows (``serve
  --page-rows``; 0 turns paging off). ``_size=N`` asks for pages of N rows, ``_size=all``
  for every row in one answer, ``_page=K`` (from 1) for the K-th page.
* CSV, TSV and XML answers, the exports, carry every row: their bodies have no place for a
  link, so a page of one would be a cut without a sign inside the file. ``_size=N`` with
  them is refused (400) rather than ignored.
* A page is the query's text with ``LIMIT N+1 OFFSET (K-1)*N`` appended; the extra row tells
  whether another page exists, and the worker drops it (:func:`trim`). With ``ORDER BY``
  (every named query orders its rows, so pages are stable) the engine still evaluates the
  whole answer for each page: a page saves sending and reading the rows, not finding them.
* A query with its own top-level ``LIMIT``, ``OFFSET`` or trailing ``VALUES`` is answered
  whole (:func:`paged_text` returns None): its author bounded it already.

This module is imported by the query workers: it must not import FastAPI.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from digicoop.sparqltext import CLOSERS, OPENERS, shape, words
from digicoop.store import Outcome

JSON = "application/sparql-results+json"
#: ``_size=all``: every row in one answer.
ALL = "all"
#: Top-level keywords after the WHERE group by which a query bounds its own answer.
_BOUNDING = frozenset({"LIMIT", "OFFSET", "VALUES"})


class PageError(ValueError):
    """A paging option has a bad value; ``parameter`` names it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter


@dataclass(frozen=True)
class Page:
    """One page: ``size`` rows from row ``(number - 1) * size``; ``next_url`` is the next's."""

    size: int
    number: int
    next_url: str = ""

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def _positive(options: Mapping[str, str], name: str) -> int | None:
    raw = options.get(name)
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise PageError(name, f"{name} must be a whole number from 1 (got {raw!r})")
    return int(raw)


def requested(options: Mapping[str, str], page_rows: int, media_type: str | None) -> Page | None:
    """The page a request asks for, or None for the whole answer (see the module's rules).

    ``options`` are the request's ``_``-prefixed fields, ``media_type`` the type negotiated
    for a SELECT's answer. Raises :class:`PageError` for a bad ``_size`` or ``_page``.

    >>> requested({}, 1000, JSON), requested({"_size": "all"}, 1000, JSON)
    (Page(size=1000, number=1, next_url=''), None)
    >>> requested({"_page": "3", "_size": "20"}, 1000, JSON).offset
    40
    """
    whole = options.get("_size") == ALL
    size = None if whole else _positive(options, "_size")
    number = _positive(options, "_page") or 1
    if media_type is None:  # nothing acceptable: the engine answers 406, with no page
        return None
    if media_type != JSON:
        if size is not None or number > 1:
            given = "_size" if size is not None else "_page"
            raise PageError(
                given, f"pages are for SPARQL JSON answers; a {media_type} answer has every row"
            )
        return None
    if whole:
        if number > 1:
            raise PageError("_page", "_size=all is one answer with every row: it has no pages")
        return None
    size = size or page_rows
    return Page(size, number) if size else None


def paged_text(text: str, page: Page) -> str | None:
    """``text`` limited to ``page`` (one row more, see the module doc), or None when it
    cannot be paged: not a SELECT, or bounded by its author (:func:`bounds_itself`).

    >>> paged_text("SELECT * { ?s ?p ?o } ORDER BY ?s", Page(10, 2))
    'SELECT * { ?s ?p ?o } ORDER BY ?s\\nLIMIT 11 OFFSET 10\\n'
    >>> paged_text("SELECT * { ?s ?p ?o } LIMIT 5", Page(10, 1)) is None
    True
    """
    if bounds_itself(text):
        return None
    # On a line of its own: the text may end in a comment.
    return f"{text.rstrip()}\nLIMIT {page.size + 1} OFFSET {page.offset}\n"


@lru_cache(maxsize=1024)
def bounds_itself(text: str) -> bool:
    """Whether a query is not a SELECT, or has a top-level ``LIMIT``, ``OFFSET`` or
    ``VALUES`` after its WHERE group: such a query is answered whole. Remembered per text
    (linear, but on the event loop for every request of a named query)."""
    if shape(text).first_keyword != "SELECT":
        return True
    depth, after_group = 0, False
    for kind, value in words(text):
        if kind == "other" and value in OPENERS:
            depth += 1
        elif kind == "other" and value in CLOSERS:
            depth -= 1
            after_group = after_group or (depth == 0 and value == "}")
        elif kind == "word" and depth == 0 and after_group and value.upper() in _BOUNDING:
            return True
    return False


def trim(outcome: Outcome, page: Page) -> Outcome:
    """A SPARQL JSON answer of at most ``page.size`` rows; if the engine found one more, the
    row is dropped and the answer links the next page (``head.link``, :attr:`Outcome.next_page`).
    Other answers are returned as they are."""
    if outcome.kind != "solutions" or outcome.media_type != JSON:
        return outcome
    found = json.loads(outcome.body)
    rows = found["results"]["bindings"]
    if len(rows) <= page.size:
        return outcome
    del rows[page.size :]
    found["head"]["link"] = [*found["head"].get("link", []), page.next_url]
    body = json.dumps(found, ensure_ascii=False, separators=(",", ":")).encode()
    return replace(outcome, body=body, next_page=page.next_url)
