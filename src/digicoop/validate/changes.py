"""What changed since the last validation, and which agreements a change can reach.

Why: after one agreement is added to five hundred, finding out that the other 499 kept
results are still good cost more than judging the new one: every agreement's slice
(:mod:`digicoop.validate.slices`) was planned and digested, some 40 ms each. Here the last
validation leaves a :class:`State` (one cache entry): each agreement's content digest, its
results, the nodes its slice depends on (``deps``), the source files it was checked against
and the names its graph gives to nodes of others (``foreign``); what the rules read of every
graph that is not an agreement's (the *context*: shared resources, text reuse, the
description, the vocabularies; :mod:`digicoop.validate.context`); which agreement judges
which reuse record (``assigned``). The next validation finds the context's lines removed and
added (:func:`digicoop.validate.context.read`), compares the agreement graphs by digest, and
:func:`affected` derives from the differences every agreement whose slice they may touch;
the others keep their results without their slices being read.

The rules mirror the slice's parts (the slices module doc), each erring towards judging again:

1. an agreement whose graph is new or changed; every agreement when the vocabulary (context
   quads whose subject is not an ``id:`` resource) or the compiled checks changed, when a
   changed context quad holds a blank node (the model writes none outside the vocabulary),
   or when a context graph changed in a way the run cannot tell;
2. a changed quad (a context line added or removed; a quad of a changed or removed
   agreement graph naming another's node, old and new) naming a node of agreement A, read
   from A's side (:mod:`digicoop.validate.reads`): A;
3. a changed quad whose subject is in A's ``deps`` (a node A's slice describes, or a term of
   a quad naming A's nodes): A; every node of a changed agreement graph counts so (a node of
   another agreement is described one step deep in A's slice);
4. a resource of no agreement that a changed quad describes or points to, that a changed
   agreement graph names or no longer names, or that names a node of an added or removed
   agreement (which agreement judges a reuse record depends on those): every agreement
   whose node its description names, read from that node's side, before or after;
5. an agreement one of whose source files changed (names and sha256 kept).

A judged agreement's ``deps`` are computed afresh (:func:`dependencies`, or from the
Slicer's plan when every agreement is planned), so they follow the data: an agreement's
``deps`` can only change through a change that rules 1 to 4 already make it judged for.
``tests/validate/test_changes.py`` holds the report after each derivation equal to the
whole run's, checks that each rule judges the agreement it must, and fails when a rule is
taken out.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from digicoop.validate import context as context_graphs
from digicoop.validate.fast.scope import AGREEMENT_BASE, owner
from digicoop.validate.reads import Reads, Step
from digicoop.validate.slices import ID_BASE, Plan, digest_of

#: A quad's subject, predicate and object: IRIs by value, other terms in N-Triples form.
Fact = tuple[str, str, str]

_IDENTIFIER = "http://purl.org/dc/terms/identifier"


#: What a slice reads of a node: None for every quad with it as subject, else only those a
#: shape may read after one of these steps (a node of another agreement, one step deep).
Deps = dict[str, frozenset[Step] | None]


@dataclass(frozen=True)
class Kept:
    """One agreement as the last validation left it."""

    content: str  # the digest of its graph
    part: object | None  # its results (parts.Part); None: not kept (blank nodes)
    deps: Deps  # the nodes whose quads its slice holds (module doc, rule 3)
    sources: tuple[tuple[str, str], ...]  # each source file its quotes were checked against
    foreign: tuple[Fact, ...]  # its graph's quads naming ``id:`` nodes not its own
    #: Each node of another agreement in ``deps``, with the digest of what the slice holds
    #: of it (:func:`description_digest`): that agreement's graph changing may leave it.
    others: dict[str, str] = field(default_factory=dict)

    @functools.cached_property
    def named(self) -> frozenset[str]:
        """The agreements whose nodes the ``foreign`` quads name (kept with the state:
        working them out for every agreement on every run cost a tenth of a second)."""
        return named_by(self.foreign)

    @functools.cached_property
    def dep_owners(self) -> frozenset[str]:
        """The agreements that own a node in ``deps`` (kept with the state, as :attr:`named`)."""
        return frozenset(found for name in self.deps if (found := owner(name)) is not None)


_STATE_FIELDS = (
    "stamp",
    "agreements",
    "context",
    "assigned",
    "rest",
    "dangling",
    "evidence",
)


@dataclass
class State:
    """The last validation, for the next to compare with (module doc)."""

    stamp: str  # the compiled checks and the vocabulary: any change there judges every one
    agreements: dict[str, Kept]
    #: Each context graph by key ("" the default graph, else its name as a SPARQL term).
    context: dict[str, context_graphs.Kept]
    assigned: dict[str, str]  # a resource no agreement graph names → the agreement judging it
    #: The results of each focus node of no agreement's part (by its IRI as a SPARQL term),
    #: and the agreements with no graph whose nodes were judged with them (``dangling``);
    #: None: not kept (the next validation judges every such node again).
    rest: dict[str, object] | None = None
    dangling: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()  # the evidence nodes of no agreement, as SPARQL terms
    _by_dep: dict[str, list[tuple[str, frozenset[Step] | None]]] | None = field(
        default=None, repr=False, compare=False
    )
    _by_owner: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in _STATE_FIELDS}

    def __setstate__(self, data: dict[str, object]) -> None:
        self.rest, self.dangling, self.evidence = None, (), ()
        self.__dict__.update(data)
        self._by_dep, self._by_owner = None, {}

    def _index(self) -> dict[str, list[tuple[str, frozenset[Step] | None]]]:
        if self._by_dep is None:
            self._by_dep = {}
            for agreement_id, kept in self.agreements.items():
                for name, steps in kept.deps.items():
                    self._by_dep.setdefault(name, []).append((agreement_id, steps))
                for found in kept.dep_owners:
                    self._by_owner.setdefault(found, set()).add(agreement_id)
        return self._by_dep

    def depending_on(self, fact: Fact, reads: Reads) -> set[str]:
        """The agreements whose slices hold the quad ``fact`` as part of a node's
        description (its subject in their ``deps``, its predicate read after the step)."""
        subject, predicate = fact[0], fact[1]
        return {
            agreement_id
            for agreement_id, steps in self._index().get(subject, ())
            if steps is None or any(reads.forward_after(step, predicate) for step in steps)
        }

    def depending_on_agreement(self, agreement_id: str) -> set[str]:
        """The agreements whose ``deps`` hold a node of ``agreement_id``."""
        self._index()
        return self._by_owner.get(agreement_id, set())


def _value(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def _facts(lines: Iterable[bytes]) -> list[Fact]:
    data = b"\n".join(lines)
    if not data:
        return []
    return [
        (_value(t.subject), t.predicate.value, _value(t.object))
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    ]


_FOREIGN = """
SELECT ?s ?p ?o WHERE {
    GRAPH <%(graph)s> { ?s ?p ?o }
    FILTER ((isIRI(?s) && STRSTARTS(STR(?s), "%(base)s") && !(%(own_s)s))
            || (isIRI(?o) && STRSTARTS(STR(?o), "%(base)s") && !(%(own_o)s)))
}"""


def _own(var: str, iri: str) -> str:
    """SPARQL: ``var`` is the agreement's IRI or under it (the rule of ``scope.owner``)."""
    return (
        f'STR({var}) = "{iri}" || STRSTARTS(STR({var}), "{iri}/") '
        f'|| STRSTARTS(STR({var}), "{iri}#")'
    )


def foreign(store: ox.Store, agreement_id: str, graph: ox.NamedNode) -> tuple[Fact, ...]:
    """The quads of an agreement's graph naming an ``id:`` node not its own, sorted (one
    query: the engine reads the graph, not Python)."""
    iri = f"{AGREEMENT_BASE}{agreement_id}"
    query = _FOREIGN % {
        "graph": graph.value,
        "base": ID_BASE,
        "own_s": _own("?s", iri),
        "own_o": _own("?o", iri),
    }
    rows = store.query(query)
    facts = {(_value(r["s"]), r["p"].value, _value(r["o"])) for r in rows}  # type: ignore[index, union-attr]
    return tuple(sorted(facts))


def references(facts: Iterable[Fact], agreement_id: str) -> list[str]:
    """The ``id:`` IRIs an agreement's :func:`foreign` quads name that are not its own."""
    names = {name for fact in facts for name in (fact[0], fact[2])}
    return sorted(n for n in names if n.startswith(ID_BASE) and owner(n) != agreement_id)


def _is_resource(name: str) -> bool:
    """An ``id:`` IRI of no agreement (a shared resource, a reuse record, the description)."""
    return name.startswith(ID_BASE) and owner(name) is None


@dataclass
class Derivation:
    """:func:`affected`'s answer: the agreements to judge again (None: every one), and the
    resources whose judging agreement must be worked out again (rule 4)."""

    agreements: set[str] | None
    touched: set[str] = field(default_factory=set)
    #: The context lines (N-Triples, ``id:`` subjects) added or removed, by graph name.
    lines: dict[str, set[bytes]] = field(default_factory=dict)


def affected(
    state: State,
    store: ox.Store,
    graphs: Mapping[str, ox.NamedNode],
    content: Mapping[str, str],
    found: context_graphs.Read,
    reads: Reads,
    new_foreign: Mapping[str, tuple[Fact, ...]],
) -> Derivation:
    """Every agreement a difference between ``state`` and the dataset may reach (module doc).
    ``found``: the context as this run read it (its lines removed and added since
    ``state``); ``new_foreign`` holds :func:`foreign` of each agreement whose graph is new
    or changed."""
    if not found.known:
        return Derivation(None)  # rule 1: a context graph changed in a way not known
    out: set[str] = set()
    touched: set[str] = set()
    old_ids = set(state.agreements)
    changed = {a for a in graphs if a not in old_ids or state.agreements[a].content != content[a]}
    removed = old_ids - set(graphs)
    out |= changed  # rule 1

    def read(predicate: str, forwards: bool) -> bool:
        return reads.forward(predicate) if forwards else reads.backward(predicate)

    def reach(facts: Iterable[Fact], graph_owner: str | None) -> None:
        for fact in facts:
            s, p, o = fact
            for name, forwards in ((s, True), (o, False)):
                found = owner(name)
                if found is not None and found != graph_owner and read(p, forwards):
                    out.add(found)  # rule 2
                if _is_resource(name):
                    touched.add(name)  # rule 4
            out.update(state.depending_on(fact, reads))  # rule 3

    removed_facts: list[Fact] = []
    lines: dict[str, set[bytes]] = {}
    for name, (went, came) in sorted(found.differences.items()):  # the context's lines
        plus = {line for line in came if context_graphs.resource_line(line)}
        minus = {line for line in went if context_graphs.resource_line(line)}
        if any(b"_:" in line for line in (*plus, *minus)):
            return Derivation(None)  # rule 1: a blank node outside the vocabulary
        lines[name] = plus | minus
        reach(_facts(plus), None)
        gone = _facts(minus)
        reach(gone, None)
        removed_facts += gone
    for agreement_id in sorted(changed | removed):  # what changed graphs name, old and new
        old_facts = state.agreements[agreement_id].foreign if agreement_id in old_ids else ()
        reach(old_facts, agreement_id)
        reach(new_foreign.get(agreement_id, ()), agreement_id)
        removed_facts += old_facts
        for other in sorted(state.depending_on_agreement(agreement_id) - out):  # rule 3
            kept = state.agreements[other]
            for name, digest in kept.others.items():
                if owner(name) == agreement_id and digest != description_digest(
                    store, name, kept.deps.get(name), reads
                ):
                    out.add(other)
                    break
    for agreement_id in sorted((changed - old_ids) | removed):  # rule 4: added, removed
        naming = context_graphs.naming(store, found, state.context, agreement_id)
        touched.update(s for s, _p, _o in _facts(naming) if _is_resource(s))
    before_by_subject: dict[str, list[Fact]] = {}
    for fact in removed_facts:
        before_by_subject.setdefault(fact[0], []).append(fact)
    for name in sorted(touched):  # rule 4: what it names, before and after
        for _s, p, o in (*_description(store, name), *before_by_subject.get(name, ())):
            reader = owner(o)
            if reader is not None and read(p, False):
                out.add(reader)
    return Derivation(out & set(graphs), touched, lines)


def _description(store: ox.Store, name: str) -> list[Fact]:
    """Every quad with ``name`` as subject, in any graph."""
    return [
        (name, q.predicate.value, _value(q.object))
        for q in store.quads_for_pattern(ox.NamedNode(name), None, None, None)
    ]


def assign(
    store: ox.Store,
    graphs: Mapping[str, ox.NamedNode],
    reads: Reads,
    assigned: Mapping[str, str],
    touched: Iterable[str],
) -> dict[str, str]:
    """Which agreement judges each resource, the touched ones worked out again as the
    Slicer does: a resource that is the subject of a context quad, that no agreement graph
    names, goes to the first agreement (by id) whose node its context quads name, read
    from that node's side; else to none (judged with the rest)."""
    own = set(graphs.values())
    out = dict(assigned)
    for name in touched:
        out.pop(name, None)
        node = ox.NamedNode(name)
        named = any(q.graph_name in own for q in store.quads_for_pattern(None, None, node, None))
        quads = list(store.quads_for_pattern(node, None, None, None))
        if named or any(q.graph_name in own for q in quads):
            continue
        readers = set()
        for q in quads:
            found = owner(q.object.value) if isinstance(q.object, ox.NamedNode) else None
            if found is not None and found in graphs and reads.backward(q.predicate.value):
                readers.add(found)
        if readers:
            out[name] = min(readers)
    return out


def dangling(
    context: Mapping[str, context_graphs.Kept],
    named: Iterable[frozenset[str]],
    graphs: Mapping[str, ox.NamedNode],
) -> set[str]:
    """Agreements that a context line (as :func:`context_graphs.read` counted them) or an
    agreement graph (``named``: :attr:`Kept.named` and the like) names a node of, with no
    graph: their nodes are judged with the rest."""
    found = context_graphs.named(context)
    for names in named:
        found |= names
    return found - set(graphs)


def named_by(facts: Iterable[Fact]) -> frozenset[str]:
    """The agreements whose nodes ``facts`` name."""
    return frozenset(a for fact in facts for n in (fact[0], fact[2]) if (a := owner(n)))


def dependencies(
    store: ox.Store,
    agreement_id: str,
    graph: ox.NamedNode,
    reads: Reads,
    refs: Iterable[str],
    assigned_here: Iterable[str],
    context_graphs: set[object],
) -> tuple[Deps, list[ox.Quad]]:
    """An agreement's ``deps`` and the quads of other graphs naming its nodes that a shape
    reads from its side, found from its own nodes (those its graph names): a superset of
    the Slicer's plan, worked out without indexing the whole dataset."""
    own: set[str] = set()
    for quad in store.quads_for_pattern(None, None, None, graph):
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode) and owner(term.value) == agreement_id:
                own.add(term.value)
    direct: set[ox.Quad] = set()
    for name in own:
        node = ox.NamedNode(name)
        for q in store.quads_for_pattern(node, None, None, None):
            if q.graph_name != graph and reads.forward(q.predicate.value):
                direct.add(q)
        for q in store.quads_for_pattern(None, None, node, None):
            if q.graph_name != graph and reads.backward(q.predicate.value):
                direct.add(q)
    frontier = [*refs]
    for name in assigned_here:
        frontier.append(name)
        node = ox.NamedNode(name)
        direct.update(
            q
            for q in store.quads_for_pattern(None, None, node, None)
            if q.graph_name in context_graphs
        )
    via: dict[str, set[Step]] = {}
    for quad in direct:
        for term, forwards in ((quad.subject, False), (quad.object, True)):
            if isinstance(term, ox.NamedNode):
                found = owner(term.value)
                if found not in (None, agreement_id):
                    via.setdefault(term.value, set()).add((quad.predicate.value, forwards))
                elif found is None and not forwards and term.value.startswith(ID_BASE):
                    frontier.append(term.value)
    reached = set(frontier)
    seen: set[str] = set()
    while frontier:
        name = frontier.pop()
        if name in seen:
            continue
        seen.add(name)
        if owner(name) is not None:
            continue
        for q in store.quads_for_pattern(ox.NamedNode(name), None, None, None):
            term = q.object
            if not (isinstance(term, ox.NamedNode) and term.value.startswith(ID_BASE)):
                continue
            found = owner(term.value)
            if found is None:
                frontier.append(term.value)
            elif found != agreement_id:
                via.setdefault(term.value, set()).add((q.predicate.value, True))
    deps: Deps = dict.fromkeys(seen)
    for name, steps in via.items():
        if name not in reached and name not in deps:
            deps[name] = frozenset(steps)
        else:
            deps[name] = None
    return deps, sorted(direct, key=str)


def description_digest(
    store: ox.Store, name: str, steps: frozenset[Step] | None, reads: Reads
) -> str:
    """The digest of a node's description in a slice: every quad with it as subject, or,
    reached by ``steps`` only, those a shape may read after one of them (as the Slicer's)."""
    quads = store.quads_for_pattern(ox.NamedNode(name), None, None, None)
    if steps is not None:
        quads = (
            q for q in quads if any(reads.forward_after(step, q.predicate.value) for step in steps)
        )
    return digest_of(quads)


def others_of(
    deps: Deps, agreement_id: str, digest: Callable[[str, frozenset[Step] | None], str]
) -> dict[str, str]:
    """:attr:`Kept.others` from ``deps`` and a description digest."""
    return {
        name: digest(name, steps)
        for name, steps in deps.items()
        if owner(name) not in (None, agreement_id)
    }


def deps_of(plan: Plan) -> Deps:
    """The ``deps`` of an agreement the Slicer planned."""
    return {name: plan.steps.get(name) for name in plan.described}


def source_names(
    store: ox.Store, graph: ox.NamedNode, direct: Iterable[ox.Quad], described: Iterable[str]
) -> list[str]:
    """The source files an agreement's quotes may be checked against: every file a
    ``dcterms:identifier`` of its part names."""
    predicate = ox.NamedNode(_IDENTIFIER)
    quads = [*store.quads_for_pattern(None, predicate, None, graph)]
    quads += [q for q in direct if q.predicate == predicate]
    for name in described:
        quads += store.quads_for_pattern(ox.NamedNode(name), predicate, None, None)
    return sorted({str(getattr(q.object, "value", q.object)) for q in quads})


def file_digest(root: Path, name: str) -> str:
    """sha256 of a source file (resolved under ``root``), or why it could not be read."""
    path = (root / name).resolve()
    try:
        return f"{path}\0{hashlib.sha256(path.read_bytes()).hexdigest()}"
    except OSError as error:
        return f"{path}\0unreadable {error.errno}"


__all__ = [
    "Derivation",
    "Kept",
    "State",
    "affected",
    "assign",
    "dangling",
    "dependencies",
    "deps_of",
    "description_digest",
    "file_digest",
    "foreign",
    "named_by",
    "others_of",
    "references",
    "source_names",
]
