"""The plain data that flows between the pipeline's stages.

Stages exchange these frozen dataclasses rather than RDF so that segmentation and
annotation stay testable without a graph, and so that `assemble` remains the only place
that mints IRIs and writes triples.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

#: Kinds of provision the segmenter may emit (ontology: dco:provisionKind values).
PROVISION_KINDS = (
    "title",  # the title block before everything else
    "preamble",  # container of the recitals
    "recital",  # one recital / introductory paragraph of the preamble
    "section",  # "SECTION 1", "Section 2.", "Paragraph 3.", "Article 4", an all-caps heading
    "annex",  # "Annex: ..." and its groups
    "pillar",  # "Pillar One: ..."
    "subheading",  # an unnumbered heading grouping what follows ("Semiconductors")
    "paragraph",  # "1." numbered paragraph
    "point",  # "1)" numbered point
    "item",  # "a)" / "a." lettered item
    "subitem",  # "i." / "(ii)" roman item
    "text",  # an unnumbered block of text (a chapeau or a free-standing paragraph)
    "signatures",  # the signature block (closing formula and signatures)
)
#: Kinds whose own text is a title or a heading: a label of what follows, not drafting
#: (digicoop.reuse does not link them: two titles in one frame, "United States-Kenya Joint
#: Leaders' Statement" and "United States-India ...", are not reused wording).
HEADING_KINDS = frozenset({"title", "preamble", "section", "annex", "pillar", "subheading"})


@dataclass(frozen=True)
class Provision:
    """One node of an agreement's structure.

    ``text`` is the provision's *own* clean text (without its children's text): markup,
    footnote markers and blocks, and page breaks are gone. ``offsets[i]`` is the index in
    the raw source of ``text[i]``; ``offsets`` has ``len(text) + 1`` entries, the last being
    the raw end of the own text. ``start``/``end`` span the whole provision in the raw source,
    children included, from its label (or heading) to its last character.
    """

    eid: str
    kind: str
    label: str | None
    heading: str | None
    text: str
    start: int
    end: int
    offsets: tuple[int, ...]
    children: tuple[Provision, ...] = ()
    #: Links in the provision's text: (link text as it reads, target as written).
    links: tuple[tuple[str, str], ...] = ()

    def raw_span(self, clean_start: int, clean_end: int) -> tuple[int, int]:
        """Map a span of ``text`` to the raw source, for evidence quotes."""
        if not 0 <= clean_start < clean_end <= len(self.text):
            raise ValueError(f"span {clean_start}:{clean_end} outside text of {self.eid}")
        return self.offsets[clean_start], self.offsets[clean_end - 1] + 1

    def walk(self) -> Iterator[Provision]:
        """This provision and its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class SourceText:
    """A corpus file checked against its manifest entry."""

    agreement_id: str
    path: str  # relative to the project root, e.g. "corpus/japan-eu-digital-partnership.txt"
    sha256: str
    text: str


@dataclass(frozen=True)
class Document:
    """A segmented agreement: its top-level provisions in document order."""

    source: SourceText
    provisions: tuple[Provision, ...] = field(default_factory=tuple)
    #: Structure warnings, each "path:line: what was found and what was assumed".
    warnings: tuple[str, ...] = ()
    #: Front-matter fields (title, date, source_url, tags): what the file says about itself,
    #: never read from the agreement's wording.
    front_matter: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    def walk(self) -> Iterator[Provision]:
        for provision in self.provisions:
            yield from provision.walk()

    def find(self, eid: str) -> Provision:
        for provision in self.walk():
            if provision.eid == eid:
                return provision
        raise KeyError(eid)
