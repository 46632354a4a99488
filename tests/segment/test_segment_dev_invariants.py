"""Properties every dev-corpus text's outline has, whatever its layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from digicoop.model import Document
from digicoop.segment.frontmatter import read_front_matter

DEV = sorted(
    p.stem for p in (Path(__file__).resolve().parents[1] / "fixtures" / "dev-corpus").glob("*.txt")
)
MARKUP = ("<", "**", "\\#", "](", "\u00a0", "\u200b")


def blocks(document: Document) -> list[tuple[int, int]]:
    """Raw (start, end) of every CommonMark paragraph and list item of the body."""
    raw = document.source.text
    front = read_front_matter(raw)
    starts = [0]
    for line in raw.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    found = []
    for token in MarkdownIt("commonmark").parse(raw[front.body_start :]):
        if token.type in {"paragraph_open", "list_item_open"} and token.map:
            first = token.map[0] + front.body_line - 1
            last = token.map[1] + front.body_line - 1
            found.append((starts[first], starts[last]))
    return found


def test_all_27_texts_are_read(dev: dict[str, Document]) -> None:
    assert len(DEV) == 27
    assert all(sum(1 for _ in dev[name].walk()) > 1 for name in DEV)


@pytest.mark.parametrize("name", DEV)
def test_no_markup_in_provision_text_or_eid(dev: dict[str, Document], name: str) -> None:
    for provision in dev[name].walk():
        for mark in MARKUP:
            assert mark not in provision.text, (provision.eid, mark)
            assert mark not in provision.eid, (provision.eid, mark)


@pytest.mark.parametrize("name", DEV)
def test_every_character_leads_back_to_the_file(dev: dict[str, Document], name: str) -> None:
    raw = dev[name].source.text
    for provision in dev[name].walk():
        assert len(provision.offsets) == len(provision.text) + 1
        for index, char in enumerate(provision.text):
            found = raw[provision.offsets[index]]
            if provision.kind == "title" and found == "\\":
                continue  # a front-matter title's YAML escape (\u2019) stands for its character
            if not char.isspace():
                assert found == char, (provision.eid, index)


@pytest.mark.parametrize("name", DEV)
def test_no_provision_longer_than_the_longest_block(dev: dict[str, Document], name: str) -> None:
    """A provision that swallowed two paragraphs or a whole list would be longer than the
    longest paragraph or list item as written (markup included)."""
    longest = max(end - start for start, end in blocks(dev[name]))
    for provision in dev[name].walk():
        if provision.kind != "signatures":
            assert len(provision.text) <= longest, provision.eid


@pytest.mark.parametrize("name", DEV)
def test_no_two_bullets_or_paragraphs_share_a_provision(
    dev: dict[str, Document], name: str
) -> None:
    """Each provision's own text lies within one CommonMark block, except a sentence that a
    blank line interrupted (its second part starts in lower case)."""
    document = dev[name]
    spans = blocks(document)
    raw = document.source.text
    for provision in document.walk():
        if provision.kind in {"signatures", "title"} or not provision.text:
            continue
        inside = {
            next((i for i, (s, e) in enumerate(spans) if s <= offset < e), None)
            for offset, char in zip(provision.offsets, provision.text, strict=False)
            if not char.isspace()
        }
        ordered = sorted(block for block in inside if block is not None)
        if len(ordered) > 1:
            later = ordered[1:]
            for block in later:
                opening = raw[spans[block][0] : spans[block][1]].lstrip(" -*\u00a0")
                assert opening[:1].islower(), (provision.eid, opening[:40])


@pytest.mark.parametrize("name", DEV)
def test_no_character_is_in_two_provisions(dev: dict[str, Document], name: str) -> None:
    seen: dict[int, str] = {}
    for provision in dev[name].walk():
        for offset, char in zip(provision.offsets, provision.text, strict=False):
            if char.isspace():
                continue
            assert offset not in seen, (provision.eid, seen.get(offset), offset)
            seen[offset] = provision.eid


@pytest.mark.parametrize("name", DEV)
def test_every_word_of_the_body_is_in_a_provision_or_dropped_markup(
    dev: dict[str, Document], name: str
) -> None:
    """Each letter of the body is in exactly one provision, or is markup the segmenter
    dropped (tags, link targets, footnote blocks, comments), or a number/label it read."""
    from digicoop.segment.frontmatter import read_front_matter
    from digicoop.segment.markup import find_markup
    from digicoop.segment.text import split_lines

    document = dev[name]
    raw = document.source.text
    front = read_front_matter(raw)
    markup = find_markup(raw, front.body_start)
    covered = {o for p in document.walk() for o in p.offsets[:-1]}
    skipped: set[int] = set()
    for line in split_lines(raw, markup, front.body_line):
        if line.footnote or (line.blank and line.raw.strip()):
            skipped.update(range(line.start, line.end))
    # the marker read as a label or kind: "1.", "Section 2.", "Annex:" before the text
    labels = {o for p in document.walk() if p.text for o in range(p.start, p.offsets[0])}
    lost = [
        i
        for i in range(front.body_start, len(raw))
        if raw[i].isalpha()
        and i not in covered
        and i not in markup.dropped
        and i not in skipped
        and i not in labels
    ]
    assert not lost, raw[lost[0] - 30 : lost[0] + 30]
