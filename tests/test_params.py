"""Parameter values as users write them (params.py), on the real graph, CLI and server.

From reading the texts: the EU and UK partnerships have provisions on semiconductors
(corpus/japan-eu-digital-partnership.txt "Semiconductors"; the UK's "Ensuring a reliable
supply of semiconductors"); Denmark is the partner of the Denmark MoC.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from digicoop.cli import main
from digicoop.export.sparql import Select, store_select
from digicoop.params import resolve_values
from digicoop.querylib import ParameterError, load_library
from digicoop.store import DataSource, GraphStore

ROOT = Path(__file__).resolve().parents[1]
TOPIC = "https://w3id.org/digicoop/topic/semiconductors"
DENMARK = "https://w3id.org/digicoop/id/party/dk"


@pytest.fixture(scope="module")
def select() -> Select:
    return store_select(GraphStore.load([DataSource(ROOT / "graphs/digicoop.trig")]))


@pytest.mark.parametrize(
    "written", ["topic:semiconductors", "semiconductors", "Semiconductors", TOPIC]
)
def test_a_topic_by_curie_label_or_iri(select: Select, written: str) -> None:
    query = load_library(ROOT / "queries")["agreements-by-topic"]
    assert resolve_values(query, {"topic": written}, select) == {"topic": TOPIC}


@pytest.mark.parametrize("written", ["Denmark", "DK", "id:party/dk", DENMARK])
def test_a_party_by_name_code_or_iri(select: Select, written: str) -> None:
    query = load_library(ROOT / "queries")["agreements-with-party"]
    assert resolve_values(query, {"party": written}, select) == {"party": DENMARK}


@pytest.mark.parametrize(
    ("name", "value"),
    [("topic", "topic:no-such-topic"), ("topic", "basket weaving"), ("topic", TOPIC + "x")],
)
def test_a_value_naming_nothing_is_refused_with_suggestions(
    select: Select, name: str, value: str
) -> None:
    query = load_library(ROOT / "queries")["agreements-by-topic"]
    with pytest.raises(ParameterError, match=r"parameter 'topic': no such value .*\(try: "):
        resolve_values(query, {name: value}, select)


def test_cli_takes_the_short_form_it_prints(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["query", "agreements-by-topic", "--param", "topic=topic:semiconductors",
                 "--format", "csv", "--root", str(ROOT)])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "japan-eu-digital-partnership" in out and "japan-uk-digital-partnership" in out


def test_cli_unknown_value_is_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["query", "agreements-with-party", "--param", "party=Narnia", "--root", str(ROOT)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "Narnia" in err[0] and "Denmark" in err[0]
