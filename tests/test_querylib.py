"""The named-query library: header format, errors naming file and line, safe binding."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from digicoop import querylib
from digicoop.querylib import ParameterError, QueryFileError, QueryHeaderError, load_library

FIXTURES = Path(__file__).parent / "fixtures" / "queries"
XSD = "http://www.w3.org/2001/XMLSchema#"
GOOD = """# title: Partners per topic
# description: Agreements that cover a topic, with the partner parties.
# param: topic iri = https://w3id.org/digicoop/topic/artificial-intelligence -- the topic concept
# param: year integer -- the year
# param: since date = 2020-01-01
# param: binding boolean = false -- binding only
# param: label string = AI -- a label
# a free comment
SELECT ?topic ?year ?since ?binding ?label ?agreement WHERE { ?agreement ?p ?topic }
"""


def write(tmp_path: Path, text: str, name: str = "q.rq") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_header_is_read(tmp_path: Path) -> None:
    query = load_library(write(tmp_path, GOOD).parent)["q"]
    assert query.title == "Partners per topic"
    assert query.description.startswith("Agreements that cover")
    topic, year, since, binding, label = query.params
    assert (topic.type, topic.default, topic.doc) == (
        "iri", "https://w3id.org/digicoop/topic/artificial-intelligence", "the topic concept",
    )  # fmt: skip
    assert year.required and not topic.required
    assert (since.doc, label.default, binding.default) == ("", "AI", "false")
    assert query.text == GOOD and query.path == tmp_path / "q.rq"


def test_bind_gives_rdf_terms(tmp_path: Path) -> None:
    query = querylib.parse_query_file(write(tmp_path, GOOD))
    bound = query.bind({"year": "2024", "binding": "TRUE", "label": 'x" } #'})
    assert bound[ox.Variable("year")] == ox.Literal("2024", datatype=ox.NamedNode(XSD + "integer"))
    assert bound[ox.Variable("binding")] == ox.Literal(
        "true", datatype=ox.NamedNode(XSD + "boolean")
    )
    assert bound[ox.Variable("since")] == ox.Literal(
        "2020-01-01", datatype=ox.NamedNode(XSD + "date")
    )
    assert bound[ox.Variable("label")] == ox.Literal('x" } #')
    assert bound[ox.Variable("topic")] == ox.NamedNode(
        "https://w3id.org/digicoop/topic/artificial-intelligence"
    )


@pytest.mark.parametrize(
    ("values", "parameter"),
    [
        ({}, "year"),
        ({"year": "twenty"}, "year"),
        ({"year": "1", "since": "2020-02-30"}, "since"),
        ({"year": "1", "topic": "no spaces allowed"}, "topic"),
        ({"year": "1", "topic": "relative/iri"}, "topic"),
        ({"year": "1", "binding": "yes"}, "binding"),
        ({"year": "1", "other": "x"}, "other"),
    ],
)
def test_bad_values_name_the_parameter(tmp_path: Path, values: dict, parameter: str) -> None:
    query = querylib.parse_query_file(write(tmp_path, GOOD))
    with pytest.raises(ParameterError) as caught:
        query.bind(values)
    assert caught.value.parameter == parameter and repr(parameter) in str(caught.value)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("SELECT * {}\n", 1, "no '# title"),
        ("# title: A\n# title: B\nSELECT * {}\n", 2, "given twice"),
        ("# title: A\n# colour: red\nSELECT * {}\n", 2, "unknown header key"),
        ("# title: A\n# param: x decimal\nSELECT ?x {}\n", 2, "unknown type"),
        ("# title: A\n# param: x\nSELECT ?x {}\n", 2, "expected 'param"),
        ("# title: A\n# param: x integer = ten\nSELECT ?x {}\n", 2, "bad default"),
        (
            "# title: A\n\n# param: x integer\n# param: x string\nSELECT ?x {}\n",
            4,
            "declared twice",
        ),
        ("# title: A\n# param: y integer\nSELECT ?x {}\n", 2, "does not use ?y"),
    ],
)
def test_malformed_headers_name_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(QueryHeaderError) as caught:
        querylib.parse_query_file(path)
    assert caught.value.line == line and str(caught.value).startswith(f"{path}:{line}: ")
    assert message in str(caught.value)


def test_query_body_problems(tmp_path: Path) -> None:
    syntax = write(tmp_path, "# title: A\nSELECT * {\n  ?s ?p\n", "syntax.rq")
    with pytest.raises(QueryFileError, match=r"syntax.rq:\d+: SPARQL syntax error"):
        querylib.parse_query_file(syntax)
    hidden = write(
        tmp_path, "# title: A\n# param: x integer\nSELECT ?s { ?s ?p ?x }\n", "hidden.rq"
    )
    with pytest.raises(QueryFileError, match=r"hidden.rq:2: parameter \?x must be in the SELECT"):
        querylib.parse_query_file(hidden)
    star = write(tmp_path, "# title: A\n# param: x integer\nSELECT * { ?s ?p ?x }\n", "star.rq")
    assert querylib.parse_query_file(star).params[0].name == "x"
    ask = write(tmp_path, "# title: A\n# param: x integer\nASK { ?s ?p ?x }\n", "ask.rq")
    assert querylib.parse_query_file(ask).params[0].name == "x"


def test_library_is_the_folder(tmp_path: Path) -> None:
    assert load_library(tmp_path / "absent") == {}
    assert sorted(load_library(FIXTURES)) == [
        "agreements-by-party",
        "graphs",
        "provisions-mentioning",
    ]


def _answers(store: ox.Store, text: str, substitutions: dict) -> list[str]:  # type: ignore[type-arg]
    result = store.query(text, use_default_graph_as_union=True, substitutions=substitutions)
    if isinstance(result, ox.QueryBoolean):
        return [str(bool(result))]
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        # GROUP_CONCAT joins in no fixed order: compare its words as a set.
        return sorted(
            repr([(n, sorted(getattr(row[n], "value", "").split())) for n in names])
            for row in result
        )
    return sorted(str(triple) for triple in result)


def test_values_in_the_text_answer_as_substitutions_do(project_root: Path) -> None:
    """Every named query and page query with parameters, bound by a VALUES block opening its
    WHERE group (bound_text) as well as by substitutions, gives the rows substitutions alone
    give, on the five. Queries whose parameters have no default are bound with the values
    below (an evidence node for the resource: its #quote is matched inside a UNION branch)."""
    from digicoop.export.sparql import queries

    store = ox.Store()
    store.bulk_load(path=str(project_root / "graphs" / "digicoop.trig"), format=ox.RdfFormat.TRIG)
    agreement = "https://w3id.org/digicoop/id/agreement/japan-denmark-moc"
    given = {
        "agreement": agreement, "first": agreement,
        "resource": "https://w3id.org/digicoop/id/agreement/japan-uk-digital-partnership/evidence/ffdc837c69816ece",
        "second": "https://w3id.org/digicoop/id/agreement/japan-luxembourg-moc",
        "graph": "https://w3id.org/digicoop/graph/japan-denmark-moc",
    }  # fmt: skip
    libraries = [load_library(project_root / "queries"), queries("pages"), queries("export")]
    checked = 0
    for library in libraries:
        for query in library.values():
            if not query.params:
                continue
            values = {p.name: given[p.name] for p in query.params if p.default is None}
            text = query.bound_text(values)
            assert "VALUES" in text
            expected = _answers(store, query.text, query.bind(values))
            assert _answers(store, text, query.bind(values)) == expected, query.name
            checked += 1
    assert checked >= 20


def test_bound_text_starts_the_plan_where_each_parameter_is_read(tmp_path: Path) -> None:
    """The VALUES block opens the WHERE group and every sub-query that projects the
    parameter (not one that does not: there the name is another variable); inside a
    FILTER the term stands in the variable's place; patterns keep the variable."""
    text = (
        "# title: T\n# param: topic iri = https://example.org/t\n"
        "SELECT ?topic ?n WHERE {\n"
        "  { SELECT ?topic (COUNT(?s) AS ?n) WHERE { ?s ?p ?topic } GROUP BY ?topic }\n"
        "  { SELECT ?s WHERE { ?s ?p ?topic } }\n"
        "  FILTER(?topic != ?s)\n}\n"
    )
    library = load_library(write(tmp_path, text, "t.rq").parent)
    bound = library["t"].bound_text({})
    block = "VALUES (?topic) { (<https://example.org/t>) }"
    assert bound.count(block) == 2
    assert "WHERE { " + block + " ?s ?p ?topic }" in bound  # the sub-query projecting it
    assert "{ SELECT ?s WHERE { ?s ?p ?topic } }" in bound  # not the other one
    assert "FILTER(<https://example.org/t> != ?s)" in bound
