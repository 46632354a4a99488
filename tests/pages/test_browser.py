"""A resource page, an agreement's reader page and the served HTML view in headless Chromium.

Both render from the real server, show what the graph holds (one table row per fact; one
node per view node), request nothing outside the server and log no console error.
Screenshots are kept in ``tests/artifacts/``. No chromium is a failure, never a skip.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Route

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
        page.goto(
            f"{graph_server.url}/compare/?first=japan-denmark-moc&second=japan-luxembourg-moc",
            wait_until="load",
        )
        assert page.locator("#reuse ~ .pair").count() > 0
        page.screenshot(path=str(ARTIFACTS / "comparison.png"))

        page.goto(f"{graph_server.url}/export/partners-initiatives.html", wait_until="load")
        page.wait_for_selector("body[data-ready=true]", timeout=15_000)
        assert page.evaluate("digicoopView.nodes().length") == view.number_of_nodes()
        assert page.evaluate("digicoopView.edges().length") == view.number_of_edges()
        page.screenshot(path=str(ARTIFACTS / "served-partners-initiatives.png"))
    assert problems == [], problems
    assert all(url.startswith(graph_server.url) for url in requests), requests


@pytest.mark.browser
def test_a_named_question_as_a_form(graph_server: Server) -> None:
    """Pick a question, choose a topic by its label, run, follow a result to its page."""
    with chromium_page(1280, 900) as watched:
        page = watched.page
        page.goto(f"{graph_server.url}/", wait_until="load")
        page.wait_for_selector("body[data-ready=true]")
        page.select_option("#examples", "agreements-by-topic")
        topic = page.locator("#param-topic")
        assert topic.evaluate("e => e.tagName") == "SELECT"
        assert "semiconductors" in topic.locator("option").all_inner_texts()
        topic.select_option(label="semiconductors")
        page.click("#run-named")
        page.wait_for_selector("#results tbody tr")
        assert "q=agreements-by-topic" in page.url and "topic=" in page.url
        rows = page.locator("#results tbody tr")
        assert rows.count() == 2  # the EU and UK partnerships have a provision on semiconductors
        first = rows.first.locator("a").first
        page.wait_for_function("() => document.querySelector('#results a').textContent !== "
                               "document.querySelector('#results a').title")  # fmt: skip
        assert first.inner_text() == "semiconductors"  # a label, not the IRI
        assert not any(" @en" in t for t in rows.all_inner_texts())
        downloads = page.locator("#downloads a").all_inner_texts()
        assert downloads == ["CSV", "JSON"]
        page.screenshot(path=str(ARTIFACTS / "query-form.png"))
        shared = page.url
        first.click()
        page.wait_for_url("**/topic/semiconductors")
        # the shared address runs the same question again
        page.goto(shared, wait_until="load")
        page.wait_for_selector("#results tbody tr")
        assert page.locator("#results tbody tr").count() == 2
        # a value that names nothing is said so, not answered with 0 rows
        page.goto(f"{graph_server.url}/?q=agreements-with-party&party=Narnia", wait_until="load")
        page.wait_for_selector("#status.error")
        assert "Narnia" in page.inner_text("#status")
    assert all("400 (Bad Request)" in p for p in watched.problems), watched.problems


@pytest.mark.browser
def test_api_docs_work_with_the_network_cut(graph_server: Server) -> None:
    """Swagger UI renders every operation from assets the server itself ships."""
    with chromium_page(1280, 900) as watched:
        page = watched.page
        refused: list[str] = []

        def only_the_server(route: Route) -> None:
            if route.request.url.startswith(graph_server.url):
                route.continue_()
            else:
                refused.append(route.request.url)
                route.abort()

        page.route("**/*", only_the_server)
        page.goto(f"{graph_server.url}/docs", wait_until="load")
        page.wait_for_selector(".opblock", timeout=20_000)
        assert page.locator(".opblock").count() >= 10
        assert page.locator(".opblock-summary-path", has_text="/queries/{name}").count() >= 1
        page.screenshot(path=str(ARTIFACTS / "api-docs-offline.png"))
    assert refused == [], refused
