"""Signatories' names as signature blocks write them in any European language.

A signatory line is a name when its words are written as names are: each capitalised, or
wholly in capitals for the family name ("MATSUMOTO Hisashi", "Liisa-Ly Pakosta"). Names are
not only ASCII: Estonian, Czech, Polish or Romanian signatories write "Tõnis", "NOVÁK",
"Łukasz", "Ștefan", and Irish or Scottish ones "O’Brien", "McDonald". Each case below takes
the Estonia memorandum (tests pin its reading elsewhere) with the Estonian signatory's line
rewritten, and reads the signatures as a build reads them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from digicoop.annotate import annotate
from digicoop.annotate.run import org_registry
from digicoop.segment import segment
from digicoop.sources import load_source

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "corpus" / "japan-estonia-moc.txt").read_text(encoding="utf-8")
WRITTEN = "**Liisa-Ly Pakosta, Minister of Justice and\nDigital Affairs】**"
POST = "Minister of Justice and Digital Affairs"


def signatories(tmp_path: Path, line: str) -> list[tuple[str, str | None, str | None]]:
    """The (name, family name, given name) of each signature once the Estonian signatory's
    name is written ``line``."""
    assert WRITTEN in TEXT
    path = tmp_path / "moc.txt"
    path.write_text(TEXT.replace(WRITTEN, WRITTEN.replace("Liisa-Ly Pakosta", line)), "utf-8")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    entry = {"id": "moc", "file": path.name, "sha256": digest}
    document = segment(load_source(tmp_path, entry, tmp_path))
    notes = annotate(document, ROOT / "ontology", org_registry([document], ROOT / "ontology"))
    return [(s.name, s.family_name, s.given_name) for s in notes.signatures]


def test_the_unchanged_text_names_both_signatories(tmp_path: Path) -> None:
    assert signatories(tmp_path, "Liisa-Ly Pakosta") == [
        ("MATSUMOTO Hisashi", "MATSUMOTO", "Hisashi"),
        ("Liisa-Ly Pakosta", None, None),
    ]


@pytest.mark.parametrize(
    ("line", "family", "given"),
    [
        ("Tõnis Mölder", None, None),  # Estonian letters, the usual case
        ("Tomáš NOVÁK", "NOVÁK", "Tomáš"),  # Czech: the family name in capitals, accented
        ("ŠIMEČKOVÁ Jana", "ŠIMEČKOVÁ", "Jana"),  # family name first, in capitals
        ("Łukasz Żurek", None, None),  # Polish capitals beyond Latin-1
        ("Ștefan-Radu Oprea", None, None),  # Romanian comma-below letter, a hyphenated name
        ("Aoife O’Brien", None, None),  # an apostrophe inside the family name
        ("Mairi McDonald", None, None),  # a capital inside the family name
    ],
)
def test_a_name_beyond_ascii_is_read_as_a_signatory(
    tmp_path: Path, line: str, family: str | None, given: str | None
) -> None:
    assert signatories(tmp_path, line)[1] == (line, family, given)


def test_a_post_in_accented_capitals_is_not_a_name(tmp_path: Path) -> None:
    # A line read as no name at all (a body in capitals, no given name) leaves the block to
    # the column reader, which took the wrapped post "Digital Transformation" / "Digital
    # Affairs" for persons until it refused lines holding a post's words (has_post_word).
    names = [name for name, _, _ in signatories(tmp_path, "MINISTÈRE DE L’ÉCONOMIE")]
    assert names == ["MATSUMOTO Hisashi"]
