"""Read the corpus manifest and check every source against it.

The manifest is the only hand-written metadata: an id, a file and its SHA-256. Refusing a
file whose digest differs keeps the graph's evidence quotes honest, since every quote is
checked against the exact bytes it was cut from.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from digicoop.errors import SourceError, SourceErrors
from digicoop.model import SourceText

MANIFEST = "manifest.toml"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def read_manifest(corpus_dir: Path) -> list[dict[str, str]]:
    """The manifest's entries, each checked for the keys the build needs."""
    path = corpus_dir / MANIFEST
    if not path.is_file():
        raise SourceError(str(path), "manifest not found")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SourceError(str(path), f"not a valid TOML manifest: {error}") from None
    entries = data.get("agreement")
    if not isinstance(entries, list) or not entries:
        raise SourceError(str(path), "no [[agreement]] entries")
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        for key in ("id", "file", "sha256"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise SourceError(str(path), f"agreement #{number} lacks '{key}'")
        if not _ID.match(entry["id"]):
            raise SourceError(str(path), f"agreement id {entry['id']!r} is not a lower-case slug")
        if entry["id"] in seen:
            raise SourceError(str(path), f"agreement id {entry['id']!r} appears twice")
        inside = (corpus_dir / entry["file"]).resolve().is_relative_to(corpus_dir.resolve())
        if not inside:  # the build reads only the corpus, never ../../etc/hostname
            raise SourceError(
                str(path), f"agreement {entry['id']!r}: file {entry['file']!r} is outside corpus/"
            )
        seen.add(entry["id"])
    return entries


def load_source(corpus_dir: Path, entry: dict[str, str], root: Path | None = None) -> SourceText:
    """One checked source: present, unchanged, UTF-8 and not empty."""
    path = corpus_dir / entry["file"]
    shown = _relative(path, root)
    if not path.is_file():
        raise SourceError(shown, "source file not found")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry["sha256"].lower():
        raise SourceError(
            shown, f"checksum mismatch: manifest says {entry['sha256']}, file has {digest}"
        )
    text = _decode(data, shown)
    return SourceText(agreement_id=entry["id"], path=shown, sha256=digest, text=text)


def _decode(data: bytes, shown: str) -> str:
    """The text of a source, refused with the line of the first bad byte: the two refusals a
    manifest entry and a file being added share (not UTF-8, empty)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(shown, f"not UTF-8 (byte {error.start})", line=line) from None
    if not text.strip():
        raise SourceError(shown, "source text is empty", line=1)
    return text


def load_corpus(corpus_dir: Path, root: Path | None = None) -> list[SourceText]:
    """Every source of the manifest, in manifest order; `SourceErrors` lists every source
    that could not be read (one bad file does not hide the others)."""
    sources, errors = load_corpus_reporting(corpus_dir, root)
    if errors:
        raise SourceErrors(errors)
    return sources


def load_corpus_reporting(
    corpus_dir: Path, root: Path | None = None
) -> tuple[list[SourceText], list[SourceError]]:
    """The sources that could be read, and an error for each one that could not."""
    sources: list[SourceText] = []
    errors: list[SourceError] = []
    for entry in read_manifest(corpus_dir):
        try:
            sources.append(load_source(corpus_dir, entry, root))
        except SourceError as error:
            errors.append(error)
    return sources, errors


def _relative(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


# -- files as a user has them (digicoop add / inspect) -------------------------------------

_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html|<head|<body)", re.IGNORECASE)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_SNIFF = 8192


@dataclass(frozen=True)
class Incoming:
    """A file a user wants to add: its bytes, and the text the build will read.

    For plain text and Markdown the text is the file itself. A saved web page is kept byte
    for byte too, but what the build reads is its main text extracted as Markdown (with the
    page's title, date and address as front matter), because evidence must be quoted from
    words, not from HTML.
    """

    path: Path
    data: bytes
    text: str
    kind: str  # "text", "markdown" or "html"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def read_incoming(path: Path) -> Incoming:
    """Read ``path`` as a user gives it; the only refusals: missing, not text, not UTF-8,
    empty (and an HTML page with no main text)."""
    shown = path.as_posix()
    if not path.is_file():
        raise SourceError(shown, "no such file")
    data = path.read_bytes()
    if b"\x00" in data[:_SNIFF]:
        raise SourceError(shown, "not a text file (binary content)")
    text = _decode(data, shown)
    if path.suffix.lower() in _HTML_SUFFIXES or _HTML_START.match(text):
        return Incoming(path, data, _html_main_text(text, shown), "html")
    kind = (
        "markdown"
        if path.suffix.lower() in {".md", ".markdown"} or text.startswith("---")
        else "text"
    )
    return Incoming(path, data, text, kind)


def _html_main_text(html: str, shown: str) -> str:
    """The page's main text as Markdown, its metadata as YAML front matter.

    trafilatura: maintained, and the best-scoring open main-text extractor in the published
    comparisons; it drops navigation, footers and scripts that would otherwise become
    provisions."""
    import trafilatura  # imported here: only `add`/`inspect` of a web page need it
    import yaml

    body = trafilatura.extract(
        html, output_format="markdown", include_comments=False, include_tables=True,
        include_links=True, favor_recall=True,
    )  # fmt: skip
    if not body or not body.strip():
        raise SourceError(shown, "no main text found in the HTML page")
    metadata = trafilatura.extract_metadata(html)
    fields = {}
    if metadata is not None:
        for key, value in (("title", metadata.title), ("date", metadata.date),
                           ("source_url", metadata.url)):  # fmt: skip
            if value:
                fields[key] = value
    if not fields:
        return body.strip() + "\n"
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{front}---\n\n{body.strip()}\n"


_BUILT_ID = re.compile(r'dco:agreementId\s+"([^"]+)"')
_BUILT_SHA = re.compile(r'dco:sha256\s+"([0-9a-f]{64})"')


def stale_graph(corpus_dir: Path, dataset: Path) -> str | None:
    """Why ``dataset`` was not built from the manifest as it stands (``None`` if it was).

    Compares what the graph records (agreement ids, source checksums) with the manifest,
    not file times: a fresh checkout gives every file the same age."""
    if not dataset.is_file():
        return None
    entries = read_manifest(corpus_dir)
    text = dataset.read_text(encoding="utf-8", errors="replace")
    built_ids, built_shas = set(_BUILT_ID.findall(text)), set(_BUILT_SHA.findall(text))
    missing = [e["id"] for e in entries if e["id"] not in built_ids]
    changed = [
        e["id"] for e in entries if e["id"] in built_ids and e["sha256"].lower() not in built_shas
    ]
    dropped = sorted(built_ids - {e["id"] for e in entries})
    problems = []
    if missing:
        problems.append(f"not built: {', '.join(missing)}")
    if changed:
        problems.append(f"changed since the build: {', '.join(changed)}")
    if dropped:
        problems.append(f"no longer in the manifest: {', '.join(dropped)}")
    if not problems:
        return None
    return (
        f"{dataset.name} is older than {corpus_dir.name}/{MANIFEST} ({'; '.join(problems)});"
        " run `digicoop build` first"
    )
