"""Which focus nodes one run judges: those of some agreements, or all but those.

Why: incremental validation (:mod:`digicoop.validate.incremental`) splits one validation into a
run per agreement graph and one run over the rest, and each result must be found by exactly
one run. A focus node belongs to the agreement whose id follows ``id:agreement/`` in its IRI
(the same rule that gives a finding its agreement, :func:`digicoop.validate._agreement`); a
literal or a blank node belongs to none.

>>> scope = Scope(("japan-denmark-moc",), inside=True)
>>> scope.contains(URIRef("https://w3id.org/digicoop/id/agreement/japan-denmark-moc/sec_1"))
True
>>> scope.contains(URIRef("https://w3id.org/digicoop/id/agreement/japan-denmark-moc-2"))
False
>>> Scope(("japan-denmark-moc",), inside=False).contains(Literal("x"))
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
    """The focus nodes owned by ``agreements`` (``inside``), or every other focus node."""

    agreements: tuple[str, ...]
    inside: bool

    def contains(self, node: Node | None) -> bool:
        owned = isinstance(node, URIRef) and owner(str(node)) in self.agreements
        return owned if self.inside else not owned

    def sparql(self, var: str) -> str:
        """A SPARQL expression true for the values of ``var`` this scope holds."""
        if not self.agreements:
            return "false" if self.inside else "true"
        alternatives = "|".join(re.escape(agreement) for agreement in sorted(self.agreements))
        pattern = Literal(f"^{re.escape(AGREEMENT_BASE)}(?:{alternatives})(?:[/#]|$)").n3()
        owned = f"(isIRI({var}) && REGEX(STR({var}), {pattern}))"
        return owned if self.inside else f"!{owned}"


__all__ = ["AGREEMENT_BASE", "Scope", "owner"]
