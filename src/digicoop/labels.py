"""Readable names for provisions and agreements, for pages, the command line and exports.

A provision's IRI ends in its Akoma Ntoso eId (``sec_joint-actions__pillar_1__subhead_
telecoms-diversification__item_b__subitem_vi``): exact, but not what a reader cites. Its
readable label is the path a reader would say, built from the provision tree the graph
holds (kind, number as written, heading, parent), never from the eId's spelling:

>>> parts = {
...     "a/s": Part("a/s", "section", None, "JOINT ACTIONS", "a"),
...     "a/p": Part("a/p", "pillar", "One", "Digital Infrastructure", "a/s"),
...     "a/h": Part("a/h", "subheading", None, "Telecoms Diversification", "a/p"),
...     "a/b": Part("a/b", "item", "b", None, "a/h"),
...     "a/vi": Part("a/vi", "subitem", "vi", None, "a/b"),
... }
>>> provision_label("a/vi", parts, "Japan-UK Digital Partnership")
'Japan-UK Digital Partnership › Joint Actions › Pillar One › Telecoms Diversification › b.vi'
>>> provision_label("a/vi", parts)
'Joint Actions › Pillar One › Telecoms Diversification › b.vi'

Numbered levels (paragraphs, points, items, sub-items) run together with dots, as
citations do ("23.a", "b.vi"); containers are named by their kind and number ("Section 2",
"Pillar One") or, unnumbered, by their heading; all-capital headings are set in title case.
An agreement's short name is its title when that is short, else its parties in the order
the title names them ("Japan–Denmark").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from digicoop.export.sparql import Select, queries

SEPARATOR = " › "
#: Containers named by a word and their number ("Section 2"); unnumbered, by their heading.
CONTAINERS = {"section": "Section", "pillar": "Pillar", "annex": "Annex", "recital": "Recital"}
#: Parts named by their kind alone.
NAMED = {"title": "Title", "preamble": "Preamble", "signatures": "Signatures"}
#: Numbered levels whose numbers run together with dots.
NUMBERED = {"paragraph", "point", "item", "subitem"}
SHORT_TITLE = 40
HEADING_LENGTH = 48
_SMALL = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


@dataclass(frozen=True)
class Part:
    """One provision as the label needs it: kind, number as written, heading, parent IRI."""

    iri: str
    kind: str
    label: str | None
    heading: str | None
    parent: str
    order: int = 0


def tidy_heading(heading: str) -> str:
    """A heading as a reader would cite it: title case if shouted, shortened if long."""
    text = " ".join(heading.split()).strip(" :.")
    if text.isupper():
        text = " ".join(_title_word(word, i == 0) for i, word in enumerate(text.split(" ")))
    if len(text) > HEADING_LENGTH:
        text = text[: HEADING_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return text


def _title_word(word: str, first: bool) -> str:
    """One shouted word in title case; two-letter words (EU, UK, AI) are kept as acronyms."""
    pieces = []
    for piece in word.split("-"):
        lowered = piece.lower()
        if len(piece) <= 2 and piece.isalpha() and lowered not in _SMALL:
            pieces.append(piece)
        elif lowered in _SMALL and not first:
            pieces.append(lowered)
        else:
            pieces.append(lowered[:1].upper() + lowered[1:])
    return "-".join(pieces)


def _chain(iri: str, parts: Mapping[str, Part]) -> list[Part]:
    chain: list[Part] = []
    seen: set[str] = set()
    current = parts.get(iri)
    while current is not None and current.iri not in seen:
        seen.add(current.iri)
        chain.append(current)
        current = parts.get(current.parent)
    return chain[::-1]


class Outline:
    """The provision tree of one or more agreements, indexed once for labelling many parts."""

    def __init__(self, parts: Mapping[str, Part]) -> None:
        self.parts = parts
        self.children: dict[tuple[str, str], list[Part]] = {}
        for part in parts.values():
            self.children.setdefault((part.parent, part.kind), []).append(part)
        for siblings in self.children.values():
            siblings.sort(key=lambda p: (p.order, p.iri))

    def _numbered(self, part: Part, word: str) -> str:
        """An unnumbered part's place among its parent's parts of its kind ("¶2", "Recital 3")."""
        siblings = self.children.get((part.parent, part.kind), [part])
        if len(siblings) <= 1:
            return word
        return f"{word}{'' if word == '¶' else ' '}{siblings.index(part) + 1}"

    def segments(self, iri: str) -> list[str]:
        """The path of ``iri`` from its top-level provision down, one readable step each."""
        out: list[str] = []
        numbered_run = False
        chain = _chain(iri, self.parts)
        for position, part in enumerate(chain):
            last = position == len(chain) - 1
            if part.kind in NUMBERED and part.label:
                if numbered_run:
                    out[-1] = f"{out[-1]}.{part.label}"
                else:
                    out.append(part.label)
                numbered_run = True
                continue
            numbered_run = False
            if part.kind in NAMED:
                if last or part.kind != "preamble":
                    out.append(NAMED[part.kind])
            elif part.kind in CONTAINERS and part.label:
                out.append(f"{CONTAINERS[part.kind]} {part.label}")
            elif part.heading:
                out.append(tidy_heading(part.heading))
            elif part.kind == "text":
                out.append(self._numbered(part, "¶"))
            elif part.label:
                out.append(part.label)
            else:
                out.append(self._numbered(part, CONTAINERS.get(part.kind, part.kind)))
        return out

    def label(self, iri: str, agreement: str | None = None) -> str:
        """``iri``'s readable label, prefixed by the agreement's short name if one is given."""
        return SEPARATOR.join(([agreement] if agreement else []) + self.segments(iri))


def provision_label(iri: str, parts: Mapping[str, Part], agreement: str | None = None) -> str:
    """``iri``'s readable label (see :class:`Outline`, which labels many at once)."""
    return Outline(parts).label(iri, agreement)


def short_name(identifier: str, title: str | None, parties: Sequence[str]) -> str:
    """An agreement's short name: a short title, else its parties, else its id.

    >>> short_name("jp-dk", "Memorandum ... of Japan and ... of The Kingdom of Denmark",
    ...            ["Denmark", "Japan"])
    'Japan–Denmark'
    >>> short_name("jp-eu", "Japan-EU Digital Partnership", ["European Union", "Japan"])
    'Japan-EU Digital Partnership'
    """
    if title and len(title) <= SHORT_TITLE:
        return tidy_heading(title)
    if parties:
        lowered = (title or "").lower()

        def place(party: str) -> tuple[int, str]:
            found = lowered.find(party.lower())
            return (found if found >= 0 else len(lowered) + 1, party)

        return "–".join(sorted(parties, key=place))
    return identifier


def parts_from_rows(rows: Sequence[Mapping[str, object]]) -> dict[str, Part]:
    """Parts from rows of ``provision-outline.rq``-shaped answers (values with ``.value``)."""

    def text(row: Mapping[str, object], key: str) -> str | None:
        term = row.get(key)
        return getattr(term, "value", None) if term is not None else None

    return {
        str(text(row, "provision")): Part(
            str(text(row, "provision")),
            str(text(row, "kind")),
            text(row, "label"),
            text(row, "heading"),
            str(text(row, "parent")),
            int(text(row, "order") or 0),
        )
        for row in rows
    }


def agreement_names(select: Select) -> dict[str, str]:
    """Agreement IRI → short name, for every agreement in the data."""
    names = {}
    for row in select(queries("export")["agreement-names"], {}):
        parties = [p for p in row["parties"].value.split("|") if p] if "parties" in row else []
        title = row["title"].value if "title" in row else None
        names[row["agreement"].value] = short_name(row["id"].value, title, parties)
    return names


def all_provision_labels(select: Select) -> dict[str, str]:
    """Provision IRI → readable label with its agreement's short name, for the whole data."""
    rows = select(queries("export")["provision-outline"], {})
    outline = Outline(parts_from_rows(rows))
    names = agreement_names(select)
    return {
        row["provision"].value: outline.label(
            row["provision"].value, names.get(row["agreement"].value)
        )
        for row in rows
    }
