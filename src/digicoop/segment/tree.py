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
from digicoop.segment.frontmatter import read_front_matter, value_pairs
from digicoop.segment.layout import LAYOUT
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
from digicoop.segment.markup import find_markup
from digicoop.segment.text import Chars, is_finished, split_lines

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
#: A numbered bold heading ("**2. Advancing Cooperation**") opens a part inside whatever
#: unnumbered heading is open and above the paragraphs it holds.
NUMBERED_HEADING_RANK = 3.5
#: An italic heading line sits below the bold (sub)heading open above it.
ITALIC_HEADING_RANK = 3.3
_ITALIC_ONLY = re.compile(r"(?:\*(?!\*)[^*]+(?<![*\s])\*\s*)+")
#: eId prefixes that differ from the kind's name (docs/MODEL.md).
EID_PREFIX = {"paragraph": "para", "subheading": "subhead", "section": "sec"}
CONTAINERS = frozenset({"section", "annex", "pillar", "subheading"})
_TITLE_LINE_MAX = 150
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_RECITAL = re.compile(LAYOUT["recitals"]["pattern"])
_ENACTING = re.compile(LAYOUT["recitals"]["enacting"])
_PREAMBLE_HEADING = re.compile(LAYOUT["recitals"]["heading"])
_DATELINE = re.compile(LAYOUT["dateline"]["pattern"])
_DATELINE_MAX = LAYOUT["dateline"]["max_length"]
#: A run of this many spaces (NBSPs included) inside a signature line separates two columns.
_COLUMN_GAP = 3
#: Longest whole-line bold sentence still read as a heading.
_BOLD_SENTENCE_MAX = 100


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
    fixed_rank: float | None = None  # a numbering scheme's own rank, a list item's depth

    @property
    def rank(self) -> float:
        return self.fixed_rank if self.fixed_rank is not None else RANK[self.kind]


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
        self.front = read_front_matter(self.raw)
        self.markup = find_markup(self.raw, self.front.body_start)
        self.lines = split_lines(self.raw, self.markup, self.front.body_line)
        self.units = read_units(self.lines, self.raw)
        self.body: list[Node] = []
        self.stack: list[Node] = []
        self.last_paragraph: str | None = None
        self.warnings: list[tuple[int, str]] = []
        self.following = {
            id(unit): after for unit, after in zip(self.units, self.units[1:], strict=False)
        }
        # A text that marks its headings (bold lines, "#") has no unmarked ones: a short plain
        # line there is a place, a date or a sentence cut short, not a heading.
        self.marked_headings = any(
            self._bold_heading(unit) or unit.lines[0].md_level for unit in self.units
        )
        if self.front.problem:
            self.warn(1, self.front.problem)

    def error(self, message: str, line: int | None) -> SourceError:
        return SourceError(self.source.path, message, line)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append((line, message))

    # -- the document's zones ----------------------------------------------------------

    def build(self) -> Document:
        units = self.units
        if not units:
            raise self.error("source text is empty", self.front.body_line)
        index = 0
        title: Node | None = None
        if self._opens_with_title(units[0]):
            title = Node("title", "title", None, units[0].start, units[0].line, units[0].chars)
            index = 1
            while (
                self.front.fields.get("title") is None
                and index < len(units)
                and units[index].marker.kind == "plain"
                and self._title_like(units[index])
                and not self._heads_content(index)
            ):
                title.chars = title.chars.joined(units[index].chars, " ", self.raw)
                index += 1
        if title is None:
            # No title in the body: the one the file's front matter names, quoted from there.
            pairs = value_pairs(self.raw, self.front, "title")
            if pairs:
                chars = Chars.of(pairs)
                title = Node("title", "title", None, chars.offsets[0], 1, chars)
        dateline: Node | None = None
        if index < len(units) and self._is_dateline(units[index]):
            unit = units[index]
            dateline = Node("text", None, None, unit.start, unit.line, unit.chars)
            index += 1
        preamble_heading: Unit | None = None
        if index < len(units) and _PREAMBLE_HEADING.fullmatch(units[index].chars.text):
            preamble_heading = units[index]  # "**Preamble**": what follows it is recitals
            index += 1
        zone_end = index
        while zone_end < len(units) and self._in_opening_zone(units[zone_end]):
            zone_end += 1
            if _ENACTING.search(units[zone_end - 1].chars.text):
                break  # "WE HEREBY DECLARE:" ends the preamble
        zone = units[index:zone_end]
        recitals: list[Node] = []
        if zone and (preamble_heading is not None or self._is_preamble(zone)):
            for unit in zone:
                previous = recitals[-1] if recitals else None
                if (
                    previous
                    and not is_finished(previous.chars.text)
                    and unit.chars.text[:1].islower()
                ):
                    previous.chars = previous.chars.joined(unit.chars, " ", self.raw)
                else:
                    recitals.append(Node("recital", None, None, unit.start, unit.line, unit.chars))
            index = zone_end
        signatures: Provision | None = None
        signed_from = self._trailing_names(index)
        for position, unit in enumerate(units[index:], start=index):
            if unit.marker.kind == "closing" or position == signed_from:
                signatures = self._signatures(unit.line)
                break
            self.place(unit)
        provisions: list[Provision] = []
        if title is not None:
            provisions.append(self._freeze(title, ""))
        top: list[Node] = [dateline] if dateline is not None else []
        if recitals:
            heading = preamble_heading.chars if preamble_heading is not None else Chars()
            start = preamble_heading.start if preamble_heading is not None else recitals[0].start
            preamble = Node("preamble", "preamble", None, start, 0, heading)
            preamble.children = recitals
            top.append(preamble)
        provisions.extend(self._freeze_all(top + self.body, ""))
        if signatures is not None:
            provisions.append(signatures)
        warnings = tuple(
            f"{self.source.path}:{line}: {message}" for line, message in sorted(self.warnings)
        )
        return Document(
            source=self.source,
            provisions=tuple(provisions),
            warnings=warnings,
            front_matter=dict(self.front.fields),
        )

    def _italic_heading(self, unit: Unit) -> bool:
        """A whole-line ``*italic*`` span that is no sentence, in a text with bold headings."""
        written = " ".join(_TAG.sub("", line.raw).strip() for line in unit.lines)
        return (
            self.marked_headings
            and bool(_ITALIC_ONLY.fullmatch(written))
            and is_heading_like(unit.chars.text)
        )

    def _is_dateline(self, unit: Unit) -> bool:
        text = unit.chars.text
        return (
            unit.marker.kind in {"plain", "heading"}
            and len(text) <= _DATELINE_MAX
            and bool(_DATELINE.fullmatch(text))
        )

    def _heads_content(self, index: int) -> bool:
        """A bold heading right after the title that is followed by other than title lines
        ("A Plan" / "**Aims**" / "- We will meet.") heads the body, not the title."""
        unit = self.units[index]
        if not self._bold_heading(unit) or any(u.bold for u in self.units[:index]):
            return False  # a title set in bold throughout continues
        after = self.units[index + 1] if index + 1 < len(self.units) else None
        return after is None or after.marker.kind != "plain" or not self._title_like(after)

    def _trailing_names(self, begin: int) -> int | None:
        """Where a closing run of bold name-and-title lines begins ("**Jake Sullivan**" /
        "**UAE National Security Advisor**"): a signature block without a closing formula.
        Only a run after prose counts, and only lines that are wholly bold and no sentence."""
        position = len(self.units)
        while position > begin:
            unit = self.units[position - 1]
            if unit.marker.kind not in {"plain", "heading"} or not self._all_bold(unit):
                break
            if is_finished(unit.chars.text) or len(unit.chars.text) > HEADING_MAX:
                break
            position -= 1
        if position == len(self.units) or position == begin:
            return None
        before = self.units[position - 1]
        return position if before.marker.kind != "closing" and not self._all_bold(before) else None

    def _all_bold(self, unit: Unit) -> bool:
        lines = [_TAG.sub("", line.raw).strip() for line in unit.lines]
        return unit.bold or all(
            line.startswith("**") and line.endswith("**") for line in lines if line
        )

    def _opens_with_title(self, unit: Unit) -> bool:
        """A first block shaped like a title; with front matter, only the title it names."""
        if unit.marker.kind not in {"plain", "heading"} or not self._title_like(unit):
            return False
        named = self.front.fields.get("title")
        if named is None:
            return True
        return _words(str(named)) == _words(unit.chars.text)

    def _in_opening_zone(self, unit: Unit) -> bool:
        """Unnumbered prose before the first heading or number: a preamble or plain text."""
        if unit.marker.kind != "plain":
            return False
        if _ENACTING.search(unit.chars.text) and unit.chars.text.endswith(":"):
            return True
        return not (self._bold_heading(unit) or unit.lines[0].md_level)

    def _is_preamble(self, zone: list[Unit]) -> bool:
        """Recitals end with an enacting formula ("have reached the following understanding:")
        or open with recital words (WHEREAS, RECOGNIZING); other opening prose, even one
        ending with a colon (a chapeau), is text."""
        if _ENACTING.search(zone[-1].chars.text):
            return True
        return any(_RECITAL.match(unit.chars.text) for unit in zone)

    def _bold_heading(self, unit: Unit) -> bool:
        """A whole-line bold span that is no sentence; a short one-sentence line ending with
        a full stop counts ("**Ensuring the benefits ... reach all parts of society.**")."""
        text = unit.chars.text
        if not unit.bold or not 0 < len(text) <= HEADING_MAX:
            return False
        after = self.following.get(id(unit))
        if after is not None and after.chars.text[:1].islower() and not is_finished(text):
            return False  # "**Ka4**" then "ka5." after a page break: one sentence
        if text[-1] == "." and len(text) <= _BOLD_SENTENCE_MAX and ". " not in text:
            return True
        return text[-1] not in ".;,?!"

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
            chars = chars.joined(self._columns(line.chars), separator, self.raw)
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

    def _columns(self, chars: Chars) -> Chars:
        """A two-column line laid out with spaces or NBSPs ("President      Prime Minister")
        becomes two lines, left column first; the newline points at the gap's whitespace."""
        text = list(chars.text)
        for index, char in enumerate(text):
            if char != " " or index + 1 >= len(text):
                continue
            left, right = chars.offsets[index - 1], chars.offsets[index + 1]
            if sum(c.isspace() for c in self.raw[left + 1 : right]) >= _COLUMN_GAP:
                text[index] = "\n"
        return Chars("".join(text), list(chars.offsets))

    # -- placing the body ----------------------------------------------------------------

    def place(self, unit: Unit) -> None:
        marker = unit.marker
        kind = marker.kind
        if marker.scheme is not None:
            self._scheme_unit(unit)
        elif kind == "heading":
            self._heading_unit(unit)
        elif kind in {"paragraph", "point"} and self._numbered_heading(unit):
            label = marker.label or ""
            node = Node(
                "section", f"sec_{label.replace('.', '-')}", label, unit.start, unit.line,
                self._heading(unit.chars), fixed_rank=NUMBERED_HEADING_RANK,
            )  # fmt: skip
            self._open(node)
        elif kind in {"paragraph", "point"}:
            self._numbered(unit, kind)
        elif kind == "letter":
            self._numbered(unit, self._letter_kind(marker.label or ""))
        elif kind == "bullet":
            self._bullet(unit)
        else:
            self._plain(unit)

    def _numbered_heading(self, unit: Unit) -> bool:
        """``**1. Ensuring Leadership in Emerging Technologies**``: a number on a whole-line
        bold (or ``#``) heading numbers a part, not a paragraph."""
        text = unit.chars.text
        return (
            (unit.bold or bool(unit.lines[0].md_level))
            and 0 < len(text) <= HEADING_MAX
            and not is_finished(text)
        )

    def _scheme_unit(self, unit: Unit) -> None:
        """A heading numbered by one of layout.toml's schemes (Section 2, Article 1.2, II.)."""
        marker = unit.marker
        label = marker.label
        if marker.kind == "pillar" and label is not None:
            part = f"{marker.prefix}_{pillar_number(label)}"
        elif label is not None:
            part = f"{marker.prefix}_{slug(label).replace('-', '-')}"
            part = part.replace(".", "-")
        else:
            part = marker.prefix or marker.kind
        if label is not None and "." in label:
            part = f"{marker.prefix}_{label.replace('.', '-')}"
        heading = self._heading(unit.chars)
        if not heading.text and label is None:
            heading = self._heading(unit.lines[0].chars)  # "**Annex:**" alone: its word
        node = Node(
            marker.kind, part, label, unit.start, unit.line, heading, fixed_rank=marker.rank
        )
        self._open(node)

    def _heading(self, chars: Chars) -> Chars:
        """Heading text without the colon some headings end with."""
        return chars.strip().strip(":").strip()

    def _heading_unit(self, unit: Unit) -> None:
        """An unnumbered heading: an all-caps or underlined one is a section, any other a
        sub-heading."""
        chars = self._heading(unit.chars)
        if is_all_caps(chars.text) or unit.underlined:
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
        # The numbering, not the list's indentation, gives the level: converted texts indent
        # "ii." under "i." at random. (A numbered list nested in another is a point.)
        rank = RANK[kind]
        depth = self._depth(rank)
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
            self.warn(
                unit.line,
                f"{kind} {label!r} out of sequence (expected {' or '.join(sorted(expected))});"
                " read as numbered",
            )
        if any(n.kind == kind and n.label == label for n in siblings):
            self.warn(
                unit.line,
                f"{kind} {label!r} repeats a number already used here; read without a label",
            )
            label = ""
        if kind == "paragraph" and label:
            self.last_paragraph = label
        lead_in = self._lead_in(unit.chars)
        part = f"{EID_PREFIX.get(kind, kind)}_{label.replace('.', '-')}" if label else None
        node = Node(kind, part, label or None, unit.start, unit.line, unit.chars, lead_in)
        self._open(node)

    def _lead_in(self, chars: Chars) -> str | None:
        """A bold lead-in ending with a colon ("**Securing supply:** The Participants ...",
        "**Promote** **Ethical AI**: Conduct ..."), as the provision's heading."""
        first = chars.offsets[0] if chars.offsets else 0
        if self.raw[max(0, first - 2) : first] != "**":
            return None
        colon = chars.text.find(":")
        if not 0 < colon <= HEADING_MAX:
            return None
        at = chars.offsets[colon]
        if "**" not in self.raw[max(0, at - 2) : at + 3]:
            return None  # the bold span closed before the colon: no lead-in
        return chars.text[:colon].strip() or None

    def _bullet(self, unit: Unit) -> None:
        """An unnumbered list item: its own provision (an ``item`` without a label), nested by
        its list depth; a lower-case bullet after an unfinished sentence continues it."""
        top = self.stack[-1] if self.stack else None
        text = unit.chars.text
        if (
            top is not None
            and top.kind not in CONTAINERS
            and not (top.kind == "item" and top.label is None)
            and not is_finished(top.chars.text)
            and text[:1].islower()
        ):
            # A page break put the rest of a numbered sentence on a dash line; after another
            # bullet, a lower-case bullet is a list entry of its own ("- ensuring ...,").
            self._join(top, unit.chars)
            return
        item = unit.lines[0].item
        depth = item.depth if item is not None else 0
        lead_in = self._lead_in(unit.chars)
        node = Node("item", None, None, unit.start, unit.line, unit.chars, lead_in)
        node.fixed_rank = RANK["item"] + depth / 10
        self._open(node)

    def _expected(self, kind: str, label: str, previous: Node | None) -> set[str]:
        if previous is not None and previous.label:
            try:
                return {successor(kind, previous.label)}
            except ValueError:
                return {"1"}
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
            # a capitalised block after a blank line is a paragraph of its own, even when
            # the one before lacks its full stop ("... Pacific Island countries").
            continues = text[:1].islower() or unit.bare_bullet
            if not is_finished(own) and continues:
                self._join(top, unit.chars)
                return
            if not unit.bold and (own.endswith(":") or (top.absorbing and is_heading_like(text))):
                # Lines listed after a colon ("Japan: The Digital Agency of Japan") belong to
                # the provision that introduces them.
                top.absorbing = True
                self._join(top, unit.chars)
                return
        if top is not None and top.kind == "section" and not top.chars.text:
            top.chars = self._heading(unit.chars)  # "SECTION 1" with its title below it
            return
        if self._italic_heading(unit):
            # "*Building resilient supply chains*" under a bold heading: one level below it.
            chars = self._heading(unit.chars)
            node = Node(
                "subheading", f"subhead_{slug(chars.text)}", None, unit.start, unit.line, chars,
                fixed_rank=ITALIC_HEADING_RANK,
            )  # fmt: skip
            self._open(node)
            return
        if self._bold_heading(unit) or (
            is_heading_like(text) and not unit.bold and not self.marked_headings
        ):
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

    def _depth(self, rank: float) -> int:
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
                part = f"{EID_PREFIX.get(node.kind, node.kind)}_{counters[node.kind]}"
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
            links=self._links(node.chars),
        )

    def _links(self, chars: Chars) -> tuple[tuple[str, str], ...]:
        """The links whose text lies in ``chars``: (text as it reads, target)."""
        found: list[tuple[str, str]] = []
        if not chars.offsets or not self.markup.links:
            return ()
        low, high = min(chars.offsets), max(chars.offsets)
        for link in self.markup.links:
            if link.end <= low or link.start > high:
                continue  # a link elsewhere in the text: no character of ``chars`` is in it
            inside = [i for i, o in enumerate(chars.offsets) if link.start <= o < link.end]
            if inside:
                found.append((chars.text[inside[0] : inside[-1] + 1], link.target))
        return tuple(found)

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


def _words(text: str) -> list[str]:
    """The words of ``text``, lower-cased: to compare a title as written in two places."""
    return re.findall(r"\w+", text.lower())
