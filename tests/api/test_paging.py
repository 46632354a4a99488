"""Pages of a named query's answer (digicoop.api.paging): never a silent cut."""

from __future__ import annotations

import json

import httpx
import pytest

from digicoop.api.paging import JSON, Page, PageError, paged_text, requested, trim
from digicoop.store import Outcome

# --- what a request asks for -------------------------------------------------------------


def test_a_json_answer_is_paged_by_default_and_whole_on_request() -> None:
    assert requested({}, 1000, JSON) == Page(1000, 1)
    assert requested({"_size": "50", "_page": "4"}, 1000, JSON) == Page(50, 4)
    assert requested({"_size": "all"}, 1000, JSON) is None
    assert requested({}, 0, JSON) is None  # serve --page-rows 0: no pages
    assert requested({"_size": "7"}, 0, JSON) == Page(7, 1)  # but a client may ask for them


@pytest.mark.parametrize("media_type", ["text/csv", "text/tab-separated-values"])
def test_an_export_has_every_row_and_refuses_a_page_size(media_type: str) -> None:
    assert requested({}, 1000, media_type) is None
    assert requested({"_size": "all"}, 1000, media_type) is None
    with pytest.raises(PageError) as refused:
        requested({"_size": "10"}, 1000, media_type)
    assert refused.value.parameter == "_size"
    with pytest.raises(PageError) as refused:
        requested({"_page": "2"}, 1000, media_type)
    assert refused.value.parameter == "_page"


def test_an_unacceptable_type_is_left_to_the_engine_s_406() -> None:
    assert requested({"_size": "10"}, 1000, None) is None


@pytest.mark.parametrize(
    ("options", "parameter"),
    [
        ({"_size": "0"}, "_size"),
        ({"_size": "-3"}, "_size"),
        ({"_size": "ten"}, "_size"),
        ({"_size": "١٠"}, "_size"),  # Arabic-Indic digits: isdigit() is not enough
        ({"_page": "0"}, "_page"),
        ({"_page": ""}, "_page"),
        ({"_size": "all", "_page": "2"}, "_page"),
    ],
)
def test_a_bad_option_names_itself(options: dict[str, str], parameter: str) -> None:
    with pytest.raises(PageError) as refused:
        requested(options, 1000, JSON)
    assert refused.value.parameter == parameter


# --- the page's text ----------------------------------------------------------------------


def test_a_page_asks_one_row_more_from_its_offset() -> None:
    text = "SELECT ?s { ?s ?p ?o } ORDER BY ?s # sorted"
    assert paged_text(text, Page(25, 3)) == f"{text}\nLIMIT 26 OFFSET 50\n"


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { ?s ?p ?o } LIMIT 10",
        "SELECT * { ?s ?p ?o } ORDER BY ?s OFFSET 3",
        "SELECT * { ?s ?p ?o } VALUES ?s { <http://a> }",
        "ASK { ?s ?p ?o }",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://e/> DESCRIBE ex:a",
    ],
)
def test_a_query_that_bounds_itself_or_is_no_select_is_answered_whole(text: str) -> None:
    assert paged_text(text, Page(10, 1)) is None


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { { SELECT ?s { ?s ?p ?o } LIMIT 5 } }",  # a sub-query's own LIMIT
        'SELECT * { ?s ?p "LIMIT 5" }',  # a word in a literal
        "SELECT * { VALUES ?s { <http://a> } ?s ?p ?o } # LIMIT 3",  # a leading VALUES block
        "PREFIX limit: <http://e/> SELECT * { ?s limit:p ?o }",
    ],
)
def test_only_the_outer_query_s_own_bounds_count(text: str) -> None:
    assert paged_text(text, Page(10, 1)) is not None


# --- the worker's side: the extra row ----------------------------------------------------


def _answer(rows: int) -> Outcome:
    body = {
        "head": {"vars": ["n"]},
        "results": {
            "bindings": [{"n": {"type": "literal", "value": "é" * k}} for k in range(rows)]
        },
    }
    return Outcome("solutions", JSON, json.dumps(body).encode())


def test_the_extra_row_is_dropped_and_the_next_page_linked() -> None:
    page = Page(3, 1, "http://x/queries/q?_page=2")
    trimmed = trim(_answer(4), page)
    found = json.loads(trimmed.body)
    assert [row["n"]["value"] for row in found["results"]["bindings"]] == ["", "é", "éé"]
    assert found["head"] == {"vars": ["n"], "link": ["http://x/queries/q?_page=2"]}
    assert trimmed.next_page == "http://x/queries/q?_page=2"


def test_the_last_page_is_sent_as_the_engine_wrote_it() -> None:
    answer = _answer(3)
    assert trim(answer, Page(3, 2, "http://x/next")) is answer
    csv = Outcome("solutions", "text/csv", b"n\r\n1\r\n2\r\n3\r\n4\r\n")
    assert trim(csv, Page(3, 1, "http://x/next")) is csv


# --- over HTTP ------------------------------------------------------------------------------


def _pages(client: httpx.Client, url: str, params: dict[str, str]) -> list[httpx.Response]:
    pages = [client.get(url, params=params)]
    while "link" in pages[-1].headers:
        assert len(pages) < 20
        target = pages[-1].headers["link"]
        assert target.endswith('>; rel="next"')
        pages.append(client.get(target[1 : -len('>; rel="next"')]))
    return pages


def test_following_the_links_gives_every_row_once_in_order(client: httpx.Client) -> None:
    whole = client.get("/queries/graphs", params={"_size": "all"})
    assert whole.status_code == 200 and "link" not in whole.headers
    rows = whole.json()["results"]["bindings"]
    assert len(rows) >= 4  # the sample's graphs: enough for pages of one and three rows
    for size in (1, 3):
        pages = _pages(client, "/queries/graphs", {"_size": str(size)})
        assert all(page.status_code == 200 for page in pages)
        found = [page.json() for page in pages]
        assert [row for body in found for row in body["results"]["bindings"]] == rows
        assert all(len(body["results"]["bindings"]) == size for body in found[:-1])
        # each page but the last links the next in its body too; the header says the same
        for page, body in zip(pages[:-1], found[:-1], strict=True):
            assert page.headers["link"] == f'<{body["head"]["link"][0]}>; rel="next"'
        assert "link" not in found[-1]["head"]


def test_a_cached_page_links_the_next_at_the_host_it_was_asked_of(client: httpx.Client) -> None:
    # the same page asked of two host names (a proxy's and the server's own): each answer's
    # next link names the host it was asked of, never one remembered from the other
    for host in ("a.example", "b.example", "a.example"):
        page = client.get("/queries/graphs", params={"_size": "1"}, headers={"host": host})
        assert page.headers["link"].startswith(f"<http://{host}/queries/graphs?")
        assert page.json()["head"]["link"][0].startswith(f"http://{host}/")


def test_a_small_answer_is_one_page_without_a_link(client: httpx.Client) -> None:
    answer = client.get("/queries/graphs")  # the default page (1000 rows) holds it all
    assert answer.status_code == 200 and "link" not in answer.headers
    assert answer.json() == client.get("/queries/graphs", params={"_size": "all"}).json()


def test_csv_has_every_row_and_a_page_size_with_it_is_400(client: httpx.Client) -> None:
    rows = client.get("/queries/graphs", params={"_size": "all"}).json()["results"]["bindings"]
    answer = client.get("/queries/graphs", params={"_format": "csv"})
    assert answer.status_code == 200 and "link" not in answer.headers
    assert len(answer.text.strip().splitlines()) == 1 + len(rows)
    refused = client.get("/queries/graphs", params={"_format": "csv", "_size": "2"})
    assert refused.status_code == 400
    assert refused.json()["error"]["parameter"] == "_size"


def test_each_page_has_its_own_etag_and_revalidates(client: httpx.Client) -> None:
    first = client.get("/queries/graphs", params={"_size": "1"})
    second = client.get("/queries/graphs", params={"_size": "1", "_page": "2"})
    assert first.headers["etag"] != second.headers["etag"]
    again = client.get(
        "/queries/graphs",
        params={"_size": "1", "_page": "2"},
        headers={"If-None-Match": second.headers["etag"]},
    )
    assert again.status_code == 304


def test_a_bad_page_option_is_400_naming_it(client: httpx.Client) -> None:
    refused = client.get("/queries/graphs", params={"_page": "0"})
    assert refused.status_code == 400
    assert refused.json()["error"] == {
        "status": 400,
        "code": "bad-parameter",
        "message": "_page must be a whole number from 1 (got '0')",
        "parameter": "_page",
    }
