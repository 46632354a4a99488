"""``digicoop export``: views of the graph for other tools, and a calendar of deadlines.

Reads ``graphs/digicoop.trig`` (or ``--data``), projects the view by SPARQL and writes it
to ``FILE`` atomically (a temporary file in the same folder, then a rename, so a reader
never sees half a file), or to standard output. ``--all DIR`` writes every view in every
format (PNG only if asked: it needs a browser) and ``calendar.ics``. An unknown view or
format is a usage error (exit 2) listing the known ones.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from digicoop.atomic import write_atomically
from digicoop.errors import DigicoopError

NAME = "export"
HELP = (
    "Write a view of the graph for Gephi, yEd, Cytoscape, D3 or Graphviz, an HTML/SVG/PNG "
    "picture, or an iCalendar file of term ends and notice deadlines."
)
EXAMPLES = """examples:
  digicoop export agreements-topics --format gexf -o agreements-topics.gexf   # open in Gephi
  digicoop export partners-initiatives --format html -o view.html             # interactive page
  digicoop export calendar -o deadlines.ics         # term ends and notice deadlines, one event each
  digicoop export --all exports/                    # every view in every format, and the calendar
"""


def configure(parser: argparse.ArgumentParser) -> None:
    from digicoop.export import ALL_FORMATS, CALENDAR, FORMATS, VIEWS

    parser.add_argument(
        "view", metavar="VIEW", nargs="?",
        help=f"one of: {', '.join(VIEWS)}; or {CALENDAR} (iCalendar of deadlines)",
    )  # fmt: skip
    parser.add_argument(
        "--format", "-f", default=None, metavar="FORMAT",
        help=f"one of: {', '.join(FORMATS)} (default graphml; ics for the calendar)",
    )  # fmt: skip
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here (default: standard output)"
    )
    parser.add_argument(
        "--all", type=Path, metavar="DIR", dest="all_dir",
        help="write every view in every format, and calendar.ics, into DIR",
    )  # fmt: skip
    parser.add_argument(
        "--formats", default=",".join(ALL_FORMATS), metavar="F,F",
        help="with --all: the formats to write (default: all but png, which needs a browser)",
    )  # fmt: skip
    parser.add_argument(
        "--data", type=Path, default=None, metavar="FILE",
        help="RDF dataset to read (default graphs/digicoop.trig under the project root)",
    )  # fmt: skip


def _select(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from digicoop.export.sparql import store_select
    from digicoop.paths import Paths, find_root
    from digicoop.store import DataSource, GraphStore

    data = args.data or Paths(find_root()).dataset
    if not data.is_file():
        raise DigicoopError(f"{data}: no such file (run 'digicoop build' first)")
    return store_select(GraphStore.load([DataSource(data)]))


def run(args: argparse.Namespace) -> int:
    from digicoop.export import CALENDAR, VIEWS, export, export_all, get_format
    from digicoop.export.views import UnknownViewError

    if args.all_dir is not None:
        if args.view or args.output:
            raise DigicoopError("--all writes every view: give no VIEW and no -o")
        formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
        for name in formats:
            get_format(name)  # a usage error before any reading
        files = export_all(_select(args), formats)
        for name, body in files.items():  # each file whole or not at all
            write_atomically(args.all_dir / name, body)
        print(f"digicoop: wrote {len(files)} files to {args.all_dir}", file=sys.stderr)
        return 0
    if not args.view:
        raise DigicoopError("give a VIEW (or --all DIR); see digicoop export --help")
    if args.view == CALENDAR:
        if args.format not in (None, "ics"):
            raise DigicoopError(f"the calendar is written as ics, not {args.format!r}")
        fmt_name = "ics"
    else:
        fmt_name = args.format or "graphml"
        get_format(fmt_name)  # a usage error before any reading
        if args.view not in VIEWS:
            known = ", ".join([*VIEWS, CALENDAR])
            raise UnknownViewError(f"unknown view {args.view!r} (known: {known})")
    body = export(args.view, fmt_name, _select(args))
    if args.output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
    else:
        write_atomically(args.output, body)
        print(f"digicoop: wrote {args.output} ({len(body)} bytes)", file=sys.stderr)
    return 0
