"""Incremental validation: each agreement's results kept, only changed agreements judged.

Why: the build validated the whole dataset every time, at a cost growing faster than the
corpus, although adding one agreement changes what the shapes say about that agreement only
(and about the shared resources it names). A finding belongs to the agreement that owns its
focus node (an IRI under ``id:agreement/{id}``, :class:`~digicoop.validate.fast.scope.Scope`)
or to none (shared resources, the dataset's description). Each agreement's findings are kept
in a cache (``build/validation/``, the conventions of :mod:`digicoop.agreement_cache`: atomic
writes, damaged entries warned about and recomputed, entries of a previous dataset pruned)
under a key made of the digests of everything they are computed from
(:mod:`digicoop.validate.slices`): its graph, its slice of the rest, the vocabulary, the
compiled checks (with the class closures of the whole dataset), the source files its quotes
are checked against, and the code, shapes and ontology (:func:`version`).

A validation then judges, in one run on the whole dataset, the agreements whose key has no
entry and every focus node of no agreement; the others cost a digest and a lookup. When
most agreements are to be judged the run's checks enumerate their targets as a whole run
does, else they start from the judged agreements' own focus nodes (``VALUES``), so the run
costs what those agreements hold. Either way a judged result is the whole run's, and the
report is the one the whole-dataset run writes: the same results (the shapes' blank nodes
copied once each, each result its own blank node), the same ``sh:conforms``, and so the
same findings in the same order (``tests/validate/test_incremental.py``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from digicoop.agreement_cache import AgreementCache
from digicoop.agreement_cache import version as code_version
from digicoop.validate import changes
from digicoop.validate import context as context_graphs
from digicoop.validate.evidence import SourceProblem
from digicoop.validate.fast import judge, namespaces_of, quote_graph, supports
from digicoop.validate.fast.engine import (
    compile_checks,
    focus_nodes,
    merge_focus,
    reader_for,
    subclass_closure,
)
from digicoop.validate.fast.scope import AGREEMENT_BASE, Scope, owner
from digicoop.validate.fast.store import Terms, ontology_added
from digicoop.validate.parts import Merged, Part, Triple, merge
from digicoop.validate.reach import Change, Term, reaching
from digicoop.validate.reads import Reads, read_directions
from digicoop.validate.slices import GRAPH_BASE, Slicer, agreement_graphs, graph_digest

#: Stands for an agreement id in the checks whose text goes into every key (their class
#: closures are the whole dataset's: a change there changes what each agreement is judged by).
_PLACEHOLDER = "agreement-placeholder-0"


@dataclass
class Outcome:
    """The merged findings (and report, made when asked for: :class:`parts.Merged`), and how
    many agreements were reused."""

    merged: Merged
    judged: list[str]
    reused: list[str]
    #: The focus nodes of no agreement's part judged in this run (SPARQL terms); None: every one.
    resources: list[str] | None = None
    #: Whether every agreement's cache key was worked out (no last state to start from): the
    #: cache's entries this run did not use are then stale (a run from the state looks no
    #: key up; the entries it leaves are what a lost state falls back on).
    keyed: bool = False


def version(root: Path) -> str:
    """The code, dependencies and ontology (:func:`digicoop.agreement_cache.version`) plus the
    shapes: what every cached result depends on besides the data."""
    digest = hashlib.sha256(code_version(root / "ontology").encode())
    for path in sorted((root / "shapes").glob("*.ttl")):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def store_of(data: Dataset | Graph) -> ox.Store:
    """An rdflib dataset (named graphs kept: they are the agreements) or graph as a store."""
    terms, store = Terms(), ox.Store()
    convert = terms.to_ox
    if isinstance(data, Dataset):
        for s, p, o, g in data.quads((None, None, None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            graph = ox.DefaultGraph() if name in (None, DATASET_DEFAULT_GRAPH_ID) else convert(name)
            store.add(ox.Quad(convert(s), convert(p), convert(o), graph))  # type: ignore[arg-type]
    else:
        store.extend(ox.Quad(convert(s), convert(p), convert(o)) for s, p, o in data)  # type: ignore[arg-type]
    return store


#: The result properties whose blank-node values (shapes, paths) a run copies from the shapes.
_CLONED = (SH.sourceShape, SH.resultPath, SH.sourceConstraint)


def _subtree(report: Graph, head: Node) -> list[Triple]:
    """The triples of a copied blank node and of the blank nodes under it."""
    out: list[Triple] = []
    todo, seen = [head], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for triple in report.triples((node, None, None)):
            out.append(triple)
            if isinstance(triple[2], BNode):
                todo.append(triple[2])
    return out


def _reads(shapes: Graph, cache: AgreementCache | None) -> Reads:
    """What the shapes read (:func:`read_directions`, parsing every ``sh:select``: about a
    second), kept in the cache: its version covers the shapes and the code."""
    if cache is None:
        return read_directions(shapes)
    return cache.made("reads", cache.key("reads"), lambda: read_directions(shapes), Reads)


@dataclass
class _Known:
    """What a validation knows before its run: the results it keeps, and for the agreements
    it judges what their state entries and their own focus nodes need."""

    kept: dict[str, Part]
    direct: dict[str, list[ox.Quad]]  # judged: the quads of other graphs naming their nodes
    deps: dict[str, changes.Deps]  # judged
    sources: dict[str, tuple[tuple[str, str], ...]]  # judged
    foreign: dict[str, tuple[changes.Fact, ...]]  # judged
    others: dict[str, dict[str, str]]  # judged
    assigned: dict[str, str]
    dangling: set[str]
    keys: dict[str, str] = field(default_factory=dict)  # the judged ones' part keys
    #: The nodes whose results in no agreement's part a change may reach (:mod:`reach`),
    #: with the last validation's; None: every such node is judged.
    reach: list[Term] | None = None
    state: changes.State | None = None


def _sources(
    root: Path | None, names: list[str], digests: dict[str, str]
) -> tuple[tuple[str, str], ...]:
    """Each source file with its digest (``digests`` remembers them within a run)."""
    if root is None:
        return ()
    for name in names:
        if name not in digests:
            digests[name] = changes.file_digest(root, name)
    return tuple((name, digests[name]) for name in names)


def _foreign(
    store: ox.Store,
    cache: AgreementCache | None,
    content: Mapping[str, str],
    graphs: Mapping[str, ox.NamedNode],
    which: list[str],
) -> dict[str, tuple[changes.Fact, ...]]:
    """:func:`changes.foreign` of these agreements, kept in the cache by their graph's digest."""
    out = {}
    for agreement_id in which:
        made = partial(changes.foreign, store, agreement_id, graphs[agreement_id])
        if cache is None:
            out[agreement_id] = made()
            continue
        key = cache.key("foreign", agreement_id, content[agreement_id])
        out[agreement_id] = cache.made("foreign", key, made, tuple)
    return out


def _from_slices(
    store: ox.Store,
    graphs: Mapping[str, ox.NamedNode],
    content: Mapping[str, str],
    reads: Reads,
    root: Path | None,
    cache: AgreementCache | None,
    checks_digest: str,
) -> _Known:
    """Every agreement's slice planned and digested; kept: those whose key has an entry."""
    foreign = _foreign(store, cache, content, graphs, list(graphs))
    refs = {
        agreement_id: changes.references(facts, agreement_id)
        for agreement_id, facts in foreign.items()
    }
    slicer = Slicer(store, graphs, refs, reads)
    known = _Known({}, {}, {}, {}, foreign, {}, dict(slicer.assigned), set(slicer.dangling))
    files: dict[str, str] = {}
    for agreement_id, graph in graphs.items():
        plan = slicer.plan(agreement_id)
        names = changes.source_names(store, graph, plan.direct, plan.described)
        sources = _sources(root, names, files)
        known.direct[agreement_id] = plan.direct
        deps = known.deps[agreement_id] = changes.deps_of(plan)
        known.others[agreement_id] = changes.others_of(
            deps, agreement_id, slicer.description_digest
        )
        known.sources[agreement_id] = sources
        if cache is None:
            continue
        key = known.keys[agreement_id] = cache.key(
            "part",
            agreement_id,
            content[agreement_id],
            slicer.digest(plan),
            slicer.vocabulary_digest,
            checks_digest,
            repr(sources) if root is not None else "-",
        )
        found = cache.get("part", key)
        if isinstance(found, Part):
            known.kept[agreement_id] = found
    return known


def _from_state(
    state: changes.State,
    store: ox.Store,
    graphs: Mapping[str, ox.NamedNode],
    content: Mapping[str, str],
    found: context_graphs.Read,
    reads: Reads,
    root: Path | None,
    cache: AgreementCache | None,
    graph_changes: Mapping[str, context_graphs.Delta] | None = None,
) -> _Known | None:
    """The last validation's results kept for every agreement no change reaches
    (:func:`changes.affected`); None when a change reaches every one."""
    fresh = [
        a for a in graphs if a not in state.agreements or state.agreements[a].content != content[a]
    ]
    new_foreign = _foreign(store, cache, content, graphs, fresh)
    derived = changes.affected(state, store, graphs, content, found, reads, new_foreign)
    if derived.agreements is None:
        return None
    files: dict[str, str] = {}
    judged = set(derived.agreements)
    for agreement_id in graphs:  # rule 5: a source file changed; or no kept result
        kept = state.agreements.get(agreement_id)
        if agreement_id in judged:
            continue
        if (
            kept is None
            or not isinstance(kept.part, Part)
            or _sources(root, [name for name, _ in kept.sources], files) != kept.sources
        ):
            judged.add(agreement_id)
    assigned = changes.assign(store, graphs, reads, state.assigned, derived.touched)
    assigned = {name: a for name, a in assigned.items() if a in graphs}
    foreign = {a: state.agreements[a].foreign for a in graphs if a not in new_foreign}
    foreign.update(new_foreign)
    named = [
        changes.named_by(facts) if a in new_foreign else state.agreements[a].named
        for a, facts in foreign.items()
    ]
    dangling = changes.dangling(found.graphs, named, graphs)
    known = _Known({}, {}, {}, {}, {}, {}, assigned, dangling)
    context_names: set[object] = {ox.DefaultGraph()}
    own = set(graphs.values())
    context_names.update(g for g in store.named_graphs() if g not in own)
    by_agreement: dict[str, list[str]] = {}
    for name, agreement_id in assigned.items():  # the judged ones' (25,000 in all at 500)
        if agreement_id in judged:
            by_agreement.setdefault(agreement_id, []).append(name)
    for names in by_agreement.values():
        names.sort()
    for agreement_id in graphs:
        if agreement_id not in judged:
            known.kept[agreement_id] = state.agreements[agreement_id].part  # type: ignore[assignment]
            continue
        graph = graphs[agreement_id]
        refs = changes.references(foreign[agreement_id], agreement_id)
        deps, direct = changes.dependencies(
            store,
            agreement_id,
            graph,
            reads,
            refs,
            by_agreement.get(agreement_id, ()),
            context_names,
        )
        names = changes.source_names(store, graph, direct, deps)
        known.direct[agreement_id] = direct
        known.deps[agreement_id] = deps
        known.sources[agreement_id] = _sources(root, names, files)
        known.foreign[agreement_id] = foreign[agreement_id]
        known.others[agreement_id] = changes.others_of(
            deps,
            agreement_id,
            lambda name, steps: changes.description_digest(store, name, steps, reads),
        )
    known.state = state
    known.reach = _reach(
        state, store, graphs, reads, derived, fresh, known.dangling, graph_changes or {}
    )
    return known


def _reach(
    state: changes.State,
    store: ox.Store,
    graphs: Mapping[str, ox.NamedNode],
    reads: Reads,
    derived: changes.Derivation,
    fresh: list[str],
    dangling: set[str],
    graph_changes: Mapping[str, context_graphs.Delta],
) -> list[Term] | None:
    """The nodes a change may reach from the side of a resource of no agreement
    (:func:`reaching` from the changed context lines, every quad of an added agreement
    graph, and the quads an agreement graph that changed or went lost or gained), and the
    resources whose judging agreement was worked out again; None when the last results of
    no agreement's part cannot be kept: none were, an agreement named has no graph that had
    one or was not named, or an agreement graph changed or went and the update's changes
    (``graph_changes``, from the version validated last) do not say how (the state does not
    keep the quads it held)."""
    if state.rest is None or not dangling <= set(state.dangling):
        return None
    changed: list[Change] = []
    went = [a for a in fresh if a in state.agreements]
    went += [a for a in state.agreements if a not in graphs]
    for agreement_id in sorted(went):
        delta = graph_changes.get(f"{GRAPH_BASE}{agreement_id}")
        if delta is None or delta.since != state.agreements[agreement_id].content:
            return None
        for quad in (*delta.removed, *delta.added):
            changed.append((quad.subject, quad.predicate, quad.object))  # type: ignore[arg-type]
    for _name, lines in sorted(derived.lines.items()):
        data = b"\n".join(sorted(lines))
        parsed = ox.parse(data, format=ox.RdfFormat.N_TRIPLES) if data else ()
        changed += [(t.subject, t.predicate, t.object) for t in parsed]  # type: ignore[misc]
    for agreement_id in (a for a in fresh if a not in state.agreements):  # added: every quad
        added = graph_changes.get(graphs[agreement_id].value)
        quads: Iterable[ox.Quad] = (
            added.added
            if added is not None and added.since is None
            else store.quads_for_pattern(None, None, None, graphs[agreement_id])
        )
        changed += [(q.subject, q.predicate, q.object) for q in quads]  # type: ignore[misc]

    def wanted(node: Term) -> bool:
        if not (isinstance(node, ox.NamedNode) and node.value.startswith(AGREEMENT_BASE)):
            return True
        found = owner(node.value)
        return found is None or found in dangling

    found = reaching(store, reads, changed, wanted, unwanted=None if dangling else AGREEMENT_BASE)
    if found is None:
        return None
    return sorted({*found, *(ox.NamedNode(name) for name in derived.touched)}, key=str)


_STATE = "state"


def read_ahead(cache: AgreementCache) -> None:
    """Read now the entries a run from ``cache`` starts with (the last state, what the
    shapes read): see :meth:`AgreementCache.read_ahead`."""
    for kind in (_STATE, "reads"):
        cache.read_ahead(kind, cache.key(kind))


def has_state(cache: AgreementCache) -> bool:
    """Whether a last validation left its state in ``cache``: the next then judges only the
    agreements a change reaches (the build reads the on-disk store then, not memory)."""
    return cache.has(_STATE, cache.key(_STATE))


def validate(
    store: ox.Store,
    shapes: Graph,
    ontology: Graph,
    root: Path | None,
    cache: AgreementCache | None,
    digests: Mapping[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
    graph_digests: Mapping[str, str] | None = None,
    graph_changes: Mapping[str, context_graphs.Delta] | None = None,
) -> Outcome:
    """The whole-dataset report of :func:`digicoop.validate.fast.validate`, agreement by
    agreement (module doc). ``root`` None skips the quote check; ``cache`` None recomputes
    every agreement; ``digests`` gives an agreement graph's content digest (the build has its
    Turtle's sha256), else it is computed from the store. The store is left as it was given
    (the ontology is in its default graph for the run only, as in
    :func:`digicoop.validate.fast.validate`). ``jobs`` processes run the queries
    (:func:`digicoop.validate.fast.judge`). ``graph_digests``: each graph not of an agreement
    by IRI with a digest of its content; ``graph_changes``: what the update of ``store``
    did to each graph it changed, by IRI (:func:`digicoop.validate.context.read`: a context
    graph changed so is not read whole; given, large context graphs are no longer kept
    whole in the state, and an invalid dataset leaves the last state as it was, since the
    changes handed over next start from the dataset last published)."""
    supports(shapes)
    terms = Terms()
    with ontology_added(store, ontology, terms):
        return _validate(
            store,
            shapes,
            ontology,
            root,
            cache,
            digests,
            progress,
            jobs,
            terms,
            graph_digests,
            graph_changes,
        )


def _validate(
    store: ox.Store,
    shapes: Graph,
    ontology: Graph,
    root: Path | None,
    cache: AgreementCache | None,
    digests: Mapping[str, str] | None,
    progress: Callable[[str], None] | None,
    jobs: int,
    terms: Terms,
    graph_digests: Mapping[str, str] | None = None,
    graph_changes: Mapping[str, context_graphs.Delta] | None = None,
) -> Outcome:
    namespaces = namespaces_of(ontology)
    graphs = agreement_graphs(store)
    subclasses = subclass_closure(store)
    reads = _reads(shapes, cache)

    template = compile_checks(shapes, store, Scope((_PLACEHOLDER,)), subclasses)
    checks_digest = hashlib.sha256(
        "\n".join(f"{c.component}\n{c.query}" for c in template).encode()
    ).hexdigest()
    content = {
        agreement_id: (digests or {}).get(agreement_id) or graph_digest(store, graph)
        for agreement_id, graph in graphs.items()
    }
    state_key = cache.key(_STATE) if cache is not None else ""
    found = cache.get(_STATE, state_key) if cache is not None else None
    last = found if isinstance(found, changes.State) else None
    found_context = context_graphs.read(
        store,
        graphs.values(),
        last.context if last is not None else None,
        graph_digests,
        graph_changes,
    )
    stamp = "\n".join(
        (
            checks_digest,
            context_graphs.vocabulary_digest(found_context.graphs),
            str(root is None),
            str(digests is None),
        )
    )
    state = last if last is not None and last.stamp == stamp else None
    known = None
    if state is not None:
        known = _from_state(
            state, store, graphs, content, found_context, reads, root, cache, graph_changes
        )
    if known is None:
        known = _from_slices(store, graphs, content, reads, root, cache, checks_digest)
    kept = known.kept
    judged = [agreement_id for agreement_id in graphs if agreement_id not in kept]
    if progress and judged:
        progress(f"validate {len(judged)} of {len(graphs)} agreements")

    # One run for the agreements to judge and the focus nodes of no agreement's part that a
    # change may reach (every one, without a last validation's results to keep)
    dangling = tuple(sorted(known.dangling))
    unowned = Scope(dangling, unowned=True)
    reach = known.reach if len(judged) * 2 <= len(graphs) else None
    rest_evidence: set[str] | None = None
    if len(judged) * 2 > len(graphs):  # most of them: every focus node but the kept ones'
        scope = Scope(every=True) if not kept else Scope((*judged, *dangling), unowned=True)
        checks = compile_checks(shapes, store, None if scope.every else scope, subclasses)
        evidence = None
    else:  # a few: start from their own focus nodes (the run costs what they hold)
        scope = Scope((*judged, *dangling), unowned=True)
        if reach is not None:
            judged_here = set(judged)
            reach = [
                *reach,
                *(ox.NamedNode(n) for n, a in known.assigned.items() if a in judged_here),
            ]
            rest, rest_evidence = _reached(store, shapes, subclasses, unowned, reach, known)
        else:
            rest = focus_nodes(shapes, store, unowned, subclasses)
            rest_evidence = _evidence_nodes(store, unowned)
        nodes = [_without(rest, known.assigned, set(kept))]
        evidence = set(rest_evidence)
        for agreement_id in judged:
            found, own_evidence = _own_focus(
                store,
                shapes,
                subclasses,
                agreement_id,
                graphs[agreement_id],
                known.direct[agreement_id],
            )
            nodes.append(found)
            evidence.update(own_evidence)
        checks = compile_checks(shapes, store, scope, subclasses, merge_focus(*nodes))
    if cache is not None and rest_evidence is None:  # for the state: before the checks,
        rest_evidence = _evidence_nodes(store, unowned)  # not after them on one core
    report, _quotes, problems = judge(
        store, shapes, terms, namespaces, root, checks, None if scope.every else scope,
        sorted(evidence) if evidence is not None else None, jobs, quotes=False,
    )  # fmt: skip
    parts = _split(report, problems, judged, set(kept), known.assigned, store, terms)
    judged_rest = _by_focus(parts[""])
    rest_parts = dict(judged_rest)
    if reach is not None and known.state is not None and known.state.rest is not None:
        reached = {str(node) for node in reach}
        for name, part in known.state.rest.items():
            if name in reached or name[1:-1] in known.assigned:
                continue
            if owner(name[1:-1]) in (None, *dangling):  # not an agreement that has a graph now
                rest_parts.setdefault(name, part)  # type: ignore[arg-type]
    parts[""] = _joined(rest_parts, parts[""].problems, store, terms)
    outcome = Outcome(merge([*parts.values(), *kept.values()], shapes), judged, list(kept))
    if cache is not None:
        assert rest_evidence is not None
        agreements = {}
        for agreement_id in graphs:
            if agreement_id in kept:
                agreements[agreement_id] = (
                    state.agreements[agreement_id]  # type: ignore[union-attr]
                    if agreement_id not in known.deps
                    else changes.Kept(
                        content[agreement_id],
                        kept[agreement_id],
                        known.deps[agreement_id],
                        known.sources[agreement_id],
                        known.foreign[agreement_id],
                        known.others[agreement_id],
                    )
                )
                continue
            part = parts[agreement_id]
            portable = _portable(part)
            if portable and agreement_id in known.keys:
                cache.put("part", known.keys[agreement_id], part)
            agreements[agreement_id] = changes.Kept(
                content[agreement_id],
                part if portable else None,
                known.deps[agreement_id],
                known.sources[agreement_id],
                known.foreign[agreement_id],
                known.others[agreement_id],
            )
        keep = all(name.startswith("<") and _portable(p) for name, p in rest_parts.items())
        if graph_changes is None or _conforms(outcome.merged):  # see :func:`validate`
            cache.put(
                _STATE,
                state_key,
                changes.State(
                    stamp,
                    agreements,
                    found_context.graphs,
                    known.assigned,
                    rest=dict(rest_parts) if keep else None,  # type: ignore[arg-type]
                    dangling=dangling,
                    evidence=tuple(sorted(rest_evidence)),
                ),
            )
    outcome.keyed = bool(known.keys) or not graphs
    outcome.resources = (
        sorted({n for found in nodes[0].values() for n in found}) if reach is not None else None
    )
    return outcome


def _conforms(merged: Merged) -> bool:
    """No Violation (the build's criterion: ``ValidationResult.conforms``)."""
    return all(finding.severity != "Violation" for finding in merged.findings)


def _reached(
    store: ox.Store,
    shapes: Graph,
    subclasses: Callable[[Node], list[Node]],
    unowned: Scope,
    reach: list[Term],
    known: _Known,
) -> tuple[dict[Node, list[str]], set[str]]:
    """The focus nodes of no agreement's part among ``reach`` by shape, and the evidence
    nodes of no agreement: the last validation's still typed so, and those among ``reach``.

    What makes a node a focus node (its type, a quad a target reads from it) is in its own
    description or in the quads of a ``sh:targetObjectsOf`` predicate pointing at it: the
    queries read those, copied into a small store, not the whole dataset."""
    objects_of = sorted(
        {
            str(value)
            for shape in reader_for(shapes).targeted()
            for kind, value in shape.targets
            if kind == SH.targetObjectsOf
        }
    )
    around = ox.Store()
    for node in reach:
        if not isinstance(node, ox.Literal):
            around.extend(store.quads_for_pattern(node, None, None, None))
        for predicate in objects_of:
            around.extend(store.quads_for_pattern(None, ox.NamedNode(predicate), node, None))
    names = {str(node) for node in reach}
    found = focus_nodes(shapes, around, unowned, subclasses)
    rest = {
        shape: kept for shape, nodes in found.items() if (kept := [n for n in nodes if n in names])
    }
    evidence = _evidence_nodes(around, unowned) & names
    typed = ox.NamedNode(str(RDF.type))
    kind = ox.NamedNode("https://w3id.org/digicoop/ontology#Evidence")
    last = known.state.evidence if known.state is not None else ()
    for name in last:
        if next(iter(store.quads_for_pattern(ox.NamedNode(name[1:-1]), typed, kind, None)), None):
            evidence.add(name)
    return rest, evidence


def _by_focus(part: Part) -> dict[str, Part]:
    """A part of no agreement's results as one part per focus node (its SPARQL term), each
    with the copies of the shapes' blank nodes its results name; quotes and source problems
    are the whole's (worked out again for every run: :func:`_joined`)."""
    triples: dict[Node, list[Triple]] = {}
    for triple in part.triples:
        triples.setdefault(triple[0], []).append(triple)
    out: dict[str, Part] = {}
    for result in part.results:
        mine = triples.get(result, [])
        focus = next((o for _s, p, o in mine if p == SH.focusNode), None)
        name = focus.n3() if isinstance(focus, URIRef | BNode | Literal) else ""
        clones: dict[Node, list[Triple]] = {
            o: part.clones[o]
            for _s, p, o in mine
            if p in _CLONED and isinstance(o, BNode) and o in part.clones
        }
        found = out.setdefault(name, Part([], [], {}, [], []))
        found.results.append(result)
        found.triples.extend(mine)
        found.clones.update(clones)
    return out


def _joined(
    parts: Mapping[str, Part], problems: list[SourceProblem], store: ox.Store, terms: Terms
) -> Part:
    """No agreement's part from its focus nodes' parts (in their order), with the source
    problems of this run and the quotes of every focus node."""
    whole = Part([], [], {}, [], list(problems))
    for _name, part in sorted(parts.items()):
        whole.results.extend(part.results)
        whole.triples.extend(part.triples)
        whole.clones.update(part.clones)
    focus = {o for _s, p, o in whole.triples if p == SH.focusNode}
    focus |= {problem.focus for problem in problems}
    whole.quotes.extend(quote_graph(store, terms, focus) if focus else [])
    return whole


def _without(
    found: dict[Node, list[str]], assigned: Mapping[str, str], kept: set[str]
) -> dict[Node, list[str]]:
    """Focus nodes by shape, less the resources judged in the part of a kept agreement."""
    out = {}
    for shape, nodes in found.items():
        left = [n for n in nodes if assigned.get(n[1:-1]) not in kept]
        if left:
            out[shape] = left
    return out


def _split(
    report: Graph,
    problems: list[SourceProblem],
    judged: list[str],
    kept: set[str],
    assigned: Mapping[str, str],
    store: ox.Store,
    terms: Terms,
) -> dict[str, Part]:
    """One run's results as one part per judged agreement (the agreement that owns the focus
    node, or whose part judges it: ``assigned``) and one for the rest (key ``""``), each with
    its quotes. Results of a resource another (kept) agreement's part judges are dropped."""
    node = report.value(predicate=RDF.type, object=SH.ValidationReport)
    results: dict[str, list[Node]] = {agreement_id: [] for agreement_id in (*judged, "")}

    def part_of(focus: Node | None) -> str | None:
        iri = str(focus) if isinstance(focus, URIRef) else ""
        found = (owner(iri) or assigned.get(iri)) if iri else None
        if found in kept:
            return None  # a kept agreement's: its kept part has it
        return found if found in results else ""

    for result in report.objects(node, SH.result):
        key = part_of(report.value(result, SH.focusNode))
        if key is not None:
            results[key].append(result)
    found_problems: dict[str, list[SourceProblem]] = {key: [] for key in results}
    for problem in problems:
        key = part_of(problem.focus)
        if key is not None:
            found_problems[key].append(problem)
    parts = {}
    for key, mine in results.items():
        triples = [t for result in mine for t in report.triples((result, None, None))]
        clones: dict[Node, list[Triple]] = {}
        for _, predicate, head in triples:
            if predicate in _CLONED and isinstance(head, BNode) and head not in clones:
                clones[head] = _subtree(report, head)
        focus = {report.value(result, SH.focusNode) for result in mine}
        focus |= {problem.focus for problem in found_problems[key]}
        quotes = list(quote_graph(store, terms, focus)) if focus else []
        parts[key] = Part(mine, triples, clones, quotes, found_problems[key])
    return parts


def _portable(part: Part) -> bool:
    """Whether a part means the same in another process: its only blank nodes are its results
    and the copies of the shapes' (canonical labels, shacl.shapes_graph); a data blank node
    gets a new label with every load of the data."""
    allowed = set(part.results)
    allowed.update(term for triples in part.clones.values() for t in triples for term in t)
    terms: list[Node | None] = [term for triple in (*part.triples, *part.quotes) for term in triple]
    terms += [p.focus for p in part.problems] + [p.value for p in part.problems]
    return all(not isinstance(term, BNode) or term in allowed for term in terms)


_EVIDENCE = """
SELECT DISTINCT ?e WHERE { %s { ?e a <https://w3id.org/digicoop/ontology#Evidence> } FILTER (%s) }"""


def _evidence_nodes(store: ox.Store, scope: Scope, graph: ox.NamedNode | None = None) -> set[str]:
    """The evidence nodes of ``scope`` (typed in ``graph``, if given), as SPARQL terms."""
    where = f"GRAPH {graph}" if graph is not None else ""
    rows = store.query(_EVIDENCE % (where, scope.sparql("?e")), use_default_graph_as_union=True)
    return {str(row["e"]) for row in rows}  # type: ignore[index, union-attr]


def _own_focus(
    store: ox.Store,
    shapes: Graph,
    subclasses: Callable[[Node], list[Node]],
    agreement_id: str,
    graph: ox.NamedNode,
    direct: list[ox.Quad],
) -> tuple[dict[Node, list[str]], set[str]]:
    """An agreement's focus nodes by shape, and its evidence nodes.

    Every quad that makes a node of the agreement a target is in its graph or among the
    quads of other graphs that name its nodes (``direct``, put in a small store of their
    own): the queries read those two, not the whole dataset."""
    scope = Scope((agreement_id,))
    others = ox.Store()
    others.extend(direct)
    nodes = merge_focus(
        focus_nodes(shapes, store, scope, subclasses, graph),
        focus_nodes(shapes, others, scope, subclasses),
    )
    return nodes, _evidence_nodes(store, scope, graph) | _evidence_nodes(others, scope)


__all__ = ["Outcome", "Part", "validate", "version"]
