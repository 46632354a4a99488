"""The endpoint's settings: one object, made by the caller and handed to ``create_app``.

Handlers read settings through ``Depends(get_settings)`` only, never from the environment,
so tests and the CLI configure the app the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request

from digicoop.store import DataSource


@dataclass(frozen=True)
class Settings:
    """Everything the endpoint can be told; the defaults suit a public read-only service."""

    data: tuple[DataSource, ...] = ()
    queries_dir: Path = Path("queries")
    timeout: float = 30.0  # seconds a query may run before its worker is killed
    allow_service: bool = False  # federated SERVICE queries reach the network
    workers: int = 2  # query worker processes
    max_body_bytes: int = 1_000_000
    max_result_bytes: int = 50_000_000
    cache_bytes: int = 64_000_000  # answers kept for revalidation; 0 turns the cache off
    cors_origins: tuple[str, ...] = field(default=("*",))


def get_settings(request: Request) -> Settings:
    """The app's settings (a dependency; override it in tests if need be)."""
    settings: Settings = request.app.state.settings
    return settings
