"""Answers kept for revalidation: an ETag per (data, request) and a small LRU of bodies.

The data changes only when the graph is rebuilt (and the server restarted), so an answer is
fully determined by the dataset digest, the query, its dataset parameters and the client's
Accept header. The ETag is a hash of exactly those, computed before the query runs: a
matching If-None-Match is answered 304 without touching the engine.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass


def etag_for(digest: str, parts: Iterable[str]) -> str:
    """A strong ETag for the dataset ``digest`` and the request's ``parts``."""
    hasher = hashlib.sha256(digest.encode())
    for part in parts:
        hasher.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return f'"{hasher.hexdigest()[:32]}"'


def matches(if_none_match: str | None, etag: str, wildcard: bool = True) -> bool:
    """Whether an If-None-Match header names ``etag`` (weak comparison; ``*`` if ``wildcard``)."""
    if not if_none_match:
        return False
    for candidate in if_none_match.split(","):
        tag = candidate.strip()
        if (wildcard and tag == "*") or tag.removeprefix("W/") == etag:
            return True
    return False


@dataclass(frozen=True)
class Answer:
    """A response body worth keeping: its content type and bytes."""

    media_type: str
    body: bytes
    next_page: str | None = None  # one page of a longer answer: the next one's URL


class AnswerCache:
    """A least-recently-used map from key to :class:`Answer`, bounded in bytes and entries.

    Keys are ETags: hashes of what determines the answer (data digest, request parts), never
    of a header the client may vary freely. Used from the event loop only: no lock.

    >>> cache = AnswerCache(max_bytes=8, max_entries=2)
    >>> for key in "abc":
    ...     cache.put(key, Answer("text/plain", b"xy"))
    >>> cache.get("a"), len(cache)
    (None, 2)
    """

    def __init__(self, max_bytes: int, max_entries: int = 10_000) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._size = 0

    def get(self, etag: str) -> Answer | None:
        answer = self._answers.get(etag)
        if answer is not None:
            self._answers.move_to_end(etag)
        return answer

    def put(self, etag: str, answer: Answer) -> None:
        if len(answer.body) > self.max_bytes // 4 or etag in self._answers:
            return
        self._answers[etag] = answer
        self._size += len(answer.body)
        while self._answers and (
            self._size > self.max_bytes or len(self._answers) > self.max_entries
        ):
            _, dropped = self._answers.popitem(last=False)
            self._size -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._answers)
