"""The iCalendar file of term ends and notice deadlines, re-read by the icalendar parser.

From reading corpus/japan-denmark-moc.txt: signed "1st of May 2024" for "three (3) years",
notice "sixty (60) days" before the end: the term ends 2027-05-01, notice by 2027-03-02.
The EU and UK partnerships state no term, so they have no events.
"""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

from digicoop.export import export
from digicoop.export.sparql import Select, run_text


def test_one_event_per_deadline_with_agreement_and_quote(select: Select) -> None:
    calendar = Calendar.from_ical(export("calendar", "ics", select))
    events = calendar.walk("VEVENT")
    stated = run_text(
        select,
        "PREFIX dco: <https://w3id.org/digicoop/ontology#> SELECT ?a ?d "
        "{ ?a dco:initialTermEnd|dco:noticeDeadline ?d }",
    )
    assert len(events) == len(stated)
    denmark = {str(e["summary"]): e for e in events if "japan-denmark-moc" in str(e["summary"])}
    notice = denmark["Last day to give notice of non-renewal: japan-denmark-moc"]
    assert notice.decoded("dtstart") == date(2027, 3, 2)
    assert "sixty (60) days" in str(notice["description"])
    assert str(notice["url"]).endswith("/id/agreement/japan-denmark-moc")
    end = denmark["Initial term ends: japan-denmark-moc"]
    assert end.decoded("dtstart") == date(2027, 5, 1)
    assert "1st of May 2024" in str(end["description"])
    assert not [e for e in events if "partnership" in str(e["summary"])]
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_the_calendar_is_the_same_bytes_each_time(select: Select) -> None:
    assert export("calendar", "ics", select) == export("calendar", "ics", select)
