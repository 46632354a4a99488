"""``digicoop query NAME|FILE|'SPARQL'``: ask the graph a question from the command line.

NAME is a query of the library (``queries/NAME.rq``, see :mod:`digicoop.querylib`); FILE is
a ``.rq`` file; anything else is SPARQL text. ``--param k=v`` binds a declared parameter
(values become RDF terms, never query text); an iri parameter may be written as a CURIE
(``topic:semiconductors``), a label (``Denmark``) or an IRI, and one that names nothing in
the data is an error (exit 2) listing what it could be. The answer is a readable table by default and
``csv``, ``tsv`` or ``json`` (the SPARQL 1.1 results formats) on request; ``--list`` shows the
library. The data is ``graphs/digicoop.trig`` unless ``--data`` names other files; the
default graph is the union of its named graphs.

Exit codes: 0 answered; 2 bad usage or input (unknown query, bad parameter, a syntax error,
reported with its line and column). The query runs on pyoxigraph, as the endpoint does.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from digicoop.errors import DigicoopError
from digicoop.export.sparql import store_select
from digicoop.params import resolve_values
from digicoop.paths import Paths, find_root
from digicoop.querylib import NamedQuery, load_library, parse_query_file, read_query_text
from digicoop.store import DataSource, Formats, GraphStore, QuerySyntaxError

NAME = "query"
HELP = (
    "Ask the graph a question: a named question (see --list), a .rq file or SPARQL text; "
    "the answer as a table, CSV, TSV or JSON."
)
EXAMPLES = """examples:
  digicoop query --list                                   # every named question
  digicoop query timeline                                 # a question without parameters
  digicoop query agreements-with-party -p party=Denmark   # a value by its label...
  digicoop query agreements-by-topic -p topic=topic:semiconductors   # ...or its CURIE
  digicoop query 'SELECT ?s WHERE { ?s a <https://w3id.org/digicoop/ontology#Agreement> }'
  digicoop query notice-deadlines --format csv > deadlines.csv
"""

FORMATS = ("table", "csv", "tsv", "json")
_MEDIA = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "json": "application/sparql-results+json",
    "table": "application/sparql-results+json",
}
#: Prefixes that shorten IRIs in the table view (the machine formats keep full IRIs).
SHORT = {
    "https://w3id.org/digicoop/ontology#": "dco:",
    "https://w3id.org/digicoop/id/": "id:",
    "https://w3id.org/digicoop/topic/": "topic:",
    "https://w3id.org/digicoop/modality/": "modality:",
    "https://w3id.org/digicoop/clause-type/": "clause:",
    "https://w3id.org/digicoop/legal-status/": "status:",
    "https://w3id.org/digicoop/role/": "role:",
    "https://w3id.org/digicoop/graph/": "graph:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
}


@dataclass(frozen=True)
class Answer:
    """A SELECT answer as plain data: variable names and rows of SPARQL-JSON cells."""

    variables: tuple[str, ...]
    rows: tuple[dict[str, dict[str, str]], ...]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="?", help="a library name, a .rq file or SPARQL text")
    parser.add_argument(
        "-p", "--param", action="append", default=[], metavar="K=V", help="a parameter value"
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format")
    parser.add_argument("--list", action="store_true", help="list the named queries")
    parser.add_argument(
        "--data", type=Path, nargs="+", default=None, help="RDF files (default: the dataset)"
    )
    parser.add_argument("--root", type=Path, default=None, help="project root (default: found)")
    parser.add_argument(
        "--readme",
        choices=("print", "write"),
        default=None,
        help="print the README's query section, or write it between its markers",
    )


def _params(pairs: Sequence[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise DigicoopError(f"--param expects NAME=VALUE, got {pair!r}")
        if name.strip() in values:
            raise DigicoopError(f"--param {name.strip()!r} given twice")
        values[name.strip()] = value
    return values


def resolve(query: str, library: Mapping[str, NamedQuery]) -> NamedQuery | str:
    """The named query, the query in a file, or the text itself (see module doc)."""
    if query in library:
        return library[query]
    if "\n" not in query and len(query) < 1024 and query.endswith(".rq"):
        path = Path(query)
        if not path.is_file():
            raise DigicoopError(f"{query}: no such query file")
        text = read_query_text(path)
        return parse_query_file(path) if re.search(r"^#\s*title\s*:", text, re.M) else text
    if re.fullmatch(r"[\w.-]+", query):
        known = ", ".join(library) or "none"
        raise DigicoopError(f"no named query {query!r} (known: {known})")
    return query


def open_store(root: Path, data: Sequence[Path] | None = None) -> GraphStore:
    """The dataset (or the given files) in a pyoxigraph store."""
    files = list(data) if data else [Paths(root).dataset]
    return GraphStore.load(DataSource(path) for path in files)


def execute(
    store: GraphStore,
    query: NamedQuery | str,
    values: Mapping[str, str],
    media_type: str,
    origin: str | None = None,
) -> tuple[str, bytes]:
    """Run the query with its parameters bound: (kind of result, serialised body).

    Raises :class:`DigicoopError` with the line and column of a syntax error (and the file:
    the named query's, or ``origin`` for text read from a file), or naming a bad parameter.
    """
    if isinstance(query, NamedQuery):
        origin = str(query.path)
        resolved = resolve_values(query, values, store_select(store))
        text, bound = query.bound_text(resolved), query.bind(resolved)
    elif values:
        raise DigicoopError("--param applies to named queries only (their header declares them)")
    else:
        text, bound = query, {}
    formats = Formats(solutions=media_type, boolean=media_type, graph="text/turtle")
    try:
        outcome = store.run(text, formats, substitutions=bound)
    except QuerySyntaxError as error:
        where = f"line {error.line}, column {error.column}" if error.line else "unknown position"
        if origin:
            position = f"{origin}:{error.line}:{error.column}" if error.line else origin
            raise DigicoopError(f"{position}: SPARQL syntax error at {where}: {error}") from None
        raise DigicoopError(f"SPARQL syntax error at {where}: {error}") from None
    return outcome.kind, outcome.body


def answer(
    store: GraphStore,
    query: NamedQuery | str,
    values: Mapping[str, str],
    origin: str | None = None,
) -> Answer:
    """A SELECT query's answer as plain data (for tables, tests and the README)."""
    kind, body = execute(store, query, values, _MEDIA["json"], origin)
    if kind != "solutions":
        raise DigicoopError("expected a SELECT query")
    document = json.loads(body)
    return Answer(tuple(document["head"]["vars"]), tuple(document["results"]["bindings"]))


def cell_text(cell: dict[str, str] | None, short: bool = True) -> str:
    """A result cell as text: IRIs shortened by :data:`SHORT`, literals by their value."""
    if cell is None:
        return ""
    value = cell["value"]
    if cell["type"] == "uri" and short:
        for namespace, prefix in SHORT.items():
            if value.startswith(namespace):
                return prefix + value[len(namespace) :]
    if cell["type"] == "bnode":
        return "_:" + value
    return value


def _table(result: Answer, title: str | None, names: Mapping[str, str] | None = None) -> Table:
    """The answer as a table; provisions named as readers cite them (``names``)."""
    table = Table(title=title, show_lines=False)
    for variable in result.variables:
        table.add_column(variable, overflow="fold")
    for row in result.rows:
        cells = [row.get(v) for v in result.variables]
        table.add_row(
            *(
                (names or {}).get(c["value"], cell_text(c))
                if c and c["type"] == "uri"
                else cell_text(c)
                for c in cells
            )
        )
    return table


def _provision_names(store: GraphStore, result: Answer) -> dict[str, str]:
    """Readable labels of the provisions in ``result`` (one query for all, only if needed)."""
    from digicoop.labels import all_provision_labels

    iris = {
        cell["value"]
        for row in result.rows
        for cell in row.values()
        if cell["type"] == "uri" and "/id/agreement/" in cell["value"]
    }
    if not iris:
        return {}
    names = all_provision_labels(store_select(store))
    return {iri: names[iri] for iri in iris if iri in names}


def _list(library: Mapping[str, NamedQuery], console: Console) -> None:
    table = Table(title="Named queries (queries/*.rq)")
    for column in ("name", "title", "parameters"):
        table.add_column(column, overflow="fold")
    for query in library.values():
        params = ", ".join(
            f"{p.name} ({p.type}{'' if p.required else ' = ' + str(p.default)})"
            for p in query.params
        )
        table.add_row(query.name, query.title, params)
    console.print(table)


#: Queries whose answers the README shows (with their default parameters).
README_ANSWERS = ("timeline", "topics-shared-by-all", "people-signing-several", "no-fixed-term")
README_START, README_END = "<!-- queries:start -->", "<!-- queries:end -->"


def _markdown(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    def escape(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows]
    return lines


def readme_section(library: Mapping[str, NamedQuery], store: GraphStore) -> str:
    """The README section between the markers: the library and a few answers, from the graph.

    Generated so that it cannot go stale unnoticed (a test compares it with README.md).
    """
    lines = [
        README_START,
        "## Named queries",
        "",
        "Generated by `digicoop query --readme write` from `queries/` and the built graph.",
        "Run any of them with `digicoop query NAME [--param k=v]`.",
        "",
    ]
    lines += _markdown(
        ("name", "question", "parameters (default)"),
        [
            (
                f"`{q.name}`",
                q.title,
                ", ".join(f"`{p.name}` = {p.default}" for p in q.params) or "",
            )
            for q in library.values()
        ],
    )
    for name in README_ANSWERS:
        query = library[name]
        result = answer(store, query, {})
        params = {p.name for p in query.params}
        shown = [v for v in result.variables if v not in params]
        lines += ["", f"### {query.title}", "", f"`digicoop query {name}`", ""]
        lines += _markdown(shown, [[cell_text(row.get(v)) for v in shown] for row in result.rows])
    lines += ["", README_END]
    return "\n".join(lines) + "\n"


def write_readme(readme: Path, section: str) -> bool:
    """Put ``section`` between the markers of ``readme`` (appended if absent); True if changed."""
    text = readme.read_text(encoding="utf-8")
    if README_START in text and README_END in text:
        before, rest = text.split(README_START, 1)
        after = rest.split(README_END, 1)[1].lstrip("\n")
        new = before + section + after
    else:
        new = text.rstrip("\n") + "\n\n" + section
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


def run(args: argparse.Namespace) -> int:
    root = args.root.resolve() if args.root else find_root()
    library = load_library(Paths(root).queries)
    console = Console(soft_wrap=False)
    if args.readme:
        section = readme_section(library, open_store(root, args.data))
        if args.readme == "print":
            sys.stdout.write(section)
        else:
            write_readme(root / "README.md", section)
        return 0
    if args.list:
        _list(library, console)
        return 0
    if not args.query:
        raise DigicoopError("give a query (a name, a .rq file or SPARQL text) or --list")
    query = resolve(args.query, library)
    values = _params(args.param)
    origin = args.query if isinstance(query, str) and query != args.query else None
    store = open_store(root, args.data)
    if args.format != "table":
        _, body = execute(store, query, values, _MEDIA[args.format], origin)
        sys.stdout.buffer.write(body if body.endswith(b"\n") else body + b"\n")
        return 0
    kind, body = execute(store, query, values, _MEDIA["json"], origin)
    if kind == "graph":
        sys.stdout.write(body.decode("utf-8"))
    elif kind == "boolean":
        console.print(str(json.loads(body)["boolean"]).lower())
    else:
        result = answer(store, query, values, origin)
        title = query.title if isinstance(query, NamedQuery) else None
        console.print(_table(result, title, _provision_names(store, result)))
        console.print(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}")
    return 0


__all__ = [
    "Answer",
    "answer",
    "cell_text",
    "execute",
    "open_store",
    "readme_section",
    "resolve",
    "write_readme",
]
