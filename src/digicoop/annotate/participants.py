"""Which bodies take part in an agreement, and in what role.

Roles and the phrases that assign them are data: the concepts of role:scheme in
ontology/schemes.ttl, each with its cue phrases as skos:hiddenLabel. A cue either precedes
the bodies it gives its role to ("led by A and B", "coordinated by A", "through A") or, written
with a leading ellipsis, follows them as their verb ("A and B … will provide", "A … intends to
finance"), and then applies only to the bodies that are its subject, named just before it. The
bodies a "(hereinafter … “Participants”)" clause names are participants.

A cue's reach runs to the next cue of the sentence; ", and" closes a cue that qualified
another ("led by A in partnership with B, and C": C is led by, as A is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import SKOS, Graph, URIRef

from digicoop.annotate.orgs import OrgMention
from digicoop.annotate.phrases import PhraseMatcher
from digicoop.annotate.records import OrgRef, Participation, Quote
from digicoop.annotate.text import sentences
from digicoop.model import Provision

ROLE = "https://w3id.org/digicoop/role/"
_HEREINAFTER = re.compile(
    r"\bhere(?:in)?after\b[^)]*[“\"](?:both\s+)?(?:Participants?|Sides?|Parties|Party)[”\"]",
    re.IGNORECASE,
)
_ELLIPSIS = "…"
# What may stand between the bodies of a subject, and between the last of them and its verb.
_BETWEEN = re.compile(r"^(?:\s|,|\band\b|\bthe\b)*$")
# Between an adjacent cue and its body: articles, or a class the body is an instance of
# ("through U.S. institutions such as the A").
_ADJACENT = re.compile(
    r"^(?:\s|\bthe\b|\ban?\b)*(?:(?:[\w.]+\s+){1,3}(?:such\s+as|including|like)\s+(?:the\s+)?)?$"
)
_BEFORE_VERB = re.compile(
    r"^(?:\s|,)*(?:(?:formally|also|jointly|today|now|both|each|further)\s+)*$"
)


@dataclass(frozen=True)
class RoleCues:
    """Cue phrases of the role scheme: those before the bodies and those after them."""

    before: PhraseMatcher
    after: PhraseMatcher
    adjacent: frozenset[str]  # before-cues whose body must follow at once


@cache
def load_role_cues(ontology_dir: Path) -> RoleCues:
    graph = Graph().parse(ontology_dir / "schemes.ttl", format="turtle")
    before: list[tuple[str, str]] = []
    after: list[tuple[str, str]] = []
    adjacent: set[str] = set()
    scheme = URIRef(ROLE + "scheme")
    for concept in sorted(graph.subjects(SKOS.inScheme, scheme), key=str):
        role = str(concept).removeprefix(ROLE)
        for label in sorted(str(x) for x in graph.objects(concept, SKOS.hiddenLabel)):
            if label.startswith(_ELLIPSIS):
                after.append((label.removeprefix(_ELLIPSIS).strip(), role))
            elif label.endswith(_ELLIPSIS):
                cue = label.removesuffix(_ELLIPSIS).strip()
                before.append((cue, role))
                adjacent.add(cue.casefold())
            else:
                before.append((label, role))
    return RoleCues(PhraseMatcher(before), PhraseMatcher(after), frozenset(adjacent))


def read_roles(
    provision: Provision, mentions: list[OrgMention], cues: RoleCues
) -> list[Participation]:
    found: list[Participation] = []
    text = provision.text
    for s_start, s_end in sentences(text):
        inside = [m for m in mentions if s_start <= m.start < s_end and m.party]
        if not inside:
            continue
        sentence = text[s_start:s_end]
        if _HEREINAFTER.search(sentence):
            found.extend(_participation(provision, m, "participant") for m in inside)
        found.extend(_preceding(provision, s_start, sentence, inside, cues))
        found.extend(_following(provision, s_start, sentence, inside, cues.after))
    return _distinct(found)


def _preceding(
    provision: Provision,
    base: int,
    sentence: str,
    inside: list[OrgMention],
    cues: RoleCues,
) -> list[Participation]:
    """Roles of the bodies named after a cue, up to the next cue."""
    marks = []
    for cue in cues.before.find(sentence):
        if " ".join(sentence[cue.start : cue.end].casefold().split()) in cues.adjacent:
            # "through the A": the body follows at once, or the cue is some other "through".
            follows = [m for m in inside if m.span_start >= base + cue.end]
            gap = sentence[cue.end : follows[0].span_start - base] if follows else "x"
            if not _ADJACENT.match(gap):
                continue
        marks.append((base + cue.start, base + cue.end, cue.key))
    marks += [(base + m.start(), base + m.end(), "") for m in re.finditer(r",\s+and\b", sentence)]
    marks.sort()
    found: list[Participation] = []
    stack: list[str] = []
    mentions = iter(sorted(inside, key=lambda m: m.start))
    pending = next(mentions, None)
    for index, (_, end, role) in enumerate(marks):
        if role:
            stack.append(role)
        elif len(stack) > 1:
            stack.pop()  # ", and" closes a cue that qualified the one before it
        limit = marks[index + 1][0] if index + 1 < len(marks) else base + len(sentence)
        while pending is not None and pending.start < limit:
            if pending.start >= end and stack:
                found.append(_participation(provision, pending, stack[-1]))
            pending = next(mentions, None)
    return found


def _following(
    provision: Provision,
    base: int,
    sentence: str,
    inside: list[OrgMention],
    cues: PhraseMatcher,
) -> list[Participation]:
    """Roles of the bodies that are the subject of a cue verb: named just before it, joined
    only by "and", commas and articles."""
    found: list[Participation] = []
    ordered = sorted(inside, key=lambda m: m.start)
    for cue in cues.find(sentence):
        at = base + cue.start
        before = [m for m in ordered if m.span_end <= at]
        if not before or not _BEFORE_VERB.match(provision.text[before[-1].span_end : at]):
            continue
        subject = [before[-1]]
        for mention in reversed(before[:-1]):
            if not _BETWEEN.match(provision.text[mention.span_end : subject[0].span_start]):
                break
            subject.insert(0, mention)
        found.extend(_participation(provision, m, cue.key) for m in subject)
    return found


def _distinct(found: list[Participation]) -> list[Participation]:
    seen: dict[tuple[str, str, str], Participation] = {}
    for participation in found:
        key = (participation.org.party, participation.org.name, participation.role)
        seen.setdefault(key, participation)
    return list(seen.values())


def _participation(provision: Provision, mention: OrgMention, role: str) -> Participation:
    assert mention.party is not None
    alt = (mention.acronym,) if mention.acronym else ()
    return Participation(
        OrgRef(mention.name, mention.party, alt), role, Quote(provision, mention.start, mention.end)
    )
