"""Served exports do not depend on the Host header, so a client cannot grow the cache with it."""

from __future__ import annotations

import httpx


def test_the_html_export_is_the_same_for_every_host(http: httpx.Client) -> None:
    bodies = {
        host: http.get("/export/agreements-topics.html", headers={"host": host})
        for host in ("a.example", "b.example:8080", "127.0.0.1")
    }
    assert all(response.status_code == 200 for response in bodies.values())
    assert len({response.content for response in bodies.values()}) == 1
    body = bodies["a.example"].text
    assert "a.example" not in body and '"link_base": "/"' in body
