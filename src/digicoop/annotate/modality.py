"""The modality of each commitment: which phrase binds whom, and how firmly.

A verb phrase of the scale (ontology/modality.ttl) counts when it is the main verb of a
sentence or of a clause the participants speak in. It does not count in a relative clause
("technologies that will enable"), in a conditional or temporal clause ("unless the
Participants decide otherwise"), nor as a capitalised word inside a sentence ("4th May
2022"); a participle opening a sentence or item counts ("RECOGNIZING the importance…",
"Noting the launch…"). Noun forms count as well ("our shared commitment to", "The core aims
of this Partnership are to"), and where a position verb governs one ("We reaffirm our
commitment to…") the commitment is what the sentence says. A sentence opened by "Neither",
"Nothing" or "No" negates its modal ("Nothing in this Article shall…" → shall not).

Who is bound is the subject of the phrase, as written ("The Participants", "both sides",
"the United States and the European Union", "We"), found after any introductory phrase
("At the Semiconductor Conference, the governments of … committed to").

A list item with no verb of its own takes the modality of the lead-in it completes ("We
hereby decide to:", "Both Sides will cooperate in the following areas:"), wherever the
segmenter put that lead-in (parent, earlier sibling, the last sentence of a paragraph); an
item that makes a statement of its own does not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getAllLemmas  # type: ignore[import-untyped]

from digicoop.annotate.records import ConceptLink, Quote
from digicoop.annotate.scale import Scale
from digicoop.annotate.text import TEXT_CACHE, sentences
from digicoop.model import Provision

ACKNOWLEDGEMENT = "https://w3id.org/digicoop/modality/acknowledgement"
_RELATIVE = {"that", "which", "who", "whom", "whose", "what"}
_MODALS = {"may", "will", "shall", "should", "could", "might", "can", "must", "would"}
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
    "hereby",
    "firmly",
    "fully",
    "strongly",
    "again",
    "once",
    "today",
    "steadfastly",
    "already",
    "actively",
    "duly",
}
# Words between a subject and its verb phrase ("are", "have", "remain", "continue to").
_AUXILIARIES = _ADVERBS | {
    "are",
    "is",
    "was",
    "were",
    "have",
    "has",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "shall",
    "remain",
    "remains",
    "continue",
    "continues",
    "to",
    "each",
    "respectively",
}
_SUBORDINATE = re.compile(
    r"\b(?:unless|if|in case|where|when|whenever|until|as|whether|once|before|after)\b",
    re.IGNORECASE,
)
_NEGATING = re.compile(r"(?:neither|nothing|no|none)\b", re.IGNORECASE)
_INTRODUCTORY = {
    "at",
    "in",
    "on",
    "during",
    "to",
    "as",
    "through",
    "over",
    "under",
    "with",
    "for",
    "from",
    "by",
    "after",
    "before",
    "since",
    "while",
    "when",
    "where",
    "whereas",
    "if",
    "consistent",
    "here",
    "today",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "finally",
    "further",
    "furthermore",
    "moreover",
    "additionally",
    "therefore",
    "together",
    "and",
    "but",
    "also",
    "specifically",
    "thus",
    "accordingly",
    "likewise",
    "similarly",
    "however",
    "indeed",
    "going",
    "against",
    "within",
    "beyond",
    "given",
    "based",
    "guided",
    "mindful",
    "aware",
    "noting",
    "recalling",
    "without",  # "Without prejudice to …, both Participants acknowledge"
    "notwithstanding",
}


@dataclass(frozen=True)
class _Found:
    concept: str
    start: int  # offsets in the provision's text
    end: int
    noun: bool
    actor: tuple[int, int] | None


def _words_before(sentence: str, start: int) -> list[str]:
    words = re.findall(r"[\w’']+", sentence[:start])
    while words and words[-1].casefold() in _ADVERBS:
        words.pop()
    return words


def _counts(sentence: str, start: int, phrase: str) -> bool:
    """Whether a verb phrase at ``start`` is a main verb the speakers commit with."""
    words = _words_before(sentence, start)
    if not words:
        # A participle opening a sentence or an item: "RECOGNIZING…", "Noting the launch…".
        return (
            start == 0 or not phrase[:1].isupper() or phrase.split()[0].casefold().endswith("ing")
        )
    if phrase[:1].isupper():
        return False
    if words[-1].casefold() in _RELATIVE | _DETERMINERS | _MODALS:
        return False
    if _noun_reading(words[-1], phrase):
        return False
    if (
        phrase.casefold().endswith("ed")
        and re.match(r"\s*[.,;)]", sentence[start + len(phrase) :])
        and any(w.casefold() in _DETERMINERS for w in words[-3:])
    ):
        return False  # "for purposes other than the intended or decided."
    clause_start = max(sentence.rfind(sep, 0, start) for sep in (",", ";", ":"))
    if _in_relative_clause(sentence[clause_start + 1 : start]):
        return False
    return all(sub.start() <= clause_start for sub in _SUBORDINATE.finditer(sentence, 0, start))


_SUBJECT_WORDS = {"we", "they", "i", "you", "and", "or", "not", "both", "who", "together"}


def _noun_reading(before: str, phrase: str) -> bool:
    """ "a coordinated plan to", "the core aim": a verb in its base form after a lower-case
    word that cannot be its subject (not a pronoun, not a plural) reads as a noun."""
    head = phrase.split()[0]
    if head.casefold() in _MODALS or head.endswith(("s", "ed", "ing")):
        return False
    if before.casefold() in _PREPOSITIONS:
        return True  # "In support of …"
    return (
        before[:1].islower()
        and before.casefold() not in _SUBJECT_WORDS
        and not before.endswith("s")
    )


_PREPOSITIONS = {"in", "of", "for", "with", "by", "on", "at", "from", "under", "into", "upon"}
_SUBJECT_START = {
    "the",
    "both",
    "each",
    "either",
    "neither",
    "we",
    "they",
    "our",
    "all",
    "its",
    "their",
    "this",
    "these",
    "it",
    "he",
    "she",
}


_RELATIVE_HEAD = re.compile(
    r"\b(?P<before>[\w’']+\s+)?(?P<pronoun>that|which|who)\s+(?P<subject>(?:[\w’'-]+\s+){1,3})$",
    re.IGNORECASE,
)
_REPORTING = {
    "acknowledge",
    "acknowledges",
    "recognise",
    "recognises",
    "recognize",
    "recognizes",
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


# Verbs that report what was said on an occasion: a modal in their "that" clause is the
# content of the report ("we announced that the DFC and JBIC will … provide"), not an
# undertaking of the text. Verbs that take a position ("acknowledge that this MOC will not")
# are not among them: their content binds.
_ANNOUNCING = {"announced", "said", "reported", "told", "explained", "announces", "announce"}
_ANNOUNCED = re.compile(r"\b(?P<verb>[\w’']+)\s+that\s+[^;:]*$", re.IGNORECASE)


def _announced(sentence: str, start: int) -> bool:
    """Whether the phrase at ``start`` stands in the content of an announcement."""
    m = _ANNOUNCED.search(sentence[:start])
    return bool(m and m.group("verb").casefold() in _ANNOUNCING)


def _in_relative_clause(clause: str) -> bool:
    """ "…which Japan will host": a relative pronoun a few words before the modal. A "that"
    after a verb of saying ("acknowledge that this MOC will not…") opens a content clause,
    which does bind."""
    m = _RELATIVE_HEAD.search(clause)
    if m is None:
        return False
    before = (m.group("before") or "").strip().casefold()
    return not (m.group("pronoun").casefold() == "that" and before in _REPORTING)


def _subject(sentence: str, start: int) -> tuple[int, int] | None:
    """The span of the phrase's subject in ``sentence``: the words before it in its clause,
    auxiliaries and introductory phrases set aside."""
    clause_start = max(sentence.rfind(sep, 0, start) for sep in (";", ":")) + 1
    pre = sentence[clause_start:start]
    words = list(re.finditer(r"[\w’'.&-]+", pre))
    while words and words[-1].group().casefold() in _AUXILIARIES:
        words.pop()
    if not words:
        return None
    end = clause_start + words[-1].end()
    begin = clause_start
    # Skip leading chunks that open with an introductory word, up to a comma each, and the
    # lower-case chunks that continue them ("Through cooperation in areas such as R&D,
    # skills exchanges and …, both Participants will").
    introduced = False
    while True:
        chunk = sentence[begin:end].lstrip(" ,")
        begin = end - len(chunk)
        first = re.match(r"[\w’'.-]+", chunk)
        if first is None:
            return None
        word = first.group()
        folded = word.casefold()
        opening = folded in _INTRODUCTORY or folded.endswith(("ing", "ly"))
        more = sentence.find(",", begin, end) >= 0  # the last chunk is the subject itself
        continuing = introduced and more and word[:1].islower() and folded not in _SUBJECT_START
        if opening or continuing:
            introduced = True
            comma = sentence.find(",", begin, end)
            if comma < 0:
                return None
            begin = comma + 1
            continue
        break
    if appositive := re.match(r"(?:we|they)(?=,)", sentence[begin:end], re.IGNORECASE):
        end = begin + appositive.end()  # "We, President Biden, …, and Prime Minister Kishida"
    # "Collaboration and unity are key …, and we hereby declare": a new clause's subject.
    clauses = list(
        re.finditer(
            r",\s+(?:and|but)\s+(?=(?:we|they|it)\b)|\s(?:and|but)\s+(?=(?:both|each)\s)",
            sentence[begin:end],
            re.I,
        )
    )
    if clauses:
        begin += clauses[-1].end()
    # "The Partnership does not constitute or create and is not intended to": the subject
    # ends at its own verb.
    if finite := re.search(
        r"\s(?:does|do|did|is|are|was|were|has|have|had)\b", sentence[begin:end]
    ):
        end = begin + finite.start()
    if len(sentence[begin:end].split()) > 24 or _imperative(sentence[begin:end]):
        return None
    return begin, end


def _imperative(words: str) -> bool:
    """Whether a would-be subject opens with a verb in its base form that English uses only
    as a verb ("Create stronger foundations …, for example encouraging …", "Discuss ways …"):
    an item in the imperative, which names no one (lemminflect's tables tell the word's
    parts of speech)."""
    first = re.match(r"[A-Z][a-z]+\b", words)
    if first is None:
        return False
    word = first.group().casefold()
    return getAllLemmas(word) == {"VERB": (word,)}


# What stands before a verb is a predicate, not a subject, when it ends in "and"/"or" or
# holds a modal of its own ("Both sides share the ambition to improve … and", "Discuss ways
# both Participants may support … including collaboration on").
_COORDINATED = re.compile(
    r"\b(?:and|or)$|\b(?:will|shall|should|could|may|might|must|can|would)\b", re.IGNORECASE
)


def _passive(sentence: str, end: int, phrase: str) -> bool:
    """ "…the Framework, endorsed by all United Nations member states": a participle with its
    agent describes, it commits no one."""
    return phrase.casefold().endswith("ed") and bool(re.match(r"\s+by\b", sentence[end:]))


ASPIRATION = "https://w3id.org/digicoop/modality/aspiration"


_COMMITTING = {"will", "shall", "must"}


def _modal_gives_way(scale: Scale, phrase: str, sentence: str, end: int) -> bool:
    """ "The Group will strive to ensure": the commitment is to strive, so a modal directly
    before a verb of aspiration (an adverb between at most) gives way to it."""
    if phrase.casefold() not in _COMMITTING:
        return False  # "should strive to" still recommends
    following = scale.verbs.find(sentence[end : end + 40])
    if not following or not re.fullmatch(
        r"\s+(?:\w+ly\s+)?", sentence[end : end + following[0].start]
    ):
        return False
    return scale.degree_of(following[0].key) == ASPIRATION


def _after_modal(sentence: str, start: int) -> int | None:
    """Where the modal before ``start`` begins ("will" in "will endeavour to"), if any."""
    m = re.search(r"\b(\w+)\s+(?:\w+ly\s+)?$", sentence[:start])
    return m.start(1) if m and m.group(1).casefold() in _MODALS else None


_GOVERNING = re.compile(
    r"\b(?P<verb>[a-z]\w*)\s+(?:our|their|its|his|her)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)


def _holder(sentence: str, start: int) -> tuple[int, int] | None:
    """Who holds a commitment named by a noun: the subject of the verb that states it
    ("we hereby declare our intention to", "They underscored their commitment to")."""
    m = _GOVERNING.search(sentence[:start])
    if m is None or m.group("verb").casefold() in _PREPOSITIONS | _DETERMINERS:
        return None
    return _subject(sentence, m.start("verb"))


def _negated(scale: Scale, concept: str, sentence: str) -> str:
    if concept in scale.negation and _NEGATING.match(sentence):
        return scale.negation[concept]
    return concept


def find(provision: Provision, scale: Scale) -> list[_Found]:
    """Every counted phrase of the scale in ``provision``, in reading order."""
    return list(_find(provision.text, scale))


@lru_cache(maxsize=TEXT_CACHE)
def _find(text: str, scale: Scale) -> tuple[_Found, ...]:
    """:func:`find` on a provision's text: kept per text, since a provision is read for its
    verbs, its nouns and as a lead-in, and a corpus repeats its clauses."""
    found: list[_Found] = []
    for s_start, s_end in sentences(text):
        sentence = text[s_start:s_end]
        in_sentence: list[_Found] = []
        for match in scale.verbs.find(sentence):
            phrase = sentence[match.start : match.end]
            at = match.start
            if scale.degree_of(match.key) == ASPIRATION and (modal := _after_modal(sentence, at)):
                at = modal  # "will endeavour to": judged, and its subject found, at the modal
            if not _counts(sentence, at, sentence[at : match.end]) or _passive(
                sentence, match.end, phrase
            ):
                continue
            if _modal_gives_way(scale, phrase, sentence, match.end) or _announced(sentence, at):
                continue
            concept = _negated(scale, match.key, sentence)
            # "Research cooperation will be set up": the subject of a passive is not bound.
            passive = re.match(
                r"\s+(?:\w+ly\s+)?be\s+(?:\w+ly\s+)?(?:\w+(?:ed|en)|set|made|held|put|built|kept|paid|run)\b",
                sentence[match.end :],
            )
            subject = None if passive else _subject(sentence, at)
            actor = (s_start + subject[0], s_start + subject[1]) if subject else None
            if subject and _COORDINATED.search(sentence[subject[0] : subject[1]]):
                # "Both sides should promote their shared vision globally and [should] …":
                # a second verb of the same subject, bound as the first one is.
                actor = next((f.actor for f in reversed(in_sentence) if not f.noun), None)
            in_sentence.append(
                _Found(concept, s_start + match.start, s_start + match.end, False, actor)
            )
        nouns = [(m.start, m.end, m.key) for m in scale.nouns.find(sentence)]
        for m in scale.copular.finditer(sentence):
            nouns.append((m.start(), m.end(), scale.copular_concepts[m.group("noun").casefold()]))
        for n_start, n_end, concept in sorted(nouns):
            clause_start = max(sentence.rfind(sep, 0, n_start) for sep in (",", ";", ":"))
            if _in_relative_clause(sentence[clause_start + 1 : n_start]):
                continue
            if any(f.start <= s_start + n_start < f.end for f in in_sentence):
                continue
            holder = _holder(sentence, n_start)
            actor = (s_start + holder[0], s_start + holder[1]) if holder else None
            in_sentence.append(_Found(concept, s_start + n_start, s_start + n_end, True, actor))
        ordered = _governed(sorted(in_sentence, key=lambda f: f.start), scale, text)
        found.extend(_main_clause(ordered, s_start, text))
    return tuple(found)


def _main_clause(found: list[_Found], s_start: int, text: str) -> list[_Found]:
    """A participle opening a sentence ("Recognizing the importance …, both sides commit
    to …") is subordinate when a main verb follows: the main verb speaks."""
    first = found[0] if found else None
    if (
        first is not None
        and len(found) > 1
        and first.start == s_start
        and not first.noun
        and text[first.start : first.end].split()[0].casefold().endswith("ing")
    ):
        return found[1:]
    return found


def _governed(found: list[_Found], scale: Scale, text: str) -> list[_Found]:
    """A position verb whose object is a commitment ("We reaffirm our commitment to…")
    gives way to it; the commitment takes the verb's subject as its actor."""
    kept: list[_Found] = []
    for i, f in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (
            scale.degree_of(f.concept) == ACKNOWLEDGEMENT
            and nxt is not None
            and nxt.noun
            and scale.degree_of(nxt.concept) != ACKNOWLEDGEMENT
            and len(text[f.end : nxt.start].split()) <= 6
            and not re.search(r"[,;:]", text[f.end : nxt.start])
        ):
            found[i + 1] = _Found(nxt.concept, nxt.start, nxt.end, True, f.actor)
            continue
        kept.append(f)
    return kept


def own_modalities(provision: Provision, scale: Scale) -> list[ConceptLink]:
    """One link per concept the provision's own text carries, first mention quoted, in
    reading order."""
    return _links(provision, find(provision, scale))


def _links(provision: Provision, found: list[_Found]) -> list[ConceptLink]:
    links: dict[str, ConceptLink] = {}
    for f in found:
        actor = Quote(provision, *f.actor) if f.actor else None
        links.setdefault(
            f.concept, ConceptLink(provision, f.concept, Quote(provision, f.start, f.end), actor)
        )
    return list(links.values())


def verbal(provision: Provision, scale: Scale) -> list[ConceptLink]:
    """The links carried by verb phrases (an item with one speaks for itself)."""
    return _links(provision, [f for f in find(provision, scale) if not f.noun])


def nominal(provision: Provision, scale: Scale) -> list[ConceptLink]:
    return _links(provision, [f for f in find(provision, scale) if f.noun])


_LEAD_IN_END = re.compile(r"(?:[:─—–-]|\bas follows\.)\s*$", re.I)
# "… jointly committed to the following actions in support of this mission.": a last
# sentence announcing the items that follow, wherever a heading puts them.
_FOLLOWING = re.compile(r"\bthe\s+following\s+[a-z]+s\b[^.:;]*\.?\s*$", re.I)


def is_chapeau(provision: Provision) -> bool:
    """A lead-in: ends with a colon or a dash ("including by─"), or "as follows.", or its
    last sentence announces "the following actions"."""
    text = provision.text.rstrip()
    return bool(_LEAD_IN_END.search(text) or _FOLLOWING.search(text))


_LIST_MEMBERS = ("item", "subitem", "point")


def announces_items(provision: Provision) -> bool:
    """A lead-in by "the following …" alone (no colon): it governs the list members that
    follow, not paragraphs of prose that come after them."""
    text = provision.text.rstrip()
    return not _LEAD_IN_END.search(text) and bool(_FOLLOWING.search(text))


def governs(lead_in: Provision, provision: Provision) -> bool:
    """Whether ``lead_in`` can govern ``provision`` (see ``announces_items``)."""
    return provision.kind in _LIST_MEMBERS or not announces_items(lead_in)


# An item that completes its lead-in's sentence: after a label and a colon, a word in lower
# case ("Trusted tech ecosystems: exchange information and seek to …"), or a verb in -ing
# whose item names no one of its own ("Encouraging reporting of …", not "Building on the
# UK's Presidency, both Participants will …").
_LABELLED = re.compile(r"^[^:.;]{1,80}:\s+[a-z]")
_GERUND = re.compile(r"^[A-Za-z]+ing\b")


def continues_lead_in(provision: Provision, own: Sequence[ConceptLink]) -> bool:
    """Whether an item's opening verb completes its lead-in ("We will: exchange …",
    "committed to the following actions: … Encouraging …"), so that the lead-in's modality
    comes first, before the item's own verbs (``own``, in reading order)."""
    if provision.kind not in _LIST_MEMBERS:
        return False
    text = provision.text.strip()
    if _LABELLED.match(text):
        return True
    return bool(_GERUND.match(text)) and not any(link.actor for link in own)


def lead_in_links(provision: Provision, scale: Scale) -> list[ConceptLink]:
    """What a lead-in carries into its items: the modality of its last sentence (the one
    that introduces them), or of the whole text if that sentence has none."""
    found = find(provision, scale)
    text = provision.text.rstrip()
    spans = list(sentences(provision.text))
    if spans:
        last_start = spans[-1][0]
        tail = [f for f in found if f.start >= last_start]
        if tail:
            found = tail
    if announces_items(provision):
        # "… jointly committed to the following actions": the verb must govern "the
        # following" in its own clause; "resolved to support …, with a particular focus on
        # the following areas" announces areas, not what is resolved.
        clause = max(text.rfind(","), text.rfind(";"), spans[-1][0] if spans else 0)
        found = [f for f in found if f.start >= clause]
    return _links(provision, found)


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
    first = next(iter(sentences(text)), (0, len(text)))
    head = text[first[0] : first[1]]
    for finite in _FINITE.finditer(head):
        before = re.findall(r"[\w’']+", head[: finite.start()])[-4:]
        if not any(word.casefold() in _RELATIVE for word in before):
            return True
    return bool(_SUBJECT_VERB.search(head))


def is_heading_only(provision: Provision) -> bool:
    """Sections, pillars and titled points whose only text is their heading bind no one."""
    text = provision.text.strip()
    return provision.kind in ("section", "annex", "pillar", "subheading") or (
        bool(provision.heading) and text == (provision.heading or "").strip()
    )
