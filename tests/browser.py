"""Headless Chromium for the browser tests: Debian's binary driven by Playwright's client.

One place for the launch flags (without the background-networking ones, Chromium's own
connections are refused by the closed network, many at a time) and for collecting console
problems and requests, so that every browser test checks the same things. A missing
chromium fails the test with the command that installs it: never a skip.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import ConsoleMessage, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@dataclass
class Watched:
    """A page, and what it logged and fetched while the test drove it."""

    page: Page
    problems: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def require_chromium() -> None:
    assert CHROMIUM.exists(), (
        f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; "
        ".ci/run does it) to run the browser tests"
    )


def _console(message: ConsoleMessage, problems: list[str]) -> None:
    if message.type in {"error", "warning"}:
        problems.append(f"console {message.type}: {message.text}")


@contextmanager
def chromium_page(width: int = 1280, height: int = 800) -> Iterator[Watched]:
    require_chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            watched = Watched(page)
            page.on("console", lambda m: _console(m, watched.problems))
            page.on("pageerror", lambda error: watched.problems.append(f"page error: {error}"))
            page.on("request", lambda request: watched.requests.append(request.url))
            yield watched
        finally:
            browser.close()
