"""Read the corpus manifest and check every source against it.

The manifest is the only hand-written metadata: an id, a file and its SHA-256. Refusing a
file whose digest differs keeps the graph's evidence quotes honest, since every quote is
checked against the exact bytes it was cut from.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

from digicoop.errors import SourceError
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
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(shown, f"not UTF-8 (byte {error.start})", line=line) from None
    if not text.strip():
        raise SourceError(shown, "source text is empty", line=1)
    return SourceText(agreement_id=entry["id"], path=shown, sha256=digest, text=text)


def load_corpus(corpus_dir: Path, root: Path | None = None) -> list[SourceText]:
    """Every source of the manifest, in manifest order."""
    return [load_source(corpus_dir, entry, root) for entry in read_manifest(corpus_dir)]


def _relative(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
