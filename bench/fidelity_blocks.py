"""A plain reading of a Markdown text as blocks, for texts the segmenter refuses.

The fidelity bench measures the annotators, which need provisions; when the segmenter cannot
read a text yet, this gives them the text's paragraphs and list items (markdown-it-py
blocks), each under the last heading seen (a Markdown heading, or a short paragraph that is
bold throughout or numbered without a full stop); preambular clauses ("Whereas", "RECOGNIZING")
are recitals. There is no numbering and no nesting: figures for such texts
say how the annotators read plain blocks, nothing about segmentation. Offsets are those of
the clean text itself, so these provisions cannot be assembled into a graph.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from digicoop.model import Document, Provision, SourceText

_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_INVISIBLE = str.maketrans({"\u200b": None, "\u00a0": " ", "\\": None})
_HEADING_MAX = 120
_NUMBERED = re.compile(r"^\d+\.\s+[A-Z]")  # "1. Trusted Technology …" with no full stop
# Preambular clauses: "Whereas, …", "RECOGNIZING …", "ADDITIONALLY RECOGNIZING …".
_RECITAL = re.compile(r"^(?:Whereas\b|(?:[A-Z]{3,}\s+)?[A-Z]{4,}(?:ING|ED)\b)")


def _inline_text(token: Token) -> tuple[str, bool]:
    """The words of an inline token, and whether all of them are bold."""
    parts: list[str] = []
    bold_depth = 0
    all_bold = True
    for child in token.children or []:
        if child.type in ("strong_open", "em_open") and child.type == "strong_open":
            bold_depth += 1
        elif child.type == "strong_close":
            bold_depth -= 1
        elif child.type in ("text", "code_inline"):
            if child.content.strip() and bold_depth == 0:
                all_bold = False
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    text = " ".join("".join(parts).translate(_INVISIBLE).split())
    text = text.replace("**", "").strip()
    return text, all_bold and bool(text)


def read_blocks(source: SourceText) -> Document:
    body = _FRONT.sub("", source.text, count=1)
    tokens = MarkdownIt("commonmark").parse(body)
    provisions: list[Provision] = []
    heading: str | None = None
    depth = 0
    for i, token in enumerate(tokens):
        if token.type == "list_item_open":
            depth += 1
        elif token.type == "list_item_close":
            depth -= 1
        if token.type != "inline":
            continue
        opener = tokens[i - 1].type if i else ""
        text, bold = _inline_text(token)
        if not text:
            continue
        short = depth == 0 and len(text) <= _HEADING_MAX and not text.endswith((".", ":", ";"))
        if opener == "heading_open" or (short and (bold or _NUMBERED.match(text))):
            heading = re.sub(r"^\d+\.\s*", "", text)
            continue
        text = re.sub(r"^(?:\d+|[A-Za-z]|[ivx]+)[.)]\s+", "", text)
        kind = "item" if depth else ("recital" if _RECITAL.match(text) else "text")
        provisions.append(
            Provision(
                eid=f"block_{len(provisions) + 1}",
                kind=kind,
                label=None,
                heading=heading,
                text=text,
                start=0,
                end=len(text),
                offsets=tuple(range(len(text) + 1)),
            )
        )
    return Document(source=source, provisions=tuple(provisions))
