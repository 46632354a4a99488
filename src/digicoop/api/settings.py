"""The endpoint's settings: one object, made by the caller and handed to ``create_app``.

Handlers read settings through ``Depends(get_settings)`` only, never from the environment,
so tests and the CLI configure the app the same way. Every limit a public endpoint needs is
here, with the default that suits one; the README's "Limits" section lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.requests import Request  # FastAPI reads it at run time (Depends)

from digicoop.store.model import MAX_BYTES

if TYPE_CHECKING:  # kept light: the CLI reads the defaults for every command's --help
    from digicoop.api.pool import Limits
    from digicoop.store import DataSource


@dataclass(frozen=True)
class Settings:
    """Everything the endpoint can be told; the defaults suit a public read-only service."""

    data: tuple[DataSource, ...] = ()
    queries_dir: Path = Path("queries")
    timeout: float = 30.0  # seconds from a request's arrival to its answer, queueing included
    allow_service: bool = False  # federated SERVICE queries reach the network
    # Query worker processes: 4 whatever the cores. A worker is a slot for a query, not a share
    # of the CPU: with three long queries running the fourth still answers the short ones
    # (long_queries), and a query waiting on the disk holds its slot without the CPU. How many
    # run at once is running_queries (below), so more workers than cores no longer means
    # queries sharing a core by time slices; `serve --workers` sets it.
    workers: int = 4
    max_body_bytes: int = 1_000_000
    max_result_bytes: int = MAX_BYTES
    cache_bytes: int = 64_000_000  # answers kept for revalidation; 0 turns the cache off
    cache_entries: int = 10_000  # and at most this many of them
    cors_origins: tuple[str, ...] = field(default=("*",))
    max_query_bytes: int = 100_000  # longer query text: 400 before the parser sees it
    max_query_depth: int = 64  # deeper nesting of { ( [: 400 before the parser sees it
    query_memory_bytes: int = 1_000_000_000  # per worker, above the loaded data: else 507
    max_queue: int = 16  # queries waiting for a worker; one more: 503 + Retry-After
    long_query_seconds: float = 2.0  # a query running longer holds a long-query slot
    long_queries: int = 0  # long-query slots; 0: one fewer than workers (at least 1)
    # Queries running at once while young (their first short_query_seconds); 0: the cores
    # the server may use. More would share a core by time slices, each worker evicting the
    # others' caches (13 % more CPU per query at 500 agreements on one core); a query that
    # runs longer gives its place up, so it holds up those behind it by that long at most (api.pool).
    running_queries: int = 0
    short_query_seconds: float = 0.5
    queries_per_client: int = 2  # queries one client address may have running or queued
    retry_after: int = 5  # seconds, in Retry-After of 429 and 503 answers
    page_rows: int = 1000  # rows per page of a named query's JSON answer; 0: no pages

    def limits(self, sealed: bool) -> Limits:
        """The worker pool's limits (``sealed``: workers get no network)."""
        from digicoop.api.pool import Limits

        return Limits(
            timeout=self.timeout,
            memory_bytes=self.query_memory_bytes,
            max_queue=self.max_queue,
            long_seconds=self.long_query_seconds,
            long_slots=self.long_queries or max(1, self.workers - 1),
            running_slots=self.running_queries,
            short_seconds=self.short_query_seconds,
            sealed=sealed,
        )


def get_settings(request: Request) -> Settings:
    """The app's settings (a dependency; override it in tests if need be)."""
    settings: Settings = request.app.state.settings
    return settings
