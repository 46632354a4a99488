"""``digicoop export VIEW --format FORMAT [-o FILE]``: a view of the graph for another tool.

Reads ``graphs/digicoop.trig`` (or ``--data``), projects the view by SPARQL and writes it
to ``FILE`` atomically (a temporary file in the same folder, then a rename, so a reader
never sees half a file), or to standard output. An unknown view or format is a usage error
(exit 2) listing the known ones.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from digicoop.errors import DigicoopError

NAME = "export"
HELP = "Export a view of the graph (GraphML, GEXF, Cytoscape, node-link, DOT, HTML, SVG, PNG)."


def configure(parser: argparse.ArgumentParser) -> None:
    from digicoop.export import FORMATS, VIEWS

    parser.add_argument("view", metavar="VIEW", help=f"one of: {', '.join(VIEWS)}")
    parser.add_argument(
        "--format", "-f", default="graphml", metavar="FORMAT",
        help=f"one of: {', '.join(FORMATS)} (default graphml)",
    )  # fmt: skip
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here (default: standard output)"
    )
    parser.add_argument(
        "--data", type=Path, default=None, metavar="FILE",
        help="RDF dataset to read (default graphs/digicoop.trig under the project root)",
    )  # fmt: skip


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp's 0600 would hide the file from others
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    from digicoop.export import VIEWS, export, get_format
    from digicoop.export.sparql import store_select
    from digicoop.export.views import UnknownViewError
    from digicoop.paths import Paths, find_root
    from digicoop.store import DataSource, GraphStore

    get_format(args.format)  # a usage error before any reading
    if args.view not in VIEWS:
        raise UnknownViewError(f"unknown view {args.view!r} (known: {', '.join(VIEWS)})")
    data = args.data or Paths(find_root()).dataset
    if not data.is_file():
        raise DigicoopError(f"{data}: no such file (run 'digicoop build' first)")
    store = GraphStore.load([DataSource(data)])
    body = export(args.view, args.format, store_select(store))
    if args.output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
    else:
        write_atomically(args.output, body)
        print(f"digicoop: wrote {args.output} ({len(body)} bytes)", file=sys.stderr)
    return 0
