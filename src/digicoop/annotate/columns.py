"""Signatories of a two-column block that conversion has interleaved line by line.

A converted two-column block reads "For the Government of the / For / the Government of
Malaysia: / United States of America: / Donald J. Trump / Anwar Ibrahim / President / Prime
Minister": the columns' wrapped lines cross, so the sides cannot be told apart by where their
words fall. What survives is the order of each kind of line: the names in column order, the
titles in column order, and how many sides there are ("For …" openings). The sides themselves
are taken in the order the text's parties were named (title and opening formula), which is
the order of the columns by the usual practice of signature blocks.
"""

from __future__ import annotations

import re

import regex

from digicoop.annotate.lines import Line, lines
from digicoop.annotate.parties import PartyLexicon
from digicoop.annotate.phrases import PhraseMatcher
from digicoop.annotate.records import Quote, Signature
from digicoop.annotate.signatures import has_post_word
from digicoop.model import Provision

_FOR = re.compile(r"^(?:For|On)\b", re.IGNORECASE)
_RULE = re.compile(r"^[_\-=─—\s]+$")
# A name's words begin with a capital of any alphabet ("Łukasz", "Ștefan": \p{Lu}, which the
# standard re lacks), or are an initial or a particle.
_NAME_WORD = r"(?:\p{Lu}[\w’'-]*\.?|\p{Lu}\.|bin|binti|al|Al|de|van|von)"
_PERSON = regex.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,5}}$")
_NOT_PERSON = re.compile(
    r"\b(?:Government|Ministry|Minister|President|Secretary|Republic|Kingdom|States|Union|"
    r"Agency|Department|Office|Council|Commission|America)\b",
    re.IGNORECASE,
)


def _prose(line: str) -> bool:
    """A line of running text (a note after the block), not a name, side or long title:
    lower-case words outnumber capitalised ones."""
    words = re.findall(r"[A-Za-z][\w’'-]*", line)
    lower = sum(w[0].islower() for w in words)
    return lower >= 5 and lower > len(words) - lower


def _title(text: str, parties: PartyLexicon, offices: PhraseMatcher) -> str | bool | None:
    """False if the line is no title; else the side its words name ("U.S. Assistant to the
    President", "UAE National Security Advisor") or None: an office opens the line, or
    follows only a party's name or demonym."""
    office = offices.find(text)
    if not office or not text[office[0].start].isupper():
        return False
    head = text[: office[0].start].strip()
    if not head:
        return None
    for finder in (parties.find, parties.demonyms.find):
        found = finder(head)
        if found and found[0].start == 0 and found[0].end == len(head):
            return found[0].key
    return False


def _after_formula(text: str) -> int:
    """Where the closing formula ("Signed at …, in the English language.") ends."""
    m = re.match(r"(?:Signed|Done|Executed)\b[^.]*(?:\.(?=\s)|$)", text, re.IGNORECASE | re.S)
    return m.end() if m else 0


def read_columns(
    provision: Provision, parties: PartyLexicon, offices: PhraseMatcher, order: list[str]
) -> list[Signature]:
    """Signatures of an interleaved block, or [] when it does not read as one."""
    body = _after_formula(provision.text)
    block = []
    for line in lines(provision.text[body:], body):
        if _prose(line.text) or re.match(r"\[\d+\]", line.text):
            break  # notes or text after the block
        if not _RULE.match(line.text):
            block.append(line)
    names: list[Line] = []
    titles: list[Line] = []
    title_sides: list[str | None] = []
    sides = 0
    mentioned: list[str] = []
    previous = ""
    for line in block:
        text = line.text.rstrip(":")
        found = [m.key for m in parties.find(text)]
        if _FOR.match(text):
            sides += 1
        title_side = _title(text, parties, offices)
        if previous == "title" and re.search(r"(?:\b[a-z]+|,)$", titles[-1].text) and not found:
            # A title wrapped onto the next line ("… to the President for / National …").
            last = titles[-1]
            titles[-1] = Line(provision.text[last.start : line.start + len(line.text)], last.start)
        elif title_side is not False:
            titles.append(line)
            title_sides.append(title_side if isinstance(title_side, str) else None)
            previous = "title"
        elif (
            _PERSON.match(text)
            and not _NOT_PERSON.search(text)
            and not has_post_word(text)
            and not found
        ):
            names.append(line)
            previous = "name"
        else:
            previous = ""
        mentioned.extend(code for code in found if code not in mentioned)
    in_order = [code for code in order if code in mentioned]
    in_order += [code for code in mentioned if code not in in_order]
    if not names or len(names) > max(sides, len(in_order)):
        return []
    signatures = []
    for index, name in enumerate(names):
        title = titles[index] if index < len(titles) else None
        side = title_sides[index] if index < len(title_sides) else None
        if side is None:
            side = in_order[index] if index < len(in_order) else None
        signatures.append(
            Signature(
                # "Donald. J. Trump": a stop after a whole word is a slip, not an initial.
                name=re.sub(r"(?<=\w\w)\.(?=\s)", "", name.text),
                family_name=None,
                given_name=None,
                title=" ".join(title.text.split()) if title else None,
                body=None,
                side=side,
                quote=Quote(provision, name.start, name.start + len(name.text)),
                title_quote=Quote(provision, title.start, title.start + len(title.text))
                if title
                else None,
                body_quote=None,
            )
        )
    return signatures
