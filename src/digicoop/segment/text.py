"""Clean characters that remember where they came from, and the source cut into lines.

Every later stage quotes the raw file as evidence, so cleaning never builds a new string
blindly: each kept character carries its index in the raw text. Conversion artefacts
(emphasis, ``<sup>`` markers, 【 】, markdown ``#`` and bullets, footnote blocks) are
dropped here, once, so that the rest of the segmenter reasons about plain text only.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from digicoop.segment.blocks import Blocks, ListItem, read_blocks
from digicoop.segment.frontmatter import read_front_matter
from digicoop.segment.markup import Markup, find_markup

_BULLET = re.compile(r"[-*+•]\s+")
_RULE = re.compile(r"\s*-{3,}\s*")
#: What a footnote block consists of: its ``<sup>N</sup>`` and bare or markdown-linked URLs.
_FOOTNOTE_LINE = re.compile(r"\s*(?:<sup>[^<]*</sup>|<https?://|\[https?://|https?://)")
#: A footnote written out in words after the rule: "\[4\] For purposes of ..." or Word's
#: '<a href="#_ftnref2" ...>[2]</a> For greater certainty, ...'; its lines run to a blank.
_WORDED_NOTE = re.compile(r"\s*(?:\\\[\d+\\\]|<a\s[^>]*href=\"#_ftnref)")
_BOLD_ONLY = re.compile(r"(?:【?\*\*(?:(?!\*\*).)+\*\*】?\s*)+", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_WORDY = re.compile(r"\w")
_LABEL = re.compile(r"\(?(?:\d+|[a-z]{1,4}|[A-Z])[.)]\s")
_SPACES = re.compile(r"\s+")  # \s is exactly str.isspace() for str patterns
#: Whitespace that collapse changes: any but a single space, two in a row, or at an end.
_ODD_SPACE = re.compile(r"[^\S ]|  |^ | $")

#: Sentence-final punctuation; a text ending otherwise is unfinished (a page break cut it).
FINAL = ".;:?!"
_CLOSING_QUOTES = "\"”’'"


@dataclass
class Chars:
    """A clean string and, for each character, its index in the raw source."""

    text: str = ""
    offsets: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, int]]) -> Chars:
        pairs = list(pairs)
        return cls("".join(c for c, _ in pairs), [i for _, i in pairs])

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, index: slice) -> Chars:
        return Chars(self.text[index], self.offsets[index])

    def pairs(self) -> list[tuple[str, int]]:
        return list(zip(self.text, self.offsets, strict=True))

    def strip(self, chars: str | None = None) -> Chars:
        """Strip whitespace (or ``chars``) at both ends, keeping offsets aligned."""
        text = self.text
        left = len(text) - len(text.lstrip(chars))
        right = len(text.rstrip(chars))
        return self[left : max(left, right)]

    def joined(self, other: Chars, separator: str, raw: str) -> Chars:
        """``self + separator + other``; the separator maps onto the whitespace it replaces."""
        if not self.text:
            return Chars(other.text, list(other.offsets))
        if not other.text:
            return Chars(self.text, list(self.offsets))
        gaps = whitespace_between(raw, self.offsets[-1], other.offsets[0], len(separator))
        return Chars(self.text + separator + other.text, self.offsets + gaps + other.offsets)

    def rstrip_hashes(self) -> Chars:
        """An ATX heading's optional closing ``#`` run, gone."""
        text = self.text.rstrip()
        if text.endswith("#") and (len(text.rstrip("#")) == 0 or text.rstrip("#")[-1:].isspace()):
            return self[: len(text.rstrip("#"))].strip()
        return self

    @property
    def end(self) -> int | None:
        """Raw index just after the last character (``None`` when empty)."""
        return self.offsets[-1] + 1 if self.offsets else None


def whitespace_between(raw: str, left: int, right: int, count: int) -> list[int]:
    """Raw indices of ``count`` whitespace characters between two kept characters.

    A joining space (or the signature block's newlines) must point at real whitespace so
    that ``raw[offsets[i]]`` stays meaningful; when the gap holds too little whitespace
    (a removed ``<sup>`` marker, say) the indices fall back to the position after ``left``.
    """
    gap = range(left + 1, right)
    newlines = [i for i in gap if raw[i] == "\n"]
    found = newlines[:count] if len(newlines) >= count else [i for i in gap if raw[i].isspace()]
    found = found[:count]
    while len(found) < count:
        found.append(found[-1] if found else left + 1)
    return found


def collapse(chars: Chars) -> Chars:
    """Runs of whitespace become one space (at the run's first index); ends are stripped.

    By slices between the runs, not character by character: every line of every text
    passes here."""
    text, offsets = chars.text, chars.offsets
    if not _ODD_SPACE.search(text):  # most lines: single spaces between words, none at the ends
        return Chars(text, list(offsets))
    parts: list[str] = []
    kept: list[int] = []
    cursor = 0
    for run in _SPACES.finditer(text):
        start, end = run.span()
        parts.append(text[cursor:start])
        kept.extend(offsets[cursor:start])
        if start > 0 and end < len(text):  # a run at either end is stripped
            parts.append(" ")
            kept.append(offsets[start])
        cursor = end
    parts.append(text[cursor:])
    kept.extend(offsets[cursor:])
    return Chars("".join(parts), kept)


def is_finished(text: str) -> bool:
    """Whether ``text`` ends a sentence (punctuation, possibly inside a closing quote)."""
    text = text.rstrip()
    if text[-1:] in _CLOSING_QUOTES and len(text) > 1:
        return text[-2] in FINAL
    return text[-1:] in FINAL if text else True


@dataclass(frozen=True)
class Line:
    """One line of the source with its artefacts removed.

    ``chars`` is the clean content without the markdown ``#`` prefix and list bullet, whose
    presence ``md_level`` and ``bullet`` record, because both carry structure.
    """

    number: int
    start: int
    end: int
    raw: str
    chars: Chars
    md_level: int
    bullet: bool
    footnote: bool
    item: ListItem | None = None
    block_start: bool = False

    @property
    def ordered_item(self) -> bool:
        return self.item is not None and self.item.ordered

    @property
    def blank(self) -> bool:
        return not self.chars.text and not self.footnote and not self.bullet


def split_lines(raw: str, markup: Markup | None = None, body_line: int = 1) -> list[Line]:
    """The source as cleaned lines, footnote blocks flagged so callers can skip them.

    Lines before ``body_line`` (the front matter) are skipped like footnotes. A footnote
    block starts at a ``---`` rule and runs over the ``<sup>N</sup>`` notes, URLs, links and
    blank lines that follow; it ends at the first other line, which is often the rest of the
    sentence the page break interrupted. Notes written out in words (``\\[4\\] For purposes
    of ...``) run to the next rule or the end of the text. HTML comments, empty list items and lines left with
    no letter or digit once markup is gone (a ``\\###`` end mark) are blank.
    """
    if markup is None:
        body_start = read_front_matter(raw).body_start if body_line > 1 else 0
        markup = find_markup(raw, body_start)
    body_offset = _line_start(raw, body_line)
    blocks = read_blocks(raw[body_offset:], body_line)
    dropped = sorted(markup.dropped)
    lines: list[Line] = []
    in_footnote = in_note = False
    start = 0
    for number, text in enumerate(raw.split("\n"), start=1):
        if number < body_line:
            footnote = True
        elif _RULE.fullmatch(text):
            in_footnote, in_note = True, False
            footnote = True
        elif in_footnote and (in_note or _WORDED_NOTE.match(text)):
            # Notes written out in words run, blank lines and all, to the next rule or the end.
            in_note = footnote = True
        elif in_footnote and (not text.strip() or _FOOTNOTE_LINE.match(text)):
            footnote = bool(text.strip())
        else:
            in_footnote = in_note = False
            footnote = False
        if footnote:
            lines.append(Line(number, start, start + len(text), text, Chars(), 0, False, True))
        elif number in blocks.comments or number in blocks.empty_items:
            lines.append(Line(number, start, start + len(text), text, Chars(), 0, False, False))
        else:
            lines.append(_clean_line(number, start, text, dropped, blocks))
        start += len(text) + 1
    return lines


def _line_start(raw: str, line: int) -> int:
    index = 0
    for _ in range(line - 1):
        index = raw.index("\n", index) + 1
    return index


def _kept(start: int, text: str, dropped: Sequence[int]) -> Chars:
    """The line's characters but the ``dropped`` raw indices (sorted), with their offsets."""
    end = start + len(text)
    gone = dropped[bisect_left(dropped, start) : bisect_left(dropped, end)]
    if not gone:
        return Chars(text, list(range(start, end)))
    parts: list[str] = []
    kept: list[int] = []
    cursor = start
    for index in gone:
        parts.append(text[cursor - start : index - start])
        kept.extend(range(cursor, index))
        cursor = index + 1
    parts.append(text[cursor - start :])
    kept.extend(range(cursor, end))
    return Chars("".join(parts), kept)


def _clean_line(number: int, start: int, text: str, dropped: Sequence[int], blocks: Blocks) -> Line:
    chars = _kept(start, text, dropped).strip()
    md_level = blocks.headings.get(number, 0)
    if md_level:
        chars = chars.strip("#").strip() if chars.text.startswith("#") else chars
        chars = chars.rstrip_hashes()
    item = blocks.items.get(number)
    bullet = False
    bullet_match = _BULLET.match(chars.text)
    listed = item is not None and not item.ordered
    if bullet_match or chars.text in {"-", "*", "+", "•"}:
        rest = chars.text[bullet_match.end() :] if bullet_match else ""
        # A lazy line "- a. Building ..." inside a paragraph is still a labelled item; a
        # wrapped line that merely starts with a dash stays text.
        if listed or number not in blocks.paragraph_lines or _LABEL.match(rest):
            bullet = True
            chars = chars[bullet_match.end() if bullet_match else 1 :]
    clean = collapse(chars)
    if not _WORDY.search(clean.text):
        clean = Chars()
    return Line(
        number,
        start,
        start + len(text),
        text,
        clean,
        md_level,
        bullet,
        False,
        item,
        number in blocks.starts,
    )


def is_bold_only(lines: list[Line]) -> bool:
    """Whether the lines, as written, are one ``**bold**`` span and nothing else."""
    text = "\n".join(_TAG.sub("", line.raw).strip().lstrip("#").strip() for line in lines)
    text = re.sub(r"^[-*+]\s+", "", text)
    return bool(_BOLD_ONLY.fullmatch(text))
