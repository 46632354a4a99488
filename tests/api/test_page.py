"""The query page in a real headless browser (Debian's chromium driven by Playwright).

The page loads from the real server, an example from the named-query library runs, its rows
appear in the table, the download links are there, and the console stays free of errors.
A screenshot is kept in ``tests/artifacts/``. No chromium is a failure, never a skip.
"""

from __future__ import annotations

import pytest

from browser import ARTIFACTS, chromium_page

from .server import Server


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
