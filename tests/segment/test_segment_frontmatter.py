"""YAML front matter: metadata kept apart from the text, and a title quoted from it."""

from __future__ import annotations

from pathlib import Path

from digicoop.model import Document, SourceText
from digicoop.segment import segment
from digicoop.segment.frontmatter import read_front_matter

DEV = Path(__file__).resolve().parents[1] / "fixtures" / "dev-corpus"
ISRAEL = DEV / "us-israel-technology-dialogue-2022.txt"


def run(text: str) -> Document:
    return segment(SourceText("demo", "demo.md", "0" * 64, text))


def test_fields_are_metadata_and_the_body_starts_after_them() -> None:
    text = ISRAEL.read_text(encoding="utf-8")
    front = read_front_matter(text)
    assert front.fields["date"] == "2022-07-13"
    assert front.fields["tags"] == "statements-releases"
    assert front.fields["source_url"].startswith("https://bidenwhitehouse.archives.gov/")
    assert front.body_line == 10  # lines 1-9: "---", six fields (title over two lines), "---"
    document = segment(SourceText("i", "i.txt", "0" * 64, text))
    assert document.front_matter == front.fields
    assert not any("source_url" in p.text or "2022-07-13" in p.text for p in document.walk())


def test_a_title_only_the_front_matter_gives_is_quoted_from_it() -> None:
    text = ISRAEL.read_text(encoding="utf-8")
    title = segment(SourceText("i", "i.txt", "0" * 64, text)).find("title")
    assert title.text == (
        "Joint U.S.-Israel Statement on Launching Strategic High-Level Dialogue on Technology"
    )
    # written `"... Dialogue on\_\` + line break + `  Technology"`: the span covers it
    assert text[title.offsets[0] : title.offsets[-1]].startswith("Joint U.S.-Israel")
    assert text[title.offsets[-2]] == "y" and text.index("title:") < title.offsets[0]


def test_a_body_title_is_kept_when_it_matches_the_front_matter() -> None:
    document = run("---\ntitle: Digital Partnership\n---\n\nDIGITAL PARTNERSHIP\n\n1. We agree.\n")
    assert [(p.eid, p.text) for p in document.walk()] == [
        ("title", "DIGITAL PARTNERSHIP"),
        ("para_1", "We agree."),
    ]


def test_windows_line_endings_read_the_same() -> None:
    text = ISRAEL.read_text(encoding="utf-8")
    unix = segment(SourceText("i", "i.txt", "0" * 64, text))
    windows = segment(SourceText("i", "i.txt", "0" * 64, text.replace("\n", "\r\n")))
    assert [(p.eid, p.text) for p in windows.walk()] == [(p.eid, p.text) for p in unix.walk()]


def test_front_matter_that_is_not_yaml_is_a_warning_not_a_refusal() -> None:
    document = run("---\ntitle: [unclosed\n---\n\nWe agree to meet.\n")
    assert document.warnings[0].startswith("demo.md:1: front matter is not valid YAML")
    assert any(p.text == "We agree to meet." for p in document.walk())
