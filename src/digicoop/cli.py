"""digicoop: a knowledge graph of digital-cooperation agreements, every fact with its quote.

This module is the ``digicoop`` command. Each module in :mod:`digicoop.commands` exposes
``NAME``, ``HELP`` (what the command is for), ``EXAMPLES`` (shown under ``--help``),
``configure(parser)`` and ``run(args) -> int``; the CLI lists them, so adding a command
never touches this file (a module's name is its command's ``NAME``). A test checks that every
command and option has help.

Why a command line naming a command imports that command's module only: the others import
what they need at module level (the query engine, HTTP clients, exporters), about half a
second that ``digicoop build`` adding one agreement to five hundred would spend for nothing.
The full parser (every command) is built only when no command is named (``--help``, or an
error listing the choices).

Exit codes: 0 success; 1 the command ran and found a defect (an invalid graph, a failed
check); 2 bad usage or bad input (a missing or corrupt source, a query syntax error).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from digicoop import __version__, collector, commands
from digicoop.errors import DigicoopError


def _command_names() -> list[str]:
    return sorted(
        m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")
    )


def _command_modules(only: str | None = None) -> list:
    """The command modules, or only the one named ``only`` (when it is one)."""
    names = _command_names()
    if only in names:
        names = [only]
    return [importlib.import_module(f"digicoop.commands.{name}") for name in names]


def _named_command(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names (its first argument not an option), if any."""
    for argument in argv:
        if not argument.startswith("-"):
            return argument
        if argument == "--":
            return None
    return None


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


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or (``only``: a command's name) of that command alone."""
    parser = argparse.ArgumentParser(
        prog="digicoop",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"digicoop {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _command_modules(only):
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
    """Run the command ``argv`` names; its exit code (module doc). The process is expected to
    end after it: what the command leaves is not walked by the collector at exit
    (:func:`digicoop.collector.unwalked_at_exit`; 0.2-0.3 s of every build of 500)."""
    collector.unwalked_at_exit()
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(_named_command(argv)).parse_args(argv)
    try:
        return int(args._run(args))
    except DigicoopError as error:
        print(f"digicoop: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
