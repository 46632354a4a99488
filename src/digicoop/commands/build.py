"""`digicoop build`: the corpus → graphs/, validated before anything is replaced."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from digicoop.paths import Paths, find_root
from digicoop.pipeline import InvalidBuild, build
from digicoop.progress import progress_bar

NAME = "build"
HELP = "Build the knowledge graph from corpus/ into graphs/ (validated, deterministic, atomic)."
EXAMPLES = """examples:
  digicoop build                 # corpus/ -> graphs/ (validated; same sources, same bytes)
  digicoop build --jobs 2 -q     # two processes, print nothing on success
  digicoop build --no-cache      # annotate every agreement again (build/cache unused)
  digicoop build --root ../other-project
"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root", type=Path, help="project root (default: found from the working directory)"
    )
    parser.add_argument(
        "--no-validate", action="store_true", help="skip SHACL validation (not for releases)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    parser.add_argument(
        "--disk-store", choices=("auto", "always", "never"), default="auto",
        help="also write build/oxigraph, the on-disk store serve answers from "
        "(auto: when graphs/digicoop.trig passes 16 MiB)",
    )  # fmt: skip
    parser.add_argument(
        "--no-cache", action="store_true",
        help="annotate every agreement afresh; do not read or write build/cache "
        "(each agreement's work, reused while its text, the code and ontology/ are unchanged)",
    )  # fmt: skip
    parser.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N",
        help="annotate, assemble and serialise agreements in N processes (same bytes out)",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Exit 0 when built; 1 when the graph does not conform (a Violation: a defect of the
    reading, nothing written); 2 for bad input (raised as DigicoopError, handled by the CLI)."""
    paths = Paths(args.root.resolve() if args.root else find_root())
    try:
        with progress_bar("build", total=None, enabled=not args.quiet) as advance:
            result = build(
                paths,
                validate=not args.no_validate,
                progress=lambda message: advance(description=message),
                jobs=max(1, args.jobs),
                disk_store={"auto": None, "always": True, "never": False}[args.disk_store],
                cache=not args.no_cache,
            )
    except InvalidBuild as error:
        print(f"digicoop: {error}", file=sys.stderr)
        return 1
    if not args.quiet:
        triples = sum(result.triples.values())
        print(f"built {len(result.graphs)} agreements, {triples} triples -> {paths.graphs}")
    return 0
