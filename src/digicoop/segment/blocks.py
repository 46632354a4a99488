"""The block layer: which lines open a CommonMark block, list item or heading.

markdown-it-py (the port of the CommonMark reference implementation, markdown-it) gives each
block token the source lines it came from. The segmenter keeps working on raw lines, because
every character must lead back to the file, and asks this layer what CommonMark makes of
them: a list item (ordered or bulleted, at which nesting depth), an ATX or setext heading, a
paragraph's first line, an HTML comment, an empty list item. Lazy continuation lines and
hard-wrapped sentences stay inside their block, as CommonMark says: a wrapped line that
happens to begin with ``2024.`` opens nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt


@dataclass(frozen=True)
class ListItem:
    depth: int  # 0 for a top-level list, 1 inside another list's item, ...
    ordered: bool


@dataclass
class Blocks:
    """Per 1-based line number: what CommonMark opens there."""

    starts: set[int] = field(default_factory=set)
    items: dict[int, ListItem] = field(default_factory=dict)
    headings: dict[int, int] = field(default_factory=dict)
    comments: set[int] = field(default_factory=set)
    empty_items: set[int] = field(default_factory=set)
    paragraph_lines: dict[int, int] = field(default_factory=dict)  # line -> block's first line


_PARSER = MarkdownIt("commonmark")


def read_blocks(body: str, first_line: int = 1) -> Blocks:
    """The blocks of ``body``, whose first line is line ``first_line`` of the file."""
    blocks = Blocks()
    depth = -1
    tokens = _PARSER.parse(body)
    for index, token in enumerate(tokens):
        if token.type in {"bullet_list_open", "ordered_list_open"}:
            depth += 1
        elif token.type in {"bullet_list_close", "ordered_list_close"}:
            depth -= 1
        if token.map is None:
            continue
        begin, end = token.map[0] + first_line, token.map[1] + first_line
        if token.type == "list_item_open":
            ordered = token.markup in {".", ")"}
            # "- 1) Safe AI": a bullet whose content opens an ordered list; the outer counts.
            blocks.items.setdefault(begin, ListItem(depth, ordered))
            blocks.starts.add(begin)
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if (following is None or following.type == "list_item_close") and begin not in (
                blocks.paragraph_lines
            ):
                blocks.empty_items.add(begin)
        elif token.type in {"paragraph_open", "heading_open", "code_block", "fence"}:
            blocks.starts.add(begin)
            # A "---" underline is a setext heading to CommonMark, but in converted texts it
            # is a rule before footnotes far more often: only ATX and "===" headings count.
            if token.type == "heading_open" and token.markup != "-":
                blocks.headings[begin] = int(token.tag[1:])
            for line in range(begin, end):
                blocks.paragraph_lines[line] = begin
        elif token.type == "html_block":
            if token.content.lstrip().startswith("<!--"):
                blocks.comments.update(range(begin, end))
            else:
                blocks.starts.add(begin)
    return blocks
