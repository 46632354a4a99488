"""The named-query library: ``queries/*.rq``, each a SPARQL query with a small header.

Queries stay data (files found by glob); this module only reads their headers and binds
their parameters. Values are bound as RDF terms (SEP-0007): through pyoxigraph's
``substitutions`` and, for the plan's sake, written in the variable's place by
:meth:`NamedQuery.bound_text`; a value is checked and written as one term, so it cannot
change the query.

Header format (agreed with the query-library engineer): the leading ``#`` lines of the file::

    # title: Partners per topic
    # description: Agreements that cover a topic, with the partner parties.
    # param: topic iri = https://w3id.org/digicoop/topic/artificial-intelligence -- the topic
    # param: year integer -- optional when a default is given; required otherwise
    SELECT ...

* ``title`` is required; ``description`` is optional; each appears at most once.
* ``param: NAME TYPE [= DEFAULT] [-- DOC]`` declares the variable ``?NAME`` (the query must
  use it). TYPE is one of ``iri``, ``string``, ``integer``, ``date``, ``boolean``. A
  parameter with a default is optional; one without is required.
* Other keys (``# foo: ...``) are errors; ``#`` lines without a ``key:`` are free comments.
  The header ends at the first line that is neither blank nor a comment.

pyoxigraph substitutes only variables that a ``SELECT`` projects (its reading of SEP-0007),
so a ``SELECT`` must list every parameter in its projection (or be ``SELECT *``); the
parameter then also shows in each row. Loading checks this, and the query's syntax, by
preparing the query against an empty store (nothing is evaluated that could reach out: a
query with ``SERVICE`` is not prepared).

A malformed header raises :class:`QueryHeaderError` naming the file and line; a syntax
error or an unprojected parameter raises :class:`QueryFileError`; a missing or bad value
raises :class:`ParameterError` naming the parameter.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "by-year.rq").write_text(
...     "# title: By year\\n# param: year integer = 2023 -- the year\\nSELECT ?year {}\\n")
>>> library = load_library(folder)
>>> library["by-year"].bind({"year": "2024"})
{<Variable value=year>: <Literal value=2024 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from digicoop.errors import DigicoopError
from digicoop.sparqltext import subquery_groups, where_group, with_constants, words


def has_service(text: str) -> bool:
    """Whether the query has a SERVICE clause (a request to another server)."""
    return any(kind == "word" and value.upper() == "SERVICE" for kind, value in words(text))


XSD = "http://www.w3.org/2001/XMLSchema#"


class QueryFileError(DigicoopError):
    """A named query file is unusable; the message starts with ``file:line``."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line


class QueryHeaderError(QueryFileError):
    """A named query's header is malformed."""


class ParameterError(DigicoopError):
    """A parameter value is missing, unknown or not of its declared type."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"parameter {parameter!r}: {message}")
        self.parameter = parameter


def _iri(value: str) -> ox.NamedNode:
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", value):
        raise ValueError("expected an absolute IRI")
    return ox.NamedNode(value)


def _integer(value: str) -> ox.Literal:
    if not re.fullmatch(r"[+-]?[0-9]+", value.strip()):
        raise ValueError("expected an integer")
    return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))


def _date(value: str) -> ox.Literal:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        raise ValueError("expected a date YYYY-MM-DD")
    return ox.Literal(
        date.fromisoformat(value.strip()).isoformat(), datatype=ox.NamedNode(XSD + "date")
    )


def _boolean(value: str) -> ox.Literal:
    lowered = value.strip().lower()
    if lowered not in {"true", "false", "1", "0"}:
        raise ValueError("expected true or false")
    return ox.Literal(
        "true" if lowered in {"true", "1"} else "false", datatype=ox.NamedNode(XSD + "boolean")
    )


#: How each declared type turns a string into an RDF term (raising ValueError if it can't).
CONVERTERS: dict[str, Callable[[str], ox.NamedNode | ox.Literal]] = {
    "iri": _iri,
    "string": ox.Literal,
    "integer": _integer,
    "date": _date,
    "boolean": _boolean,
}


@dataclass(frozen=True)
class Param:
    """One declared parameter: its variable name, type, default (None: required) and doc."""

    name: str
    type: str
    default: str | None = None
    doc: str = ""

    @property
    def required(self) -> bool:
        return self.default is None

    def convert(self, value: str) -> ox.NamedNode | ox.Literal:
        """The RDF term for ``value``; raises :class:`ParameterError` if it is not valid."""
        try:
            return CONVERTERS[self.type](value)
        except ValueError as error:
            raise ParameterError(
                self.name, f"{value!r} is not a valid {self.type}: {error}"
            ) from None


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library: ``name`` is the file stem."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path

    def bind(self, values: Mapping[str, str]) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
        """Substitutions for every declared parameter: given values, else defaults.

        Raises :class:`ParameterError` for an unknown name, a missing required value or a
        value of the wrong type.
        """
        declared = {p.name: p for p in self.params}
        for name in values:
            if name not in declared:
                raise ParameterError(name, f"not a parameter of query {self.name!r}")
        bound: dict[ox.Variable, ox.NamedNode | ox.Literal] = {}
        for param in self.params:
            value = values.get(param.name, param.default)
            if value is None:
                raise ParameterError(param.name, "is required")
            bound[ox.Variable(param.name)] = param.convert(value)
        return bound

    def bound_text(self, values: Mapping[str, str]) -> str:
        """The query text with every parameter bound (:meth:`bind`): by a ``VALUES`` block
        that opens its WHERE group, and by its term written in place of the variable inside
        the expressions of the WHERE clause (:func:`~digicoop.sparqltext.with_constants`).
        Run it with :meth:`bind`'s substitutions too.

        Why the block: it is where Oxigraph's plan starts. Oxigraph applies
        ``substitutions`` after planning: ``?concept skos:broader* ?topic`` ran for every
        topic and was filtered afterwards (``commitment-strength-on-topic`` at 100 synthetic
        agreements: 49 ms with substitutions, 3 ms with the block). Why the terms in
        expressions: a FILTER reading a variable that only the block binds runs after the
        block is joined with the pattern; with the term it is pushed down to the pattern it
        reads (``search`` at 500: 612 ms, 46 ms). A sub-query that projects a parameter
        gets the block too, opening its own WHERE group: it is evaluated on its own before
        the outer join, for every value of the variable (``agreements-by-topic`` at 500:
        320 ms, counting every topic; 30 ms). Patterns keep their variables (a written
        IRI can lose the plan's start to another constant: see ``with_constants``). Why the
        substitutions too: they keep SPARQL's scoping where a parameter is read inside a
        group the block does not reach (a FILTER inside a UNION branch or an OPTIONAL is
        unbound there if only an outer ``VALUES`` binds it). A query whose WHERE group its
        tokens do not show gets the block at its end (valid SPARQL, slower). The terms are
        written by pyoxigraph (N-Triples syntax, which SPARQL reads) from values
        :meth:`bind` checked, so a value cannot change the query. Raises
        :class:`ParameterError` as :meth:`bind` does.

        >>> q = NamedQuery("q", "Q", "", (Param("year", "integer", "2023", ""),),
        ...                "SELECT ?year WHERE { ?s ?p ?y FILTER(?y < ?year) }", Path("q.rq"))
        >>> print(q.bound_text({"year": "2024"}))
        SELECT ?year WHERE {
          VALUES (?year) { ("2024"^^<http://www.w3.org/2001/XMLSchema#integer>) }
         ?s ?p ?y FILTER(?y < "2024"^^<http://www.w3.org/2001/XMLSchema#integer>) }
        """
        bound = self.bind(values)
        if not bound:
            return self.text
        written = {variable.value: str(term) for variable, term in bound.items()}
        block = _values_block(written)
        at = where_group(self.text)
        if at is None:  # no WHERE group to open with it: the same bindings, at the end
            return f"{self.text}\n{block}\n"
        text = self.text
        for inner, projected in reversed(subquery_groups(text, at)):
            names = [name for name in written if name in projected or "*" in projected]
            if names:
                inner_block = _values_block({name: written[name] for name in names})
                text = f"{text[:inner]} {inner_block}{text[inner:]}"
        text = with_constants(text, at, written)
        return f"{text[:at]}\n  {block}\n{text[at:]}"


def _values_block(written: Mapping[str, str]) -> str:
    """``VALUES (?a ?b) { (term term) }`` for variable names and their written terms."""
    names = " ".join(f"?{name}" for name in written)
    return f"VALUES ({names}) {{ ({' '.join(written.values())}) }}"


_KEY = re.compile(r"^#\s*([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>\w+)"
    r"(?:\s*=\s*(?P<default>.*?))?(?:\s+--\s*(?P<doc>.*))?$"
)


def _parse_param(path: Path, number: int, spec: str) -> Param:
    match = _PARAM.match(spec)
    if not match:
        raise QueryHeaderError(
            path, number, f"expected 'param: NAME TYPE [= DEFAULT] [-- DOC]', got {spec!r}"
        )
    param = Param(
        match["name"], match["type"], match["default"] or None, (match["doc"] or "").strip()
    )
    if param.type not in CONVERTERS:
        raise QueryHeaderError(
            path, number, f"unknown type {param.type!r} (known: {', '.join(CONVERTERS)})"
        )
    if param.default is not None:
        try:
            param.convert(param.default)
        except ParameterError as error:
            raise QueryHeaderError(path, number, f"bad default: {error}") from None
    return param


#: A value of each type, to prepare a query whose parameter has no default.
SAMPLES = {
    "iri": "urn:x-sample",
    "string": "",
    "integer": "0",
    "date": "2000-01-01",
    "boolean": "true",
}
_SYNTAX_POSITION = re.compile(r"error at (\d+):(\d+)")
_UNPROJECTED = re.compile(r"variable \?(\w+) in its SELECT projection")


def _prepare(path: Path, text: str, params: list[Param], lines: dict[str, int]) -> None:
    """Parse the query with its parameters bound, without evaluating it (see module doc)."""
    if has_service(text):
        return
    bound = {ox.Variable(p.name): p.convert(p.default or SAMPLES[p.type]) for p in params}
    try:
        ox.Store().query(text, substitutions=bound)  # type: ignore[arg-type]
    except SyntaxError as error:
        where = _SYNTAX_POSITION.search(str(error))
        line = int(where[1]) if where else 1
        raise QueryFileError(path, line, f"SPARQL syntax error: {str(error)[:200]}") from None
    except RuntimeError as error:
        unprojected = _UNPROJECTED.search(str(error))
        if not unprojected:
            raise QueryFileError(path, 1, str(error)) from None
        name = unprojected[1]
        raise QueryFileError(
            path, lines.get(name, 1), f"parameter ?{name} must be in the SELECT projection"
        ) from None


def read_query_text(path: Path) -> str:
    """The text of a query file; :class:`QueryFileError` (file and line) if not UTF-8."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise QueryFileError(path, line, f"not UTF-8 (byte {error.start})") from None


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``.rq`` file; raises :class:`QueryHeaderError` for a malformed header and
    :class:`QueryFileError` for a file that is not UTF-8."""
    text = read_query_text(path)
    fields: dict[str, str] = {}
    params: list[Param] = []
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _KEY.match(stripped)
        if not match:
            continue
        key, value = match[1].lower(), match[2]
        if key == "param":
            param = _parse_param(path, number, value)
            if any(p.name == param.name for p in params):
                raise QueryHeaderError(path, number, f"parameter {param.name!r} declared twice")
            if not re.search(rf"[?$]{param.name}\b", text):
                raise QueryHeaderError(path, number, f"the query does not use ?{param.name}")
            params.append(param)
            lines[param.name] = number
        elif key in {"title", "description"}:
            if key in fields:
                raise QueryHeaderError(path, number, f"{key!r} given twice")
            fields[key] = value
        else:
            raise QueryHeaderError(path, number, f"unknown header key {key!r}")
    if not fields.get("title"):
        raise QueryHeaderError(path, 1, "the header has no '# title: ...' line")
    _prepare(path, text, params, lines)
    return NamedQuery(
        name=path.stem,
        title=fields["title"],
        description=fields.get("description", ""),
        params=tuple(params),
        text=text,
        path=path,
    )


def load_library(directory: Path) -> dict[str, NamedQuery]:
    """Every ``*.rq`` in ``directory`` by name (file stem), sorted; a missing folder is empty."""
    if not directory.is_dir():
        return {}
    return {path.stem: parse_query_file(path) for path in sorted(directory.glob("*.rq"))}
