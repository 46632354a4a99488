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

_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)

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


#: Front-matter keys that give the day a text was published, in order of preference: the
#: scraper's ``date`` first, then the date part of a ``published_time`` timestamp.
PUBLICATION_KEYS = ("date", "published_time")
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|[T ])")


def publication_date(fields: dict[str, Any]) -> tuple[date, str] | None:
    """The day the publisher's metadata says the text was published, and the key it came from.

    Only an ISO day (``2023-05-20``, or a timestamp starting with one) is taken: this is the
    publisher's record of when a page went up, metadata about the file, never the date the
    text was signed or issued, so a value that is not plainly a day is left out rather than
    guessed.

    >>> publication_date({"date": "2023-05-20", "title": "G7 Leaders' Statement"})
    (datetime.date(2023, 5, 20), 'date')
    >>> publication_date({"published_time": "2022-05-24 03:42:26-04:00"})
    (datetime.date(2022, 5, 24), 'published_time')
    >>> publication_date({"date": "May 2023"}) is None
    True
    """
    for key in PUBLICATION_KEYS:
        value = fields.get(key)
        match = _ISO_DAY.match(value) if isinstance(value, str) else None
        if match:
            try:
                return date.fromisoformat(match.group(1)), key
            except ValueError:
                continue
    return None


_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):[ \t]*", re.MULTILINE)


def value_pairs(text: str, front: FrontMatter, key: str) -> list[tuple[str, int]]:
    """The parsed value of ``key`` aligned with the raw characters it was written with.

    Each character of the value (whitespace collapsed) gets the raw index it came from, so a
    title taken from the front matter can still be quoted as evidence; YAML quoting,
    folding and escapes are skipped over. ``[]`` when the value cannot be aligned.
    """
    value = front.fields.get(key)
    if not isinstance(value, str) or not front.body_start:
        return []
    region = text[: front.body_start]
    found = next((m for m in _KEY.finditer(region) if m["key"] == key), None)
    if found is None:
        return []
    wanted = " ".join(value.split())
    position = found.end()
    if region[position : position + 1] in {'"', "'"}:
        position += 1
    pairs: list[tuple[str, int]] = []
    for char in wanted:
        while region.startswith(("\\\n", "\\\r\n"), position):  # escaped break: nothing
            position += 2 if region[position + 1] == "\n" else 3
            while position < len(region) and region[position] in " \t":
                position += 1
        at = region[position : position + 1]
        if char == " " and at.isspace():
            pairs.append((" ", position))
            while position < len(region) and region[position].isspace():
                position += 1
        elif at == "\\":  # an escape (\u2019, \_): the character stands for the whole of it
            pairs.append((char, position))
            position += _ESCAPE_LENGTH.get(region[position + 1 : position + 2], 2)
        elif at == char:
            pairs.append((char, position))
            position += 1 + (char == "'" and region[position + 1 : position + 2] == "'")
        else:
            return []
    return pairs


#: Length of a YAML double-quoted escape by its letter (``\u2019``); others are two long.
_ESCAPE_LENGTH = {"u": 6, "U": 10, "x": 4}
