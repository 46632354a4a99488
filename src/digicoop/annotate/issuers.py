"""Who a statement speaks for when no "We, …" opening says it: the persons who chaired the
meeting it reports, or the leaders its first sentences name.

A joint statement of a meeting is the co-chairs' ("It was co-chaired by Executive Vice
President X, …, and Secretary of State Y"; "National Security Advisor X and National Security
Advisor Y chaired the second meeting"); the chair cues are those of role:co-chair in the role
scheme. A leaders' statement that opens with its leaders in the third person ("The President
of the United States of America, Donald J. Trump hosted the Prime Minister of India, Narendra
Modi") is theirs; any statement is the office-holders' whose sentence makes it theirs in one
of the phrases of ontology/issuing.txt ("… have reached the following understandings"). A
signed text has signatories instead, and is left alone.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

from digicoop.annotate.opening import naming_run, office_holders, opening_provisions
from digicoop.annotate.participants import RoleCues
from digicoop.annotate.parties import PartyLexicon
from digicoop.annotate.phrases import PhraseMatcher
from digicoop.annotate.records import Issuer
from digicoop.annotate.text import whole_sentences
from digicoop.model import Provision

KIND = "https://w3id.org/digicoop/kind/"
#: Kinds of text whose first sentence naming its leaders names its issuers.
_LEADERS_KINDS = frozenset({KIND + "leaders-statement", KIND + "leaders-declaration"})


@cache
def load_issuing(ontology_dir: Path) -> PhraseMatcher:
    rows = (ontology_dir / "issuing.txt").read_text(encoding="utf-8").splitlines()
    phrases = [r.strip() for r in rows if r.strip() and not r.startswith("#")]
    return PhraseMatcher((phrase, phrase) for phrase in phrases)


def _sentences(provisions: list[Provision]) -> list[tuple[Provision, int, int]]:
    """The whole sentences of the first text-bearing provisions."""
    return [
        (provision, s, e)
        for provision in opening_provisions(provisions)
        for s, e in whole_sentences(provision.text)
    ]


def _distinct(found: list[Issuer]) -> list[Issuer]:
    names: dict[str, Issuer] = {}
    for issuer in found:
        names.setdefault(issuer.name, issuer)
    return list(names.values())


def read_chairs(
    provisions: list[Provision],
    parties: PartyLexicon,
    offices: PhraseMatcher,
    cues: RoleCues,
) -> list[Issuer]:
    """The persons an opening sentence says chaired the meeting: after "co-chaired by", up to
    the end of the run of names; before "chaired", the sentence's subject."""
    found: list[Issuer] = []
    for provision, start, end in _sentences(provisions):
        sentence = provision.text[start:end]
        for cue in cues.before.find(sentence):
            if cue.key != "co-chair":
                continue
            rest = sentence[cue.end :]
            stop = naming_run(rest)
            run = rest[: stop if stop is not None else len(rest)]
            holders = office_holders(provision, start + cue.end, run, parties, offices)
            found.extend(replace(h, role="co-chair") for h in holders)
        for cue in cues.after.find(sentence):
            if cue.key != "co-chair":
                continue
            holders = office_holders(provision, start, sentence[: cue.start], parties, offices)
            found.extend(replace(h, role="co-chair") for h in holders)
        if found:
            break
    return _distinct(found)


def read_leaders(
    provisions: list[Provision],
    parties: PartyLexicon,
    offices: PhraseMatcher,
    issuing: PhraseMatcher,
    kind: str | None,
) -> list[Issuer]:
    """The leaders a statement is issued by, where it names them in the third person."""
    for provision, start, end in _sentences(provisions):
        sentence = provision.text[start:end]
        holders = _distinct(office_holders(provision, start, sentence, parties, offices))
        if len(holders) < 2:
            continue
        if kind in _LEADERS_KINDS or issuing.find(sentence):
            return holders
        if kind in _LEADERS_KINDS:
            break
    return []
