"""The SPARQL endpoint: a FastAPI app built by :func:`create_app` from :class:`Settings`.

Imports are lazy so that a query worker process, which imports only
:mod:`digicoop.api.pool`, starts without loading FastAPI and rdflib: a worker killed by a
timeout is replaced sooner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from digicoop.api.app import create_app
    from digicoop.api.settings import Settings, get_settings

__all__ = ["Settings", "create_app", "get_settings"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from digicoop.api.app import create_app

        return create_app
    if name in {"Settings", "get_settings"}:
        from digicoop.api import settings

        return getattr(settings, name)
    raise AttributeError(name)
