"""The synthetic corpus: reproducible from its seed, and built by the real pipeline unchanged.

Benchmark runs stay out of the suite; these tests generate five agreements (one per layout).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from bench.synth import agreement, generate
from bench.synth.generate import read_templates
from bench.synth.layouts import LAYOUTS
from rdflib import URIRef

from digicoop.paths import Paths
from digicoop.pipeline import compile_graphs
from digicoop.sources import load_corpus

DCO = "https://w3id.org/digicoop/ontology#"


def _digests(root: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "corpus").iterdir())
    }


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    generate(5, seed=3, out=tmp_path / "a")
    generate(5, seed=3, out=tmp_path / "b")
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")


def test_other_seed_other_texts(tmp_path: Path) -> None:
    a = generate(5, seed=3, out=tmp_path / "a")
    b = generate(5, seed=4, out=tmp_path / "b")
    assert [e.text for e in a] != [e.text for e in b]


def test_agreement_does_not_depend_on_n(project_root: Path) -> None:
    templates = read_templates(project_root / "corpus")
    small = [agreement(i, 9, templates) for i in range(5)]
    assert small == [agreement(i, 9, templates) for i in range(10)][:5]


def test_every_layout_in_five(tmp_path: Path) -> None:
    entries = generate(5, seed=1, out=tmp_path / "n5")
    assert sorted(e.layout for e in entries) == sorted(layout.name for layout in LAYOUTS)
    assert len({e.id for e in entries}) == 5


def test_manifest_checks_out(tmp_path: Path) -> None:
    generate(5, seed=1, out=tmp_path / "n5")
    sources = load_corpus(tmp_path / "n5" / "corpus")  # digests are checked here
    assert len(sources) == 5


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("synth") / "n5"
    generate(5, seed=1, out=root)
    return compile_graphs(Paths(root))


def test_pipeline_builds_every_layout(built) -> None:
    assert len(built.graphs) == 5
    for agreement_id, graph in built.graphs.items():
        parties = set(graph.objects(None, URIRef(DCO + "party")))
        partner = agreement_id.split("-")[1]
        assert URIRef(f"https://w3id.org/digicoop/id/party/{partner}") in parties, agreement_id
        assert URIRef("https://w3id.org/digicoop/id/party/jp") in parties, agreement_id
        provisions = set(graph.subjects(None, URIRef(DCO + "Provision")))
        assert len(provisions) >= 20, agreement_id
