"""The floor peer (bench.floor): it answers any request at once with its fixed SPARQL JSON body."""

from __future__ import annotations

import json

import httpx
import pytest
from bench.floor import BODY, app


def test_the_body_is_sparql_json_results_of_about_a_kilobyte() -> None:
    found = json.loads(BODY)
    assert found["head"]["vars"] == ["agreement", "label"]
    assert len(found["results"]["bindings"]) == 7
    assert 800 <= len(BODY) <= 1500


@pytest.mark.anyio
async def test_any_get_is_answered_with_the_body_and_its_length() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://floor") as client:
        reply = await client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/sparql-results+json"
    assert reply.headers["content-length"] == str(len(BODY))
    assert reply.content == BODY
