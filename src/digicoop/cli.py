"""The `digicoop` command: parses arguments and hands over to one command module each.

Each module in :mod:`digicoop.commands` exposes ``NAME``, ``HELP``, ``configure(parser)``
and ``run(args) -> int``; the CLI lists them, so adding a command never touches this file.

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digicoop", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"digicoop {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _command_modules():
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
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
