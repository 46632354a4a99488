"""Comparison pages: a partner x topic matrix and a timeline, as HTML and as CSV.

Matrix: one row per partner (the side that is not the home party), one column per topic;
each cell counts the partner's provisions on the topic, shows their modality mix (binding
obligation, firm commitment, intention, … acknowledgement) as a bar and text, and lists the
provisions, each linked to its page. Timeline: signatures, ends of initial terms and
notice deadlines in date order, with an SVG time axis.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from digicoop.export.sparql import Row
from digicoop.pages.html import escape, link
from digicoop.pages.query_page import label_map
from digicoop.pages.source import select
from digicoop.pages.templating import page

router = APIRouter()

# The degrees of the commitment scale (ontology/modality.ttl), firmest first.
DEGREE_COLOURS = {
    "binding obligation": "#9467bd",
    "firm commitment": "#d62728",
    "intention": "#ff7f0e",
    "recommendation": "#2ca02c",
    "directive": "#8c564b",
    "aspiration": "#e377c2",
    "possibility": "#1f77b4",
    "acknowledgement": "#7f7f7f",
    "none found": "#cccccc",
}


def _degrees(row: Row) -> list[str]:
    text = row["degrees"].value if "degrees" in row else ""
    return [d for d in text.split("|") if d] or ["none found"]


def _csv(header: list[str], rows: list[list[object]], name: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/compare/matrix.csv", summary="Partner x topic matrix as CSV")
async def matrix_csv(request: Request) -> Response:
    """One line per (partner, topic): provisions, modality counts and the provision IRIs."""
    rows = await select(request, "matrix")
    cells: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        cells[(row["partnerLabel"].value, row["topicLabel"].value)].append(row)
    degrees = [d for d in DEGREE_COLOURS]
    lines = []
    for (partner, topic), found in sorted(cells.items()):
        mix = Counter(d for row in found for d in _degrees(row))
        first = found[0]
        lines.append(
            [partner, first["partner"].value, topic, first["topic"].value, len(found)]
            + [mix.get(d, 0) for d in degrees]
            + [" ".join(row["provision"].value for row in found)]
        )
    header = ["partner", "partner_iri", "topic", "topic_iri", "provisions"]
    header += [d.replace(" ", "_") for d in degrees] + ["provision_iris"]
    return _csv(header, lines, "partner-topic-matrix")


@router.get("/compare/matrix.html", response_class=HTMLResponse, summary="Partner x topic matrix")
async def matrix_html(request: Request) -> HTMLResponse:
    rows = await select(request, "matrix")
    names = await label_map(request, (row["provision"].value for row in rows))
    partners: dict[str, str] = {}
    topics: dict[str, str] = {}
    cells: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        partners[row["partner"].value] = row["partnerLabel"].value
        topics[row["topic"].value] = row["topicLabel"].value
        cells[(row["partner"].value, row["topic"].value)].append(row)
    partner_order = sorted(partners, key=partners.__getitem__)
    topic_order = sorted(topics, key=lambda t: topics[t].lower())
    head = "".join(f"<th>{link(p, partners[p])}</th>" for p in partner_order)
    body_rows = []
    for topic in topic_order:
        cols = "".join(_cell(cells.get((p, topic), []), names) for p in partner_order)
        body_rows.append(f"<tr><th>{link(topic, topics[topic])}</th>{cols}</tr>")
    legend = " ".join(
        f'<span style="color:{c}">■</span> {escape(d)}' for d, c in DEGREE_COLOURS.items()
    )
    body = (
        "<p>Provisions of each partner's agreement(s) per topic, with the modality mix of "
        f'each cell (a provision may carry several degrees). {legend}. <a href="/compare/'
        'matrix.csv">CSV</a></p>'
        f'<table id="matrix"><tr><th>topic</th>{head}</tr>{"".join(body_rows)}</table>'
    )
    return HTMLResponse(
        page(
            "Partner × topic matrix",
            body,
            {"text/csv": "/compare/matrix.csv"},
            current="/compare/matrix.html",
        )
    )


def _cell(found: list[Row], names: dict[str, str]) -> str:
    if not found:
        return '<td class="cell muted">–</td>'
    mix = Counter(d for row in found for d in _degrees(row))
    total = sum(mix.values())
    bar = "".join(
        f'<span style="width:{100 * n / total:.0f}%;background:{DEGREE_COLOURS.get(d, "#999")}"'
        f' title="{escape(d)}: {n}"></span>'
        for d, n in sorted(mix.items(), key=lambda kv: list(DEGREE_COLOURS).index(kv[0]))
    )
    text = ", ".join(f"{n} {escape(d)}" for d, n in mix.most_common())
    items = "".join(
        f"<li>{link(row['provision'].value, names.get(row['provision'].value, row['eId'].value))}"
        "</li>"
        for row in found
    )
    return (
        f'<td class="cell"><details><summary><b>{len(found)}</b> provision'
        f"{'s' if len(found) != 1 else ''}</summary><ul>{items}</ul></details>"
        f'<div class="bar">{bar}</div><small>{text}</small></td>'
    )


@router.get("/compare/timeline.csv", summary="Timeline as CSV")
async def timeline_csv(request: Request) -> Response:
    rows = await select(request, "timeline")
    lines: list[list[object]] = [
        [
            row["date"].value,
            row["event"].value,
            row["agreementId"].value,
            row["agreement"].value,
            row["place"].value if "place" in row else "",
        ]
        for row in rows
    ]
    return _csv(["date", "event", "agreement_id", "agreement_iri", "place"], lines, "timeline")


@router.get("/compare/timeline.html", response_class=HTMLResponse, summary="Timeline")
async def timeline_html(request: Request) -> HTMLResponse:
    rows = await select(request, "timeline")
    table = "".join(
        f"<tr><td>{escape(row['date'].value)}</td><td>{escape(row['event'].value)}</td>"
        f"<td>{link(row['agreement'].value, row['agreementId'].value)}</td>"
        f"<td>{escape(row['place'].value) if 'place' in row else ''}</td></tr>"
        for row in rows
    )
    body = (
        f"{_axis(rows)}<p>Signatures, ends of initial terms and the last day to give notice "
        'of non-renewal, as the graph states or derives them. <a href="/compare/timeline.csv">'
        "CSV</a></p>"
        '<table id="timeline"><tr><th>date</th><th>event</th><th>agreement</th><th>place</th>'
        f"</tr>{table}</table>"
        '<p class="muted">Agreements without a stated date or term do not appear.</p>'
    )
    return HTMLResponse(
        page(
            "Timeline",
            body,
            {"text/csv": "/compare/timeline.csv"},
            current="/compare/timeline.html",
        )
    )


EVENT_COLOURS = {"signed": "#1f77b4", "notice deadline": "#d62728", "initial term ends": "#ff7f0e"}


def _axis(rows: list[Row]) -> str:
    """An SVG time axis: one lane per agreement, a mark per event."""
    if not rows:
        return ""
    dates = [date.fromisoformat(row["date"].value[:10]) for row in rows]
    lanes = sorted({row["agreementId"].value for row in rows})
    start, end = min(dates).replace(month=1, day=1), max(dates).replace(month=12, day=31)
    span = max((end - start).days, 1)
    width, left, lane_height = 900, 200, 28
    height = 40 + lane_height * len(lanes)

    def x(day: date) -> float:
        return left + (width - left - 20) * (day - start).days / span

    parts = [f'<svg id="timeline-axis" width="{width}" height="{height}" font-size="11">']
    for year in range(start.year, end.year + 1):
        xpos = x(date(year, 1, 1))
        parts.append(
            f'<line x1="{xpos:.0f}" y1="20" x2="{xpos:.0f}" y2="{height}" stroke="#eee"/>'
            f'<text x="{xpos + 2:.0f}" y="14">{year}</text>'
        )
    for number, lane in enumerate(lanes):
        y = 40 + number * lane_height
        parts.append(f'<text x="0" y="{y + 4}">{escape(lane)}</text>')
        parts.append(f'<line x1="{left}" y1="{y}" x2="{width - 20}" y2="{y}" stroke="#ccc"/>')
    for row, day in zip(rows, dates, strict=True):
        y = 40 + lanes.index(row["agreementId"].value) * lane_height
        colour = EVENT_COLOURS.get(row["event"].value, "#555")
        parts.append(
            f'<circle cx="{x(day):.1f}" cy="{y}" r="6" fill="{colour}"><title>'
            f"{escape(row['event'].value)} {escape(row['date'].value)}</title></circle>"
        )
    parts.append("</svg>")
    legend = " ".join(
        f'<span style="color:{c}">●</span> {escape(e)}' for e, c in EVENT_COLOURS.items()
    )
    return "".join(parts) + f"<p>{legend}</p>"
