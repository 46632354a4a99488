"""Every dev-corpus text and the five Japan agreements build together and validate with no
Violation: the graph of texts of other governments, in every layout the dev corpus has, is
as sound as the graph of corpus/.

The build is the user's: a fresh project holding the repository's ontology, shapes, queries
and corpus/, the 27 dev texts added with ``digicoop add`` (corpus/ itself is left as it is),
then ``digicoop build``, which validates and writes nothing when a Violation is found.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from digicoop.agreement_cache import AgreementCache
from digicoop.cli import main
from digicoop.validate import validate_graph
from digicoop.validate.incremental import version as incremental_version

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "fixtures" / "dev-corpus"


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    project = tmp_path_factory.mktemp("dev-corpus-build")
    for part in ("ontology", "shapes", "queries", "corpus"):
        shutil.copytree(ROOT / part, project / part)
    texts = sorted(str(path) for path in DEV.glob("*.txt"))
    assert len(texts) == 27
    assert main(["add", "--name-as-id", "--root", str(project), *texts]) == 0
    return project, main(["build", "--root", str(project), "-q"])


@pytest.mark.slow
def test_the_dev_texts_and_the_five_build_without_a_violation(
    everything: tuple[Path, int],
) -> None:
    # build exits 1 and writes nothing when the graph has a Violation (its report, naming
    # each one, is in the captured output of the fixture); Warnings are allowed.
    project, status = everything
    assert status == 0
    assert (project / "graphs" / "digicoop.trig").is_file()


@pytest.mark.slow
def test_every_text_is_an_agreement_of_the_graph(everything: tuple[Path, int]) -> None:
    project, _ = everything
    ids = {path.stem for path in DEV.glob("*.txt")} | {
        path.stem for path in (ROOT / "corpus").glob("*.txt")
    }
    trig = (project / "graphs" / "digicoop.trig").read_text(encoding="utf-8")
    missing = sorted(i for i in ids if f"<https://w3id.org/digicoop/graph/{i}>" not in trig)
    assert missing == []


@pytest.mark.slow
def test_incremental_validation_reports_what_validating_the_whole_reports(
    everything: tuple[Path, int], tmp_path: Path
) -> None:
    # the build validated agreement by agreement; judged again with a new cache, then from
    # that cache, the findings are those of the whole dataset, in the same order, and the W3C
    # reports are isomorphic
    project, _ = everything
    dataset = project / "graphs" / "digicoop.trig"

    def store() -> ox.Store:
        loaded = ox.Store()
        loaded.bulk_load(path=str(dataset), format=ox.RdfFormat.TRIG)
        return loaded

    whole = validate_graph(store(), project)
    cache = AgreementCache(tmp_path, incremental_version(project))
    cold = validate_graph(store(), project, incremental=True, cache=cache)
    warm = validate_graph(store(), project, incremental=True, cache=cache)
    assert len(cold.judged) == 32 and warm.judged == [] and len(warm.reused) == 32
    for incremental in (cold, warm):
        assert incremental.findings == whole.findings
        assert isomorphic(incremental.report_graph, whole.report_graph)
