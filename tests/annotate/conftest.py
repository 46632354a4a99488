"""The five agreements, segmented and annotated once per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from digicoop.annotate import Annotations, annotate
from digicoop.annotate.run import org_registry
from digicoop.model import Document
from digicoop.segment import segment
from digicoop.sources import load_corpus

from .dev import read_dev


@pytest.fixture(scope="session")
def documents(project_root: Path) -> dict[str, Document]:
    sources = load_corpus(project_root / "corpus", project_root)
    return {s.agreement_id: segment(s) for s in sources}


@pytest.fixture(scope="session")
def notes(project_root: Path, documents: dict[str, Document]) -> dict[str, Annotations]:
    registry = org_registry(documents.values(), project_root / "ontology")
    return {
        agreement_id: annotate(document, project_root / "ontology", registry)
        for agreement_id, document in documents.items()
    }


@pytest.fixture(scope="session")
def dev_notes(project_root: Path) -> Callable[[str], tuple[Document, Annotations]]:
    """A dev-corpus text (tests/fixtures/dev-corpus/NAME.txt) segmented and annotated as a
    build reads it, once per session."""
    return read_dev
