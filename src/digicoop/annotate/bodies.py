"""Bodies an agreement sets up: the councils, groups and meetings it establishes.

Read from sentences in which the agreement establishes something and names it in brackets:
"establish an annual meeting at ministerial level (“Japan-EU Digital Partnership Council”)".
The description before the name gives the level and how often the body meets.
"""

from __future__ import annotations

import re

from digicoop.annotate.records import Body, Quote
from digicoop.annotate.text import sentences
from digicoop.model import Provision

_ESTABLISH = re.compile(r"\b(?:establish(?:es|ed)?|set(?:s)? up|creat(?:e|es))\b", re.IGNORECASE)
_NAMED = re.compile(r"\(\s*[“\"]?(?P<name>[^()“”\"]+?)[”\"]?\s*\)")
_BODY = re.compile(
    r"\b(?:Council|Group|Committee|Board|Forum|Dialogue|Meeting|Task Force|Secretariat|Commission)\b"
)
_FREQUENCY = {
    "annual": "annual",
    "yearly": "annual",
    "biannual": "semiannual",
    "semi-annual": "semiannual",
    "biennial": "biennial",
    "quarterly": "quarterly",
    "monthly": "monthly",
}
_LEVEL = re.compile(
    r"\b(?:(?P<ministerial>ministerial|minister)|(?P<senior>senior[ -]officials?)(?:\s*\((?P<rank>[^)]+)\))?|"
    r"(?P<leaders>leaders['’]?)|(?P<expert>expert|working)[ -]level)",
    re.IGNORECASE,
)


def _level(description: str) -> str | None:
    m = _LEVEL.search(description)
    if not m:
        return None
    if m.group("ministerial"):
        return "ministerial"
    if m.group("senior"):
        return f"senior official ({m.group('rank')})" if m.group("rank") else "senior official"
    if m.group("leaders"):
        return "leaders"
    return f"{m.group('expert').casefold()} level"


def read_bodies(provision: Provision) -> list[Body]:
    bodies = []
    text = provision.text
    for s_start, s_end in sentences(text):
        sentence = text[s_start:s_end]
        verb = _ESTABLISH.search(sentence)
        if verb is None:
            continue
        cursor = verb.end()
        for named in _NAMED.finditer(sentence, verb.end()):
            name = named.group("name").strip()
            if not _BODY.search(name) or not name[:1].isupper():
                continue
            description = sentence[cursor : named.start()]
            words = description.casefold()
            frequency = next(
                (f for key, f in _FREQUENCY.items() if re.search(rf"\b{key}\b", words)), None
            )
            quote = Quote(provision, s_start + named.start("name"), s_start + named.end("name"))
            bodies.append(Body(name, _level(description), frequency, quote))
            cursor = named.end()
    return bodies
