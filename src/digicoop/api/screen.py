"""Screening query text before it reaches the engine (the lexer is :func:`digicoop.store.words`).

pyoxigraph exposes no query AST, so the two questions the endpoint must answer up front —
is this an update, and does it use SERVICE — are answered by tokenising the text: comments,
strings and IRIs are skipped, so ``"SERVICE"`` in a literal or ``ex:SERVICE`` is no hit.

>>> first_keyword("PREFIX ex: <http://e/> # hi\\n insert data { ex:a ex:b 1 }")
'INSERT'
>>> uses_service('SELECT * { ?s ex:SERVICE "SERVICE" }'), uses_service("ASK { SERVICE <x> {} }")
(False, True)
"""

from __future__ import annotations

from digicoop.querylib import has_service
from digicoop.store import words as _words

QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_KEYWORDS = {
    "INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH",
}  # fmt: skip


def first_keyword(text: str) -> str | None:
    """The first keyword after the prologue (BASE / PREFIX declarations), upper-cased."""
    tokens = _words(text)
    index = 0
    while index < len(tokens):
        kind, value = tokens[index]
        upper = value.upper()
        if kind == "word" and upper == "BASE":
            index += 2
        elif kind == "word" and upper == "PREFIX":
            index += 3
        elif kind == "word":
            return upper
        else:
            return None
    return None


def is_update(text: str) -> bool:
    """Whether the text is a SPARQL Update request (it starts with an update keyword)."""
    return first_keyword(text) in UPDATE_KEYWORDS


uses_service = has_service
