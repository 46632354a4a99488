"""Layouts learned from the dev corpus: each real text a template whose countries are redrawn.

Why: the five Japan texts are memoranda and partnerships; what users add is mostly what the
dev corpus holds (tests/fixtures/dev-corpus/: joint statements, leaders' declarations, fact
sheets, bullet lists, multilateral texts naming ten to fifty parties, front matter). Each of
its texts is a layout, kept byte for byte but for the countries: they are found with the
project's own party lexicon (ISO 3166 through pycountry, plus ontology/parties.ttl), and each
country the text names is replaced, wherever it is named, by a partner of the pool, drawn
with the agreement's seed (distinct partners within a text). Nothing here is written per
text: a new text in the dev corpus is a new layout.
"""

from __future__ import annotations

import random
from pathlib import Path

from bench.synth.pools import PARTNERS, Partner
from digicoop.annotate.parties import load_parties

DEV_CORPUS = Path("tests") / "fixtures" / "dev-corpus"


def dev_templates(project: Path) -> list[str]:
    """The dev corpus's texts, as paths relative to the project, in name order."""
    return [
        (DEV_CORPUS / path.name).as_posix() for path in sorted((project / DEV_CORPUS).glob("*.txt"))
    ]


def redraw_countries(text: str, rng: random.Random, ontology: Path, first: Partner) -> str:
    """``text`` with every country it names replaced by a partner of the pool, consistently
    (one partner per country; the most named country becomes ``first``). A country's full
    official name becomes the partner's official name, any other form its short name."""
    lexicon = load_parties(ontology)
    matches = [m for m in lexicon.find(text) if lexicon.refs[m.key].kind == "country"]
    if not matches:
        return text
    counts: dict[str, int] = {}
    for match in matches:
        counts[match.key] = counts.get(match.key, 0) + 1
    countries = sorted(counts, key=lambda code: (-counts[code], code))
    others = [p for p in PARTNERS if p != first]
    rng.shuffle(others)
    partner = dict(zip(countries, [first, *others], strict=False))
    out, at = [], 0
    for match in sorted(matches, key=lambda m: m.start):
        if match.start < at or match.key not in partner:
            continue
        chosen = partner[match.key]
        official = lexicon.refs[match.key].alt_names
        written = text[match.start : match.end]
        longest = max(official, key=len) if official else ""
        out += [text[at : match.start], chosen.official if written == longest else chosen.short]
        at = match.end
    out.append(text[at:])
    return "".join(out)


__all__ = ["DEV_CORPUS", "dev_templates", "redraw_countries"]
