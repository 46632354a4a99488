"""The line grammar: which marker, if any, opens a line, and how lines group into units.

A *unit* is what the tree builder places: a line that opens with a marker (``1.``, ``a)``,
``SECTION 2``, a markdown heading, a closing formula) together with the unmarked lines that
follow it without a blank line, or a blank-line separated block of unmarked lines. Whether
``i.`` is a letter or a roman numeral is left to the tree builder, which knows the sequence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digicoop.segment.layout import LAYOUT
from digicoop.segment.text import Chars, Line, is_bold_only

_DECIMAL = re.compile(r"(?P<num>\d+(?:\.\d+)+)\.?\s+(?=\S)")
_NUMBER = re.compile(r"(?P<num>\d+)\.\s+(?=\S)")
_POINT = re.compile(r"\(?(?P<num>\d+)\)\s+(?=\S)")
_LETTER = re.compile(r"(?:\((?P<paren>[a-z]+)\)|(?P<num>[a-z]+)[.)])\s+(?=\S)")
_SCHEMES = [{**scheme, "regex": re.compile(scheme["pattern"])} for scheme in LAYOUT["scheme"]]
_CLOSING = re.compile(LAYOUT["closing"]["pattern"])
_ORDINAL = re.compile(LAYOUT["ordinals"]["pattern"])
_ORDINAL_VALUE = {word: n for n, word in enumerate(LAYOUT["ordinals"]["words"], start=1)}
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_UNDERLINE = re.compile(r"<u>|text-decoration:\s*underline", re.IGNORECASE)

_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_WORD_NUMBERS = {word: value for value, word in enumerate(_NUMBER_WORDS, start=1)}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_FORM = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")

#: Longest first line a heading may have; longer unmarked lines are prose.
HEADING_MAX = 160


@dataclass(frozen=True)
class Marker:
    """What opens a unit.

    ``kind`` is one of ``closing`` (the signature block begins), ``section``, ``annex``,
    ``pillar``, ``subheading`` (a numbering scheme of layout.toml matched: ``scheme``,
    ``rank`` and ``prefix`` say which), ``paragraph``, ``point``, ``letter`` (an item or a
    roman sub-item: the tree decides), ``bullet`` (an unnumbered list item), ``heading``
    (markdown or whole-line bold, no number) or ``plain``.
    """

    kind: str
    label: str | None = None
    word: str | None = None
    start: int | None = None
    scheme: str | None = None  # the layout.toml scheme that matched (section, annex, ...)
    rank: int | None = None
    prefix: str | None = None


@dataclass(frozen=True)
class Unit:
    """A marker and the clean text that follows it (the unit's lines joined by spaces)."""

    lines: tuple[Line, ...]
    marker: Marker
    chars: Chars
    bold: bool
    underlined: bool = False

    @property
    def line(self) -> int:
        return self.lines[0].number

    @property
    def start(self) -> int:
        """Raw index where the unit begins: its label, else its first clean character."""
        if self.marker.start is not None:
            return self.marker.start
        return self.chars.offsets[0] if self.chars.offsets else self.lines[0].start

    @property
    def bare_bullet(self) -> bool:
        """A list item without a number or letter of its own."""
        return self.marker.kind == "bullet"


def roman_value(label: str) -> int | None:
    """The value of a lower-case roman numeral, ``None`` if ``label`` is not one."""
    if not label or not _ROMAN_FORM.fullmatch(label):
        return None
    total = 0
    for char, following in zip(label, [*label[1:], ""], strict=True):
        value = _ROMAN[char]
        total += -value if following and _ROMAN[following] > value else value
    return total


def _to_roman(value: int) -> str:
    numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
    numerals += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for amount, numeral in numerals:
        while value >= amount:
            out, value = out + numeral, value - amount
    return out


def successor(kind: str, label: str) -> str:
    """The label after ``label``: ``b`` after ``a``, ``iv`` after ``iii``, ``2.3`` after ``2.2``."""
    if kind == "item":
        return chr(ord(label) + 1)
    if kind == "subitem":
        return _to_roman((roman_value(label) or 0) + 1)
    head, _, last = label.rpartition(".")
    return f"{head}.{int(last) + 1}" if head else str(int(last) + 1)


def pillar_number(label: str) -> int | None:
    """``One`` → 1, ``3`` → 3, ``IV`` → 4."""
    if label.isdigit():
        return int(label)
    return _WORD_NUMBERS.get(label.lower()) or roman_value(label.lower())


def is_heading_like(text: str) -> bool:
    """Short, capitalised and not a sentence: the shape of an unnumbered heading."""
    text = text.strip()
    return (
        0 < len(text) <= HEADING_MAX
        and (text[0].isupper() or text[0].isdigit())
        and text[-1] not in ".;:,?!"
    )


def is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def starts_bold(line: Line) -> bool:
    """Whether the line, as written, opens with ``**`` (tags, ``#`` and bullets aside)."""
    text = _TAG.sub("", line.raw).strip().lstrip("#").strip()
    return re.sub(r"^[-*+]\s+", "", text).startswith("**")


def bold_after_label(line: Line) -> bool:
    """``I. **Introduction**``: a label, then a bold heading."""
    return bool(re.match(r"\S{1,6}\s+\*\*", _TAG.sub("", line.raw).strip()))


def read_marker(line: Line) -> tuple[Marker, Chars]:
    """The marker opening ``line`` and the clean text after it."""
    chars = line.chars
    text = chars.text
    if not text:
        return Marker("plain"), chars
    first = chars.offsets[0]
    if _CLOSING.match(text):
        return Marker("closing", start=first), chars
    heading_line = bool(line.md_level) or starts_bold(line) or bold_after_label(line)
    for scheme in _SCHEMES:
        match = scheme["regex"].match(text)
        if not match or (scheme.get("needs_heading_line") and not heading_line):
            continue
        if scheme.get("heading_only") and not _heading_rest(text[match.end() :]):
            continue
        number = match.groupdict().get("num")
        if scheme["kind"] == "pillar" and pillar_number(number or "") is None:
            continue
        word = match.groupdict().get("word")
        marker = Marker(
            scheme["kind"],
            number,
            (word or scheme["name"]).lower(),
            first,
            scheme["name"],
            scheme["rank"],
            scheme["prefix"],
        )
        return marker, chars[match.end() :].strip()
    nested = line.item is not None and line.item.depth > 0
    for pattern, kind in ((_DECIMAL, "paragraph"), (_NUMBER, "paragraph"), (_POINT, "point")):
        match = pattern.match(text)
        if match:
            if kind == "paragraph" and nested and line.ordered_item:
                kind = "point"  # a numbered list inside a numbered list
            return Marker(kind, match["num"], start=first), chars[match.end() :]
    match = _LETTER.match(text)
    if match:
        label = match["paren"] or match["num"]
        if len(label) == 1 or roman_value(label) is not None:
            return Marker("letter", label, start=first), chars[match.end() :]
    match = _ORDINAL.match(text)
    if match and starts_bold(line) and match["word"] in _ORDINAL_VALUE:
        # "**First**, we recognize ...": numbered by the word, which stays in the sentence.
        return Marker("paragraph", str(_ORDINAL_VALUE[match["word"]]), "ordinal", first), chars
    if line.bullet:
        return Marker("bullet", start=line.start), chars
    if line.md_level:
        return Marker("heading"), chars
    return Marker("plain"), chars


def _heading_rest(rest: str) -> bool:
    """After ``SECTION 3`` only a heading may follow, not a sentence that merely starts so."""
    rest = rest.strip()
    return not rest or (len(rest) <= HEADING_MAX and rest[-1] not in ".;,")


#: A line at least this long that ends mid-sentence was wrapped by the converter.
WRAPPED_MIN = 50


def _wrapped(line: Line) -> bool:
    text = line.chars.text
    return len(line.raw.rstrip()) >= WRAPPED_MIN and bool(text) and text[-1] not in ".;:?!"


def _bold_left_open(lines: list[Line]) -> bool:
    """``**Reinforcing multilateral responses`` / ``challenges`` and no closing ``**``: the
    converter closed the heading's bold at the start of the next paragraph."""
    written = "\n".join(_TAG.sub("", line.raw).strip() for line in lines)
    return written.startswith("**") and written.count("**") == 1


def read_units(lines: list[Line], raw: str) -> list[Unit]:
    """Group the non-blank, non-footnote lines into units (see the module docstring)."""
    units: list[Unit] = []
    group: list[Line] = []
    marker = Marker("plain")
    chars = Chars()

    def flush() -> None:
        if group and (chars.text or marker.kind != "plain"):
            underlined = any(_UNDERLINE.search(line.raw) for line in group)
            bold = is_bold_only(group) or _bold_left_open(group)
            units.append(Unit(tuple(group), marker, chars, bold, underlined))

    after_blank = True
    for line in lines:
        if line.footnote:
            continue
        if line.blank:
            if group and not after_blank and line.raw.strip() and not line.item:
                group.append(line)  # "**" alone closes the bold span the line above opened
            after_blank = True
            continue
        line_marker, rest = read_marker(line)
        if (
            line_marker.kind in {"paragraph", "point"}
            and group
            and not after_blank
            and not line.block_start
            and _wrapped(group[-1])
        ):
            # "... approximately USD $\n5.2 billion": a hard-wrapped sentence inside one
            # CommonMark paragraph, not a number opening a provision.
            line_marker = Marker("plain")
        opens = (
            after_blank
            or line.block_start
            # "**Infrastructure**  " (or a bold span over two lines) then the paragraph on the
            # next line: a heading of its own
            or (
                group
                and group[0].item is None
                and is_bold_only(group)
                and not line.raw.lstrip().startswith("**")
            )
            or line_marker.kind != "plain"
            or line.md_level > 0
            or (group and group[0].md_level > 0)
        )
        if opens:
            flush()
            group, marker, chars = [line], line_marker, rest
        else:
            group.append(line)
            chars = chars.joined(line.chars, " ", raw)
        after_blank = False
    flush()
    return units
