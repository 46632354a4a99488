"""Commitments and citations against the hand reading (tests/fixtures/fidelity/commitments.toml).

Per provision: the degree of its first commitment (or "statement" when it carries none)
and whether it is negated, compared as accuracy; who is bound, compared where the reader
found an actor in the text; the entities it cites, as precision and recall. A cited entity
matches a reading when one of its names (label, alternative labels, acronym, the words
quoted) equals the name or acronym the reader wrote, compared word for word without case or
a leading "the"; the body that issued a cited instrument, where the reader noted it, is
cited rightly too.

``score`` gives those figures; ``FIELDS`` gives the same fields as sets per provision, for
``python -m bench.fidelity``, the figures of record: a cited name is keyed by the gazetteer
entry it names, else by its words; a name the reader wrote as an acronym the same text
defines (in the reader's own entries: "AOIP" after "ASEAN Outlook on the Indo-Pacific
(AOIP)") is that defined entity, which the extractor must link to score; an issuer ("by") is
an attribute of a citation, neither required (the grouping that speaks issues many of them
and is never cited) nor wrong where the text names it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from bench.fidelity import Field
from digicoop.annotate import Annotations
from digicoop.annotate.lexicon import load_lexicon, slugify
from digicoop.annotate.records import Citation, ConceptLink
from digicoop.annotate.scale import load_scale
from digicoop.model import Provision

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "fidelity" / "commitments.toml"
DEGREE = "https://w3id.org/digicoop/modality/"


@dataclass
class Tally:
    modality: list[bool] = field(default_factory=list)
    negation: list[bool] = field(default_factory=list)
    actor: list[bool] = field(default_factory=list)
    cited_found: int = 0
    cited_right: int = 0
    cited_expected: int = 0
    cited_recalled: int = 0
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _words(text: str) -> str:
    text = text.replace("’", "'").replace("\u200b", "")
    return " ".join(re.findall(r"[\w'&]+", text.casefold()))


def _name(text: str) -> str:
    name = _words(text)
    for article in ("the ", "a "):
        name = name.removeprefix(article)
    return name.removesuffix(" 's").removesuffix("'s")


def _names(citation: Citation) -> set[str]:
    entity = citation.entity
    names = {entity.label, *entity.alt_labels, citation.quote.text}
    if entity.acronym:
        names.add(entity.acronym)
    return {_name(n) for n in names}


def _wanted(reading: dict[str, Any]) -> set[str]:
    names = {_name(reading["name"])}
    if reading.get("acronym"):
        names.add(_name(reading["acronym"]))
    return names


def _first(links: Iterable[ConceptLink]) -> ConceptLink | None:
    ordered = sorted(links, key=lambda k: (k.quote.provision is k.provision, k.quote.start))
    return ordered[0] if ordered else None


def _score_file(path: Path, tallies: dict[str, Tally]) -> None:
    from bench.fidelity import group_of, locate, read_text

    scale = load_scale(ROOT / "ontology")
    readings = tomllib.loads(path.read_text(encoding="utf-8"))["provision"]
    cache: dict[str, Any] = {}
    for reading in readings:
        tally = tallies.setdefault(group_of(reading["file"]), Tally())
        name, opening = reading["file"], reading["opening"]
        text = read_text(name, cache)
        provision = locate(text.document, opening)
        where = f"{Path(name).stem} «{opening}»"
        if provision is None:
            tally.missing.append(where)
            continue
        notes = text.notes
        first = _first(m for m in notes.modalities if m.provision is provision)
        degree = scale.degree_of(first.concept).removeprefix(DEGREE) if first else "statement"
        right = degree == reading["modality"]
        tally.modality.append(right)
        if not right:
            said = f"{first.quote.text!r}" if first else "nothing"
            tally.errors.append(
                f"modality {where}: read {reading['modality']}, got {degree} ({said})"
            )
        negated = bool(first and scale.is_negated(first.concept))
        tally.negation.append(negated == bool(reading.get("negated", False)))
        if reading.get("actor"):
            actor = first.actor.text if first and first.actor else ""
            ok = _name(actor) == _name(reading["actor"])
            tally.actor.append(ok)
            if not ok:
                tally.errors.append(f"actor {where}: read {reading['actor']!r}, got {actor!r}")
        _score_citations(notes.citations, provision, reading, where, tally)


def _score_citations(
    citations: list[Citation], provision: object, reading: dict[str, Any], where: str, tally: Tally
) -> None:
    found = [c for c in citations if c.provision is provision]
    wanted = [_wanted(w) for w in reading.get("citations", [])]
    issuers = {_name(w["by"]) for w in reading.get("citations", []) if w.get("by")}
    tally.cited_found += len(found)
    tally.cited_expected += len(wanted)
    for citation in found:
        # The issuing body of a cited instrument, where the text names it, is cited rightly.
        if any(_names(citation) & w for w in wanted) or _names(citation) & issuers:
            tally.cited_right += 1
        else:
            tally.errors.append(f"citation {where}: extra {citation.entity.label!r}")
    for want, reading_cited in zip(wanted, reading.get("citations", []), strict=True):
        if any(_names(c) & want for c in found):
            tally.cited_recalled += 1
        else:
            tally.errors.append(f"citation {where}: missed {reading_cited['name']!r}")


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def score(show_errors: bool = False) -> list[tuple[str, str, str, float, str]]:
    """Rows (texts, field, metric, value, counts) of the figures in bench/results.md."""
    tallies: dict[str, Tally] = {}
    _score_file(FIXTURE, tallies)
    rows: list[tuple[str, str, str, float, str]] = []
    for group in ("dev corpus", "the five"):
        t = tallies.get(group, Tally())
        n = len(t.modality)
        rows += [
            (group, "modality", "accuracy", _ratio(sum(t.modality), n), f"{sum(t.modality)}/{n}"),
            (group, "negation", "accuracy", _ratio(sum(t.negation), n), f"{sum(t.negation)}/{n}"),
            (
                group,
                "actor",
                "accuracy",
                _ratio(sum(t.actor), len(t.actor)),
                f"{sum(t.actor)}/{len(t.actor)}",
            ),
            (
                group,
                "citations",
                "precision",
                _ratio(t.cited_right, t.cited_found),
                f"{t.cited_right}/{t.cited_found}",
            ),
            (
                group,
                "citations",
                "recall",
                _ratio(t.cited_recalled, t.cited_expected),
                f"{t.cited_recalled}/{t.cited_expected}",
            ),
        ]
        if show_errors:
            for error in [*t.errors, *(f"not located: {m}" for m in t.missing)]:
                print(f"{group}: {error}")
    return rows


def main() -> int:
    """``python -m bench.fidelity_commitments [--errors]``: this fixture's figures, names
    matched through every alias (``python -m bench.fidelity`` compares them as sets)."""
    import sys

    rows = score(show_errors="--errors" in sys.argv[1:])
    print("| texts | field | metric | value | counts |")
    print("| --- | --- | --- | --- | --- |")
    for group, field_name, metric, value, counts in rows:
        print(f"| {group} | {field_name} | {metric} | {value:.2f} | {counts} |")
    return 0


# --- The same fields as sets per provision ----------------------------------------------------


def _key(name: str) -> str:
    """A name's identity: the gazetteer entry it names, else its words."""
    lexicon = load_lexicon(ROOT / "ontology")
    matches = lexicon.entities.find(name)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(name):
        return matches[0].key
    return slugify(_name(name))


def _first_of(notes: Annotations, provision: Provision) -> ConceptLink | None:
    return _first(m for m in notes.modalities if m.provision.eid == provision.eid)


def _expected_degree(entry: dict[str, object]) -> set[str]:
    return {str(entry["modality"])}


def _predicted_degree(notes: Annotations, provision: Provision) -> set[str]:
    first = _first_of(notes, provision)
    scale = load_scale(ROOT / "ontology")
    return {scale.degree_of(first.concept).removeprefix(DEGREE) if first else "statement"}


def _expected_actor(entry: dict[str, object]) -> set[str]:
    actor = str(entry.get("actor") or "")
    return {_name(actor)} if actor else set()


def _predicted_actor(notes: Annotations, provision: Provision) -> set[str]:
    first = _first_of(notes, provision)
    return {_name(first.actor.text)} if first and first.actor else set()


@cache
def _defined(relative: str) -> dict[str, str]:
    """The names a reader gave with an acronym in one text (acronym → name): the text defines
    the acronym, so a later mention by acronym alone cites the same entity."""
    readings = tomllib.loads(FIXTURE.read_text(encoding="utf-8"))["provision"]
    return {
        str(r["acronym"]): str(r["name"])
        for entry in readings
        if entry["file"] == relative
        for r in entry.get("citations", [])
        if r.get("acronym")
    }


def _entity_key(name: str, relative: str) -> str:
    """A cited name's identity: the entity the text defined under that acronym, else the
    gazetteer entry it names, else its words."""
    return _key(_defined(relative).get(name, name))


def _expected_citations(entry: dict[str, object]) -> set[str]:
    cited = entry.get("citations", [])
    relative = str(entry["file"])
    return {
        _entity_key(str(reading["name"]), relative)
        for reading in (cited if isinstance(cited, list) else [])
    }


def _issuers(entry: dict[str, object]) -> set[str]:
    """The bodies the reader noted as issuers ("by"): an attribute of a citation, not a
    citation the reading requires (the grouping that speaks issues many of them and is
    never cited), nor a wrong one where the text names it."""
    cited = entry.get("citations", [])
    relative = str(entry["file"])
    return {
        _entity_key(str(reading["by"]), relative)
        for reading in (cited if isinstance(cited, list) else [])
        if reading.get("by")
    }


def _predicted_citations(notes: Annotations, provision: Provision) -> set[str]:
    lexicon = load_lexicon(ROOT / "ontology")
    return {
        c.entity.slug if c.entity.slug in lexicon.entity_refs else slugify(_name(c.entity.label))
        for c in notes.citations
        if c.provision.eid == provision.eid
    }


FIELDS = [
    Field("modality", _expected_degree, _predicted_degree),
    Field("actor", _expected_actor, _predicted_actor),
    Field("citations", _expected_citations, _predicted_citations, _issuers),
]


if __name__ == "__main__":
    raise SystemExit(main())
