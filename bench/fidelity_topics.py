"""Fields of tests/fixtures/fidelity/topics.toml: topics and clause types of a provision.

Concepts are compared by local name ("quantum", "confidentiality"): the fixture is written
in those names, and a concept the scheme lacks shows up as a disagreement, not a crash.
"""

from __future__ import annotations

from bench.fidelity import Field
from digicoop.annotate import Annotations
from digicoop.model import Provision


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _listed(key: str):  # type: ignore[no-untyped-def]
    def expected(entry: dict[str, object]) -> set[str]:
        values = entry.get(key, [])
        return {str(v) for v in values} if isinstance(values, list) else set()

    return expected


def _topics(notes: Annotations, provision: Provision) -> set[str]:
    return {_local(link.concept) for link in notes.topics if link.provision.eid == provision.eid}


def _clause_types(notes: Annotations, provision: Provision) -> set[str]:
    return {
        _local(link.concept) for link in notes.clause_types if link.provision.eid == provision.eid
    }


FIELDS = [
    Field("topics", _listed("topics"), _topics),
    Field("clause types", _listed("clause_types"), _clause_types),
]
