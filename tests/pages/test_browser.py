"""A resource page, an agreement's reader page and the served HTML view in headless Chromium.

Both render from the real server, show what the graph holds (one table row per fact; one
node per view node), request nothing outside the server and log no console error.
Screenshots are kept in ``tests/artifacts/``. No chromium is a failure, never a skip.
"""

from __future__ import annotations

import pytest

from api.server import Server
from browser import ARTIFACTS, chromium_page
from digicoop.export.sparql import Select, run_text
from digicoop.export.views import build

DENMARK = "https://w3id.org/digicoop/id/agreement/japan-denmark-moc"


@pytest.mark.browser
def test_resource_page_and_html_view(graph_server: Server, local: Select) -> None:
    facts = run_text(
        local,
        f"SELECT (COUNT(DISTINCT CONCAT(STR(?p), STR(?o))) AS ?n) WHERE {{ <{DENMARK}> ?p ?o }}",
    )[0]["n"].python()
    view = build("partners-initiatives", local)
    with chromium_page(1300, 900) as watched:
        page, problems = watched.page, watched.problems
        requests = watched.requests
        page.goto(
            f"{graph_server.url}/id/agreement/japan-denmark-moc?view=facts", wait_until="load"
        )
        assert page.locator("h1").inner_text().startswith("Memorandum of Cooperation")
        assert page.locator("table.facts").first.locator("tr.fact").count() == facts
        assert page.locator("blockquote").count() > 0
        page.screenshot(path=str(ARTIFACTS / "resource-page.png"), full_page=True)
        # a neighbour: the partner party's own page
        page.locator('a[href="/id/party/dk"]').first.click()
        page.wait_for_url("**/id/party/dk")
        assert page.locator("h1").inner_text() == "Denmark"

        # the reader's page: a fact's link lands on its words, highlighted in the text
        page.goto(f"{graph_server.url}/id/agreement/japan-denmark-moc", wait_until="load")
        assert page.locator("#site-nav a").count() >= 9
        assert page.locator("#derivation li").count() == 5
        page.screenshot(path=str(ARTIFACTS / "agreement-page.png"))
        link = page.locator("#fact-notice + dd a.src").first
        anchor = link.get_attribute("data-anchor")
        link.click()
        page.wait_for_url(f"**#{anchor}")
        target = page.locator(f"mark#{anchor}")
        assert target.inner_text() == "sixty (60) days"
        assert page.evaluate("document.querySelector(':target').id") == anchor
        box = target.bounding_box()
        assert box is not None and 0 <= box["y"] <= 900
        page.screenshot(path=str(ARTIFACTS / "reading-view.png"))

        page.goto(f"{graph_server.url}/export/partners-initiatives.html", wait_until="load")
        page.wait_for_selector("body[data-ready=true]", timeout=15_000)
        assert page.evaluate("digicoopView.nodes().length") == view.number_of_nodes()
        assert page.evaluate("digicoopView.edges().length") == view.number_of_edges()
        page.screenshot(path=str(ARTIFACTS / "served-partners-initiatives.png"))
    assert problems == [], problems
    assert all(url.startswith(graph_server.url) for url in requests), requests
