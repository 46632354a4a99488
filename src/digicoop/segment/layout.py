"""The layout rules (``layout.toml``), loaded once: markup, numbering schemes, formulas."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

LAYOUT: dict[str, Any] = tomllib.loads(
    resources.files("digicoop.segment").joinpath("layout.toml").read_text(encoding="utf-8")
)
