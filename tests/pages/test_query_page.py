"""Labels for the query page cost what the page shows: one agreement's outline per agreement
asked about, never every provision of the dataset."""

from __future__ import annotations

import doctest
from collections.abc import Mapping

from digicoop.export.sparql import Row, Select
from digicoop.labels import agreement_names, all_provision_labels
from digicoop.pages import query_page
from digicoop.pages.query_page import AGREEMENTS, _named_labels, _provision_labels, agreement_of
from digicoop.querylib import NamedQuery

DENMARK = AGREEMENTS + "japan-denmark-moc"


def test_an_agreements_outline_labels_its_provisions_as_the_whole_outline_does(
    local: Select,
) -> None:
    asked: list[tuple[str, dict[str, str]]] = []

    def counting(query: NamedQuery, values: Mapping[str, str]) -> list[Row]:
        asked.append((query.name, dict(values)))
        return local(query, values)

    names = agreement_names(local)
    mine = _provision_labels(counting, DENMARK, names[DENMARK])
    assert asked == [("agreement-outline", {"agreement": DENMARK})]
    assert mine[DENMARK + "/sec_4__item_d"] == "Japan–Denmark › Section 4 › d"
    assert all(agreement_of(iri) == DENMARK for iri in mine)
    everything = all_provision_labels(local)
    assert mine == {
        iri: label for iri, label in everything.items() if iri.startswith(DENMARK + "/")
    }


def test_named_resources_are_labelled_without_provisions(local: Select) -> None:
    named = _named_labels(local)
    assert named["https://w3id.org/digicoop/id/party/dk"] == "Denmark"
    assert named[DENMARK] == "japan-denmark-moc"
    assert not any(agreement_of(iri) not in (None, iri) for iri in named)


def test_doctests() -> None:
    assert doctest.testmod(query_page).failed == 0
