"""The five agreements, segmented and annotated once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from digicoop.annotate import Annotations, annotate
from digicoop.annotate.run import org_registry
from digicoop.model import Document
from digicoop.segment import segment
from digicoop.sources import load_corpus


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
