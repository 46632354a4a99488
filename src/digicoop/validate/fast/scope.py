"""Which focus nodes one run judges: those of some agreements, and perhaps those of none.

Why: incremental validation (:mod:`digicoop.validate.incremental`) keeps each agreement's
results apart, so every result must be found by exactly one part of a validation. A focus
node belongs to the agreement whose id follows ``id:agreement/`` in its IRI (the same rule
that gives a finding its agreement, :func:`digicoop.validate._agreement`); a literal, a blank
node or any other IRI (a shared resource, the dataset's description) belongs to none.

>>> scope = Scope(("japan-denmark-moc",))
>>> scope.contains(URIRef("https://w3id.org/digicoop/id/agreement/japan-denmark-moc/sec_1"))
True
>>> scope.contains(URIRef("https://w3id.org/digicoop/id/agreement/japan-denmark-moc-2"))
False
>>> Scope((), unowned=True).contains(Literal("x"))
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

#: Where agreement-owned IRIs start; an agreement id runs up to the next ``/`` or ``#``.
AGREEMENT_BASE = "https://w3id.org/digicoop/id/agreement/"
_OWNER = re.compile(re.escape(AGREEMENT_BASE) + r"([^/#]+)")


def owner(iri: str) -> str | None:
    """The agreement id an IRI belongs to, or None (a shared resource, a vocabulary term)."""
    match = _OWNER.match(iri)
    return match.group(1) if match else None


@dataclass(frozen=True)
class Scope:
    """The focus nodes owned by ``agreements``, those owned by no agreement (``unowned``),
    or every focus node (``every``)."""

    agreements: tuple[str, ...] = ()
    unowned: bool = False
    every: bool = False

    def contains(self, node: Node | None) -> bool:
        if self.every:
            return True
        found = owner(str(node)) if isinstance(node, URIRef) else None
        return self.unowned if found is None else found in self.agreements

    def sparql(self, var: str) -> str:
        """A SPARQL expression true for the values of ``var`` this scope holds."""
        if self.every:
            return "true"
        base = Literal(AGREEMENT_BASE).n3()
        tests = []
        if self.unowned:
            tests.append(f"!(isIRI({var}) && STRSTARTS(STR({var}), {base}))")
        if self.agreements:
            ids = "|".join(re.escape(agreement) for agreement in sorted(self.agreements))
            pattern = Literal(f"^{re.escape(AGREEMENT_BASE)}(?:{ids})(?:[/#]|$)").n3()
            tests.append(
                f"(isIRI({var}) && STRSTARTS(STR({var}), {base}) && REGEX(STR({var}), {pattern}))"
            )
        return " || ".join(tests) or "false"


__all__ = ["AGREEMENT_BASE", "Scope", "owner"]
