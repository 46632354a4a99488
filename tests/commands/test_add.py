"""``digicoop add`` and ``digicoop inspect`` on real files: what is written, what is refused."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest

from digicoop.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "fixtures" / "dev-corpus"
MOU = DEV / "us-malaysia-critical-minerals-mou-2025.txt"
ISRAEL = DEV / "us-israel-technology-dialogue-2022.txt"
FINLAND = ROOT / "tests" / "fixtures" / "other-layout" / "japan-finland-moc.txt"


@pytest.fixture()
def project(scratch_project: Path) -> Path:
    return scratch_project


def manifest(project: Path) -> list[dict[str, str]]:
    return tomllib.loads((project / "corpus" / "manifest.toml").read_text("utf-8"))["agreement"]


def test_add_copies_byte_for_byte_and_appends_the_manifest(project: Path, capsys) -> None:
    before = (project / "corpus" / "manifest.toml").read_text("utf-8")
    assert main(["add", "--root", str(project), str(MOU)]) == 0
    out = capsys.readouterr().out
    # the id comes from the front matter's title, cut at a word boundary
    agreement_id = "memorandum-of-understanding-between-the-government-of-the"
    assert f"added {agreement_id}: corpus/{agreement_id}.txt (markdown)" in out
    assert "title: Memorandum of Understanding Between the Government of the United" in out
    assert "provisions: 28; warnings: 0" in out
    copied = project / "corpus" / f"{agreement_id}.txt"
    assert copied.read_bytes() == MOU.read_bytes()
    after = (project / "corpus" / "manifest.toml").read_text("utf-8")
    assert after.startswith(before)  # appended, nothing rewritten
    entry = manifest(project)[-1]
    assert entry == {
        "id": agreement_id,
        "file": f"{agreement_id}.txt",
        "sha256": hashlib.sha256(MOU.read_bytes()).hexdigest(),
    }


def test_id_option_and_plain_text(project: Path, capsys) -> None:
    assert main(["add", "--root", str(project), "--id", "japan-finland", str(FINLAND)]) == 0
    assert "added japan-finland: corpus/japan-finland.txt (text)" in capsys.readouterr().out
    assert manifest(project)[-1]["id"] == "japan-finland"


def test_name_as_id(project: Path) -> None:
    assert main(["add", "--root", str(project), "--name-as-id", str(ISRAEL)]) == 0
    assert manifest(project)[-1]["id"] == "us-israel-technology-dialogue-2022"


def test_refuses_an_identical_file_and_a_taken_id(project: Path, capsys) -> None:
    existing = project / "corpus" / "japan-uk-digital-partnership.txt"
    before = (project / "corpus" / "manifest.toml").read_bytes()
    assert main(["add", "--root", str(project), str(existing)]) == 2
    err = capsys.readouterr().err
    assert "identical to corpus/japan-uk-digital-partnership.txt, already in the corpus" in err
    assert (
        main(["add", "--root", str(project), "--id", "japan-eu-digital-partnership", str(ISRAEL)])
        == 2
    )
    err = capsys.readouterr().err
    assert "agreement id 'japan-eu-digital-partnership' is already in corpus/manifest.toml" in err
    assert (project / "corpus" / "manifest.toml").read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "source text is empty"),
        (b"  \n\n", "source text is empty"),
        (b"caf\xe9 au lait\n", "not UTF-8 (byte 3)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
    ],
)
def test_refusals_name_the_file_and_write_nothing(
    project: Path, tmp_path: Path, capsys, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    files = sorted(p.name for p in (project / "corpus").iterdir())
    assert main(["add", "--root", str(project), str(ISRAEL), str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad.as_posix()}" in err and message in err
    assert "nothing added" in err
    assert sorted(p.name for p in (project / "corpus").iterdir()) == files  # not even ISRAEL


def test_dry_run_writes_nothing(project: Path, capsys) -> None:
    before = sorted((project / "corpus").iterdir())
    assert main(["add", "--root", str(project), "--dry-run", str(ISRAEL)]) == 0
    assert "would add joint-u-s-israel-statement-on-launching-strategic-high-level" in (
        capsys.readouterr().out
    )
    assert sorted((project / "corpus").iterdir()) == before


def test_added_texts_build(project: Path, capsys) -> None:
    assert main(["add", "--root", str(project), "--name-as-id", str(MOU), str(FINLAND)]) == 0
    assert main(["build", "--root", str(project), "--no-validate", "-q"]) == 0
    graph = (project / "graphs" / "us-malaysia-critical-minerals-mou-2025.ttl").read_text("utf-8")
    assert "OBJECTIVE" in graph


def test_inspect_prints_the_outline_and_warnings(capsys) -> None:
    assert main(["inspect", str(ISRAEL)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{ISRAEL.as_posix()} (markdown, 3753 characters)"
    assert "front matter date: 2022-07-13" in out
    assert (
        "para_1 [paragraph] 1. First, we recognize the importance of the technological … (140 chars)"
        in out
    )
    assert (
        "  item_1 [item] «Pandemic preparedness» Pandemic preparedness: exploring cooperative tech R&D ventures, including … (174 chars)"
        in out
    )
    assert out[-2] == "12 provisions: item 4, paragraph 5, text 2, title 1"
    assert out[-1] == "no warnings"


def test_inspect_reports_numbering_warnings_with_file_and_line(tmp_path: Path, capsys) -> None:
    text = tmp_path / "gap.md"
    text.write_text("# Plan\n\n1. One.\n\n3. Three.\n", encoding="utf-8")
    assert main(["inspect", str(text)]) == 0
    out = capsys.readouterr().out
    assert f"warning: {text.as_posix()}:5: paragraph '3' out of sequence (expected 2)" in out


def test_inspect_refuses_what_is_not_text(tmp_path: Path, capsys) -> None:
    assert main(["inspect", str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt: no such file" in capsys.readouterr().err


def test_add_a_saved_web_page(project: Path, tmp_path: Path, capsys) -> None:
    page = tmp_path / "statement.html"
    paragraphs = "".join(
        f"<p>The Participants will cooperate on topic number {n} of the plan, with the"
        f" ministries responsible for digital affairs in both countries.</p>"
        for n in range(1, 6)
    )
    page.write_text(
        "<!DOCTYPE html><html><head><title>Joint Statement on Digital Cooperation</title>"
        '<link rel="canonical" href="https://example.org/statement"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Joint Statement on Digital Cooperation</h1>{paragraphs}</article>"
        "<footer>Copyright and privacy policy</footer></body></html>",
        encoding="utf-8",
    )
    assert main(["add", "--root", str(project), str(page)]) == 0
    entry = manifest(project)[-1]
    assert entry["id"] == "joint-statement-on-digital-cooperation"
    assert entry["original"] == "joint-statement-on-digital-cooperation.html"
    assert (project / "corpus" / entry["original"]).read_bytes() == page.read_bytes()
    text = (project / "corpus" / entry["file"]).read_text("utf-8")
    assert "topic number 3" in text and "Home" not in text and "privacy policy" not in text
