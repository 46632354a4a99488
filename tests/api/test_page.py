"""The query page in a real headless browser (Debian's chromium driven by Playwright).

The page loads from the real server, an example from the named-query library runs, its rows
appear in the table, the download links are there, and the console stays free of errors.
A screenshot is kept in ``tests/artifacts/``. No chromium is a failure, never a skip.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from browser import ARTIFACTS, chromium_page

from .server import FIXTURES, Server, start


@pytest.mark.browser
def test_query_page_runs_an_example(sample_server: Server) -> None:
    with chromium_page() as watched:
        page, problems = watched.page, watched.problems
        requests = watched.requests
        page.goto(f"{sample_server.url}/", wait_until="networkidle")
        assert page.title() == "Ask the graph — digicoop"
        options = page.locator("#examples option")
        assert options.count() == 4  # the placeholder and the three fixture queries
        page.click("#editor summary")  # the free SPARQL editor, folded under the forms
        page.select_option("#examples", "graphs")
        assert "GRAPH ?g" in page.input_value("#query")
        page.click("#run")
        page.wait_for_selector("#results tbody tr")
        headers = page.locator("#results thead th").all_inner_texts()
        assert headers == ["g", "triples"]
        rows = page.locator("#results tbody tr")
        assert rows.count() == 4
        assert any("graph/topics" in text for text in rows.all_inner_texts())
        assert "4 rows" in page.inner_text("#status")
        links = page.locator("#downloads a")
        assert links.all_inner_texts() == ["JSON", "XML", "CSV", "TSV"]
        assert "format=csv" in (links.nth(2).get_attribute("href") or "")
        page.screenshot(path=str(ARTIFACTS / "query-page.png"), full_page=True)
        assert problems == [], problems
        # An error is shown on the page, from the one JSON error shape.
        page.fill("#query", "SELECT * WHERE {")
        page.click("#run")
        page.wait_for_selector("#status.error")
        assert page.inner_text("#status").startswith("400:")
    # Only the 400 the browser itself reports for the bad query, nothing else.
    assert all("400 (Bad Request)" in p for p in problems), problems
    assert all(url.startswith(sample_server.url) for url in requests), requests


@pytest.fixture(scope="module")
def paged_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The sample data with pages of two rows, so a four-row answer has two pages."""
    server = start(
        [
            "--data", str(FIXTURES / "api" / "sample.trig"), str(FIXTURES / "api" / "extra.ttl"),
            "--queries", str(FIXTURES / "queries"), "--page-rows", "2",
        ],
        tmp_path_factory.mktemp("paged") / "server.log",
    )  # fmt: skip
    yield server
    server.stop()


@pytest.mark.browser
def test_a_paged_answer_says_more_follow_and_shows_the_next_page(paged_server: Server) -> None:
    with chromium_page() as watched:
        page = watched.page
        page.goto(f"{paged_server.url}/?q=graphs", wait_until="networkidle")
        page.wait_for_selector("#results tbody tr")
        first = page.locator("#results tbody tr").all_inner_texts()
        assert len(first) == 2
        assert "2 rows on this page, more follow" in page.inner_text("#status")
        downloads = page.locator("#downloads a")
        assert downloads.all_inner_texts() == ["CSV", "JSON", "Next page"]
        assert "_size=all" in (downloads.nth(1).get_attribute("href") or "")
        downloads.nth(2).click()
        page.wait_for_function("() => !document.querySelector('#status').textContent"
                               ".includes('more follow') && document.querySelector('#status')"
                               ".textContent.includes('rows')")  # fmt: skip
        second = page.locator("#results tbody tr").all_inner_texts()
        assert len(second) == 2 and not set(first) & set(second)
        assert page.locator("#downloads a").all_inner_texts() == ["CSV", "JSON"]  # the last page
        assert watched.problems == [], watched.problems
