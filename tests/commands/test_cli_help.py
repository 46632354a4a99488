"""The command line explains the tool: what each command is for, examples, every option.

Also: a taken port is one line and exit 2 (not "serving..." and exit 1), and outside a
project the commands say so instead of working on another tree.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from digicoop.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_top_level_help_describes_the_tool_not_the_code() -> None:
    text = build_parser().format_help()
    assert "knowledge graph" in text and "exit codes" in text
    assert "parses arguments" not in text
    for name in _commands():
        assert name in text


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_examples_and_every_option_help(name: str) -> None:
    command = _commands()[name]
    assert command.description and len(command.description) > 30
    assert command.epilog and "examples:" in command.epilog
    assert f"digicoop {name}" in command.epilog
    undocumented = [
        a.option_strings or a.dest
        for a in command._actions
        if not isinstance(a, argparse._HelpAction) and not (a.help or "").strip()
    ]
    assert undocumented == []


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "digicoop.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_a_taken_port_is_one_line_and_exit_2() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = _run("serve", "--data", str(ROOT / "graphs" / "digicoop.trig"),
                    "--port", str(port), cwd=ROOT)  # fmt: skip
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and f"port {port}" in lines[0] and "in use" in lines[0]
    assert "serving" not in done.stderr


@pytest.mark.parametrize("command", [["build"], ["query", "timeline"], ["export", "full"]])
def test_outside_a_project_says_so(tmp_path: Path, command: list[str]) -> None:
    done = _run(*command, cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "corpus/manifest.toml" in lines[0] and "--root" in lines[0]
    assert not (tmp_path / "graphs").exists()


def test_a_command_line_naming_a_command_imports_that_command_alone() -> None:
    script = (
        "import sys\n"
        "from digicoop import cli\n"
        "try:\n"
        "    cli.main(['build', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('digicoop.commands.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert "digicoop build" in done.stdout  # the command's own help was printed
    assert done.stdout.strip().splitlines()[-1] == "['digicoop.commands.build']"


def test_an_unknown_command_still_lists_every_command() -> None:
    done = _run("no-such-command", cwd=ROOT)
    assert done.returncode == 2
    for name in _commands():
        assert name in done.stderr
