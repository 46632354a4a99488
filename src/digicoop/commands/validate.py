"""``digicoop validate [FILE...]``: check a graph against the shapes and its source texts.

With no FILE it validates the committed dataset ``graphs/digicoop.trig``. Every evidence quote
is also compared with its source file (found under ``--root``). Exit codes: 0 no Violation
(Warnings are printed but pass), 1 at least one Violation, 2 bad input (a missing or
unparseable file, a broken shapes file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from digicoop.paths import Paths, find_root
from digicoop.progress import progress_bar
from digicoop.validate import validate_dataset
from digicoop.validate.load import load
from digicoop.validate.report import FORMATS

NAME = "validate"
HELP = "Validate the graph (default graphs/digicoop.trig) against shapes/ and the source texts."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="RDF files to validate")
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format")
    parser.add_argument("--root", type=Path, default=None, help="project root (default: found)")
    parser.add_argument(
        "--no-sources", action="store_true", help="skip comparing quotes with the source files"
    )


def run(args: argparse.Namespace) -> int:
    root = args.root.resolve() if args.root else find_root()
    files = args.files or [Paths(root).dataset]
    with progress_bar("validate", total=None) as advance:
        advance(0, description="loading")
        data = load(files)
        advance(0, description="validating (SHACL, then quotes against the sources)")
        result = validate_dataset(data, root, check_sources=not args.no_sources)
    sys.stdout.write(result.format(args.format))
    if args.format == "json":
        sys.stdout.write("\n")
    return 0 if result.conforms else 1
