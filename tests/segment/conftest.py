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
DEV_CORPUS = ROOT / "tests" / "fixtures" / "dev-corpus"


@pytest.fixture(scope="session")
def sources() -> dict[str, SourceText]:
    """Every checked source text by agreement id: the five agreements and the fixture."""
    texts = load_corpus(CORPUS, ROOT) + load_corpus(OTHER_LAYOUT, ROOT)
    return {source.agreement_id: source for source in texts}


@pytest.fixture(scope="session")
def documents(sources: dict[str, SourceText]) -> dict[str, Document]:
    return {agreement: segment(source) for agreement, source in sources.items()}


@pytest.fixture(scope="session")
def dev() -> dict[str, Document]:
    """Every dev-corpus text segmented once, by file stem (front matter and all)."""
    documents = {}
    for path in sorted(DEV_CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        shown = path.relative_to(ROOT).as_posix()
        documents[path.stem] = segment(SourceText(path.stem, shown, "0" * 64, text))
    return documents
