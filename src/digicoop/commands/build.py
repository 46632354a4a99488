"""`digicoop build`: the corpus → graphs/, validated before anything is replaced."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from digicoop.paths import Paths, find_root
from digicoop.pipeline import build

NAME = "build"
HELP = "Build the knowledge graph from corpus/ into graphs/ (validated, deterministic, atomic)."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root", type=Path, help="project root (default: found from the working directory)"
    )
    parser.add_argument(
        "--no-validate", action="store_true", help="skip SHACL validation (not for releases)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")


def run(args: argparse.Namespace) -> int:
    paths = Paths(args.root.resolve() if args.root else find_root())
    progress = (
        None if args.quiet or not sys.stderr.isatty() else (lambda msg: print(msg, file=sys.stderr))
    )
    result = build(paths, validate=not args.no_validate, progress=progress)
    if not args.quiet:
        triples = sum(len(g) for g in result.graphs.values())
        print(f"built {len(result.graphs)} agreements, {triples} triples -> {paths.graphs}")
    return 0
