"""Placing units in the agreement's own tree.

The texts share no layout, so the builder does not guess a depth from indentation or from
the number of ``#`` (both are unreliable in the conversions: the UK text's sub-headings
under a pillar use ``##`` to ``####`` at random). Instead each kind has a rank, outermost
first, and a new unit closes every open provision of the same or a deeper rank::

    section, annex (1) > pillar (2) > subheading (3) > paragraph (4) > point (5)
      > item (6) > subitem (7) > text, recital (8: leaves)

Unmarked blocks are decided by what is open when they arrive: the rest of a sentence that a
page break or a footnote block interrupted, lines listed after a colon, the heading of a
bare ``SECTION 1``, an unnumbered heading, or else a free-standing text block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from digicoop.errors import SourceError
from digicoop.model import Document, Provision, SourceText
from digicoop.segment.markers import (
    HEADING_MAX,
    Unit,
    is_all_caps,
    is_heading_like,
    pillar_number,
    read_units,
    roman_value,
    successor,
)
from digicoop.segment.text import Chars, bold_lead_in, is_finished, split_lines

RANK = {
    "section": 1,
    "annex": 1,
    "pillar": 2,
    "subheading": 3,
    "paragraph": 4,
    "point": 5,
    "item": 6,
    "subitem": 7,
    "text": 8,
    "recital": 8,
}
#: eId prefixes that differ from the kind's name (docs/MODEL.md).
EID_PREFIX = {"paragraph": "para", "subheading": "subhead", "section": "sec"}
CONTAINERS = frozenset({"section", "annex", "pillar", "subheading"})
_TITLE_LINE_MAX = 150


@dataclass
class Node:
    """A provision under construction (mutable until the whole text has been read)."""

    kind: str
    part: str | None  # eId part; None for blocks numbered on freezing (text, recital)
    label: str | None
    start: int
    line: int
    chars: Chars
    lead_in: str | None = None
    children: list[Node] = field(default_factory=list)
    absorbing: bool = False  # took unmarked lines listed after its colon

    @property
    def rank(self) -> int:
        return RANK[self.kind]


def slug(text: str) -> str:
    """``High Performance Computing (HPC)`` → ``high-performance-computing-hpc``.

    A heading with no letter or digit at all gets ``untitled`` so the eId stays well formed.
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "untitled"


class Builder:
    """Reads one source text into a `Document` (see the module docstring for the rules)."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.raw = source.text
        self.lines = split_lines(self.raw)
        self.units = read_units(self.lines, self.raw)
        self.body: list[Node] = []
        self.stack: list[Node] = []
        self.last_paragraph: str | None = None

    def error(self, message: str, line: int | None) -> SourceError:
        return SourceError(self.source.path, message, line)

    # -- the document's zones ----------------------------------------------------------

    def build(self) -> Document:
        units = self.units
        if not units:
            raise self.error("source text is empty", 1)
        index = 0
        title: Node | None = None
        if units[0].marker.kind in {"plain", "heading"} and self._title_like(units[0]):
            title = Node("title", "title", None, units[0].start, units[0].line, units[0].chars)
            index = 1
            while (
                index < len(units)
                and units[index].marker.kind == "plain"
                and self._title_like(units[index])
            ):
                title.chars = title.chars.joined(units[index].chars, " ", self.raw)
                index += 1
        after_title = units[min(index, len(units) - 1)].line
        recitals: list[Node] = []
        while index < len(units) and units[index].marker.kind == "plain":
            unit = units[index]
            previous = recitals[-1] if recitals else None
            if previous and not is_finished(previous.chars.text) and unit.chars.text[:1].islower():
                previous.chars = previous.chars.joined(unit.chars, " ", self.raw)
            else:
                recitals.append(Node("recital", None, None, unit.start, unit.line, unit.chars))
            index += 1
        signatures: Provision | None = None
        for unit in units[index:]:
            if unit.marker.kind == "closing":
                signatures = self._signatures(unit.line)
                break
            self.place(unit)
        if not self.body:
            raise self.error("no sections or numbered provisions found", after_title)
        provisions: list[Provision] = []
        if title is not None:
            provisions.append(self._freeze(title, ""))
        if recitals:
            preamble = Node("preamble", "preamble", None, recitals[0].start, 0, Chars())
            preamble.children = recitals
            provisions.append(self._freeze(preamble, ""))
        provisions.extend(self._freeze_all(self.body, ""))
        if signatures is not None:
            provisions.append(signatures)
        return Document(source=self.source, provisions=tuple(provisions))

    def _title_like(self, unit: Unit) -> bool:
        """Title lines are short and end no sentence (the preamble's first block does)."""
        text = unit.chars.text
        return (
            bool(text)
            and all(len(line.chars.text) <= _TITLE_LINE_MAX for line in unit.lines)
            and text[-1] not in ".;:,?!"
        )

    def _signatures(self, first_line: int) -> Provision:
        """From the closing formula to the end, lines joined by newlines, blocks by blank lines.

        The line structure is kept because the signatory extractor reads it: a block is one
        signatory's body, name or title, in the order the layout gives them.
        """
        chars = Chars()
        pending_break = False
        for line in self.lines[first_line - 1 :]:
            if line.footnote:
                continue
            if line.blank:
                pending_break = bool(chars.text)
                continue
            separator = "\n\n" if pending_break else "\n"
            chars = chars.joined(line.chars, separator, self.raw)
            pending_break = False
        end = chars.end or 0
        return Provision(
            eid="signatures",
            kind="signatures",
            label=None,
            heading=None,
            text=chars.text,
            start=chars.offsets[0],
            end=end,
            offsets=(*chars.offsets, end),
        )

    # -- placing the body ----------------------------------------------------------------

    def place(self, unit: Unit) -> None:
        marker = unit.marker
        kind = marker.kind
        if kind == "section":
            prefix = "art" if marker.word == "article" else "sec"
            self._open(
                Node(
                    "section",
                    f"{prefix}_{marker.label}",
                    marker.label,
                    unit.start,
                    unit.line,
                    self._heading(unit.chars),
                )
            )
        elif kind == "annex":
            part = f"annex_{marker.label.lower()}" if marker.label else "annex"
            self._open(
                Node("annex", part, marker.label, unit.start, unit.line, self._heading(unit.chars))
            )
        elif kind == "pillar":
            assert marker.label is not None
            self._open(
                Node(
                    "pillar",
                    f"pillar_{pillar_number(marker.label)}",
                    marker.label,
                    unit.start,
                    unit.line,
                    self._heading(unit.chars),
                )
            )
        elif kind == "heading":
            self._heading_unit(unit)
        elif kind in {"paragraph", "point"}:
            self._numbered(unit, kind)
        elif kind == "letter":
            self._numbered(unit, self._letter_kind(marker.label or ""))
        else:
            self._plain(unit)

    def _heading(self, chars: Chars) -> Chars:
        """Heading text without the colon some headings end with."""
        return chars.strip().strip(":").strip()

    def _heading_unit(self, unit: Unit) -> None:
        """An unnumbered heading: an all-caps one is a section, any other a sub-heading."""
        chars = self._heading(unit.chars)
        if is_all_caps(chars.text):
            node = Node("section", f"sec_{slug(chars.text)}", None, unit.start, unit.line, chars)
        else:
            node = Node(
                "subheading", f"subhead_{slug(chars.text)}", None, unit.start, unit.line, chars
            )
        self._open(node)

    def _letter_kind(self, label: str) -> str:
        """``i``, ``v``, ``x``… are letters or roman numerals: whichever continues a sequence."""
        value = roman_value(label)
        if value is None:
            return "item"
        if len(label) > 1:
            return "subitem"
        for node in reversed(self.stack):
            if node.kind == "subitem" and (roman_value(node.label or "") or 0) + 1 == value:
                return "subitem"
            if node.kind == "item" and node.label and ord(node.label) + 1 == ord(label):
                return "item"
        return "subitem" if label == "i" else "item"

    def _numbered(self, unit: Unit, kind: str) -> None:
        label = unit.marker.label or ""
        depth = self._depth(RANK[kind])
        parent = self.stack[depth - 1] if depth else None
        siblings = parent.children if parent else self.body
        previous = next((n for n in reversed(siblings) if n.kind == kind), None)
        expected = self._expected(kind, label, previous)
        if label not in expected:
            top = self.stack[-1] if self.stack else None
            if top is not None and top.kind not in CONTAINERS and not is_finished(top.chars.text):
                # "… adopted in\n\n2021. Both sides …": a page break, not a new paragraph.
                self._join(top, self._full_chars(unit))
                return
            raise self.error(
                f"{kind} {label!r} out of sequence (expected {' or '.join(sorted(expected))})",
                unit.line,
            )
        if kind == "paragraph":
            self.last_paragraph = label
        first = unit.chars.offsets[0] if unit.chars.offsets else 0
        lead_in = None
        if first >= 2 and self.raw[first - 2 : first] == "**":
            lead_in = bold_lead_in(self.raw[first - 2 : unit.lines[0].end])
        part = f"{EID_PREFIX.get(kind, kind)}_{label.replace('.', '-')}"
        node = Node(kind, part, label, unit.start, unit.line, unit.chars, lead_in)
        self._open(node)

    def _expected(self, kind: str, label: str, previous: Node | None) -> set[str]:
        if previous is not None and previous.label:
            return {successor(kind, previous.label)}
        if kind == "item":
            return {"a"}
        if kind == "subitem":
            return {"i"}
        expected = {"1"}
        if "." in label:
            expected.add(label.rpartition(".")[0] + ".1")
        if kind == "paragraph" and self.last_paragraph:
            expected.add(successor(kind, self.last_paragraph))  # numbered through the text
        return expected

    def _plain(self, unit: Unit) -> None:
        text = unit.chars.text
        top = self.stack[-1] if self.stack else None
        if top is not None and top.kind not in CONTAINERS:
            own = top.chars.text
            # A lower-case start continues even when bold ("**word**" alone after a break);
            # a capitalised bold line is a heading ("**Digital Identity:**").
            heading_shaped = unit.bold or is_heading_like(text)
            continues = text[:1].islower() or unit.bare_bullet or not heading_shaped
            if not is_finished(own) and continues:
                self._join(top, unit.chars)
                return
            if own.endswith(":") or (top.absorbing and is_heading_like(text) and not unit.bold):
                # Lines listed after a colon ("Japan: The Digital Agency of Japan") belong to
                # the provision that introduces them.
                top.absorbing = True
                self._join(top, unit.chars)
                return
        if top is not None and top.kind == "section" and not top.chars.text:
            top.chars = self._heading(unit.chars)  # "SECTION 1" with its title below it
            return
        if unit.bold or is_heading_like(text):
            self._heading_unit(unit)
            return
        depth = self._depth(RANK["paragraph"])
        del self.stack[depth:]
        self._open(Node("text", None, None, unit.start, unit.line, unit.chars))

    def _full_chars(self, unit: Unit) -> Chars:
        chars = Chars()
        for line in unit.lines:
            chars = chars.joined(line.chars, " ", self.raw)
        return chars

    def _join(self, node: Node, chars: Chars) -> None:
        node.chars = node.chars.joined(chars, " ", self.raw)

    def _depth(self, rank: int) -> int:
        """How many open provisions stay open when one of ``rank`` arrives."""
        depth = len(self.stack)
        while depth and self.stack[depth - 1].rank >= rank:
            depth -= 1
        return depth

    def _open(self, node: Node) -> None:
        del self.stack[self._depth(node.rank) :]
        (self.stack[-1].children if self.stack else self.body).append(node)
        self.stack.append(node)

    # -- freezing ------------------------------------------------------------------------

    def _freeze_all(self, nodes: list[Node], parent_eid: str) -> list[Provision]:
        used: set[str] = set()
        counters: dict[str, int] = {}
        frozen = []
        for node in nodes:
            part = node.part
            if part is None:
                counters[node.kind] = counters.get(node.kind, 0) + 1
                part = f"{node.kind}_{counters[node.kind]}"
            unique, number = part, 1
            while unique in used:
                number += 1
                unique = f"{part}-{number}"
            used.add(unique)
            frozen.append(self._freeze(node, parent_eid, unique))
        return frozen

    def _freeze(self, node: Node, parent_eid: str, part: str | None = None) -> Provision:
        part = part or node.part or node.kind
        eid = f"{parent_eid}__{part}" if parent_eid else part
        children = self._freeze_all(node.children, eid)
        text = node.chars.text
        own_end = node.chars.end if node.chars.end is not None else node.start
        end = max([own_end, *(child.end for child in children)])
        return Provision(
            eid=eid,
            kind=node.kind,
            label=node.label,
            heading=self._provision_heading(node, bool(children)),
            text=text,
            start=min([node.start, *node.chars.offsets[:1]]),
            end=end,
            offsets=(*node.chars.offsets, own_end),
            children=tuple(children),
        )

    @staticmethod
    def _provision_heading(node: Node, has_children: bool) -> str | None:
        """Containers' text is their heading; a numbered provision has one when it heads a
        list and has no sentence of its own ("1) Safe, secure and trustworthy AI"), or when it
        opens with a bold lead-in ("a. **Data Innovation:** Explore …")."""
        text = node.chars.text
        if node.kind in CONTAINERS:
            return text or None
        if node.kind in {"paragraph", "point", "item", "subitem"}:
            if node.lead_in:
                return node.lead_in
            if has_children and text and not is_finished(text) and len(text) <= HEADING_MAX:
                return text
        return None
