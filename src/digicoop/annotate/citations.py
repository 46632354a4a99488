"""External initiatives, organisations, fora, facilities and strategies a provision cites.

Known names come from the gazetteer (ontology/entities.ttl), matched as whole words. A name
the gazetteer lacks is still cited when the text defines it with an acronym and the name
says what kind of thing it is ("Global Partnership on Artificial Intelligence (GPAI)"):
the kind is read from the name's head word. Topics and participants are never citations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digicoop.annotate.lexicon import Lexicon, slugify
from digicoop.annotate.records import Citation, EntityRef, Quote
from digicoop.model import Provision

_KINDS = (
    (
        "Instrument",
        r"Agreement|Declaration|Statement|Convention|Treaty|Memorandum|Act|Charter|Principles",
    ),
    ("Strategy", r"Strategy|Plan|Programme|Program|Framework|Agenda|Roadmap"),
    ("Forum", r"Forum|Dialogue|Committee|Council|Group|Round Table|Summit|Conference|Meeting"),
    (
        "Organisation",
        r"Organi[sz]ation|Association|Union|Corporation|Centre|Center|Commission|Institute|"
        r"Joint Undertaking|Registry|Registries|Bank|Fund",
    ),
    (
        "Initiative",
        r"Initiative|Process|Partnership|Alliance|Hub|Network|Toolbox|Project|Scheme|Certificate|Card",
    ),
)
_CAP = r"(?:[A-Z0-9][\w’'/.-]*)"
_LINK = r"(?:of|for|on|and|the|in|to|de|du|des)"
_DEFINED = re.compile(
    rf"(?P<name>{_CAP}(?:\s+(?:{_CAP}|{_LINK}))*\s+{_CAP})\s*\((?P<acr>[A-Z][A-Za-z0-9&-]{{1,11}})\)"
)


def _kind(name: str) -> str | None:
    for kind, heads in _KINDS:
        if re.search(rf"\b(?:{heads})\b", name):
            return kind
    return None


def discovered(
    text: str, lexicon: Lexicon, exclude: Sequence[tuple[int, int]]
) -> list[tuple[EntityRef, int, int]]:
    """Acronym-defined names of a known kind that the gazetteer lacks."""
    found = []
    for match in _DEFINED.finditer(text):
        name = re.sub(rf"^(?:{_LINK}\s+)+", "", match.group("name"), flags=re.IGNORECASE)
        start = match.end("name") - len(name)
        kind = _kind(name)
        if kind is None or any(start < e and s < match.end() for s, e in exclude):
            continue
        if lexicon.topics.find(match.group("acr")) or lexicon.entities.find(match.group("acr")):
            continue
        ref = EntityRef(slugify(name), name, kind, acronym=match.group("acr"))
        found.append((ref, start, match.end()))
    return found


def cite(
    provision: Provision, lexicon: Lexicon, exclude: Sequence[tuple[int, int]]
) -> list[Citation]:
    """One citation per entity the provision names, quoting its first mention."""
    text = provision.text
    citations: dict[str, Citation] = {}
    for match in lexicon.entities.find(text, exclude):
        ref = lexicon.entity_refs[match.key]
        citations.setdefault(
            ref.slug, Citation(provision, ref, Quote(provision, match.start, match.end))
        )
    for ref, start, end in discovered(text, lexicon, exclude):
        citations.setdefault(ref.slug, Citation(provision, ref, Quote(provision, start, end)))
    return list(citations.values())
