"""Properties every segmented document has, checked on the corpus and the other layout."""

from __future__ import annotations

import pytest

from digicoop.model import PROVISION_KINDS, Document, Provision

AGREEMENTS = [
    "japan-denmark-moc",
    "japan-estonia-moc",
    "japan-eu-digital-partnership",
    "japan-luxembourg-moc",
    "japan-uk-digital-partnership",
    "japan-finland-moc",
]
ARTEFACTS = ("**", "<sup", "</sup>", "【", "】", "http", "---", "##", "  ")


def parents(document: Document) -> list[tuple[Provision | None, Provision]]:
    pairs: list[tuple[Provision | None, Provision]] = []

    def visit(parent: Provision | None, nodes: tuple[Provision, ...]) -> None:
        for node in nodes:
            pairs.append((parent, node))
            visit(node, node.children)

    visit(None, document.provisions)
    return pairs


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_every_character_leads_back_to_the_raw_text(
    documents: dict[str, Document], agreement: str
) -> None:
    document = documents[agreement]
    raw = document.source.text
    for provision in document.walk():
        assert len(provision.offsets) == len(provision.text) + 1, provision.eid
        for index, char in enumerate(provision.text):
            source_char = raw[provision.offsets[index]]
            if char.isspace():
                assert source_char.isspace(), (provision.eid, index)
            else:
                assert source_char == char, (provision.eid, index, char, source_char)
        assert provision.offsets == tuple(sorted(provision.offsets)), provision.eid


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_spans_nest_and_follow_document_order(
    documents: dict[str, Document], agreement: str
) -> None:
    document = documents[agreement]
    for parent, provision in parents(document):
        assert provision.start <= provision.end, provision.eid
        if provision.text:
            assert provision.start <= provision.offsets[0], provision.eid
            assert provision.offsets[-1] <= provision.end, provision.eid
        if parent is not None:
            assert parent.start <= provision.start and provision.end <= parent.end
    ends = [p.end for p in document.provisions]
    starts = [p.start for p in document.provisions]
    assert all(end <= start for end, start in zip(ends, starts[1:], strict=False))


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_eids_are_unique_paths(documents: dict[str, Document], agreement: str) -> None:
    document = documents[agreement]
    eids = [p.eid for p in document.walk()]
    assert len(eids) == len(set(eids))
    for parent, provision in parents(document):
        if parent is None:
            assert "__" not in provision.eid
        else:
            assert provision.eid.startswith(parent.eid + "__")
            assert "__" not in provision.eid[len(parent.eid) + 2 :]


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_clean_text_has_no_artefacts(documents: dict[str, Document], agreement: str) -> None:
    for provision in documents[agreement].walk():
        assert provision.kind in PROVISION_KINDS
        assert provision.text == provision.text.strip()
        if provision.kind != "signatures":
            assert "\n" not in provision.text, provision.eid
            assert not any(a in provision.text for a in ARTEFACTS), provision.eid
        if provision.kind not in {"preamble"}:
            assert provision.text, provision.eid
