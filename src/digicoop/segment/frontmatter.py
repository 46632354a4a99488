"""YAML front matter: metadata the publisher wrote, kept apart from what the text says.

A published Markdown file often opens with ``---``, YAML fields (title, date, source_url,
tags) and ``---``. Those fields describe the file, not the agreement's wording, so they are
read here as metadata with their provenance and the body starts after the closing line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)

#: Front-matter fields carried into the graph as the agreement's metadata.
FIELDS = ("title", "date", "source_url", "tags")


@dataclass(frozen=True)
class FrontMatter:
    """The fields found (strings or lists of strings) and where the body starts.

    ``body_start`` is the raw index of the first body character, ``body_line`` its line
    number (1-based); both are 0 and 1 for a text without front matter.
    """

    fields: dict[str, Any] = field(default_factory=dict)
    body_start: int = 0
    body_line: int = 1
    problem: str | None = None


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None:
        return None
    return str(value) if not isinstance(value, str) else value


def read_front_matter(text: str) -> FrontMatter:
    """Split off the front matter; a block that is not a YAML mapping is left as body text.

    >>> fm = read_front_matter("---\\ntitle: A Plan\\ndate: '2025-01-02'\\n---\\nBody\\n")
    >>> fm.fields["title"], fm.fields["date"], fm.body_line
    ('A Plan', '2025-01-02', 5)
    """
    opening = _OPEN.match(text)
    if not opening:
        return FrontMatter()
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        return FrontMatter()
    try:
        data = yaml.safe_load(text[opening.end() : closing.start()])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return FrontMatter(problem=f"front matter is not valid YAML{where}; read as text")
    if not isinstance(data, dict):
        return FrontMatter()
    end = closing.end() + 1 if closing.end() < len(text) else closing.end()
    fields = {str(k): _plain(v) for k, v in data.items() if v is not None}
    return FrontMatter(fields, end, text.count("\n", 0, end) + 1)
