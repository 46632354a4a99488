"""The five layouts: each real text is a template whose partner, people, dates and areas vary.

Why templates rather than text written from scratch: the point of the synthetic corpus is to
cost what real agreements cost, so each synthetic text keeps a real text's layout byte for
byte (its headings, numbering, bold and bracket marks, footnotes, signature columns) and
changes only what differs between real agreements of that layout: the partner country and
its ministry, the signatories, the signing date, the areas of cooperation and, for the
partnership layouts, the partnership's name (which names the bodies it sets up, whose IRIs
are global, so two synthetic partnerships must not set up the same body).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from bench.synth.pools import (
    AREAS,
    FAMILY,
    GIVEN,
    JAPANESE_SIGNATORIES,
    MINISTRIES,
    MONTHS,
    Partner,
)


@dataclass(frozen=True)
class Variant:
    """What one synthetic agreement changes in its template."""

    partner: Partner
    theme: str
    rng: random.Random


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _date(rng: random.Random, comma: bool) -> str:
    """A signing date as the memoranda write it: '4th of May 2026' / '27th of April, 2026'."""
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2015, 2026)
    return f"{_ordinal(day)} of {month}{',' if comma else ''} {year}"


def _person(rng: random.Random, upper_family: bool) -> str:
    family = rng.choice(FAMILY)
    return f"{rng.choice(GIVEN)} {family.upper() if upper_family else family}"


def _minister(ministry: str) -> str:
    return ministry.replace("Ministry", "Minister", 1)


def _areas(rng: random.Random, dashed: bool) -> str:
    """A numbered list of 2-5 areas, each with its lettered items, in one of two styles."""
    chosen = rng.sample(AREAS, rng.randint(2, 5))
    lines: list[str] = []
    for number, (heading, items) in enumerate(chosen, start=1):
        if dashed:
            lines.append(f"- {number}) {heading}")
            lines += [f" - {chr(97 + k)}) {item}" for k, item in enumerate(items)]
        else:
            lines.append(f"{number}) {heading}")
            lines += [f"{chr(97 + k)}) {item}" for k, item in enumerate(items)]
    return ("\n" if dashed else "\n\n").join(lines)


_AREA_BLOCK = re.compile(r"(following areas:\n\n)(.*?)(\n\nParagraph 3\.)", re.DOTALL)


def _replace_areas(text: str, block: str) -> str:
    return _AREA_BLOCK.sub(lambda m: m[1] + block + m[3], text, count=1)


def _sub_all(text: str, pairs: list[tuple[str, str]]) -> str:
    for old, new in pairs:
        if old not in text:
            raise ValueError(f"template changed: {old!r} not found")
        text = text.replace(old, new)
    return text


def denmark(text: str, v: Variant) -> str:
    """'Paragraph N. Heading', '1)' areas with 'a)' items, signatures in two blocks."""
    ministry = v.rng.choice(MINISTRIES)
    text = _replace_areas(text, _areas(v.rng, dashed=False))
    return _sub_all(text, [
        ("Minister for Digital Government and Gender\nEquality", _minister(ministry)),
        ("Ministry of Digital Government and Gender Equality", ministry),
        ("The Kingdom of Denmark", f"The {v.partner.official}"),
        ("the Kingdom of Denmark", f"the {v.partner.official}"),
        ("Copenhagen", v.partner.capital),
        ("1st of May 2024", _date(v.rng, comma=False)),
        ("Marie BJERRE", _person(v.rng, upper_family=True)),
        ("MATSUMOTO Takeaki", v.rng.choice(JAPANESE_SIGNATORIES)),
    ])  # fmt: skip


def luxembourg(text: str, v: Variant) -> str:
    """As Denmark's, but areas and items as '- 1)' / ' - a)' bullets and bold signatures."""
    ministry = v.rng.choice(MINISTRIES)
    text = _replace_areas(text, _areas(v.rng, dashed=True))
    return _sub_all(text, [
        ("Luxembourg City", v.partner.capital),
        ("Grand Duchy of Luxembourg", v.partner.official),
        ("Ministry of State", ministry),
        ("4th of May 2026", _date(v.rng, comma=False)),
        ("Elisabeth MARGUE", _person(v.rng, upper_family=True)),
        ("HAYASHI Yoshimasa", v.rng.choice(JAPANESE_SIGNATORIES)),
    ])  # fmt: skip


def estonia(text: str, v: Variant) -> str:
    """Capitals, 【】 marks, bold, 'SECTION N' headings, '- a)' items, signatures in columns."""
    ministry = v.rng.choice(MINISTRIES)
    return _sub_all(text, [
        ("Minister of Justice and\nDigital Affairs", _minister(ministry)),
        ("MINISTRY OF JUSTICE AND DIGITAL AFFAIRS", ministry.upper()),
        ("Ministry of Justice and Digital Affairs", ministry),
        ("REPUBLIC OF ESTONIA", v.partner.official.upper()),
        ("Republic of Estonia", v.partner.official),
        ("Estonia:", f"{v.partner.short}:"),
        ("27th of April, 2026", _date(v.rng, comma=True)),
        ("Liisa-Ly Pakosta", _person(v.rng, upper_family=False)),
        ("MATSUMOTO Hisashi", v.rng.choice(JAPANESE_SIGNATORIES)),
    ])  # fmt: skip


def eu(text: str, v: Variant) -> str:
    """'Section N. Heading', numbered paragraphs, sub-headings, an annex; no signatures."""
    short, theme = v.partner.short, v.theme
    text = _sub_all(text, [
        ("JAPAN-EU DIGITAL PARTNERSHIP", f"JAPAN-{short.upper()} {theme.upper()} PARTNERSHIP"),
        ("Japan-EU Digital Partnership", f"Japan-{short} {theme} Partnership"),
        ("Digital Partnership", f"{theme} Partnership"),
    ])  # fmt: skip
    text = re.sub(r"\bthe EU\b", short, text)
    return re.sub(r"\bEU\b", short, text)


def uk(text: str, v: Variant) -> str:
    """Markdown headings, pillars, bold sub-headings, footnotes, three Japanese signatories."""
    short, theme = v.partner.short, v.theme
    japanese = v.rng.sample(JAPANESE_SIGNATORIES, 3)
    text = _sub_all(text, [
        ("JAPAN-UK DIGITAL PARTNERSHIP", f"JAPAN-{short.upper()} {theme.upper()} PARTNERSHIP"),
        ("JAPAN-UK Digital Partnership", f"JAPAN-{short.upper()} {theme} Partnership"),
        ("Japan-UK Digital Council", f"Japan-{short} {theme} Council"),
        ("Japan-UK Digital Group", f"Japan-{short} {theme} Group"),
        ("Michelle Donelan", _person(v.rng, upper_family=False)),
        ("MATSUMOTO Takeaki", japanese[0]),
        ("NISHIMURA Yasutoshi", japanese[1]),
        ("KONO Taro", japanese[2]),
    ])  # fmt: skip
    text = re.sub(r"\b[Tt]he UK\b(?! side)", short, text)
    return re.sub(r"\bUK\b", short, text)


@dataclass(frozen=True)
class Layout:
    """A layout: the real text it is made from, the kind used in ids, and its transform."""

    name: str
    template: str  # file name in the real corpus
    kind: str
    transform: Callable[[str, Variant], str]


LAYOUTS: tuple[Layout, ...] = (
    Layout("denmark", "japan-denmark-moc.txt", "moc", denmark),
    Layout("estonia", "japan-estonia-moc.txt", "moc", estonia),
    Layout("eu", "japan-eu-digital-partnership.txt", "digital-partnership", eu),
    Layout("luxembourg", "japan-luxembourg-moc.txt", "moc", luxembourg),
    Layout("uk", "japan-uk-digital-partnership.txt", "digital-partnership", uk),
)
