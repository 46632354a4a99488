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


_SIGNED = re.compile(r"(?<=\n\n)(?:Signed|Done|DONE)\b")


def _signatures(raw: str, start: int) -> Provision:
    """The closing formula and signature block, as segmentation hands it over: one line per
    cell (a two-column line split where its columns are apart), blocks apart by a blank line."""
    chars: list[str] = []
    offsets: list[int] = []
    position = start
    blank = False
    for line in raw[start:].split("\n"):
        cells = [
            c for c in re.finditer(r"\S+(?:[ \u00a0]{1,2}\S+)*", line) if _clean(c.group(0), 0)[0]
        ]
        if not cells:
            blank = True
        for cell in cells:
            text, cell_offsets = _clean(cell.group(0), position + cell.start())
            if not text:
                continue
            if chars:
                gap = "\n\n" if blank else "\n"
                chars.extend(gap)
                offsets.extend([position + cell.start()] * len(gap))
            blank = False
            chars.extend(text)
            offsets.extend(cell_offsets[:-1])
        position += len(line) + 1
    text = "".join(chars)
    ends = (*offsets, offsets[-1] + 1)
    return Provision("signatures", "signatures", None, None, text, start, len(raw), ends)


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
    closing = _SIGNED.search(raw, body_start)
    body_end = closing.start() if closing else len(raw)
    for n, m in enumerate(
        re.finditer(r"(?:[^\n]|\n(?![ \t\u00a0]*\n))+", raw[body_start:body_end]), 1
    ):
        text, offsets = _clean(m.group(0), body_start + m.start())
        if not text:
            continue
        provisions.append(
            Provision(f"text_{n}", "text", None, None, text, offsets[0], offsets[-1], offsets)
        )
    if closing:
        provisions.append(_signatures(raw, closing.start()))
    source = SourceText(name, f"tests/fixtures/dev-corpus/{name}.txt", "", raw)
    return Document(source, tuple(provisions))
