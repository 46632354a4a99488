"""The corpus reader refuses every kind of bad source, naming the file (and line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from digicoop.errors import SourceError, SourceErrors
from digicoop.sources import load_corpus, read_manifest

CHECKSUMS = {
    # From ../shared/corpus/README.md, the publisher's list.
    "japan-estonia-moc": "3f9122bc8c31008d90bf8ba4654bf3844eb6045732465f78581de9ff3f9b77b6",
    "japan-denmark-moc": "a317bdd195962f7d09d94d7a0dffe9a9d6cf7fdbbcc57bfe919ff7df9632b8f5",
    "japan-luxembourg-moc": "c971ef016528cb4ac29ad0dd1364f2f9c08f104c22c6f7e30098224ec4e1834e",
    "japan-eu-digital-partnership": "16aebc0cecd508ed88896d9753f0ff70dbae9ebc8db35ab7703b2ab0538d1a7d",
    "japan-uk-digital-partnership": "b4885d2d9c33c45bb6ec26a22d4181fcdb5c58b8a4d7d9230585fbf240b1dc52",
}


def test_the_corpus_holds_the_five_published_texts_unchanged(project_root: Path) -> None:
    sources = load_corpus(project_root / "corpus", project_root)
    assert {s.agreement_id: s.sha256 for s in sources} == CHECKSUMS
    assert all(s.path == f"corpus/{s.agreement_id}.txt" for s in sources)


def test_a_changed_source_is_refused_naming_the_file(scratch_project: Path) -> None:
    path = scratch_project / "corpus" / "japan-denmark-moc.txt"
    path.write_bytes(path.read_bytes().replace(b"sixty (60)", b"ninety (90)"))
    with pytest.raises(SourceError, match=r"japan-denmark-moc\.txt: checksum mismatch"):
        load_corpus(scratch_project / "corpus", scratch_project)


def test_a_missing_source_is_refused_naming_the_file(scratch_project: Path) -> None:
    (scratch_project / "corpus" / "japan-eu-digital-partnership.txt").unlink()
    with pytest.raises(
        SourceError, match=r"japan-eu-digital-partnership\.txt: source file not found"
    ):
        load_corpus(scratch_project / "corpus", scratch_project)


def _replace_source(project: Path, data: bytes) -> None:
    """Put ``data`` in place of the Estonia text, with a manifest entry that matches it."""
    import hashlib

    (project / "corpus" / "japan-estonia-moc.txt").write_bytes(data)
    manifest = project / "corpus" / "manifest.toml"
    old = CHECKSUMS["japan-estonia-moc"]
    manifest.write_text(manifest.read_text().replace(old, hashlib.sha256(data).hexdigest()))


def test_a_source_that_is_not_utf8_is_refused_with_its_line(scratch_project: Path) -> None:
    _replace_source(scratch_project, b"MEMORANDUM\n\nSECTION 1\n\n1. Caf\xe9 society.\n")
    with pytest.raises(SourceError, match=r"japan-estonia-moc\.txt:5: not UTF-8"):
        load_corpus(scratch_project / "corpus", scratch_project)


def test_an_empty_source_is_refused(scratch_project: Path) -> None:
    _replace_source(scratch_project, b"\n  \n")
    with pytest.raises(SourceError, match=r"japan-estonia-moc\.txt:1: source text is empty"):
        load_corpus(scratch_project / "corpus", scratch_project)


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("", "no \\[\\[agreement\\]\\] entries"),
        ('[[agreement]]\nid = "x"\nfile = "x.txt"\n', "lacks 'sha256'"),
        (
            '[[agreement]]\nid = "Not A Slug"\nfile = "x.txt"\nsha256 = "00"\n',
            "not a lower-case slug",
        ),
        ("[[agreement]\n", "not a valid TOML manifest"),
    ],
)
def test_a_bad_manifest_is_refused(tmp_path: Path, manifest: str, message: str) -> None:
    (tmp_path / "manifest.toml").write_text(manifest)
    with pytest.raises(SourceError, match=message):
        read_manifest(tmp_path)


def test_the_same_id_twice_is_refused(tmp_path: Path) -> None:
    entry = '[[agreement]]\nid = "a"\nfile = "a.txt"\nsha256 = "00"\n'
    (tmp_path / "manifest.toml").write_text(entry + entry)
    with pytest.raises(SourceError, match="appears twice"):
        read_manifest(tmp_path)


def test_every_unreadable_source_is_reported_at_once(scratch_project: Path) -> None:
    corpus = scratch_project / "corpus"
    (corpus / "japan-eu-digital-partnership.txt").unlink()
    denmark = corpus / "japan-denmark-moc.txt"
    denmark.write_bytes(denmark.read_bytes().replace(b"sixty (60)", b"ninety (90)"))
    with pytest.raises(SourceErrors) as caught:
        load_corpus(corpus, scratch_project)
    assert [error.path for error in caught.value.errors] == [
        "corpus/japan-denmark-moc.txt",
        "corpus/japan-eu-digital-partnership.txt",
    ]
    message = str(caught.value)
    assert message.startswith("2 sources could not be read; nothing was built:")
    assert "corpus/japan-denmark-moc.txt: checksum mismatch" in message
    assert "corpus/japan-eu-digital-partnership.txt: source file not found" in message
