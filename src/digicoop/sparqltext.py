"""Reading SPARQL text without parsing it, in time linear in its length.

pyoxigraph exposes no query AST, so the few questions asked before a query reaches the
engine (is it an update? does it name its own dataset? does it use SERVICE? how deeply is
it nested?) are answered from tokens. The lexer must never be slower than linear: it runs on
text a stranger sent (a quadratic lexer let a 64 KB body of ``a.`` stall a server for 28 s).
Each token pattern below either matches or fails after looking at a bounded stretch that no
later token looks at again.

Comments, strings and IRIs are skipped, so ``"SERVICE"`` in a literal is no keyword, and a
prefixed name's escapes (``ex:a\\#b``) are part of the name, not the start of a comment.

>>> [value for kind, value in words('PREFIX ex: <http://e/> SELECT * { ?s ex:a\\\\#b 1.5 }')]
['PREFIX', 'ex:', '<http://e/>', 'SELECT', '*', '{', '?s', 'ex:a\\\\#b', '1', '.', '5', '}']
>>> shape("ASK { { ?s ?p ?o } }").depth
2
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_NAME_CHARS = r"\w\u00b7\u0300-\u036f\u203f-\u2040"
#: Local-name escapes (SPARQL 1.1 grammar, PN_LOCAL_ESC) and percent-encoding.
_LOCAL = rf"(?:[{_NAME_CHARS}.:-]|%[0-9A-Fa-f]{{2}}|\\[_~.\-!$&'()*+,;=/?#@%])*"
_TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<iri><[^<>"{{}}|^`\\\s]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<var>[?$][{_NAME_CHARS}]+)
  | (?P<run>[{_NAME_CHARS}][{_NAME_CHARS}.-]*)
  | (?P<pname>:{_LOCAL})
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_LOCAL_PART = re.compile(_LOCAL)
_WORD = re.compile(r"[A-Za-z_]\w*")
OPENERS, CLOSERS = "{([", "})]"


def _lexemes(text: str, start: int = 0, names: bool = True) -> Iterator[tuple[str, str, int, int]]:
    """(kind, text, start, end) of every token from ``start`` on, whitespace and comments
    included: the one loop over :data:`_TOKEN` every reader below shares. With ``names``, a
    prefix and its local part are one ``pname`` token (``ex:a\\#b``), as SPARQL reads them;
    without, the prefix is a ``run`` and ``:local`` a ``pname``."""
    position, end = start, len(text)
    while position < end:
        match = _TOKEN.match(text, position)
        assert match is not None  # ``other`` matches any character
        kind, begin, position = match.lastgroup or "other", match.start(), match.end()
        if names and kind == "run" and text.startswith(":", position):
            local = _LOCAL_PART.match(text, position + 1)
            assert local is not None  # the pattern matches the empty string
            kind, position = "pname", local.end()
        yield kind, text[begin:position], begin, position


def words(text: str) -> list[tuple[str, str]]:
    """(kind, text) for every significant token; whitespace and comments dropped.

    Kinds: ``iri``, ``string``, ``var``, ``pname`` (prefixed name), ``word`` (a keyword or
    bare name), ``other`` (numbers, punctuation).
    """
    tokens: list[tuple[str, str]] = []
    for kind, value, _, _ in _lexemes(text):
        if kind == "run":
            # Not a prefixed name: dots separate tokens (``?o.SERVICE``, ``1.SERVICE``).
            for index, piece in enumerate(value.split(".")):
                if index:
                    tokens.append(("other", "."))
                if piece:
                    tokens.append(("word" if _WORD.fullmatch(piece) else "other", piece))
        elif kind not in {"ws", "comment"}:
            tokens.append((kind, value))
    return tokens


def spans(text: str) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of every significant token, whitespace and comments dropped, for
    readers that need offsets (rewriting a group in place). Kinds as the lexer's groups:
    ``iri``, ``string``, ``var``, ``run`` (a keyword, a bare name or a prefix), ``pname``,
    ``other`` (one character: braces, punctuation).

    >>> text = 'SELECT * { "}" }'
    >>> [text[start:end] for _kind, start, end in spans(text)]
    ['SELECT', '*', '{', '"}"', '}']
    """
    for kind, _, start, end in _lexemes(text, names=False):
        if kind not in {"ws", "comment"}:
            yield kind, start, end


def where_group(text: str) -> int | None:
    """The offset just after the ``{`` that opens a query's WHERE clause (the first ``{``
    token after the keyword ``WHERE`` outside any group; for a query that omits the keyword,
    ``SELECT ?s { … }`` or ``ASK { … }``, the first ``{``), or ``None`` when there is none
    to find (``CONSTRUCT`` without ``WHERE``). Comments, strings and IRIs are skipped.

    >>> where_group('SELECT ("{" AS ?b) WHERE { ?s ?p ?o }')
    26
    >>> where_group('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }')
    30
    """
    depth, first, seen_where, construct = 0, None, False, None
    for kind, value, _, position in _lexemes(text):
        if kind == "run" and depth == 0:
            upper = value.upper()
            construct = (
                upper in ("CONSTRUCT", "DESCRIBE")
                if construct is None and upper in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
                else construct
            )
            seen_where = seen_where or upper == "WHERE"
        elif kind == "other" and value in OPENERS:
            if value == "{" and (seen_where or (not construct and first is None)):
                if seen_where:
                    return position
                first = position
            depth += 1
        elif kind == "other" and value in CLOSERS:
            depth -= 1
    return None if construct else first


class _Scope:
    """A sub-query met by :func:`with_constants`: the bracket depth of its ``SELECT`` (it
    ends when the group holding it closes), the variables its projection names, and
    whether its projection is still being read."""

    def __init__(self, depth: int) -> None:
        self.projection_depth = depth
        self.projected: set[str] = set()
        self.reading = True

    def shares(self, name: str) -> bool:
        return name in self.projected or "*" in self.projected


def with_constants(text: str, start: int, terms: dict[str, str]) -> str:
    """``text`` with each variable of ``terms`` (name without ``?``) written as its term
    (SPARQL syntax) from offset ``start`` on, inside expressions: wherever the innermost
    open bracket is a parenthesis (``FILTER(…)``, ``BIND(… AS ?x)``, a function's
    arguments, a projected expression, ``HAVING(…)``), except where SPARQL needs a
    variable (the name after ``AS``, the argument of ``BOUND``, a ``VALUES`` header) and
    inside a sub-query that does not project the variable (there the name is another
    variable: substitutions do not reach it either). Triple patterns keep their variables
    (a group ``{…}`` inside an expression, ``FILTER NOT EXISTS { … }``, is patterns
    again). Comments, strings and IRIs are copied as they are.

    Why expressions only: a variable that only a FILTER reads, bound from outside the
    pattern (by a ``VALUES`` block or by substitutions), is joined with the pattern before
    the filter can run, so the filter is applied late (``search`` at 500 agreements: 612
    ms so, 46 ms with the term in the FILTER); a term there is what Oxigraph needs to push
    the filter down to the pattern it reads. In a triple pattern a term can do harm
    instead: Oxigraph orders a pattern's joins by their constants, and a written
    agreement IRI lost to ``<scheme> skos:hasTopConcept ?top`` (``modality-profile`` 0.3
    -> 270 ms), while a variable bound by a leading ``VALUES`` block is where it starts.

    >>> with_constants('SELECT ?p { ?s ?p ?o FILTER(?o = ?p) } ORDER BY ?p', 9, {"p": "<x:y>"})
    'SELECT ?p { ?s ?p ?o FILTER(?o = <x:y>) } ORDER BY ?p'
    >>> with_constants('SELECT * { BIND(?p AS ?q) FILTER NOT EXISTS { ?s ?p ?o } }', 9,
    ...                {"p": '"a"', "q": '"b"'})
    'SELECT * { BIND("a" AS ?q) FILTER NOT EXISTS { ?s ?p ?o } }'
    """
    out: list[str] = [text[:start]]
    open_brackets: list[str] = []
    scopes: list[_Scope] = []  # the sub-queries the text is inside, innermost last
    values_header = False
    last = ("", "")  # the two significant tokens before this one, upper-cased
    for kind, value, _, _ in _lexemes(text, start):
        reading = scopes[-1] if scopes and scopes[-1].reading else None
        if kind == "run" and value.upper() == "SELECT":
            scopes.append(_Scope(len(open_brackets)))
        elif kind == "run" and value.upper() == "VALUES":
            values_header = True  # up to the block's "{"
        elif kind == "other" and value in OPENERS:
            if reading and value == "{" and len(open_brackets) == reading.projection_depth:
                reading.reading = False  # the sub-query's WHERE group opens
            open_brackets.append(value)
            values_header = values_header and value != "{"
        elif kind == "other" and value in CLOSERS and open_brackets:
            open_brackets.pop()
            while scopes and scopes[-1].projection_depth > len(open_brackets):
                scopes.pop()  # the group holding the sub-query (and its HAVING) closed
        elif (
            kind == "var"
            and reading
            and (last[1] == "AS" or len(open_brackets) == reading.projection_depth)
        ):
            reading.projected.add(value[1:])
        elif (
            kind == "var"
            and value[1:] in terms
            and not values_header
            and open_brackets[-1:] == ["("]
            and last[1] != "AS"  # BIND(… AS ?x), (… AS ?x): a name
            and last != ("BOUND", "(")  # BOUND(?x) takes a variable only
            and all(scope.shares(value[1:]) for scope in scopes)
        ):
            value = terms[value[1:]]
        if (
            reading
            and kind == "other"
            and value == "*"
            and len(open_brackets) == reading.projection_depth  # not COUNT(*)
        ):
            reading.projected.add("*")
        if kind not in ("ws", "comment"):
            last = (last[1], value.upper() if kind == "run" else value)
        out.append(value)
    return "".join(out)


def subquery_groups(text: str, start: int) -> list[tuple[int, frozenset[str]]]:
    """For each sub-query (``SELECT`` after offset ``start``): the offset just after the
    ``{`` opening its WHERE group, and the variables its projection names (without ``?``;
    ``*`` for ``SELECT *``), in the order of the text.

    >>> text = 'SELECT * { { SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } } }'
    >>> [(at, sorted(names)) for at, names in subquery_groups(text, 9)]
    [(48, ['a', 'n'])]
    """
    found: list[tuple[int, frozenset[str]]] = []
    projected: set[str] | None = None  # inside a sub-query's projection
    depth = projection_depth = 0
    after_as = False
    for kind, value, _, position in _lexemes(text, start):
        if kind == "run" and value.upper() == "SELECT":
            projected, projection_depth = set(), depth
        elif projected is not None and kind == "var" and (after_as or depth == projection_depth):
            projected.add(value[1:])
        elif (
            projected is not None and kind == "other" and value == "*" and depth == projection_depth
        ):
            projected.add("*")
        elif kind == "other" and value in OPENERS:
            if projected is not None and value == "{" and depth == projection_depth:
                found.append((position, frozenset(projected)))
                projected = None
            depth += 1
        elif kind == "other" and value in CLOSERS:
            depth -= 1
        if kind not in ("ws", "comment"):
            after_as = kind == "run" and value.upper() == "AS"
    return found


@dataclass(frozen=True)
class Shape:
    """What the screen needs to know about a query, from one pass over its tokens."""

    first_keyword: str | None  # the first keyword after the prologue, upper-cased
    uses_service: bool
    names_dataset: bool  # FROM / FROM NAMED
    depth: int  # deepest nesting of { ( [


def shape(text: str) -> Shape:
    """The :class:`Shape` of ``text`` (linear time; see module doc)."""
    tokens = words(text)
    first: str | None = None
    index = 0
    while index < len(tokens) and first is None:
        kind, value = tokens[index]
        upper = value.upper()
        if kind == "word" and upper == "BASE":
            index += 2
        elif kind == "word" and upper == "PREFIX":
            index += 3
        elif kind == "word":
            first = upper
        else:
            break
    depth = deepest = 0
    service = dataset = False
    for kind, value in tokens:
        if kind == "other":
            if value in OPENERS:
                depth += 1
                deepest = max(deepest, depth)
            elif value in CLOSERS:
                depth -= 1
        elif kind == "word":
            upper = value.upper()
            service = service or upper == "SERVICE"
            dataset = dataset or upper == "FROM"
    return Shape(first, service, dataset, deepest)
