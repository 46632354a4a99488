"""Which bodies take part in an agreement, and in what role.

Roles are read from the words that give them: the bodies a "(hereinafter … “Participants”)"
clause names are participants; "led by" makes leads, "with input from" and "contributors"
contributors, "coordinated by", "coordinating representatives" and "which will coordinate"
coordinators, "secretariat … provided by" the secretariat. Each body named after such a
trigger, up to the next trigger, takes its role.
"""

from __future__ import annotations

import re

from digicoop.annotate.orgs import OrgMention
from digicoop.annotate.records import OrgRef, Participation, Quote
from digicoop.annotate.text import sentences
from digicoop.model import Provision

_HEREINAFTER = re.compile(
    r"\bhere(?:in)?after\b[^)]*[“\"](?:both\s+)?(?:Participants?|Sides?|Parties|Party)[”\"]",
    re.IGNORECASE,
)
_TRIGGERS = (
    ("lead", re.compile(r"\b(?:jointly\s+)?led\s+by\b", re.IGNORECASE)),
    ("contributor", re.compile(r"\b(?:with\s+input\s+from|contributors?\b)", re.IGNORECASE)),
    (
        "coordinator",
        re.compile(r"\b(?:coordinated\s+by|coordinating\s+representatives?)\b", re.IGNORECASE),
    ),
    ("secretariat", re.compile(r"\bsecretariat\b", re.IGNORECASE)),
)
_BACK_COORDINATE = re.compile(r"\bwhich\s+will\s+coordinate\b", re.IGNORECASE)


def read_roles(provision: Provision, mentions: list[OrgMention]) -> list[Participation]:
    found: list[Participation] = []
    text = provision.text
    for s_start, s_end in sentences(text):
        inside = [m for m in mentions if s_start <= m.start < s_end and m.party]
        if not inside:
            continue
        sentence = text[s_start:s_end]
        if _HEREINAFTER.search(sentence):
            found.extend(_participation(provision, m, "participant") for m in inside)
        triggers = sorted(
            (s_start + t.start(), role)
            for role, pattern in _TRIGGERS
            for t in pattern.finditer(sentence)
        )
        for index, (position, role) in enumerate(triggers):
            limit = triggers[index + 1][0] if index + 1 < len(triggers) else s_end
            found.extend(
                _participation(provision, m, role) for m in inside if position < m.start < limit
            )
        for back in _BACK_COORDINATE.finditer(sentence):
            position = s_start + back.start()
            earlier = [m for m in inside if m.start < position]
            if earlier:
                # "…by A and B, which will coordinate": the bodies of the clause just before.
                last_trigger = max(
                    (p for p, _ in triggers if p < earlier[-1].start), default=s_start
                )
                found.extend(
                    _participation(provision, m, "coordinator")
                    for m in earlier
                    if m.start > last_trigger
                )
    return found


def _participation(provision: Provision, mention: OrgMention, role: str) -> Participation:
    assert mention.party is not None
    return Participation(
        OrgRef(mention.name, mention.party), role, Quote(provision, mention.start, mention.end)
    )
