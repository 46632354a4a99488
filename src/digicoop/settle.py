"""One spelling per shared resource: the names and labels two texts write apart.

Why: a shared resource's IRI is minted from the slug of its name (``id:person/{slug}``,
``id:entity/{slug}``), so every agreement that names it lands on one node, but each agreement's
graph keeps the spelling its own text gives (the build cache and the evidence quotes depend on
it). Merged into ``graph:shared``, one node then carries every spelling: "Tomas NOVAK" from a
text that writes family names in capitals (EU and Japanese texts do), "Tomas Novak" from one
that does not; "MINISTRY OF …" in a signature block, "Ministry of …" in a heading. The model
allows one name (``foaf:name``; one ``skos:prefLabel`` per language for a cited entity, an
organisation or a body), so the build settles one spelling and keeps every other as
``skos:altLabel`` of the same node: a search by any spelling still finds it, and the evidence
of each agreement (which states the spelling as written) is for a value the shared graph still
holds (the ``dcosh:Evidence-asserted`` shape accepts a value settled into an alternative label).

Every rule here depends only on the set of spellings, never on the order agreements are built
in, so the shared graph is the same bytes whatever that order (docs/MODEL.md, "One name per
resource").
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pyoxigraph as ox

from digicoop.annotate.lexicon import slugify
from digicoop.persons import person_slug
from digicoop.rdfterms import FOAF, ID, RDFS, SKOS, Triples

_ENTITY_PREFIX = ID["entity/"].value
_PERSON_PREFIX = ID["person/"].value
#: The parts of a person's name: at most one value each, settled after the name itself.
_NAME_PARTS = (FOAF.familyName, FOAF.givenName)
_PERSON_NAMES = frozenset({FOAF.name, *_NAME_PARTS})


#: Shared resources whose IRI is the slug of the name a text gives them, and the property
#: that holds that name: one spelling per language once settled.
_NAMED_BY_SLUG = (
    (ID["org/"].value, SKOS.prefLabel),
    (ID["body/"].value, SKOS.prefLabel),
    (ID["place/"].value, RDFS.label),
)


def settle_names(shared: Triples) -> Triples:
    """The merged shared graph with one preferred spelling per name: cited entities'
    ``skos:prefLabel`` (:func:`settle_entity_labels`), organisations', bodies' and places'
    labels (:func:`settle_slug_labels`) and persons' ``foaf:name``, ``foaf:familyName`` and
    ``foaf:givenName`` (:func:`settle_person_names`)."""
    return settle_person_names(settle_slug_labels(settle_entity_labels(shared)))


def settle_slug_labels(shared: Triples) -> Triples:
    """One label per spelling for each organisation, body and place of the merged graph.

    Their IRI is the slug of the name as a text writes it, so labels of one node in one
    language that share a slug are one name in several typographic conventions ("Ministry of
    Internal Affairs and Communications" in a heading, "MINISTRY OF INTERNAL AFFAIRS AND
    COMMUNICATIONS" in a signature block; "Tokyo", "TOKYO"): the best by
    :func:`spelling_rank` stays, the others become ``skos:altLabel``, so that a body has one
    ``skos:prefLabel`` per language (its shapes) and a place one ``rdfs:label`` (a list of
    signing places gives one row per place). Labels of different slugs are left as they are.

    >>> from digicoop.rdfterms import text
    >>> tokyo = ID["place/tokyo"]
    >>> settled = settle_slug_labels(
    ...     {(tokyo, RDFS.label, text("TOKYO", "en")), (tokyo, RDFS.label, text("Tokyo", "en"))}
    ... )
    >>> sorted((p.value.rsplit("#", 1)[1], o.value) for _, p, o in settled)
    [('altLabel', 'TOKYO'), ('label', 'Tokyo')]
    """

    def named_by_slug(subject: ox.NamedNode, prop: ox.NamedNode) -> bool:
        return any(p == prop and subject.value.startswith(x) for x, p in _NAMED_BY_SLUG)

    return _settle_labels(shared, named_by_slug, _best_per_slug)


def settle_entity_labels(shared: Triples) -> Triples:
    """One ``skos:prefLabel`` per language for each cited entity of the merged shared graph.

    Two texts may write one name two ways ("Quad Leaders Meeting", "Quad Leaders’ Meeting";
    "ASEAN-U.S Comprehensive …", "ASEAN-U.S. Comprehensive …"): the same slug, so one entity,
    but each agreement's graph gives its own spelling. SKOS allows one preferred label per
    language, so the fullest spelling (the longest, then the first in code-point order: the
    same whatever order the agreements were built in) stays preferred and the others become
    ``skos:altLabel``. Persons are settled by :func:`settle_person_names`, organisations,
    bodies and places by :func:`settle_slug_labels`.
    """

    def cited(subject: ox.NamedNode, prop: ox.NamedNode) -> bool:
        return prop == SKOS.prefLabel and subject.value.startswith(_ENTITY_PREFIX)

    def fullest(found: list[ox.Literal]) -> list[ox.Literal]:
        return [min(found, key=lambda label: (-len(label.value), label.value))]

    return _settle_labels(shared, cited, fullest)


def _settle_labels(
    shared: Triples,
    settles: Callable[[ox.NamedNode, ox.NamedNode], bool],
    keep: Callable[[list[ox.Literal]], list[ox.Literal]],
) -> Triples:
    """``shared`` with, for each subject, property and language that ``settles`` accepts and
    that holds several literals, the ones ``keep`` chooses left and the others demoted to
    ``skos:altLabel``."""
    labels: dict[tuple[ox.NamedNode, ox.NamedNode, str | None], list[ox.Literal]] = {}
    for s, p, o in shared:
        if isinstance(o, ox.Literal) and settles(s, p):
            labels.setdefault((s, p, o.language), []).append(o)
    settled = set(shared)
    for (subject, prop, _), found in labels.items():
        if len(found) > 1:
            kept = keep(found)
            _demote(settled, subject, prop, [label for label in found if label not in kept])
    return settled


def settle_person_names(shared: Triples) -> Triples:
    """One ``foaf:name`` (and one family and given name) per spelling of each person.

    The name: values of one person with the same key (:func:`~digicoop.persons.person_slug`,
    the slug the person's IRI is minted from) are one name written several ways: typographic
    conventions, the family name first or last, an initial or a suffix written or not
    ("Joseph R. Biden", "Joseph R. Biden, Jr."); the one kept is the spelling that carries the
    most (:func:`spelling_rank`: letters beyond ASCII, i.e. diacritics, then capitals marking
    the family name, then the usual case over all capitals, then more characters other than
    spaces, then the first in code-point order), the others become ``skos:altLabel``.
    Names with different keys are never settled: one node cannot carry them unless two
    people were merged, which ``dcosh:Person-oneName`` reports.

    The family and given names (``foaf:familyName``, ``foaf:givenName``; one each): of several
    values, those written word for word in a kept name agree with it and stay candidates
    (all values do if none agrees); of the candidates with one slug the best-ranked is kept.
    Every other value becomes ``skos:altLabel``, so that the evidence that states it still
    finds it asserted. Candidates of different slugs ("NOVAK" and "TOMAS" as family names:
    two texts read the name's parts differently) all stay, for ``dcosh:Person-familyName``
    to report.

    >>> from digicoop.rdfterms import text
    >>> novak = ID["person/tomas-novak"]
    >>> settled = settle_person_names(
    ...     {(novak, FOAF.name, text("Tomas Novak")), (novak, FOAF.name, text("Tomas NOVAK"))}
    ... )
    >>> sorted((p.value.rsplit("/", 1)[1], o.value) for _, p, o in settled)
    [('core#altLabel', 'Tomas Novak'), ('name', 'Tomas NOVAK')]
    """
    people: dict[ox.NamedNode, dict[ox.NamedNode, list[ox.Literal]]] = {}
    for s, p, o in shared:
        if p in _PERSON_NAMES and isinstance(o, ox.Literal) and s.value.startswith(_PERSON_PREFIX):
            people.setdefault(s, {}).setdefault(p, []).append(o)
    settled = set(shared)
    for person, values in people.items():
        names = values.get(FOAF.name, [])
        kept = _best_per(names, person_slug)
        _demote(settled, person, FOAF.name, [name for name in names if name not in kept])
        for part in _NAME_PARTS:
            found = values.get(part, [])
            if len(found) < 2:
                continue
            agreeing = [v for v in found if any(_written_in(v.value, n.value) for n in kept)]
            keep = _best_per_slug(agreeing or found)
            _demote(settled, person, part, [v for v in found if v not in keep])
    return settled


def spelling_rank(spelling: str) -> tuple[int, int, int, str]:
    """The sort key of a spelling, the one that carries the most first: more letters beyond
    ASCII (accents, "ø", "ł": lost in an ASCII spelling), then capitals marking the family
    name (some words, not all, wholly in capitals: "Tomas NOVAK", "MATSUMOTO Takeaki"), then
    the usual case over all capitals (which hide how each word is written), then more
    characters other than spaces (a full stop, a hyphen, an apostrophe), then code-point
    order.

    >>> sorted(["Tomas Novak", "TOMAS NOVAK", "Tomas NOVAK", "Tomáš Novák"], key=spelling_rank)
    ['Tomáš Novák', 'Tomas NOVAK', 'Tomas Novak', 'TOMAS NOVAK']
    """
    beyond_ascii = sum(1 for c in spelling if c.isalpha() and not c.isascii())
    words = [w for w in re.split(r"[\s-]+", spelling) if sum(c.isalpha() for c in w) > 1]
    capitals = [w.isupper() for w in words]
    # 2: capitals mark the family name; 1: the usual case; 0: all capitals (hides the case)
    case = 2 if any(capitals) and not all(capitals) else 0 if capitals and all(capitals) else 1
    written = sum(1 for c in spelling if not c.isspace())
    return (-beyond_ascii, -case, -written, spelling)


def _best_per_slug(found: list[ox.Literal]) -> list[ox.Literal]:
    """The best-ranked value of each slug among ``found``."""
    return _best_per(found, slugify)


def _best_per(found: list[ox.Literal], key: Callable[[str], str]) -> list[ox.Literal]:
    """The best-ranked value (:func:`spelling_rank`) of each ``key`` among ``found``."""
    best: dict[str, ox.Literal] = {}
    for value in found:
        k = key(value.value)
        if k not in best or spelling_rank(value.value) < spelling_rank(best[k].value):
            best[k] = value
    return list(best.values())


def _written_in(part: str, name: str) -> bool:
    """Whether ``part`` is written word for word (same case, same marks) in ``name``."""
    return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", name) is not None


def _demote(
    triples: Triples, subject: ox.NamedNode, prop: ox.NamedNode, values: list[ox.Literal]
) -> None:
    """Move ``subject prop value`` to ``subject skos:altLabel value`` for each value."""
    for value in values:
        triples.discard((subject, prop, value))
        triples.add((subject, SKOS.altLabel, value))


__all__ = [
    "settle_entity_labels",
    "settle_names",
    "settle_person_names",
    "settle_slug_labels",
    "spelling_rank",
]
