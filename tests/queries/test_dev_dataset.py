"""Named queries on a dataset of other governments' texts: the five Japan agreements plus a
chosen set of dev-corpus texts, built by the real pipeline into a temporary project.

The chosen texts cover groupings (the G7, the Quad, the G20, ASEAN, APEC), an institution of
the EU (the European Commission), several kinds (leaders' statements, joint statements,
declarations, a memorandum of understanding, a binding trade agreement) and years (2022-2025), texts that state their
date and texts that do not. The dev texts are not added to corpus/: the dataset is built the
way a user would build their own, by ``digicoop add`` and ``digicoop build`` in a fresh
project holding the repository's ontology, shapes and queries.

The expected files (``expected-dev/NAME@CASE.csv``) were written from reading the texts (the
opening, the title, the date line, the signature block) and the membership lists of
ontology/parties.ttl, before the queries were run on this dataset. Each case runs on
pyoxigraph and on rdflib, as the named queries of corpus/ do.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Dataset

from digicoop.cli import main
from digicoop.commands.query import open_store
from digicoop.paths import Paths
from digicoop.querylib import NamedQuery
from digicoop.store import GraphStore

from .engines import load_rdflib, oxigraph_rows, rdflib_rows, read_expected, to_csv

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "fixtures" / "dev-corpus"
EXPECTED = Path(__file__).parent / "expected-dev"
ID = "https://w3id.org/digicoop/id/"
KIND = "https://w3id.org/digicoop/kind/"

#: The dev texts the dataset adds to the five Japan agreements.
CHOSEN = (
    "g7-economic-resilience-security-statement-2023",
    "quad-joint-leaders-statement-2022",
    "g20-bali-leaders-declaration-2022",
    "asean-us-special-summit-joint-vision-2022",
    "apec-golden-gate-declaration-2023",
    "us-malaysia-critical-minerals-mou-2025",
    "us-malaysia-reciprocal-trade-agreement-2025",
    "us-australia-japan-telecom-financing-2022",
    "principles-for-6g-joint-statement-2024",
    "us-uk-atlantic-declaration-2023",
    "us-kenya-joint-leaders-statement-2024",
    "us-ec-data-privacy-framework-2022",
)

#: (query, case, parameters): what each case asks of the dataset.
CASES: list[tuple[str, str, dict[str, str]]] = [
    # Japan as a direct party, and as a member of the G7, the G20, APEC and the Quad.
    ("agreements-involving-party", "jp", {"party": ID + "party/jp"}),
    # Malaysia through ASEAN and APEC, never named in those texts.
    ("agreements-involving-party", "my", {"party": ID + "party/my"}),
    # The EU through the European Commission, and as a member of the G7 and the G20.
    ("agreements-involving-party", "eu", {"party": ID + "party/eu"}),
    ("agreements-by-kind", "statement", {"instrument": KIND + "statement"}),
    ("agreements-by-kind", "declaration", {"instrument": KIND + "declaration"}),
    ("agreements-by-kind", "memorandum", {"instrument": KIND + "memorandum"}),
    ("issued-in-year", "2022", {"year": "2022"}),
    ("issued-in-year", "2023", {"year": "2023"}),
    ("issued-in-year", "2025", {"year": "2025"}),
    # Statements whose text names no day count by their publication date, and say so.
    ("issued-or-published-in-year", "2022", {"year": "2022"}),
    ("issued-or-published-in-year", "2023", {"year": "2023"}),
    ("issued-or-published-in-year", "2024", {"year": "2024"}),
    ("who-issued-or-signed", "", {}),
    # On signature (the memoranda), or 60 days after an exchange of notifications (the treaty).
    ("commencement-and-modification", "", {}),
]


def _id(case: tuple[str, str, dict[str, str]]) -> str:
    return case[0] + (f"@{case[1]}" if case[1] else "")


PARAMS = [pytest.param(case, id=_id(case)) for case in CASES]


@pytest.fixture(scope="session")
def dev_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of its own: the repository's ontology, shapes, queries and corpus/, the
    chosen dev texts added with ``digicoop add``, built with ``digicoop build``."""
    project = tmp_path_factory.mktemp("dev-dataset")
    for part in ("ontology", "shapes", "queries", "corpus"):
        shutil.copytree(ROOT / part, project / part)
    files = [str(DEV / f"{name}.txt") for name in CHOSEN]
    assert main(["add", "--name-as-id", "--root", str(project), *files]) == 0
    assert main(["build", "--root", str(project), "-q"]) == 0
    return project


@pytest.fixture(scope="session")
def dev_store(dev_project: Path) -> GraphStore:
    return open_store(dev_project)


@pytest.fixture(scope="session")
def dev_rdflib(dev_project: Path) -> Dataset:
    return load_rdflib(Paths(dev_project).dataset)


def test_the_dataset_holds_the_five_and_the_chosen_texts(dev_project: Path) -> None:
    manifest = (dev_project / "corpus" / "manifest.toml").read_text(encoding="utf-8")
    for name in CHOSEN:
        assert f'id = "{name}"' in manifest
    assert not (ROOT / "corpus" / f"{CHOSEN[0]}.txt").exists()


@pytest.mark.parametrize("case", [_id(c) for c in CASES])
def test_every_case_has_an_expected_file(case: str) -> None:
    assert (EXPECTED / f"{case}.csv").is_file(), f"write expected-dev/{case}.csv from the texts"


def test_no_stray_expected_files() -> None:
    known = {_id(c) for c in CASES}
    assert sorted(p.stem for p in EXPECTED.glob("*.csv") if p.stem not in known) == []


@pytest.mark.slow
@pytest.mark.parametrize("case", PARAMS)
def test_oxigraph(
    case: tuple[str, str, dict[str, str]],
    library: dict[str, NamedQuery],
    dev_store: GraphStore,
) -> None:
    header, rows = oxigraph_rows(dev_store, library[case[0]], case[2])
    assert to_csv(header, rows) == to_csv(*read_expected(EXPECTED / f"{_id(case)}.csv"))


@pytest.mark.slow
@pytest.mark.parametrize("case", PARAMS)
def test_rdflib(
    case: tuple[str, str, dict[str, str]], library: dict[str, NamedQuery], dev_rdflib: Dataset
) -> None:
    header, rows = rdflib_rows(dev_rdflib, library[case[0]], case[2])
    assert to_csv(header, rows) == to_csv(*read_expected(EXPECTED / f"{_id(case)}.csv"))
