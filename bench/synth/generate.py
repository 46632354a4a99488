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

from bench.synth.dev import dev_templates, redraw_countries
from bench.synth.layouts import LAYOUTS, Layout, Variant
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


#: Which layouts a corpus rotates through: the five Japan texts', the dev corpus's, or both.
MIXES = ("japan", "dev", "all")


def dev_layouts(project: Path = PROJECT) -> tuple[Layout, ...]:
    """One layout per dev-corpus text (bench.synth.dev): its countries redrawn."""
    ontology = project / "ontology"

    def transform(text: str, v: Variant) -> str:
        return redraw_countries(text, v.rng, ontology, v.partner)

    return tuple(
        Layout(Path(template).stem, template, Path(template).stem, transform)
        for template in dev_templates(project)
    )


def layouts_of(mix: str, project: Path = PROJECT) -> tuple[Layout, ...]:
    if mix not in MIXES:
        raise ValueError(f"unknown layout mix {mix!r}; choose one of {', '.join(MIXES)}")
    return {"japan": LAYOUTS, "dev": dev_layouts(project), "all": LAYOUTS + dev_layouts(project)}[
        mix
    ]


def agreement(
    index: int, seed: int, templates: dict[str, str], layouts: tuple[Layout, ...] = LAYOUTS
) -> Entry:
    """The ``index``-th synthetic agreement for ``seed``; a pure function of both.

    Layouts rotate so every size has all five in equal share; within a layout the k-th
    agreement takes partner k (in a seeded order) and, once every partner has one, the next
    theme, so partnership names (and the bodies they set up) stay unique up to
    len(PARTNERS) x len(THEMES) agreements per layout.
    """
    layout = layouts[index % len(layouts)]
    k = index // len(layouts)
    order = list(range(len(PARTNERS)))
    random.Random(f"{seed}:partners:{layout.name}").shuffle(order)
    partner = PARTNERS[order[k % len(PARTNERS)]]
    theme = THEMES[(k // len(PARTNERS)) % len(THEMES)]
    rng = random.Random(f"{seed}:{index}")
    text = layout.transform(templates[layout.template], Variant(partner, theme, rng))
    ident = (
        f"japan-{partner.code}-{layout.kind}-{index:05d}"
        if layout in LAYOUTS
        else f"{layout.kind}-{partner.code}-{index:05d}"
    )
    return Entry(ident, f"{ident}.txt", layout.name, text)


def read_templates(corpus: Path, layouts: tuple[Layout, ...] = LAYOUTS) -> dict[str, str]:
    """The real texts the layouts are made from, read as the pipeline reads them (UTF-8): a
    bare name is a file of ``corpus``, a path is relative to the project (``corpus/..``)."""
    return {
        layout.template: (
            corpus / layout.template
            if "/" not in layout.template
            else corpus.parent / layout.template
        ).read_text(encoding="utf-8")
        for layout in layouts
    }


def manifest(entries: list[Entry]) -> str:
    lines = ["# Synthetic corpus written by bench.synth; not real agreements.", ""]
    for entry in entries:
        digest = hashlib.sha256(entry.text.encode("utf-8")).hexdigest()
        lines += ["[[agreement]]", f'id = "{entry.id}"', f'file = "{entry.file}"']
        lines += [f'sha256 = "{digest}"', ""]
    return "\n".join(lines)


def generate(
    n: int, seed: int, out: Path, project: Path = PROJECT, mix: str = "japan"
) -> list[Entry]:
    """Write an N-agreement project tree at ``out`` (replacing it) and return its entries;
    ``mix`` chooses the layouts (:data:`MIXES`)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    layouts = layouts_of(mix, project)
    templates = read_templates(project / "corpus", layouts)
    entries = [agreement(i, seed, templates, layouts) for i in range(n)]
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
