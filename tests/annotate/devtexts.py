"""The dev-corpus texts as plain documents: the front matter's title, then one provision per
paragraph, with markup removed and every character traced back to the file.

The readers of who, when and what kind work on provisions of any structure; reading them on
paragraphs tests them apart from segmentation (which has its own tests).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from digicoop.model import Document, Provision, SourceText

DEV = Path(__file__).resolve().parents[1] / "fixtures" / "dev-corpus"
_MARKUP = re.compile(r"<[^>]+>|\*+|\\(?=[\[\]#.\-_*()])|\u200b")


def _clean(raw: str, start: int) -> tuple[str, tuple[int, ...]]:
    """Text without markup, and the raw offset of each character (plus the end)."""
    chars: list[str] = []
    offsets: list[int] = []
    position = 0
    for m in _MARKUP.finditer(raw):
        for i in range(position, m.start()):
            chars.append(raw[i])
            offsets.append(start + i)
        position = m.end()
    for i in range(position, len(raw)):
        chars.append(raw[i])
        offsets.append(start + i)
    text = "".join(chars).replace("\u00a0", " ")
    # Join wrapped lines with a space, as segmentation does.
    text = re.sub(r"[ \t]*\n[ \t]*", lambda m: " " * len(m.group(0)), text)
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    text = text[lead:trail]
    offsets = offsets[lead:trail]
    squeezed: list[str] = []
    kept: list[int] = []
    for char, offset in zip(text, offsets, strict=True):
        if char == " " and squeezed and squeezed[-1] == " ":
            continue
        squeezed.append(char)
        kept.append(offset)
    return "".join(squeezed), (*kept, (kept[-1] + 1) if kept else start)


def dev_document(name: str) -> Document:
    path = DEV / f"{name}.txt"
    raw = path.read_text(encoding="utf-8")
    front_end = raw.index("\n---", 3) + 4
    meta = yaml.safe_load(raw[3 : front_end - 4])
    provisions: list[Provision] = []
    title = " ".join(str(meta["title"]).replace("\u00a0", " ").split())
    title_line = raw.index("\ntitle:") + 1
    provisions.append(
        Provision(
            "title",
            "title",
            None,
            None,
            title,
            title_line,
            front_end,
            tuple([title_line] * (len(title) + 1)),
        )
    )
    body_start = front_end
    for n, m in enumerate(re.finditer(r"(?:[^\n]|\n(?![ \t\u00a0]*\n))+", raw[body_start:]), 1):
        text, offsets = _clean(m.group(0), body_start + m.start())
        if not text:
            continue
        kind = "signatures" if re.match(r"(?:Signed|Done)\b", text, re.IGNORECASE) else "text"
        provisions.append(
            Provision(f"text_{n}", kind, None, None, text, offsets[0], offsets[-1], offsets)
        )
    source = SourceText(name, f"tests/fixtures/dev-corpus/{name}.txt", "", raw)
    return Document(source, tuple(provisions))
