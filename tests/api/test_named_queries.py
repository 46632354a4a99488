"""Named queries as an API: /queries and /queries/{name}, parameters bound as RDF terms."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from digicoop.querylib import load_library

from .server import ROOT, start

PARTY = "https://w3id.org/digicoop/id/party/"
AGREEMENT = "https://w3id.org/digicoop/id/agreement/"


def values(response: httpx.Response, var: str) -> list[str]:
    assert response.status_code == 200, response.text
    return [row[var]["value"] for row in response.json()["results"]["bindings"]]


def test_list(client: httpx.Client) -> None:
    listed = {q["name"]: q for q in client.get("/queries").json()}
    assert set(listed) == {"graphs", "agreements-by-party", "provisions-mentioning"}
    party = listed["agreements-by-party"]
    assert party["title"] == "Agreements of a party"
    assert party["params"][0] == {
        "name": "party", "type": "iri", "default": PARTY + "jp", "required": False,
        "doc": "the party",
    }  # fmt: skip
    assert party["url"] == "/queries/agreements-by-party" and "SELECT" in party["text"]


def test_defaults_apply(client: httpx.Client) -> None:
    response = client.get("/queries/agreements-by-party")
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert values(response, "agreement") == [AGREEMENT + "japan-estonia-moc"]


def test_parameters_bind(client: httpx.Client) -> None:
    eu = client.get(
        "/queries/agreements-by-party", params={"party": PARTY + "eu", "renewing": "false"}
    )
    assert values(eu, "agreement") == [AGREEMENT + "japan-eu-digital-partnership"]
    words = client.get("/queries/provisions-mentioning", params={"word": "CYBERSECURITY"})
    assert len(values(words, "provision")) == 2
    before = client.get(
        "/queries/provisions-mentioning", params={"word": "cybersecurity", "before": "2026-01-01"}
    )
    assert values(before, "provision") == [AGREEMENT + "japan-eu-digital-partnership/para_3"]


def test_csv(client: httpx.Client) -> None:
    by_option = client.get("/queries/graphs", params={"_format": "csv"})
    by_accept = client.get("/queries/graphs", headers={"accept": "text/csv"})
    assert by_option.headers["content-type"].startswith("text/csv")
    assert by_option.text == by_accept.text
    rows = list(csv.DictReader(io.StringIO(by_option.text)))
    assert {"g", "triples"} == set(rows[0]) and len(rows) == 4


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({}, "word"),
        ({"word": "ai", "before": "yesterday"}, "before"),
        ({"word": "ai", "before": "2024-13-45"}, "before"),
        ({"word": "ai", "limit": "3"}, "limit"),
    ],
)
def test_bad_parameters_are_400_naming_them(
    client: httpx.Client, params: dict, parameter: str
) -> None:
    response = client.get("/queries/provisions-mentioning", params=params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bad-parameter" and error["parameter"] == parameter
    assert parameter in error["message"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"party": "not an iri"}, "party"),
        ({"renewing": "maybe"}, "renewing"),
        ({"party": "xx"}, "party"),  # no party has that name or code (jp names Japan)
        ({"party": "https://example.org/nothing"}, "party"),  # an IRI the data does not name
    ],
)
def test_bad_typed_values(client: httpx.Client, params: dict, parameter: str) -> None:
    response = client.get("/queries/agreements-by-party", params=params)
    assert response.status_code == 400 and response.json()["error"]["parameter"] == parameter


def test_values_cannot_inject(client: httpx.Client) -> None:
    """A value is one RDF term: quotes and braces in it are characters, not SPARQL."""
    attack = 'x")) } UNION { ?provision ?p ?text } #'
    response = client.get("/queries/provisions-mentioning", params={"word": attack})
    assert values(response, "provision") == []
    quoted = client.get("/queries/provisions-mentioning", params={"word": '"ransomware"'})
    assert values(quoted, "provision") == [AGREEMENT + "japan-eu-digital-partnership/para_3"]
    iri = client.get("/queries/agreements-by-party", params={"party": PARTY + "jp> } #"})
    assert iri.status_code == 400


def test_repeated_and_unknown(client: httpx.Client) -> None:
    repeated = client.get("/queries/provisions-mentioning", params=[("word", "a"), ("word", "b")])
    assert repeated.status_code == 400 and repeated.json()["error"]["parameter"] == "word"
    missing = client.get("/queries/no-such-query")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "unknown-query"


def test_openapi_and_docs(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/sparql", "/queries", "/queries/{name}"} <= set(spec["paths"])
    assert {"get", "post"} <= set(spec["paths"]["/sparql"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "openapi.json" in docs.text


def test_real_server_serves_the_project_queries(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Started from the project root with its defaults, /queries lists exactly queries/*.rq."""
    expected = sorted(load_library(ROOT / "queries"))
    data = ROOT / "tests" / "fixtures" / "api" / "sample.trig"
    server = start(
        ["--data", str(data)], tmp_path_factory.mktemp("project") / "server.log", cwd=ROOT
    )
    try:
        listed = httpx.get(f"{server.url}/queries", timeout=30).json()
        assert sorted(q["name"] for q in listed) == expected
        for name in expected:
            response = httpx.get(f"{server.url}/queries/{name}", timeout=60)
            required = [
                p["name"]
                for p in next(q for q in listed if q["name"] == name)["params"]
                if p["required"]
            ]
            assert response.status_code == (400 if required else 200), (name, response.text)
    finally:
        server.stop()


def test_malformed_library_stops_serve(tmp_path: Path) -> None:
    (tmp_path / "bad.rq").write_text("# title: Bad\n# param: x decimal\nSELECT ?x {}\n")
    data = ROOT / "tests" / "fixtures" / "api" / "extra.ttl"
    result = subprocess.run(
        [sys.executable, "-m", "digicoop.cli", "serve", "--data", str(data),
         "--queries", str(tmp_path), "--port", "1"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert f"{tmp_path / 'bad.rq'}:2: unknown type 'decimal'" in result.stderr
    assert "Traceback" not in result.stderr
