"""``POST /shacl`` against the real server: formats in, reports out, and every error shape.

The data posted is the shape tests' conforming fixture and one broken copy of it; the
expected findings are those ``digicoop validate --no-sources`` gives for the same data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Dataset, Graph, Namespace

from .server import FIXTURES, Server, start

SH = Namespace("http://www.w3.org/ns/shacl#")
GOOD = FIXTURES / "shapes" / "good.trig"
LIMIT = 200_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start(
        [
            "--data", str(FIXTURES / "api" / "sample.trig"),
            "--queries", str(FIXTURES / "queries"),
            "--max-body-bytes", str(LIMIT),
        ],
        tmp_path_factory.mktemp("shacl") / "server.log",
    )  # fmt: skip
    yield running
    running.stop()


@pytest.fixture()
def http(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


def _good(fmt: str) -> bytes:
    data = Dataset()
    data.parse(GOOD, format="trig")
    if fmt == "trig":
        return data.serialize(format="trig").encode()
    graph = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph.serialize(format=fmt).encode()


def _broken() -> bytes:
    """The fixture with the signatory's name dropped: one Violation (dcosh:Person-name)."""
    text = _good("nt").decode()
    lines = [line for line in text.splitlines() if "<http://xmlns.com/foaf/0.1/name>" not in line]
    return "\n".join(lines).encode()


@pytest.mark.parametrize(
    ("content_type", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/trig", "trig"),
    ],
)
def test_each_input_format_conforms(http: httpx.Client, content_type: str, fmt: str) -> None:
    response = http.post("/shacl", content=_good(fmt), headers={"Content-Type": content_type})
    assert response.status_code == 200, response.text
    report = Graph().parse(data=response.text, format="turtle")
    assert (None, SH.conforms, None) in report
    assert not list(report.objects(None, SH.result)) or all(
        report.value(r, SH.resultSeverity) != SH.Violation for r in report.objects(None, SH.result)
    )


def test_violation_is_reported_in_each_output_format(http: httpx.Client) -> None:
    body, headers = _broken(), {"Content-Type": "application/n-triples"}
    for accept, fmt in (
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
    ):
        response = http.post("/shacl", content=body, headers={**headers, "Accept": accept})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(accept)
        report = Graph().parse(data=response.text, format=fmt)
        shapes = {str(report.value(r, SH.sourceShape)) for r in report.objects(None, SH.result)}
        assert "https://w3id.org/digicoop/shapes#Person-name" in shapes
        assert [str(c) for c in report.objects(None, SH.conforms)] == ["false"]


def test_json_findings(http: httpx.Client) -> None:
    response = http.post(
        "/shacl",
        content=_broken(),
        headers={"Content-Type": "application/n-triples", "Accept": "application/json"},
    )
    assert response.status_code == 200
    found = response.json()
    assert found["conforms"] is False and found["violations"] == 1
    (finding,) = [r for r in found["results"] if r["severity"] == "Violation"]
    assert finding["shape"] == "https://w3id.org/digicoop/shapes#Person-name"
    assert finding["message"] == "a person has a foaf:name, a non-empty string as written"


def test_same_findings_as_the_command(http: httpx.Client, tmp_path: Path, capsys) -> None:
    from digicoop.cli import main

    from .server import ROOT

    path = tmp_path / "broken.nt"
    path.write_bytes(_broken())
    main(["validate", "--root", str(ROOT), "--no-sources", "--format", "json", str(path)])
    expected = json.loads(capsys.readouterr().out)["results"]
    response = http.post(
        "/shacl",
        content=_broken(),
        headers={"Content-Type": "application/n-triples", "Accept": "application/json"},
    )

    def key(r: dict) -> tuple:
        return (r["shape"], r["focusNode"], r["resultPath"], r["value"], r["severity"])

    assert sorted(map(key, response.json()["results"])) == sorted(map(key, expected))


@pytest.mark.parametrize(
    ("body", "content_type", "code"),
    [
        (b"<a> <b> .", "text/turtle", "invalid-rdf"),
        (b"{not json", "application/ld+json", "invalid-rdf"),
        (b"<http://a> <http://b> <http://c> .", "application/rdf+xml", "unsupported-content-type"),
        (b"<http://a> <http://b> <http://c> .", None, "unsupported-content-type"),
        (b"\xff\xfe garbage", "application/n-triples", "invalid-rdf"),
    ],
)
def test_bad_input_is_400(
    http: httpx.Client, body: bytes, content_type: str | None, code: str
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = http.post("/shacl", content=body, headers=headers)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message"]


def test_syntax_error_gives_line_and_column(http: httpx.Client) -> None:
    body = b"@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ;\n  ex:d .\n"
    response = http.post("/shacl", content=body, headers={"Content-Type": "text/turtle"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["line"] >= 1 and error["column"] >= 0


def test_unknown_accept_is_406(http: httpx.Client) -> None:
    response = http.post(
        "/shacl",
        content=_good("nt"),
        headers={"Content-Type": "application/n-triples", "Accept": "image/png"},
    )
    assert response.status_code == 406
    assert response.json()["error"]["code"] == "not-acceptable"


def test_over_the_body_limit_is_413(http: httpx.Client) -> None:
    body = b'<http://a> <http://b> "' + b"x" * LIMIT + b'" .\n'
    response = http.post("/shacl", content=body, headers={"Content-Type": "application/n-triples"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body-too-large"


def test_empty_body_conforms(http: httpx.Client) -> None:
    response = http.post("/shacl", content=b"", headers={"Content-Type": "text/turtle"})
    assert response.status_code == 200
    assert "conforms" in response.text


def test_never_a_500(http: httpx.Client, server: Server) -> None:
    """Odd but parseable data (literals as types, blank-node subjects, huge numbers)."""
    body = b"""@prefix dco: <https://w3id.org/digicoop/ontology#> .
    _:x a dco:Agreement ; dco:eId 99999999999999999999999999 ; dco:order "x"@en-GB .
    <urn:y> a dco:Provision, dco:Evidence ; dco:sourceStart "a" ; dco:sourceEnd 1e9 ."""
    response = http.post("/shacl", content=body, headers={"Content-Type": "text/turtle"})
    assert response.status_code == 200, response.text
    assert "internal" not in server.log()
