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
) -> set[Term] | None:
    """The ``wanted`` nodes from which some walk of the shapes may read one of the
    ``changed`` quads, found over ``store`` (module doc); None when the search passes
    ``limit`` states or a shape reads quads no walk from a focus node explains."""
    if reads.anywhere:
        return None
    automaton = _Automaton.of(reads)
    seen: set[tuple[Term, Step]] = set()
    todo: list[tuple[Term, Step]] = []

    def visit(node: Term, state: Step) -> None:
        if state == FOCUS and not wanted(node):
            return  # where a walk starts, nothing precedes it
        if (node, state) not in seen:
            seen.add((node, state))
            todo.append((node, state))

    for subject, predicate, obj in changed:
        for state in automaton.readers(predicate.value, True):
            visit(subject, state)
        for state in automaton.readers(predicate.value, False):
            visit(obj, state)
    found: set[Term] = set()
    while todo:
        if len(seen) > limit:
            return None
        node, state = todo.pop()
        if state == FOCUS:
            found.add(node)
            continue
        step, forwards = state
        earlier = automaton.before.get(state, ())
        if not earlier:
            continue
        match = None if step == ANY else ox.NamedNode(step)
        previous: list[Term]
        if forwards:  # reached by ``m step node``: the walk was at m
            quads = store.quads_for_pattern(None, match, node, None)
            previous = [quad.subject for quad in quads]  # type: ignore[misc]
        else:  # reached by ``node step m`` read backwards from m
            if isinstance(node, ox.Literal):
                continue
            quads = store.quads_for_pattern(node, match, None, None)
            previous = [quad.object for quad in quads]  # type: ignore[misc]
        for term in previous:
            for state_before in earlier:
                visit(term, state_before)
    return found


__all__ = ["LIMIT", "Change", "reaching"]
