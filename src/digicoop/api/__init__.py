"""The SPARQL endpoint: a FastAPI app built by :func:`create_app` from :class:`Settings`."""

from digicoop.api.app import create_app
from digicoop.api.settings import Settings, get_settings

__all__ = ["Settings", "create_app", "get_settings"]
