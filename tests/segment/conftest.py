"""Shared fixtures: the corpus and the other-layout fixture, read through their manifests."""

from __future__ import annotations

from pathlib import Path

import pytest

from digicoop.model import Document, SourceText
from digicoop.segment import segment
from digicoop.sources import load_corpus

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
OTHER_LAYOUT = ROOT / "tests" / "fixtures" / "other-layout"


@pytest.fixture(scope="session")
def sources() -> dict[str, SourceText]:
    """Every checked source text by agreement id: the five agreements and the fixture."""
    texts = load_corpus(CORPUS, ROOT) + load_corpus(OTHER_LAYOUT, ROOT)
    return {source.agreement_id: source for source in texts}


@pytest.fixture(scope="session")
def documents(sources: dict[str, SourceText]) -> dict[str, Document]:
    return {agreement: segment(source) for agreement, source in sources.items()}
