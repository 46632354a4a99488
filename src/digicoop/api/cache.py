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


def matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names ``etag`` (weak comparison, ``*`` included)."""
    if not if_none_match:
        return False
    for candidate in if_none_match.split(","):
        tag = candidate.strip()
        if tag == "*" or tag.removeprefix("W/") == etag:
            return True
    return False


@dataclass(frozen=True)
class Answer:
    """A response body worth keeping: its content type and bytes."""

    media_type: str
    body: bytes


class AnswerCache:
    """A least-recently-used map from ETag to :class:`Answer`, bounded in total bytes.

    Used from the event loop only, so it needs no lock.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
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
        while self._size > self.max_bytes and self._answers:
            _, dropped = self._answers.popitem(last=False)
            self._size -= len(dropped.body)
