"""``digicoop push URL``: publish every named graph into a SPARQL 1.1 Graph Store server.

URL is the server's Graph Store endpoint (Oxigraph: ``http://host:7878/store``; Fuseki:
``http://host:3030/ds/data``). ``--update`` names its SPARQL Update endpoint (Oxigraph:
``/update``; Fuseki: ``/ds/update``) so the staged graphs are switched into place in one
transaction; without it the switch is graph by graph with a copy kept for rollback (see
:mod:`digicoop.store.push`). Exit codes: 0 pushed and counts checked, 2 the push failed (one line
on stderr: the published graphs were left as they were, or it says what to re-run).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from digicoop.paths import Paths, find_root
from digicoop.progress import progress_bar
from digicoop.store.push import Plan, push

NAME = "push"
HELP = "Publish the named graphs to a SPARQL 1.1 Graph Store Protocol server (PUT per graph)."
EXAMPLES = """examples:
  digicoop push http://localhost:7878/store --update http://localhost:7878/update   # Oxigraph
  digicoop push http://localhost:3030/ds/data --update http://localhost:3030/ds/update  # Fuseki
"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "url", help="the server's Graph Store endpoint, e.g. http://host:7878/store"
    )
    parser.add_argument(
        "--update", metavar="URL", help="its SPARQL Update endpoint (atomic switch)"
    )
    parser.add_argument("--data", type=Path, help="dataset to push (default graphs/digicoop.trig)")
    parser.add_argument("--root", type=Path, help="project root (default: found)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")


def run(args: argparse.Namespace) -> int:
    data = args.data or Paths(args.root.resolve() if args.root else find_root()).dataset
    plan = Plan.from_file(data)
    with progress_bar("push", total=len(plan.graphs), enabled=not args.quiet) as advance:
        report = push(plan, args.url, update_url=args.update, progress=lambda _graph: advance())
    if not args.quiet:
        how = "in one transaction" if report.atomic else "graph by graph"
        print(f"pushed {report.graphs} graphs, {report.triples} triples to {args.url} ({how})")
    return 0
