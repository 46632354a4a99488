"""The synthetic corpus: reproducible from its seed, and built by the real pipeline unchanged.

Benchmark runs stay out of the suite; these tests generate five agreements (one per layout).
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest
from bench.synth import agreement, generate
from bench.synth.dev import DEV_CORPUS, redraw_countries
from bench.synth.generate import dev_layouts, layouts_of, read_templates
from bench.synth.layouts import LAYOUTS
from bench.synth.pools import PARTNERS
from rdflib import URIRef

from digicoop.paths import Paths
from digicoop.pipeline import compile_graphs
from digicoop.sources import load_corpus
from digicoop.validate import validate_dataset

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


def test_every_layout_validates(built) -> None:
    # the five Japan layouts' synthetic agreements have no Violation either
    root = Path(str(built.paths.root))
    assert validate_dataset(built.store(), root=root).violations == []


# ------------------------------------------------------------------ the dev corpus's layouts


def test_every_dev_text_is_a_layout(project_root: Path) -> None:
    texts = sorted(p.stem for p in (project_root / DEV_CORPUS).glob("*.txt"))
    assert len(texts) == 27
    assert [layout.name for layout in dev_layouts(project_root)] == texts
    assert {layout.name for layout in layouts_of("all", project_root)} == {
        *texts,
        *(layout.name for layout in LAYOUTS),
    }


def test_countries_are_redrawn_consistently(project_root: Path) -> None:
    # Canada is named twice, Mexico once: Canada becomes the agreement's partner (Norway),
    # Mexico another partner, the same wherever it is named; the EU is not a country
    norway = next(p for p in PARTNERS if p.code == "no")
    text = "Canada and Mexico met in Ottawa. Canada and the European Union welcome Mexico."
    out = redraw_countries(text, random.Random(1), project_root / "ontology", norway)
    assert "Canada" not in out and "Mexico" not in out
    assert out.startswith("Norway and ") and " met in Ottawa. Norway and the European Union" in out
    other = out.split("Norway and ", 1)[1].split(" met", 1)[0]
    assert other != "Norway" and out.endswith(f"welcome {other}.")


def test_dev_mix_same_seed_same_bytes(tmp_path: Path) -> None:
    a = generate(27, seed=3, out=tmp_path / "a", mix="dev")
    generate(27, seed=3, out=tmp_path / "b", mix="dev")
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert sorted(e.layout for e in a) == sorted(layout.name for layout in dev_layouts())


def test_an_unknown_mix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown layout mix"):
        generate(1, seed=1, out=tmp_path / "x", mix="other")


@pytest.mark.slow
def test_every_dev_layout_builds_and_validates(tmp_path: Path) -> None:
    # one synthetic agreement per dev-corpus layout, built by the real pipeline: each is
    # segmented, annotated and assembled, and the dataset has no Violation
    root = tmp_path / "dev27"
    entries = generate(27, seed=1, out=root, mix="dev")
    built = compile_graphs(Paths(root))
    assert sorted(built.triples) == sorted(e.id for e in entries)
    for entry in entries:
        assert built.triples[entry.id] > 100, entry.id
    result = validate_dataset(built.store(), root=root, incremental=True)
    assert result.violations == []
