"""``digicoop query``: named queries, files and text; formats; errors with exit code 2;
and the README section that lists the library, kept fresh."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from digicoop.cli import main
from digicoop.commands.query import README_END, README_START, open_store, readme_section
from digicoop.paths import Paths, find_root
from digicoop.querylib import load_library

ROOT = find_root(Path(__file__))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["query", "--root", str(ROOT), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_every_named_query(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--list")
    assert code == 0
    for name in load_library(Paths(ROOT).queries):
        assert name[:20] in out


def test_named_query_as_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "signed-in-year")
    assert code == 0
    assert "Agreements signed in a year" in out and "Luxembourg City" in out and "2 rows" in out


def test_param_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "signed-in-year", "--param", "year=2024", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["agreement"], r["place"]) for r in rows] == [("japan-denmark-moc", "Copenhagen")]


def test_json_and_tsv_are_sparql_results(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "no-fixed-term", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert [b["agreement"]["value"] for b in document["results"]["bindings"]] == [
        "japan-eu-digital-partnership",
        "japan-uk-digital-partnership",
    ]
    code, out, _ = run(capsys, "no-fixed-term", "--format", "tsv")
    assert code == 0 and out.startswith("?agreement\t?open_ended")


def test_sparql_text_and_ask(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/digicoop/ontology#Agreement> }",
    )
    assert code == 0 and "5" in out
    code, out, _ = run(capsys, "ASK { ?s ?p ?o }")
    assert code == 0 and out.strip() == "true"


def test_query_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "count.rq"
    path.write_text("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a ?c }\n")
    code, out, _ = run(capsys, str(path), "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "n"


def test_syntax_error_names_line_and_column(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "SELECT ?x\nWHERE { ?x ?y }")
    assert code == 2
    assert "syntax error at line 2, column" in err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["no-such-query"], "no named query 'no-such-query'"),
        (["signed-in-year", "--param", "year=soon"], "parameter 'year'"),
        (["signed-in-year", "--param", "month=5"], "parameter 'month'"),
        (["signed-in-year", "--param", "year"], "NAME=VALUE"),
        (["missing.rq"], "no such query file"),
        ([], "--list"),
    ],
)
def test_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err


def test_readme_section_is_fresh() -> None:
    """README.md's query section is what `digicoop query --readme write` generates now."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert README_START in readme and README_END in readme, "add the markers to README.md"
    current = README_START + readme.split(README_START, 1)[1].split(README_END, 1)[0] + README_END
    expected = readme_section(load_library(Paths(ROOT).queries), open_store(ROOT))
    assert current + "\n" == expected, "stale: run `digicoop query --readme write`"
