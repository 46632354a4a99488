"""Which focus nodes a set of changed quads can reach: the shapes' walks followed backwards.

Why: after one agreement is added to five hundred, the resources of no agreement (parties,
persons, bodies, the dataset's description: some 2,500 focus nodes) were judged again every
time, although a change touches the results of a few. A focus node's results depend on the
quads its shapes read on their walks from it (:mod:`digicoop.validate.reads`: which step may
follow which, from ``FOCUS``). A quad added or removed can change them only if some walk from
the node reads it; that walk, up to the first changed quad on it, runs over quads that are
in the dataset before and after. So walking backwards from every changed quad, over the
dataset as it is now, by the steps that may lead to reading it, finds every focus node whose
results may differ: the states of the walk are (node, the step it was reached by), and a
node reached in the state ``FOCUS`` is one to judge again.

The walk errs towards judging again: the steps are the union over every shape's, a step
over every predicate (``*``) reads every quad in its direction, and a search that grows past
``limit`` states gives up (None: judge every node).

>>> import pyoxigraph as ox
>>> from digicoop.validate.reads import FOCUS, Reads
>>> ex = "http://example.org/"
>>> reads = Reads(follows={FOCUS: {(ex + "member", True)}, (ex + "member", True): {(ex + "name", True)}})
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode(ex + "group"), ox.NamedNode(ex + "member"), ox.NamedNode(ex + "ann")))
>>> changed = [(ox.NamedNode(ex + "ann"), ox.NamedNode(ex + "name"), ox.Literal("Ann"))]
>>> sorted(str(node) for node in reaching(store, reads, changed))
['<http://example.org/group>']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from digicoop.validate.reads import ANY, FOCUS, Reads, Step

#: A changed quad's subject, predicate and object (its graph does not matter: the shapes
#: read the union of the graphs).
Change = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]
Term = ox.NamedNode | ox.BlankNode | ox.Literal

#: States past which a search gives up (every focus node judged again): far above what
#: adding an agreement reaches (a few thousand), far below the dataset's size.
LIMIT = 200_000


@dataclass(frozen=True)
class _Automaton:
    """The shapes' steps read backwards: for each step, the states (the step a node was
    reached by, or ``FOCUS``) from which a walk may take it next."""

    before: dict[Step, list[Step]]

    @staticmethod
    def of(reads: Reads) -> _Automaton:
        before: dict[Step, list[Step]] = {}
        for state in sorted({FOCUS, *reads.pairs, *reads.follows}):
            for step in sorted(_after(reads, state)):
                before.setdefault(step, []).append(state)
        return _Automaton(before)

    def readers(self, predicate: str, forwards: bool) -> list[Step]:
        """The states from which a walk may read a quad of ``predicate`` in this direction."""
        return [*self.before.get((predicate, forwards), ()), *self.before.get((ANY, forwards), ())]


def _after(reads: Reads, state: Step) -> set[Step]:
    """The steps that may follow ``state`` (as :meth:`Reads.forward_after` reads them)."""
    return (
        reads.follows.get(state, set()) | reads.follows.get((ANY, state[1]), set()) | reads.anywhere
    )


def reaching(
    store: ox.Store,
    reads: Reads,
    changed: Iterable[Change],
    wanted: Callable[[Term], bool] = lambda _node: True,
    limit: int = LIMIT,
    unwanted: str | None = None,
) -> set[Term] | None:
    """The ``wanted`` nodes from which some walk of the shapes may read one of the
    ``changed`` quads, found over ``store`` (module doc); None when the search passes
    ``limit`` states or a shape reads quads no walk from a focus node explains.

    ``unwanted``: an IRI prefix no wanted node has. Where a walk can only have started
    one step back, the store's engine then leaves those nodes out: a changed quad's
    literal (an order number, a label) is the object of thousands of quads of nodes under
    ``id:agreement/``, of which no walk from a wanted node starts."""
    if reads.anywhere:
        return None
    automaton = _Automaton.of(reads)
    seen: set[tuple[Term, Step]] = set()
    todo: list[tuple[Term, Step]] = []
    found: set[Term] = set()
    asked: dict[Term, bool] = {}

    def visit(node: Term, states: Iterable[Step]) -> None:
        for state in states:
            if state == FOCUS:  # where a walk starts: nothing precedes it
                if node not in asked:
                    asked[node] = wanted(node)
                    if asked[node]:
                        found.add(node)
            elif (node, state) not in seen:
                seen.add((node, state))
                todo.append((node, state))

    for subject, predicate, obj in changed:
        visit(subject, automaton.readers(predicate.value, True))
        visit(obj, automaton.readers(predicate.value, False))
    while todo:
        if len(seen) > limit:
            return None
        node, (step, forwards) = todo.pop()
        earlier = automaton.before.get((step, forwards), ())
        if not earlier:
            continue
        match = None if step == ANY else ox.NamedNode(step)
        if unwanted is not None and earlier == [FOCUS] and isinstance(node, ox.Literal):
            for term in _starts(store, match, node, forwards, unwanted):
                visit(term, earlier)
            continue
        if forwards:  # reached by ``m step node``: the walk was at m
            for quad in store.quads_for_pattern(None, match, node, None):
                visit(quad.subject, earlier)  # type: ignore[arg-type]
        elif not isinstance(node, ox.Literal):  # reached by ``node step m`` read from m
            for quad in store.quads_for_pattern(node, match, None, None):
                visit(quad.object, earlier)  # type: ignore[arg-type]
    return found


_STARTS = """SELECT DISTINCT ?m WHERE { %s FILTER (!isIRI(?m) || !STRSTARTS(STR(?m), %s)) }"""


def _starts(
    store: ox.Store,
    step: ox.NamedNode | None,
    node: ox.NamedNode | ox.Literal,
    forwards: bool,
    unwanted: str,
) -> list[Term]:
    """The nodes one ``step`` back from ``node`` (``?m step node``, or ``node step ?m``
    backwards), not under the prefix ``unwanted``: one query, filtered by the engine."""
    predicate = str(step) if step is not None else "?p"
    pattern = f"?m {predicate} {node} ." if forwards else f"{node} {predicate} ?m ."
    if not forwards and isinstance(node, ox.Literal):
        return []
    rows = store.query(_STARTS % (pattern, ox.Literal(unwanted)), use_default_graph_as_union=True)
    return [row["m"] for row in rows]  # type: ignore[index, union-attr]


__all__ = ["LIMIT", "Change", "reaching"]
