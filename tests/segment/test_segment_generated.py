"""Generated agreements with conversion artefacts: no word is lost, none is duplicated.

Each generated word is unique (``wa17``), so "every word of the body appears exactly once,
in order, across all provisions' own text" is a plain list comparison. The artefacts are
the corpus's: ``**`` emphasis, ``<sup>N</sup>`` markers, footnote blocks at paragraph
boundaries and page breaks in the middle of a sentence (sometimes with a footnote block in
the break, as in the UK text).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from digicoop.model import SourceText
from digicoop.segment import segment

WORD = re.compile(r"[A-Za-z]+\d+")
SYLLABLES = ("ka", "lo", "mi", "ne", "su", "ta", "vo")


class Writer:
    """Builds one generated text, remembering its words in order."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.counter = itertools.count(1)
        self.words: list[str] = []
        self.footnotes = itertools.count(1)

    def word(self, capital: bool = False) -> str:
        word = f"{self.draw(st.sampled_from(SYLLABLES))}{next(self.counter)}"
        word = word.capitalize() if capital else word
        self.words.append(word)
        return word

    def footnote_block(self) -> str:
        number = next(self.footnotes)
        return f"---\n\n<sup>{number}</sup> <https://example.org/note/{number}>\n\n"

    def decorate(self, word: str) -> str:
        choice = self.draw(st.integers(0, 15))
        if choice == 0:
            return f"**{word}**"
        if choice == 1:
            return f"{word}<sup>{next(self.footnotes)}</sup>"
        # The published-Markdown artefacts: links (text kept, target dropped), inline HTML,
        # zero-width spaces and ordinal <sup> suffixes that belong to the word.
        if choice == 2:
            return f"[{word}](https://example.org/{word})"
        if choice == 3:
            return f"<u>{word}</u>"
        if choice == 4:
            return f'<span style="text-decoration: underline">{word}</span>'
        if choice == 5:
            return f"{word[:2]}\u200b{word[2:]}"
        if choice == 6 and word[-1].isdigit():
            return f"{word}<sup>th</sup>"
        return word

    def sentence(self, capital: bool = True) -> str:
        count = self.draw(st.integers(2, 7))
        words = [self.decorate(self.word(capital=capital and i == 0)) for i in range(count)]
        pieces = [words[0]]
        for word in words[1:]:
            # A page break: the rest of the sentence after a blank line, maybe a footnote.
            if self.draw(st.integers(0, 12)) == 0:
                gap = self.footnote_block() if self.draw(st.booleans()) else ""
                pieces.append(f"\n\n{gap}{word}")
            else:
                pieces.append(self.draw(st.sampled_from([" ", " ", "\u00a0", "  "])) + word)
        return "".join(pieces) + "."

    def body(self, count: int) -> str:
        return " ".join(self.sentence() for _ in range(count))


@st.composite
def agreements(draw: st.DrawFn) -> tuple[str, list[str], dict[str, int]]:
    writer = Writer(draw)
    blocks = [" ".join(writer.word().upper() for _ in range(draw(st.integers(1, 4))))]
    writer.words[:] = [w.upper() for w in writer.words]
    for _ in range(draw(st.integers(0, 2))):
        blocks.append(writer.body(1))  # recitals, before any section
    if len(blocks) > 1:
        blocks.append("Have reached the following understanding:")  # the enacting formula
    number = itertools.count(1)
    kinds = {"title": 1, "recital": len(blocks) - 1, "section": 0, "paragraph": 0, "item": 0}
    kinds["preamble"] = 1 if kinds["recital"] else 0
    for section in range(1, draw(st.integers(1, 3)) + 1):
        style = draw(st.sampled_from(["Section {n}. ", "SECTION {n}\n\n", "Paragraph {n}. "]))
        heading = " ".join(writer.word(capital=i == 0) for i in range(draw(st.integers(1, 3))))
        blocks.append(style.format(n=section) + heading)
        kinds["section"] += 1
        for _ in range(draw(st.integers(1, 3))):
            mark = draw(st.sampled_from([".", "\\.", ".\u200b"]))  # 1. 1\. 1.+ZWSP
            blocks.append(f"{next(number)}{mark} {writer.body(draw(st.integers(1, 2)))}")
            kinds["paragraph"] += 1
            letters = "abcdefgh"[: draw(st.integers(0, 4))]
            item_style = draw(st.sampled_from(["{c}) ", "{c}. ", "- {c}) ", "  - {c}. ", "({c}) "]))
            joiner = draw(st.sampled_from(["\n", "\n\n", "\n\n<!-- -->\n\n"]))
            items = [item_style.format(c=c) + writer.body(1) for c in letters]
            kinds["item"] += len(items)
            if items:
                blocks.append(joiner.join(items))
            if draw(st.integers(0, 3)) == 0:  # unnumbered bullets: one provision each
                bullets = [f"-   {writer.body(1)}" for _ in range(draw(st.integers(1, 3)))]
                kinds["item"] += len(bullets)
                blocks.append("\n".join(bullets))
    text = ""
    if draw(st.booleans()):  # YAML front matter naming the same title: metadata, not text
        text = f"---\ntitle: {blocks[0]}\ndate: '2025-01-01'\n---\n \n"
    for block in blocks:
        text += block + "\n\n"
        if draw(st.integers(0, 5)) == 0:
            text += writer.footnote_block()
    return text, writer.words, {kind: count for kind, count in kinds.items() if count}


@settings(max_examples=150, deadline=None)
@given(agreements())
def test_no_word_lost_or_duplicated(generated: tuple[str, list[str], dict[str, int]]) -> None:
    text, words, kinds = generated
    document = segment(SourceText("generated", "generated.txt", "0" * 64, text))
    own_texts = " ".join(provision.text for provision in document.walk())
    assert WORD.findall(own_texts) == words
    assert Counter(provision.kind for provision in document.walk()) == kinds
    for provision in document.walk():
        assert "**" not in provision.text and "<" not in provision.text
        assert "http" not in provision.text and "](" not in provision.text
        assert "\u00a0" not in provision.text and "\u200b" not in provision.text
        assert "\\" not in provision.text
        for index, char in enumerate(provision.text):
            if not char.isspace():
                assert text[provision.offsets[index]] == char
