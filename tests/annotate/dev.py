"""A dev-corpus text read as a build reads it, once per test session, for every test module
that pins readings of the dev texts (one cache, so no text is annotated twice)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from digicoop.annotate import Annotations, annotate
from digicoop.annotate.run import org_registry
from digicoop.model import Document
from digicoop.segment import segment
from digicoop.sources import load_source

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "fixtures" / "dev-corpus"


@cache
def read_dev(name: str) -> tuple[Document, Annotations]:
    """tests/fixtures/dev-corpus/NAME.txt segmented and annotated, with its own bodies
    registered as a one-text build registers them."""
    path = DEV / f"{name}.txt"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    document = segment(load_source(DEV, {"id": name, "file": path.name, "sha256": digest}, ROOT))
    registry = org_registry([document], ROOT / "ontology")
    return document, annotate(document, ROOT / "ontology", registry)
