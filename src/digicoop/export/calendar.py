"""An iCalendar file of the dates a ministry's calendar needs: term ends and notice deadlines.

One all-day event per date the graph states or derives (``dco:initialTermEnd``,
``dco:noticeDeadline``), each naming the agreement, linking to it, and quoting the words the
date was derived from (signing date, initial term, notice period), so the reader of the
calendar entry can check it. Written with the ``icalendar`` library (RFC 5545 folding and
escaping are easy to get subtly wrong by hand). Event UIDs are derived from the agreement
and the kind of date, so a re-import updates events rather than duplicating them, and the
file is the same bytes for the same graph (no timestamps from the clock: DTSTAMP is the
event's own date).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

from icalendar import Calendar, Event

from digicoop.export.sparql import Select, local_name, queries

SUMMARIES = {
    "noticeDeadline": "Last day to give notice of non-renewal",
    "initialTermEnd": "Initial term ends",
}


def to_ical(select: Select, link_base: str = "https://w3id.org/digicoop/") -> bytes:
    """The calendar of every agreement's term end and notice deadline."""
    calendar = Calendar()
    calendar.add("prodid", "-//digicoop//agreement deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "digicoop: agreement terms and notice deadlines")
    for row in select(queries("export")["calendar"], {}):
        kind = local_name(row["property"].value)
        day = date.fromisoformat(row["date"].value[:10])
        identifier, title = row["id"].value, row["title"].value
        agreement = row["agreement"].value
        url = link_base + agreement.removeprefix("https://w3id.org/digicoop/")
        quotes = row["quotes"].value if "quotes" in row else ""
        event = Event()
        uid = hashlib.sha256(f"{agreement} {kind}".encode()).hexdigest()[:24]
        event.add("uid", f"{uid}@digicoop")
        event.add("dtstamp", datetime(day.year, day.month, day.day, tzinfo=UTC))
        event.add("dtstart", day)
        event.add("summary", f"{SUMMARIES.get(kind, kind)}: {identifier}")
        description = f"{title}\n\n{SUMMARIES.get(kind, kind)} on {day.isoformat()}."
        if quotes:
            description += f"\nDerived from the text:\n{quotes}"
        event.add("description", description + f"\n\n{url}")
        event.add("url", url)
        event.add("categories", [kind])
        calendar.add_component(event)
    return calendar.to_ical()
