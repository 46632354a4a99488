"""``digicoop validate [FILE...]``: check a graph against the shapes and its source texts.

With no FILE it validates the committed dataset ``graphs/digicoop.trig``. Every evidence quote
is also compared with its source file (found under ``--root``). Exit codes: 0 no Violation
(Warnings are printed but pass), 1 at least one Violation, 2 bad input (a missing or
unparseable file, a broken shapes file). ``--engine pyshacl`` validates with pySHACL, the
reference the default fast engine is tested against. Validating the default dataset is
refused (exit 2) when it was not built from ``corpus/manifest.toml`` as it stands.
``--incremental`` validates agreement graph by agreement graph and keeps each agreement's
result in ``build/validate-command/`` (digicoop.validate.incremental): a second run judges
only the agreements whose part of the dataset changed; the report is the same.
``--jobs N`` runs the checks' queries in N processes (the fast engine); same report.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from digicoop.errors import DigicoopError
from digicoop.paths import Paths, find_root
from digicoop.progress import progress_bar
from digicoop.sources import stale_graph
from digicoop.validate import ENGINES, cache_for, fast, shacl, validate_dataset
from digicoop.validate.load import load
from digicoop.validate.report import FORMATS, render

NAME = "validate"
HELP = "Validate the graph (default graphs/digicoop.trig) against shapes/ and the source texts."
EXAMPLES = """examples:
  digicoop validate                          # the built graph against shapes/ and the texts
  digicoop validate --format json other.ttl  # a file of your own, findings as JSON
  digicoop validate --engine pyshacl         # the reference engine (slower, same findings)
  digicoop validate --incremental            # judge only agreements changed since last time
  digicoop validate --jobs 2                 # the checks' queries in two processes
"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="RDF files to validate")
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format")
    parser.add_argument("--root", type=Path, default=None, help="project root (default: found)")
    parser.add_argument(
        "--no-sources", action="store_true", help="skip comparing quotes with the source files"
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="fast",
        help="fast: shapes compiled to SPARQL on Oxigraph (default); pyshacl: the reference",
    )
    parser.add_argument(
        "--incremental",
        action="store_true",
        help="agreement by agreement, reusing unchanged agreements' results (build/validate-command)",
    )
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="processes that run the checks' queries (fast engine; default 1; same report)",
    )


def _jobs(text: str) -> int:
    """A positive number of processes (argparse turns the ValueError into exit 2)."""
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def _load(files: list[Path], root: Path, engine: str) -> Dataset | ox.Store:
    """Files straight into Oxigraph for the fast engine (rdflib's parse alone took 2 s on the
    real graph); rdflib for pySHACL, and whenever Oxigraph refuses a file or the shapes, so
    that what is valid input does not depend on the engine."""
    if engine == "fast":
        try:
            fast.supports(shacl.shapes_graph(Paths(root).shapes))
            return fast.load_files(files)
        except (fast.Unsupported, DigicoopError):
            pass
    return load(files)


def run(args: argparse.Namespace) -> int:
    root = args.root.resolve() if args.root else find_root()
    files = args.files or [Paths(root).dataset]
    if not args.files and (stale := stale_graph(Paths(root).corpus, Paths(root).dataset)):
        raise DigicoopError(stale)  # a stale graph is not what the sources say: exit 2
    with progress_bar("validate", total=None) as advance:
        advance(0, description="loading")
        data = _load(files, root, args.engine)
        advance(0, description="validating (SHACL, then quotes against the sources)")
        if args.incremental:
            if args.engine != "fast":
                raise DigicoopError("--incremental runs on the fast engine only")
            cache = cache_for(root, "validate-command")
            result = validate_dataset(
                data,
                root,
                check_sources=not args.no_sources,
                incremental=True,
                cache=cache,
                jobs=args.jobs,
            )
            cache.prune()  # results of agreements the last run no longer had
        else:
            result = validate_dataset(
                data, root, check_sources=not args.no_sources, engine=args.engine, jobs=args.jobs
            )
    sys.stdout.write(render(result, args.format))
    if args.format == "json":
        sys.stdout.write("\n")
    return 0 if result.conforms else 1
