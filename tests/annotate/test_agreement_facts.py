"""Agreement-level facts, pinned from a reading of each text.

Signing places and dates, signatories, terms and notice come from the closing formula and the
term clauses; where a text states nothing (the EU and UK partnerships give no date, place or
language of signature), nothing is asserted.
"""

from __future__ import annotations

from datetime import date

import pytest

from digicoop.annotate import Annotations

EE, DK, LU = "japan-estonia-moc", "japan-denmark-moc", "japan-luxembourg-moc"
EU, UK = "japan-eu-digital-partnership", "japan-uk-digital-partnership"


@pytest.mark.parametrize(
    ("agreement", "kind", "parties"),
    [
        (EE, "MemorandumOfCooperation", {"jp", "ee"}),
        (DK, "MemorandumOfCooperation", {"jp", "dk"}),
        (LU, "MemorandumOfCooperation", {"jp", "lu"}),
        (EU, "DigitalPartnership", {"jp", "eu"}),
        (UK, "DigitalPartnership", {"jp", "gb"}),
    ],
)
def test_kind_and_parties(
    notes: dict[str, Annotations], agreement: str, kind: str, parties: set[str]
) -> None:
    n = notes[agreement]
    assert n.kind is not None and n.kind.value == kind
    assert {ref.code for ref, _ in n.parties} == parties


@pytest.mark.parametrize(
    ("agreement", "place", "signed", "language"),
    [
        (EE, "Tokyo", date(2026, 4, 27), "en"),  # "in Tokyo on the 27th of April, 2026"
        (
            DK,
            "Copenhagen",
            date(2024, 5, 1),
            "en",
        ),  # "Signed in Copenhagen, … on the 1st of May 2024"
        (LU, "Luxembourg City", date(2026, 5, 4), "en"),
    ],
)
def test_signing_place_date_and_language(
    notes: dict[str, Annotations], agreement: str, place: str, signed: date, language: str
) -> None:
    signing = notes[agreement].signing
    assert signing is not None
    assert (signing.place, signing.date, signing.language) == (place, signed, language)


def test_partnerships_state_no_signing_date_place_or_language(
    notes: dict[str, Annotations],
) -> None:
    assert notes[EU].signing is None
    uk = notes[UK].signing
    assert uk is None or (uk.date, uk.place, uk.language) == (None, None, None)


SIGNATORIES = {
    EE: [
        ("MATSUMOTO Hisashi", "Minister for Digital Transformation", "Digital Agency", "jp"),
        (
            "Liisa-Ly Pakosta",
            "Minister of Justice and Digital Affairs",
            "Ministry of Justice and Digital Affairs",
            "ee",
        ),
    ],
    DK: [
        (
            "MATSUMOTO Takeaki",
            "Minister for Internal Affairs and Communications of Japan",
            "Ministry of Internal Affairs and Communications",
            "jp",
        ),
        (
            "Marie BJERRE",
            "Minister for Digital Government and Gender Equality of The Kingdom of Denmark",
            "Ministry of Digital Government and Gender Equality",
            "dk",
        ),
    ],
    LU: [
        (
            "HAYASHI Yoshimasa",
            "Minister for Internal Affairs and Communications of Japan",
            "Ministry of Internal Affairs and Communications",
            "jp",
        ),
        (
            "Elisabeth MARGUE",
            "Minister Delegate to the Prime Minister for Media and Connectivity of the Grand Duchy of Luxembourg",
            "Ministry of State",
            "lu",
        ),
    ],
    UK: [
        (
            "MATSUMOTO Takeaki",
            "Minister for Internal Affairs and Communications",
            "Ministry of Internal Affairs and Communications",
            "jp",
        ),
        (
            "Michelle Donelan",
            "Secretary of State for Digital, Culture, Media and Sport",
            "Department for Digital, Culture, Media and Sport",
            "gb",
        ),
        (
            "NISHIMURA Yasutoshi",
            "Minister of Economy, Trade and Industry",
            "Ministry of Economy, Trade and Industry",
            "jp",
        ),
        ("KONO Taro", "Minister for Digital Transformation", "Digital Agency", "jp"),
    ],
    EU: [],
}


@pytest.mark.parametrize("agreement", sorted(SIGNATORIES))
def test_signatories_with_title_body_and_side(
    notes: dict[str, Annotations], agreement: str
) -> None:
    found = [
        (s.name, s.title, s.body.name if s.body else None, s.side)
        for s in notes[agreement].signatures
    ]
    assert found == SIGNATORIES[agreement]


def test_family_names_are_taken_only_where_capitals_mark_them(
    notes: dict[str, Annotations],
) -> None:
    by_name = {s.name: s for n in notes.values() for s in n.signatures}
    assert (by_name["MATSUMOTO Takeaki"].family_name, by_name["MATSUMOTO Takeaki"].given_name) == (
        "MATSUMOTO",
        "Takeaki",
    )
    assert by_name["Marie BJERRE"].family_name == "BJERRE"
    assert by_name["Michelle Donelan"].family_name is None


@pytest.mark.parametrize(
    ("agreement", "initial", "renewal", "period", "notice"),
    [
        (EE, "P3Y", True, "P1Y", "P6M"),  # 3 years; successive one-year periods; six months' notice
        (DK, "P3Y", True, "P3Y", "P60D"),  # equal successive periods; sixty days in advance
        (LU, "P3Y", True, "P3Y", "P60D"),
        (EU, None, None, None, None),
        (UK, None, None, None, None),
    ],
)
def test_term_renewal_and_notice(
    notes: dict[str, Annotations],
    agreement: str,
    initial: str | None,
    renewal: bool | None,
    period: str | None,
    notice: str | None,
) -> None:
    t = notes[agreement].terms
    value = lambda v: v.value if v is not None else None  # noqa: E731
    assert (
        value(t.initial_term),
        value(t.automatic_renewal),
        value(t.renewal_period),
        value(t.notice_period),
    ) == (initial, renewal, period, notice)


def test_only_the_eu_partnership_says_it_runs_until_the_sides_end_it(
    notes: dict[str, Annotations],
) -> None:
    assert {a for a, n in notes.items() if n.terms.open_ended} == {EU}
    open_ended = notes[EU].terms.open_ended
    assert open_ended is not None and open_ended.quote.provision.label == "24"


@pytest.mark.parametrize("agreement", [EE, DK, LU, EU, UK])
def test_every_agreement_says_it_creates_no_legal_obligations(
    notes: dict[str, Annotations], agreement: str
) -> None:
    status = notes[agreement].legal_status
    assert status is not None and status.value == "non-binding"
    assert any(
        w in status.quote.text
        for w in ("binding", "legal", "international agreement", "obligations")
    )


def test_bodies_set_up(notes: dict[str, Annotations]) -> None:
    bodies = {a: [(b.name, b.level, b.frequency) for b in n.bodies] for a, n in notes.items()}
    assert bodies == {
        EE: [],
        DK: [],
        LU: [],
        EU: [("Japan-EU Digital Partnership Council", "ministerial", "annual")],
        UK: [
            ("Japan-UK Digital Council", "ministerial", "annual"),
            ("Japan-UK Digital Group", "senior official (Director-General)", "annual"),
        ],
    }


def _roles(n: Annotations) -> set[tuple[str, str, str]]:
    return {(p.org.party, p.org.name, p.role) for p in n.participations}


def test_participants_and_roles_of_the_uk_partnership(notes: dict[str, Annotations]) -> None:
    roles = _roles(notes[UK])
    mic, meti, da = (
        "Ministry of Internal Affairs and Communications",
        "Ministry of Economy, Trade and Industry",
        "Digital Agency",
    )
    dcms, gds = "Department for Digital, Culture, Media and Sport", "Government Digital Service"
    assert {("jp", o, "participant") for o in (mic, meti, da)} | {
        ("gb", dcms, "participant")
    } <= roles
    assert {("jp", o, "lead") for o in (mic, meti, da)} | {
        ("gb", dcms, "lead")
    } <= roles  # §15, §16
    assert (
        "gb",
        gds,
        "contributor",
    ) in roles  # "with input from the Government Digital Service (GDS)"
    assert ("jp", mic, "coordinator") in roles  # "coordinated by the Ministry of Internal Affairs…"
    assert {r for r in roles if r[2] == "coordinator"} == {("jp", mic, "coordinator")}


def test_participants_and_roles_of_the_eu_partnership(notes: dict[str, Annotations]) -> None:
    roles = _roles(notes[EU])
    dg = "European Commission's services (DG Connect)"
    assert {
        ("jp", o, "contributor")
        for o in (
            "Digital Agency",
            "Ministry of Internal Affairs and Communications",
            "Ministry of Economy, Trade and Industry",
        )
    } <= roles
    assert {("jp", "Digital Agency", "secretariat"), ("eu", dg, "secretariat")} <= roles
    assert {("jp", "Digital Agency", "coordinator"), ("eu", dg, "coordinator")} <= roles


def test_estonia_names_its_coordinating_representatives(notes: dict[str, Annotations]) -> None:
    assert {r for r in _roles(notes[EE]) if r[2] == "coordinator"} == {
        ("jp", "Digital Agency", "coordinator"),
        ("ee", "Ministry of Justice and Digital Affairs", "coordinator"),
    }
