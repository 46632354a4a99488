"""What one agreement's validation reads: its graph, and the slice of the rest it depends on.

Why: an agreement's kept validation result may be reused only while nothing it was computed
from has changed. A shape judging a node of agreement A (an IRI under ``id:agreement/A``)
reads A's graph, the vocabularies and a few nodes that A's graph points to or that point
into it. This module finds those quads, and the cache key of A's result digests them
(:mod:`digicoop.validate.incremental`; the result itself is always computed on the whole
dataset, so a judged agreement gets exactly the whole run's results: the slice decides only
when a kept result is still good).

The rule (docs/MODEL.md, "Validation, one agreement at a time"). Graphs are *agreement
graphs* (``graph:{id}`` holding the node ``id:agreement/{id}``) or *context graphs* (every
other graph: shared resources, the dataset's description, the ontology and schemes, the
default graph). A's part of the dataset is:

1. every quad of A's graph (digested as a whole);
2. the *vocabulary*: every context quad whose subject is not under ``id:`` (ontology, schemes,
   topics), the same for every agreement, digested once;
3. every quad of another graph whose subject or object is a node of A *that a shape reads
   from A's side* (:mod:`digicoop.validate.reads`: ``s p o`` with ``o`` A's node only if a
   shape walks ``^p``; a reuse link ``B's provision dco:reuses A's provision`` and its
   record's ``rdf:object`` are not, so adding B leaves A's slice as it was), and the
   description of such a quad's subject when it is a resource of no agreement that names no
   other agreement's nodes (a record about A alone; not the dataset's description, which
   names every agreement) or that no agreement graph names (a reuse record of graph:reuse).
   A resource of no agreement that no agreement graph names is judged in the part of the
   first agreement (by id) that reads it so (a reuse record: the reusing agreement, whose
   provision is its ``rdf:subject``), or with the rest if none does (the dataset's
   description);
4. the description (every quad, any graph, with it as subject) of each ``id:`` node that
   A's graph names and that is not A's, and, for shared resources (``id:`` nodes of no
   agreement), of the ``id:`` nodes they name in turn: the parties, organisations, people,
   places and entities A mentions, with what they are members or parts of. A node of
   another agreement (a provision A's text reuses) is described one step deep only.

What a shape could read beyond that (a node of another agreement two steps away, a
vocabulary term described inside an agreement graph) the model does not produce; the
differential tests (``tests/validate/test_incremental.py``) hold the incremental report equal
to the whole one on the real and the dev corpus and on every broken-graph case, with one
cache shared by all the cases.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from digicoop.validate.fast.scope import AGREEMENT_BASE, owner
from digicoop.validate.reads import Reads, Step

ID_BASE = "https://w3id.org/digicoop/id/"
GRAPH_BASE = "https://w3id.org/digicoop/graph/"


def agreement_graphs(store: ox.Store) -> dict[str, ox.NamedNode]:
    """Agreement id → its named graph: ``graph:{id}`` holding the node ``id:agreement/{id}``."""
    found = {}
    for graph in store.named_graphs():
        if not isinstance(graph, ox.NamedNode) or not graph.value.startswith(GRAPH_BASE):
            continue
        agreement_id = graph.value[len(GRAPH_BASE) :]
        node = ox.NamedNode(f"{ID_BASE}agreement/{agreement_id}")
        if agreement_id and next(iter(store.quads_for_pattern(node, None, None, graph)), None):
            found[agreement_id] = graph
    return dict(sorted(found.items()))


def graph_digest(store: ox.Store, graph: ox.NamedNode) -> str:
    """sha256 of a graph's content (its N-Quads lines, sorted): the same set, the same digest."""
    data = store.dump(format=ox.RdfFormat.N_QUADS, from_graph=graph)
    lines = sorted(line for line in (data or b"").split(b"\n") if line)
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


def _line(quad: ox.Quad) -> str:
    subject, obj, graph = quad.subject, quad.object, quad.graph_name
    blank = ox.BlankNode
    if not (isinstance(subject, blank) or isinstance(obj, blank) or isinstance(graph, blank)):
        return str(quad)  # the common case, tested without a generator (a third of a digest)
    terms = (subject, quad.predicate, obj, graph)
    return " ".join("_:" if isinstance(t, blank) else str(t) for t in terms)


def digest_of(quads: Iterable[ox.Quad]) -> str:
    """sha256 of a set of quads, blind to blank-node labels (a new load draws new ones; the
    vocabulary's blank nodes come from ontology/, which the cache's version covers)."""
    return hashlib.sha256("\n".join(sorted(_line(q) for q in quads)).encode("utf-8")).hexdigest()


@dataclass
class Slicer:
    """Finds each agreement's part of one dataset (see the module doc); computed once per
    dataset: the vocabulary, the context quads by the agreement they name, node descriptions."""

    store: ox.Store
    graphs: Mapping[str, ox.NamedNode]
    #: Agreement id → the ``id:`` IRIs its graph names that are not its own
    #: (:func:`digicoop.validate.changes.references`).
    refs: Mapping[str, list[str]]
    #: What the shapes read, in which direction (:mod:`digicoop.validate.reads`): a quad of
    #: another graph naming an agreement's node is in its slice only if read from that node.
    #: None: every quad naming it is.
    reads: Reads | None = None
    vocabulary: list[ox.Quad] = field(init=False)
    vocabulary_digest: str = field(init=False)
    #: Agreement ids some graph names a node of, that have no graph here: their nodes are
    #: judged with the shared resources.
    dangling: set[str] = field(init=False, default_factory=set)
    #: Resources of no agreement that no agreement graph names and whose description names
    #: nodes of agreements (a text-reuse record of graph:reuse), each with the agreement whose
    #: part judges it: the first of those, by id.
    assigned: dict[str, str] = field(init=False, default_factory=dict)
    _about: dict[str, list[ox.Quad]] = field(init=False, default_factory=dict)
    _naming: dict[str, set[str]] = field(init=False, default_factory=dict)
    _read_naming: dict[str, set[str]] = field(init=False, default_factory=dict)
    _named_agreements: set[str] = field(init=False, default_factory=set)
    _pointing: dict[str, list[ox.Quad]] = field(init=False, default_factory=dict)
    _unnamed: set[str] = field(init=False, default_factory=set)
    _assigned_to: dict[str, list[str]] = field(init=False, default_factory=dict)
    _incoming: dict[str, list[tuple[str, ox.NamedNode]]] = field(init=False, default_factory=dict)
    _described: dict[str, tuple[list[ox.Quad], list[str], str]] = field(
        init=False, default_factory=dict
    )
    _filtered: dict[tuple[str, frozenset[Step]], str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        own_graphs = set(self.graphs.values())
        context = [g for g in self.store.named_graphs() if g not in own_graphs]
        self.vocabulary = []
        for graph in [ox.DefaultGraph(), *context]:
            self._index(self.store.quads_for_pattern(None, None, None, graph))
        self.dangling.update(o for o in self._named_agreements if o not in self.graphs)
        self.vocabulary_digest = digest_of(self.vocabulary)
        for agreement_id, names in self.refs.items():
            self.dangling.update(o for n in names if (o := owner(n)) and o not in self.graphs)
            for name in names:
                if (target := owner(name)) is not None and target != agreement_id:
                    self._incoming.setdefault(target, []).append((name, self.graphs[agreement_id]))
        named = {name for names in self.refs.values() for name in names}
        self._unnamed = {name for name in self._naming if name not in named}
        for name in sorted(self._naming):
            # judged with the first agreement that reads it from its nodes; one that no
            # agreement reads (the dataset's description) is judged with the rest
            judged_by = sorted(self._read_naming.get(name, set()) & set(self.graphs))
            if name not in named and judged_by:
                self.assigned[name] = judged_by[0]
                self._assigned_to.setdefault(judged_by[0], []).append(name)

    def _index(self, quads: Iterable[ox.Quad]) -> None:
        """Sort a context graph's quads into the vocabulary and the quads naming agreements."""
        for quad in quads:
            s, o = quad.subject, quad.object
            if not (isinstance(s, ox.NamedNode) and s.value.startswith(ID_BASE)):
                self.vocabulary.append(quad)
            resource = isinstance(s, ox.NamedNode) and s.value.startswith(ID_BASE)
            if resource and owner(s.value) is None:  # type: ignore[union-attr]
                self._naming.setdefault(s.value, set())  # type: ignore[union-attr]
            for term in (s, o):
                if (
                    isinstance(term, ox.NamedNode)
                    and term.value.startswith(AGREEMENT_BASE)
                    and (agreement := owner(term.value))
                ):
                    self._named_agreements.add(agreement)
                    read = self._read(quad.predicate.value, forwards=term is s)
                    if read:
                        self._about.setdefault(agreement, []).append(quad)
                    if term is o and resource and owner(s.value) is None:  # type: ignore[union-attr]
                        self._naming[s.value].add(agreement)  # type: ignore[union-attr]
                        if read:
                            self._read_naming.setdefault(s.value, set()).add(agreement)  # type: ignore[union-attr]
            if (
                isinstance(o, ox.NamedNode)
                and o.value.startswith(ID_BASE)
                and owner(o.value) is None
            ):
                self._pointing.setdefault(o.value, []).append(quad)

    def _read(self, predicate: str, forwards: bool) -> bool:
        """Whether a shape may read a quad with ``predicate`` from its subject (``forwards``)
        or from its object."""
        if self.reads is None:
            return True
        return self.reads.forward(predicate) if forwards else self.reads.backward(predicate)

    def _describe(self, name: str) -> tuple[list[ox.Quad], list[str], str]:
        """Every quad with ``name`` as subject, the ``id:`` IRIs they name, and their digest."""
        if name not in self._described:
            quads = list(self.store.quads_for_pattern(ox.NamedNode(name), None, None, None))
            named = sorted(
                {
                    q.object.value
                    for q in quads
                    if isinstance(q.object, ox.NamedNode) and q.object.value.startswith(ID_BASE)
                }
            )
            self._described[name] = (quads, named, digest_of(quads))
        return self._described[name]

    def _names_only(self, name: str, agreement_id: str) -> bool:
        named = self._describe(name)[1]
        return all(owner(n) in (None, agreement_id) for n in named)

    def plan(self, agreement_id: str) -> Plan:
        """The agreement's slice as quads naming its nodes and nodes to describe (module doc)."""
        direct: set[ox.Quad] = set(self._about.get(agreement_id, ()))
        for name, graph in self._incoming.get(agreement_id, ()):
            node = ox.NamedNode(name)
            out = self.store.quads_for_pattern(node, None, None, graph)
            into = self.store.quads_for_pattern(None, None, node, graph)
            direct.update(q for q in out if self._read(q.predicate.value, forwards=True))
            direct.update(q for q in into if self._read(q.predicate.value, forwards=False))
        seen: set[str] = set()
        frontier = list(self.refs.get(agreement_id, ()))
        for name in self._assigned_to.get(agreement_id, ()):  # judged in this part
            frontier.append(name)
            direct.update(self._pointing.get(name, ()))
        via: dict[str, set[Step]] = {}
        for quad in direct:
            # (pyoxigraph hands out a new object for each access to a quad's term: the
            # direction is told by position, not by identity)
            for term, forwards in ((quad.subject, False), (quad.object, True)):
                # A node of another agreement that a link into this one names (the earlier
                # provision a reuse link of graph:reuse points to): described one step deep,
                # by what the shapes read after the link's step
                if isinstance(term, ox.NamedNode) and owner(term.value) not in (None, agreement_id):
                    via.setdefault(term.value, set()).add((quad.predicate.value, forwards))
        reached_otherwise = set(frontier)
        for quad in direct:
            # A resource of no agreement pointing into this one, that points into it alone or
            # that no agreement graph names (a reuse record of graph:reuse, whose rdf:subject
            # is this agreement's provision: a shape reads the record from there)
            subject = quad.subject
            if (
                isinstance(subject, ox.NamedNode)
                and subject.value.startswith(ID_BASE)
                and owner(subject.value) is None
                and (
                    subject.value in self._unnamed or self._names_only(subject.value, agreement_id)
                )
            ):
                frontier.append(subject.value)
        while frontier:
            name = frontier.pop()
            if name in seen:
                continue
            seen.add(name)
            if owner(name) is None:  # a shared resource: follow what it names
                quads, _named, _digest = self._describe(name)
                for quad in quads:
                    term = quad.object
                    if not (isinstance(term, ox.NamedNode) and term.value.startswith(ID_BASE)):
                        continue
                    found = owner(term.value)
                    if found is None:
                        frontier.append(term.value)
                    elif found != agreement_id:  # another agreement's: one step deep
                        via.setdefault(term.value, set()).add((quad.predicate.value, True))
        seen.update(via)
        steps = {
            name: frozenset(found)
            for name, found in via.items()
            if name not in reached_otherwise and self.reads is not None
        }
        return Plan(sorted(direct, key=str), sorted(seen), steps)

    def description(self, name: str, steps: frozenset[Step] | None = None) -> list[ox.Quad]:
        """The quads describing ``name`` in a slice: every quad with it as subject, or, for
        a node reached by one of ``steps`` only, those a shape may read after such a step."""
        quads = self._describe(name)[0]
        if steps is None or self.reads is None:
            return quads
        reads = self.reads
        return [
            q for q in quads if any(reads.forward_after(step, q.predicate.value) for step in steps)
        ]

    def description_digest(self, name: str, steps: frozenset[Step] | None) -> str:
        """The digest of :meth:`description` (each computed once)."""
        if steps is None:
            return self._describe(name)[2]
        key = (name, steps)
        if key not in self._filtered:
            self._filtered[key] = digest_of(self.description(name, steps))
        return self._filtered[key]

    def digest(self, plan: Plan) -> str:
        """sha256 of the slice, from each described node's digest (each computed once)."""
        digest = hashlib.sha256(digest_of(plan.direct).encode())
        for name in plan.described:
            found = self.description_digest(name, plan.steps.get(name))
            digest.update(f"\n{name} {found}".encode())
        return digest.hexdigest()


@dataclass(frozen=True)
class Plan:
    """One agreement's slice: the quads of other graphs naming its nodes, and the nodes whose
    descriptions it holds."""

    direct: list[ox.Quad]
    described: list[str]
    #: Nodes of other agreements reached by these steps only: described by what the shapes
    #: read after them (:meth:`Slicer.description`).
    steps: Mapping[str, frozenset[Step]] = field(default_factory=dict)


__all__ = [
    "Plan",
    "Slicer",
    "agreement_graphs",
    "digest_of",
    "graph_digest",
]
