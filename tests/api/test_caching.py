"""ETags from the dataset digest + query + Accept; 304 on If-None-Match."""

from __future__ import annotations

import httpx

from .server import Server

QUERY = "SELECT ?s WHERE { ?s a <https://w3id.org/digicoop/ontology#Provision> } ORDER BY ?s"


def test_etag_and_304(client: httpx.Client) -> None:
    first = client.get("/sparql", params={"query": QUERY})
    etag = first.headers["etag"]
    assert etag.startswith('"') and first.headers["cache-control"] == "no-cache"
    again = client.get("/sparql", params={"query": QUERY}, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    listed = client.get(
        "/sparql", params={"query": QUERY}, headers={"if-none-match": f'"x", {etag}'}
    )
    assert listed.status_code == 304
    weak = client.get("/sparql", params={"query": QUERY}, headers={"if-none-match": f"W/{etag}"})
    assert weak.status_code == 304
    stale = client.get("/sparql", params={"query": QUERY}, headers={"if-none-match": '"stale"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_etag_depends_on_query_accept_and_dataset(client: httpx.Client) -> None:
    base = client.get("/sparql", params={"query": QUERY}).headers["etag"]
    other_query = client.get("/sparql", params={"query": QUERY + " LIMIT 1"}).headers["etag"]
    other_accept = client.get("/sparql", params={"query": QUERY}, headers={"accept": "text/csv"})
    other_dataset = client.get(
        "/sparql",
        params={"query": QUERY, "default-graph-uri": "https://w3id.org/digicoop/graph/topics"},
    ).headers["etag"]
    assert len({base, other_query, other_accept.headers["etag"], other_dataset}) == 4
    assert client.post("/sparql", data={"query": QUERY}).headers["etag"] == base


def test_etag_depends_on_the_data(sample_server: Server, w3c_server: Server) -> None:
    a = httpx.get(f"{sample_server.url}/sparql", params={"query": "ASK {}"}).headers["etag"]
    b = httpx.get(f"{w3c_server.url}/sparql", params={"query": "ASK {}"}).headers["etag"]
    assert a != b


def test_named_query_revalidates(client: httpx.Client) -> None:
    first = client.get("/queries/graphs")
    again = client.get("/queries/graphs", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304
    other = client.get(
        "/queries/agreements-by-party", params={"party": "https://w3id.org/digicoop/id/party/ee"}
    )
    default = client.get("/queries/agreements-by-party")
    assert other.headers["etag"] != default.headers["etag"]
