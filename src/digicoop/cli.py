"""digicoop: a knowledge graph of digital-cooperation agreements, every fact with its quote.

This module is the ``digicoop`` command. Each module in :mod:`digicoop.commands` exposes
``NAME``, ``HELP`` (what the command is for), ``EXAMPLES`` (shown under ``--help``),
``configure(parser)`` and ``run(args) -> int``; the CLI lists them, so adding a command
never touches this file. A test checks that every command and option has help.

Exit codes: 0 success; 1 the command ran and found a defect (an invalid graph, a failed
check); 2 bad usage or bad input (a missing or corrupt source, a query syntax error).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from digicoop import __version__, commands
from digicoop.errors import DigicoopError


def _command_modules() -> list:
    names = sorted(
        m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")
    )
    return [importlib.import_module(f"digicoop.commands.{name}") for name in names]


DESCRIPTION = """\
Turn the texts of international digital-cooperation agreements into a knowledge graph
(RDF) in which every fact carries the exact words it was read from, check it, and ask it
questions: who signed what, when terms end, what each agreement commits to on a topic.
Run it in a project folder (one with corpus/manifest.toml)."""

EPILOG = """\
a first session:
  digicoop build                                    # corpus/ -> graphs/, validated
  digicoop query --list                             # the questions it can answer
  digicoop query agreements-by-topic -p topic=semiconductors
  digicoop serve                                    # pages, query forms and SPARQL at :8000
  digicoop export calendar -o deadlines.ics         # notice deadlines for your calendar

exit codes: 0 success; 1 the command ran and found a defect (an invalid graph, a failed
check); 2 bad usage or bad input (a missing file, an unknown value, a port in use), with
one line saying which. "digicoop COMMAND --help" explains each command, with examples."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digicoop",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"digicoop {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _command_modules():
        command = sub.add_parser(
            module.NAME,
            help=module.HELP,
            description=module.HELP,
            epilog=getattr(module, "EXAMPLES", None),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.configure(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args._run(args))
    except DigicoopError as error:
        print(f"digicoop: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
