"""Write a synthetic project tree: ``corpus/`` with N texts and a manifest, plus the data.

The tree has what ``digicoop build --root`` needs (``corpus/``, ``ontology/``, ``shapes/``,
``queries/``), copied from the real project so that a benchmark measures today's shapes and
queries. Agreement *i* depends only on the seed and *i*, never on N: the corpus of 50 is the
first 50 of the corpus of 500, so a growth curve compares like with like.

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as tmp:
...     entries = generate(3, seed=7, out=Path(tmp) / "n3")
...     [e.id for e in entries][:2]
['japan-id-moc-00000', 'japan-cz-moc-00001']
"""

from __future__ import annotations

import hashlib
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from bench.synth.layouts import LAYOUTS, Variant
from bench.synth.pools import PARTNERS, THEMES

PROJECT = Path(__file__).resolve().parents[2]
DATA_DIRS = ("ontology", "shapes", "queries")


@dataclass(frozen=True)
class Entry:
    """One generated agreement: its manifest id, file name, layout and text."""

    id: str
    file: str
    layout: str
    text: str


def agreement(index: int, seed: int, templates: dict[str, str]) -> Entry:
    """The ``index``-th synthetic agreement for ``seed``; a pure function of both.

    Layouts rotate so every size has all five in equal share; within a layout the k-th
    agreement takes partner k (in a seeded order) and, once every partner has one, the next
    theme, so partnership names (and the bodies they set up) stay unique up to
    len(PARTNERS) x len(THEMES) agreements per layout.
    """
    layout = LAYOUTS[index % len(LAYOUTS)]
    k = index // len(LAYOUTS)
    order = list(range(len(PARTNERS)))
    random.Random(f"{seed}:partners:{layout.name}").shuffle(order)
    partner = PARTNERS[order[k % len(PARTNERS)]]
    theme = THEMES[(k // len(PARTNERS)) % len(THEMES)]
    rng = random.Random(f"{seed}:{index}")
    text = layout.transform(templates[layout.template], Variant(partner, theme, rng))
    ident = f"japan-{partner.code}-{layout.kind}-{index:05d}"
    return Entry(ident, f"{ident}.txt", layout.name, text)


def read_templates(corpus: Path) -> dict[str, str]:
    """The real texts the layouts are made from, read as the pipeline reads them (UTF-8)."""
    return {
        layout.template: (corpus / layout.template).read_text(encoding="utf-8")
        for layout in LAYOUTS
    }


def manifest(entries: list[Entry]) -> str:
    lines = ["# Synthetic corpus written by bench.synth; not real agreements.", ""]
    for entry in entries:
        digest = hashlib.sha256(entry.text.encode("utf-8")).hexdigest()
        lines += ["[[agreement]]", f'id = "{entry.id}"', f'file = "{entry.file}"']
        lines += [f'sha256 = "{digest}"', ""]
    return "\n".join(lines)


def generate(n: int, seed: int, out: Path, project: Path = PROJECT) -> list[Entry]:
    """Write an N-agreement project tree at ``out`` (replacing it) and return its entries."""
    if n < 1:
        raise ValueError("n must be at least 1")
    templates = read_templates(project / "corpus")
    entries = [agreement(i, seed, templates) for i in range(n)]
    if out.exists():
        shutil.rmtree(out)
    corpus = out / "corpus"
    corpus.mkdir(parents=True)
    for entry in entries:
        (corpus / entry.file).write_bytes(entry.text.encode("utf-8"))
    (corpus / "manifest.toml").write_text(manifest(entries), encoding="utf-8")
    for name in DATA_DIRS:
        if (project / name).is_dir():
            shutil.copytree(project / name, out / name)
    return entries
