"""The outline a text was read into, as lines a person can check against the text."""

from __future__ import annotations

from collections import Counter

from digicoop.model import Document, Provision

#: Words of a provision's text shown in the outline.
FIRST_WORDS = 8


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _line(provision: Provision) -> str:
    depth = provision.eid.count("__")
    part = provision.eid.rsplit("__", 1)[-1]
    label = f" {provision.label}." if provision.label else ""
    if provision.kind == "signatures":
        shown = " / ".join(line for line in provision.text.splitlines() if line.strip())
        words = first_words(shown, 16)
    elif provision.heading and provision.heading == provision.text:
        words = f"«{provision.heading}»"
    elif provision.heading:
        words = f"«{provision.heading}» {first_words(provision.text)}"
    else:
        words = first_words(provision.text)
    size = f" ({len(provision.text)} chars)" if provision.text else ""
    return f"{'  ' * depth}{part} [{provision.kind}]{label} {words}{size}".rstrip()


def outline(document: Document) -> list[str]:
    """One line per provision (indented by depth: eId part, kind, label, heading or first
    words, length), then a count by kind, then every warning.

    >>> from digicoop.model import SourceText
    >>> from digicoop.segment import segment
    >>> text = "A Plan\\n\\n**Aims**\\n\\n- We will meet.\\n- We will talk.\\n"
    >>> print("\\n".join(outline(segment(SourceText("d", "d.md", "", text)))))
    title [title] A Plan (6 chars)
    subhead_aims [subheading] «Aims» (4 chars)
      item_1 [item] We will meet. (13 chars)
      item_2 [item] We will talk. (13 chars)
    4 provisions: item 2, subheading 1, title 1
    no warnings
    """
    lines = [_line(provision) for provision in document.walk()]
    counts = Counter(provision.kind for provision in document.walk())
    summary = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items()))
    lines.append(f"{sum(counts.values())} provisions: {summary}")
    lines.extend(f"warning: {w}" for w in document.warnings)
    if not document.warnings:
        lines.append("no warnings")
    return lines
