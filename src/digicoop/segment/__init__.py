"""Segmentation: an agreement's text → a tree of provisions with their raw spans.

The tree follows each text's own structure (title, preamble and recitals, sections or
articles, pillars, sub-headings, numbered paragraphs and points, lettered items, roman
sub-items, free-standing text blocks, signature block); docs/MODEL.md gives the eId scheme.
Every provision's ``text`` is clean (conversion artefacts removed, page breaks joined) and
its ``offsets`` lead each character back to the raw file, which is what evidence quotes.

Conventions downstream code relies on:

- A container (section, annex, pillar, sub-heading) has its heading as both ``heading``
  and ``text``; its content is in its children.
- A chapeau ("Both Sides will cooperate in the following areas:") is a ``text`` child of
  its section or sub-heading, *followed by* the items it introduces as its siblings.
- Unmarked lines listed after a colon are part of the provision that introduces them.
- The ``signatures`` block keeps its layout: lines joined by ``\\n``, blocks by ``\\n\\n``.
"""

from __future__ import annotations

from digicoop.model import Document, SourceText
from digicoop.segment.tree import Builder, slug

__all__ = ["segment", "slug"]


def segment(source: SourceText) -> Document:
    """Segment one source text into its tree of provisions.

    Raises `digicoop.errors.SourceError` (with the line number) when the text is empty,
    has no section or numbered provision at all, or numbers an item out of sequence where
    it cannot be the rest of an interrupted sentence.

    >>> from digicoop.model import SourceText
    >>> text = "MEMO\\n\\nSection 1. Aims\\n\\n1. Both sides will **cooperate**.\\n"
    >>> document = segment(SourceText("demo", "demo.txt", "", text))
    >>> [(p.eid, p.text) for p in document.walk()]
    [('title', 'MEMO'), ('sec_1', 'Aims'), ('sec_1__para_1', 'Both sides will cooperate.')]
    """
    return Builder(source).build()
