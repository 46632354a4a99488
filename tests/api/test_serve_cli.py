"""``digicoop serve`` argument handling: default data, building it, clear errors."""

from __future__ import annotations

import argparse
import sys
import types
from pathlib import Path

import pytest

from digicoop.commands import serve
from digicoop.errors import DigicoopError
from digicoop.store import DataSource


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    serve.configure(parser)
    return parser.parse_args(argv)


def test_defaults() -> None:
    args = parse()
    assert (args.host, args.port, args.timeout, args.allow_service) == (
        "127.0.0.1",
        8000,
        30.0,
        False,
    )


def test_data_and_graph(tmp_path: Path) -> None:
    a, b = tmp_path / "a.ttl", tmp_path / "b.nq"
    a.write_text(""), b.write_text("")
    args = parse("--data", str(a), str(b), "--graph", "http://e/g", str(a))
    assert serve.sources(args) == (DataSource(a), DataSource(b), DataSource(a, graph="http://e/g"))


def test_missing_or_unknown_files(tmp_path: Path) -> None:
    with pytest.raises(DigicoopError, match="no such file"):
        serve.sources(parse("--data", str(tmp_path / "nope.ttl")))
    odd = tmp_path / "data.csv"
    odd.write_text("")
    with pytest.raises(DigicoopError, match="unknown RDF format"):
        serve.sources(parse("--data", str(odd)))


def test_default_is_the_built_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "graphs").mkdir()
    (tmp_path / "graphs" / "digicoop.trig").write_text("")
    assert serve.sources(parse()) == (DataSource(Path("graphs/digicoop.trig")),)


def test_missing_graph_is_built_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    calls = []

    def build() -> None:
        calls.append(1)
        (tmp_path / "graphs").mkdir()
        (tmp_path / "graphs" / "digicoop.trig").write_text("")

    monkeypatch.setitem(sys.modules, "digicoop.pipeline", types.SimpleNamespace(build=build))
    assert serve.sources(parse()) == (DataSource(Path("graphs/digicoop.trig")),)
    assert calls == [1]


def test_missing_pipeline_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "digicoop.pipeline", None)  # import raises ImportError
    with pytest.raises(DigicoopError, match=r"graphs/digicoop.trig is missing.*--data"):
        serve.sources(parse())


@pytest.mark.parametrize("option", ["--running-queries", "--workers", "--timeout", "--max-queue"])
def test_a_limit_below_zero_is_refused_naming_the_option(
    option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A negative limit would not fail but serve nothing (no query may run): exit 2 instead."""
    with pytest.raises(SystemExit) as stopped:
        parse(option, "-1")
    assert stopped.value.code == 2
    assert f"argument {option}: must be 0 or more, not -1" in capsys.readouterr().err


def test_a_limit_keeps_its_type() -> None:
    args = parse("--running-queries", "2", "--short-query-seconds", "0.25")
    assert (args.running_queries, args.short_query_seconds) == (2, 0.25)
    assert isinstance(args.running_queries, int)
