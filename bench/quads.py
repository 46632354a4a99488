"""``python -m bench.quads FILE.trig [FILE.trig ...]``: how many quads a built dataset holds,
per agreement and per evidence node.

Issue 15 asks for evidence that is complete but compact, measured in quads per agreement.
Evidence is most of a graph (docs/MODEL.md, Evidence: seven triples per fact's evidence node
and nine per distinct quoted span, its target and two selectors), so the table gives the
evidence's share too: the quads whose subject is an evidence node, an evidence target or one
of its selectors. Agreements are counted by ``dco:agreementId``; "per agreement" divides
every quad of the file (vocabularies and the dataset's description included) by them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

_PREFIXES = """
PREFIX dco: <https://w3id.org/digicoop/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
_AGREEMENTS = _PREFIXES + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a dco:agreementId ?id }"
_EVIDENCE = _PREFIXES + "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a dco:Evidence }"
_TARGETS = (
    _PREFIXES + "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?e a dco:Evidence ; oa:hasTarget ?t }"
)
#: Quads about the evidence: its nodes', its targets' and their selectors' (each node once).
_EVIDENCE_QUADS = (
    _PREFIXES
    + """
SELECT (COUNT(*) AS ?n) WHERE {
    { SELECT DISTINCT ?x WHERE {
        { ?x a dco:Evidence }
        UNION { ?e a dco:Evidence ; oa:hasTarget ?x }
        UNION { ?e a dco:Evidence ; oa:hasTarget/oa:hasSelector ?x }
    } }
    GRAPH ?g { ?x ?p ?o }
}"""
)


@dataclass(frozen=True)
class Counts:
    """One dataset's quads, agreements, evidence nodes, targets and evidence quads."""

    quads: int
    agreements: int
    evidence: int
    targets: int
    evidence_quads: int

    def row(self, name: str) -> str:
        """A Markdown table row (see :data:`HEADER`)."""
        per_agreement = self.quads / self.agreements if self.agreements else 0.0
        per_node = self.evidence_quads / self.evidence if self.evidence else 0.0
        share = 100 * self.evidence_quads / self.quads if self.quads else 0.0
        return (
            f"| {name} | {self.agreements:,} | {self.quads:,} | {per_agreement:,.0f} | "
            f"{self.evidence:,} | {self.targets:,} | {self.evidence_quads:,} ({share:.0f} %) | "
            f"{per_node:.2f} |"
        )


HEADER = (
    "| dataset | agreements | quads | per agreement | evidence nodes | targets (spans) | "
    "evidence quads | per evidence node |\n| --- | --- | --- | --- | --- | --- | --- | --- |"
)


def _count(store: ox.Store, query: str) -> int:
    (row,) = store.query(query, use_default_graph_as_union=True)  # type: ignore[misc]
    return int(row["n"].value)


def count(path: Path) -> Counts:
    """The counts of one TriG file."""
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
    return Counts(
        quads=len(store),
        agreements=_count(store, _AGREEMENTS),
        evidence=_count(store, _EVIDENCE),
        targets=_count(store, _TARGETS),
        evidence_quads=_count(store, _EVIDENCE_QUADS),
    )


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m bench.quads FILE.trig [FILE.trig ...]", file=sys.stderr)
        return 2
    print(HEADER)
    for name in argv:
        path = Path(name)
        if not path.is_file():
            print(f"bench.quads: {name}: no such file", file=sys.stderr)
            return 2
        print(count(path).row(name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
