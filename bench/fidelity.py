"""``python -m bench.fidelity``: how closely the annotators match a careful human reading.

Reads every fixture ``tests/fixtures/fidelity/NAME.toml`` (``[[provision]]`` entries naming a
text and the provision's opening words, with the fields an analyst read), segments and
annotates each text named there with the project's own pipeline, finds each provision by
its opening words, and prints precision and recall per field, for the dev corpus and for
the five Japan agreements apart.

Fields are plugged in per fixture: a module ``bench/fidelity_NAME.py`` defines ``FIELDS``,
a list of :class:`Field` (what the reading says, what the annotations say, both as sets of
strings). A fixture without such a module is reported and skipped. Modality, a single
value, is a set of one: precision and recall then both equal accuracy.

Texts the segmenter refuses are read by :mod:`bench.fidelity_blocks` (plain Markdown blocks
and the bold headings above them) so that the annotators are still measured; such rows are
marked ``blocks`` and their figures say nothing about segmentation.

Options: ``--errors`` lists every disagreement; ``--only NAME`` scores one fixture;
``--markdown`` prints the table as Markdown for bench/results.md. Exit 2 on a bad fixture.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import importlib
import re
import sys
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from digicoop.annotate import Annotations, annotate
from digicoop.annotate.run import org_registry
from digicoop.errors import DigicoopError
from digicoop.model import Document, Provision, SourceText
from digicoop.segment import segment

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "fidelity"
ONTOLOGY = ROOT / "ontology"
_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Field:
    """One field of a fixture: the reading's values and the annotations' values for an entry."""

    name: str
    expected: Callable[[dict[str, object]], set[str]]
    predicted: Callable[[Annotations, Provision], set[str]]
    # Values the reading accepts without requiring them (an instrument's issuer): neither
    # missed when absent nor wrong when present.
    allowed: Callable[[dict[str, object]], set[str]] | None = None


@dataclass
class Tally:
    provisions: int = 0
    located: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Text:
    document: Document
    notes: Annotations
    reader: str  # "segmenter" or "blocks"


@dataclass
class Disagreement:
    file: str
    opening: str
    field: str
    missing: set[str] = dataclasses.field(default_factory=set)
    extra: set[str] = dataclasses.field(default_factory=set)


class FixtureError(Exception):
    """A fixture that cannot be read: names the file and the entry."""


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.replace("’", "'").casefold())


def locate(document: Document, opening: str) -> Provision | None:
    """The provision whose clean text begins with ``opening`` (compared word by word), else
    the first whose text contains it; headings-only provisions are never chosen."""
    wanted = _words(opening)
    contained: Provision | None = None
    for provision in document.walk():
        if provision.kind == "title":
            continue
        words = _words(provision.text)
        if words[: len(wanted)] == wanted:
            return provision
        if contained is None and _contains(words, wanted):
            contained = provision
    return contained


def _contains(words: list[str], wanted: list[str]) -> bool:
    n = len(wanted)
    return any(words[i : i + n] == wanted for i in range(len(words) - n + 1))


def read_text(relative: str, cache: dict[str, Text]) -> Text:
    if relative in cache:
        return cache[relative]
    path = ROOT / relative
    data = path.read_bytes()
    source = SourceText(
        agreement_id=path.stem,
        path=relative,
        sha256=hashlib.sha256(data).hexdigest(),
        text=data.decode("utf-8"),
    )
    try:
        document, reader = segment(source), "segmenter"
    except DigicoopError:
        from bench.fidelity_blocks import read_blocks

        document, reader = read_blocks(source), "blocks"
    registry = org_registry([document], ONTOLOGY)
    cache[relative] = Text(document, annotate(document, ONTOLOGY, registry), reader)
    return cache[relative]


def load_fixture(path: Path) -> list[dict[str, object]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise FixtureError(f"{path.name}: not valid TOML: {error}") from None
    entries = data.get("provision")
    if not isinstance(entries, list) or not entries:
        raise FixtureError(f"{path.name}: no [[provision]] entries")
    for number, entry in enumerate(entries, start=1):
        for key in ("file", "opening"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise FixtureError(f"{path.name}: provision #{number} lacks '{key}'")
        if not (ROOT / str(entry["file"])).is_file():
            raise FixtureError(f"{path.name}: provision #{number}: no file {entry['file']}")
    return entries


def group_of(relative: str) -> str:
    return "the five" if relative.startswith("corpus/") else "dev corpus"


def score(
    entries: list[dict[str, object]], fields: list[Field], cache: dict[str, Text]
) -> tuple[dict[tuple[str, str, str], Tally], list[Disagreement], list[str]]:
    """Tallies keyed by (field, group, reader), the disagreements, and unlocated entries."""
    tallies: dict[tuple[str, str, str], Tally] = {}
    wrong: list[Disagreement] = []
    unlocated: list[str] = []
    for entry in entries:
        relative, opening = str(entry["file"]), str(entry["opening"])
        text = read_text(relative, cache)
        provision = locate(text.document, opening)
        if provision is None:
            unlocated.append(f"{relative}: {opening!r} ({text.reader})")
        for f in fields:
            key = (f.name, group_of(relative), text.reader)
            tally = tallies.setdefault(key, Tally())
            tally.provisions += 1
            expected = f.expected(entry)
            if provision is None:
                tally.fn += len(expected)
                continue
            tally.located += 1
            got = f.predicted(text.notes, provision)
            if f.allowed is not None:
                got -= f.allowed(entry) - expected
            tally.tp += len(expected & got)
            tally.fp += len(got - expected)
            tally.fn += len(expected - got)
            if got != expected:
                wrong.append(
                    Disagreement(relative, opening, f.name, expected - got, got - expected)
                )
    return tallies, wrong, unlocated


def fields_for(name: str) -> list[Field] | None:
    try:
        module = importlib.import_module(f"bench.fidelity_{name}")
    except ModuleNotFoundError as error:
        if error.name == f"bench.fidelity_{name}":
            return None
        raise
    fields: list[Field] = module.FIELDS
    return fields


def _rows(
    tallies: dict[tuple[str, str, str], Tally],
) -> Iterator[tuple[str, str, str, str, str, str]]:
    for (name, group, reader), t in sorted(tallies.items()):
        yield (
            name,
            group + (" (blocks)" if reader == "blocks" else ""),
            f"{t.located}/{t.provisions}",
            f"{t.tp}/{t.fp}/{t.fn}",
            f"{t.precision:.2f}",
            f"{t.recall:.2f}",
        )


def _totals(tallies: dict[tuple[str, str, str], Tally]) -> dict[tuple[str, str, str], Tally]:
    """Per field and group, whatever read the texts."""
    out: dict[tuple[str, str, str], Tally] = {}
    for (name, group, _reader), t in tallies.items():
        total = out.setdefault((name, group, "all"), Tally())
        for attr in ("provisions", "located", "tp", "fp", "fn"):
            setattr(total, attr, getattr(total, attr) + getattr(t, attr))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.fidelity", description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="score one fixture (its file name without .toml)")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args = parser.parse_args(argv)
    paths = sorted(FIXTURES.glob("*.toml"))
    if args.only:
        paths = [p for p in paths if p.stem == args.only]
        if not paths:
            print(f"error: no fixture {args.only}.toml in {FIXTURES}", file=sys.stderr)
            return 2
    cache: dict[str, Text] = {}
    header = ("field", "texts", "located", "tp/fp/fn", "P", "R")
    for path in paths:
        fields = fields_for(path.stem)
        if fields is None:
            print(f"{path.name}: no bench/fidelity_{path.stem}.py scorer, skipped")
            continue
        try:
            entries = load_fixture(path)
        except FixtureError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        tallies, wrong, unlocated = score(entries, fields, cache)
        rows = list(_rows(tallies)) + [
            (n, g + " (all)", *rest[2:])
            for (n, g, *rest) in _rows(_totals(tallies))
            if len({r for (f, gr, r) in tallies if f == n and gr == g}) > 1
        ]
        print(f"\n{path.name}: {len(entries)} provisions")
        if args.markdown:
            print("| " + " | ".join(header) + " |")
            print("|" + " --- |" * len(header))
            for row in rows:
                print("| " + " | ".join(row) + " |")
        else:
            widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
            for row in [header, *rows]:
                print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        for line in unlocated:
            print(f"  not found: {line}")
        if args.errors:
            for d in wrong:
                print(
                    f"  {d.field}: {Path(d.file).stem} {d.opening[:48]!r}"
                    f" missing {sorted(d.missing)} extra {sorted(d.extra)}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
