"""The modality of each commitment: which verb phrase binds the participants, and how firmly.

A modal counts when it is the main verb of a sentence or of a clause the participants
speak in. It does not count in a relative clause ("technologies that will enable"), in a
conditional or temporal clause ("unless the Participants decide otherwise", "In case
arrangements may affect…"), nor as a capitalised word inside a sentence ("4th May 2022").
A list item with no verb of its own inherits the modality of the chapeau that introduces
it ("Both Sides will cooperate in the following areas:"); an item that makes a statement
of its own does not.
"""

from __future__ import annotations

import re

from digicoop.annotate.lexicon import Lexicon
from digicoop.annotate.records import ConceptLink, Quote
from digicoop.annotate.text import sentences
from digicoop.model import Provision

MODALITY = "https://w3id.org/digicoop/modality/"
_RELATIVE = {"that", "which", "who", "whom", "whose", "what"}
_MODALS = {"may", "will", "shall", "should", "could", "might", "can", "must"}
_DETERMINERS = {"the", "a", "an", "this", "its", "their", "our", "his", "her", "common", "to"}
_ADVERBS = {
    "also",
    "further",
    "specifically",
    "therefore",
    "jointly",
    "closely",
    "still",
    "now",
    "then",
    "together",
    "both",
    "all",
    "thereafter",
    "initially",
    "proactively",
    "collectively",
}
_SUBORDINATE = re.compile(
    r"\b(?:unless|if|in case|where|when|whenever|until|as|whether|once|before|after)\b",
    re.IGNORECASE,
)
_NEITHER = re.compile(r"\b(?:neither|nor|no|nothing|none)\b", re.IGNORECASE)


def _counts(sentence: str, start: int, phrase: str) -> bool:
    if phrase[:1].isupper() and start > 0:
        return False
    words = re.findall(r"[\w’']+", sentence[:start])
    while words and words[-1].casefold() in _ADVERBS:
        words.pop()
    if not words or words[-1].casefold() in _RELATIVE | _DETERMINERS | _MODALS:
        return False
    clause_start = max(sentence.rfind(sep, 0, start) for sep in (",", ";", ":"))
    if _in_relative_clause(sentence[clause_start + 1 : start]):
        return False
    return all(sub.start() <= clause_start for sub in _SUBORDINATE.finditer(sentence, 0, start))


_RELATIVE_HEAD = re.compile(
    r"\b(?P<before>[\w’']+\s+)?(?P<pronoun>that|which|who)\s+(?P<subject>(?:[\w’'-]+\s+){1,3})$",
    re.IGNORECASE,
)
_REPORTING = {
    "acknowledge",
    "acknowledges",
    "recognise",
    "recognises",
    "decide",
    "decides",
    "agree",
    "agrees",
    "confirm",
    "confirms",
    "note",
    "notes",
    "stress",
    "stresses",
    "consider",
    "considers",
    "ensure",
    "believe",
    "believes",
    "understand",
    "expect",
    "state",
    "states",
    "say",
    "says",
    "recall",
}


def _in_relative_clause(clause: str) -> bool:
    """ "…which Japan will host": a relative pronoun a few words before the modal. A "that"
    after a verb of saying ("acknowledge that this MOC will not…") opens a content clause,
    which does bind."""
    m = _RELATIVE_HEAD.search(clause)
    if m is None:
        return False
    before = (m.group("before") or "").strip().casefold()
    return not (m.group("pronoun").casefold() == "that" and before in _REPORTING)


def own_modalities(provision: Provision, lexicon: Lexicon) -> list[ConceptLink]:
    links: dict[str, ConceptLink] = {}
    text = provision.text
    for s_start, s_end in sentences(text):
        sentence = text[s_start:s_end]
        for match in lexicon.modality.find(sentence):
            phrase = sentence[match.start : match.end]
            if not _counts(sentence, match.start, phrase):
                continue
            concept = match.key
            if concept == MODALITY + "will" and _NEITHER.match(sentence):
                concept = MODALITY + "will-not"
            quote = Quote(provision, s_start + match.start, s_start + match.end)
            links.setdefault(concept, ConceptLink(provision, concept, quote))
    return list(links.values())


def is_chapeau(provision: Provision) -> bool:
    return provision.text.rstrip().endswith(":")


_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|does|do|hold|holds|underpin|concerns|restated|"
    r"highlighted|recognise|recognises)\b"
)
_SUBJECT_VERB = re.compile(
    r"\b(?:both|the|each)\s+(?:participants|sides|parties)\s+(?!to\b)[a-z]+", re.IGNORECASE
)


def makes_statement(provision: Provision) -> bool:
    """Whether an item says something on its own rather than completing a chapeau: it ends
    a sentence and has a finite verb or a subject of its own ("both Participants restated…")."""
    text = provision.text.strip()
    if not text or text[-1] not in ".!?":
        return False
    return bool(_FINITE.search(text) or _SUBJECT_VERB.search(text))


def is_heading_only(provision: Provision) -> bool:
    """Sections, pillars and titled points whose only text is their heading bind no one."""
    text = provision.text.strip()
    return provision.kind in ("section", "annex", "pillar", "subheading") or (
        bool(provision.heading) and text == (provision.heading or "").strip()
    )
