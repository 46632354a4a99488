"""A resource page and the served HTML view in headless Chromium (Debian's, via Playwright).

Both render from the real server, show what the graph holds (one table row per fact; one
node per view node), request nothing outside the server and log no console error.
Screenshots are kept in ``tests/artifacts/``. No chromium is a failure, never a skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, sync_playwright

from api.server import ROOT, Server
from digicoop.export.sparql import Select, run_text
from digicoop.export.views import build

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = ROOT / "tests" / "artifacts"
DENMARK = "https://w3id.org/digicoop/id/agreement/japan-denmark-moc"


def _console(message: ConsoleMessage, problems: list[str]) -> None:
    if message.type in {"error", "warning"}:
        problems.append(f"console {message.type}: {message.text}")


@pytest.mark.browser
def test_resource_page_and_html_view(graph_server: Server, local: Select) -> None:
    assert CHROMIUM.exists(), (
        f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; "
        ".ci/run does it) to run the browser tests"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    facts = run_text(
        local,
        f"SELECT (COUNT(DISTINCT CONCAT(STR(?p), STR(?o))) AS ?n) WHERE {{ <{DENMARK}> ?p ?o }}",
    )[0]["n"].python()
    view = build("partners-initiatives", local)
    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            page.on("console", lambda m: _console(m, problems))
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.on("request", lambda request: requests.append(request.url))
            page.goto(f"{graph_server.url}/id/agreement/japan-denmark-moc", wait_until="load")
            assert page.locator("h1").inner_text().startswith("Memorandum of Cooperation")
            assert page.locator("table.facts").first.locator("tr.fact").count() == facts
            assert page.locator("blockquote").count() > 0
            page.screenshot(path=str(ARTIFACTS / "resource-page.png"), full_page=True)
            # a neighbour: the partner party's own page
            page.locator('a[href="/id/party/dk"]').first.click()
            page.wait_for_url("**/id/party/dk")
            assert page.locator("h1").inner_text() == "Denmark"

            page.goto(f"{graph_server.url}/export/partners-initiatives.html", wait_until="load")
            page.wait_for_selector("body[data-ready=true]", timeout=15_000)
            assert page.evaluate("digicoopView.nodes().length") == view.number_of_nodes()
            assert page.evaluate("digicoopView.edges().length") == view.number_of_edges()
            page.screenshot(path=str(ARTIFACTS / "served-partners-initiatives.png"))
        finally:
            browser.close()
    assert problems == [], problems
    assert all(url.startswith(graph_server.url) for url in requests), requests
