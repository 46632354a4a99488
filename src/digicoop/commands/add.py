"""``digicoop add FILE... [--id ID]``: add agreements to the corpus as the user has them.

Each file (plain text, Markdown with or without YAML front matter, or a saved web page) is
read and segmented first; only if every file is accepted is anything written: the file is
copied byte for byte into ``corpus/`` and its entry appended to ``corpus/manifest.toml``,
both atomically. A web page is kept byte for byte beside the Markdown text extracted from
it, which is what the build reads (``original`` in the manifest names the page).

The id is ``--id``, else the slug of the front matter's title, else of the file name
(``--name-as-id`` prefers the file name). Refused, with one line each and exit code 2: an
id already in the manifest, a file identical to one in the corpus, a missing, empty,
non-UTF-8 or binary file. Structure warnings never refuse a text; they are printed.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

from slugify import slugify

from digicoop.atomic import write_atomically
from digicoop.errors import DigicoopError, SourceError
from digicoop.model import Document, SourceText
from digicoop.paths import Paths, find_root
from digicoop.segment import segment
from digicoop.segment.frontmatter import read_front_matter
from digicoop.segment.outline import outline
from digicoop.sources import MANIFEST, Incoming, read_incoming, read_manifest

NAME = "add"
HELP = "Add agreement texts (text, Markdown, saved web page) to corpus/ and its manifest."
ID_MAX = 60
EXAMPLES = """examples:
  digicoop add ~/Downloads/japan-india-moc.txt       # a plain text: id from its title
  digicoop add statement.md --id us-eu-statement     # Markdown with front matter, id given
  digicoop add saved-page.html --dry-run --outline   # see how it would be read, write nothing
  digicoop add texts/*.txt && digicoop build
"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="texts to add")
    parser.add_argument("--id", help="the agreement id (one FILE only); default: from the title")
    parser.add_argument(
        "--name-as-id", action="store_true", help="derive ids from file names, not titles"
    )
    parser.add_argument("--dry-run", action="store_true", help="read and report; write nothing")
    parser.add_argument("--outline", action="store_true", help="also print each outline")
    parser.add_argument("--root", type=Path, help="project root (default: found)")


@dataclass
class _Plan:
    incoming: Incoming
    agreement_id: str
    file: str  # the file the build reads, in corpus/
    original: str | None  # the page kept byte for byte, for HTML
    document: Document


def derive_id(incoming: Incoming, name_first: bool = False) -> str:
    """A lower-case slug from the front matter's title, else from the file name.

    >>> from pathlib import Path
    >>> derive_id(Incoming(Path("x.md"), b"", "---\\ntitle: The Atlantic Declaration\\n---\\nText", "markdown"))
    'the-atlantic-declaration'
    """
    title = read_front_matter(incoming.text).fields.get("title")
    candidates = [incoming.path.stem]
    if isinstance(title, str) and not name_first:
        candidates.insert(0, title)
    for candidate in candidates:
        slug = slugify(candidate, max_length=ID_MAX, word_boundary=True, save_order=True)
        if slug:
            return slug
    raise SourceError(incoming.path.as_posix(), "cannot derive an id; pass --id")


def _plan(args: argparse.Namespace, paths: Paths) -> tuple[list[_Plan], list[str]]:
    entries = read_manifest(paths.corpus)
    ids = {entry["id"]: entry["file"] for entry in entries}
    digests = {entry["sha256"].lower(): entry["file"] for entry in entries}
    digests.update(
        {e["original_sha256"].lower(): e["file"] for e in entries if "original_sha256" in e}
    )
    taken = {path.name for path in paths.corpus.iterdir()}
    plans: list[_Plan] = []
    errors: list[str] = []
    for path in args.files:
        shown = path.as_posix()
        try:
            incoming = read_incoming(path)
            agreement_id = args.id or derive_id(incoming, args.name_as_id)
            if not slugify(agreement_id) == agreement_id:
                raise SourceError(shown, f"id {agreement_id!r} is not a lower-case slug")
            if incoming.sha256 in digests:
                raise SourceError(
                    shown, f"identical to corpus/{digests[incoming.sha256]}, already in the corpus"
                )
            if agreement_id in ids:
                raise SourceError(
                    shown,
                    f"agreement id {agreement_id!r} is already in corpus/{MANIFEST}"
                    f" ({ids[agreement_id]}); choose another with --id",
                )
            suffix = path.suffix.lower() if path.suffix.lower() in {".txt", ".md"} else ".txt"
            original = None
            if incoming.kind == "html":
                original, suffix = f"{agreement_id}{path.suffix.lower()}", ".md"
            file = f"{agreement_id}{suffix}"
            for name in (file, original):
                if name and name in taken:
                    raise SourceError(shown, f"corpus/{name} already exists")
            text_sha = _sha(incoming.text.encode("utf-8"))
            source = SourceText(agreement_id, f"corpus/{file}", text_sha, incoming.text)
            document = segment(source)
        except DigicoopError as error:
            errors.append(str(error))
            continue
        ids[agreement_id] = file
        digests[incoming.sha256] = file
        taken.update(name for name in (file, original) if name)
        plans.append(_Plan(incoming, agreement_id, file, original, document))
    return plans, errors


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _entry(plan: _Plan) -> str:
    lines = ["", "[[agreement]]", f"id = {_toml_string(plan.agreement_id)}"]
    lines.append(f"file = {_toml_string(plan.file)}")
    if plan.original is None:
        lines.append(f"sha256 = {_toml_string(plan.incoming.sha256)}")
    else:
        lines.append(f"sha256 = {_toml_string(_sha(plan.incoming.text.encode('utf-8')))}")
        lines.append(f"original = {_toml_string(plan.original)}")
        lines.append(f"original_sha256 = {_toml_string(plan.incoming.sha256)}")
    return "\n".join(lines) + "\n"


def _commit(plans: list[_Plan], paths: Paths) -> None:
    """Copy every file, then rewrite the manifest once; a failure removes the copies."""
    written: list[Path] = []
    try:
        for plan in plans:
            target = paths.corpus / plan.file
            if plan.original is None:
                write_atomically(target, plan.incoming.data)
            else:
                write_atomically(paths.corpus / plan.original, plan.incoming.data)
                written.append(paths.corpus / plan.original)
                write_atomically(target, plan.incoming.text.encode("utf-8"))
            written.append(target)
        manifest = paths.corpus / MANIFEST
        text = manifest.read_text(encoding="utf-8")
        text = text if text.endswith("\n") else text + "\n"
        write_atomically(manifest, (text + "".join(map(_entry, plans))).encode("utf-8"))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def _title(document: Document) -> str:
    title = next((p.text for p in document.provisions if p.kind == "title"), None)
    return title or str(document.front_matter.get("title") or "(no title found)")


def run(args: argparse.Namespace) -> int:
    if args.id and len(args.files) > 1:
        raise DigicoopError("--id names one agreement: give one FILE with it")
    paths = Paths(args.root.resolve() if args.root else find_root())
    plans, errors = _plan(args, paths)
    for plan in plans:
        document = plan.document
        count = sum(1 for _ in document.walk())
        verb = "would add" if args.dry_run or errors else "added"
        print(f"{verb} {plan.agreement_id}: corpus/{plan.file} ({plan.incoming.kind})")
        print(f"  title: {_title(document)}")
        print(f"  provisions: {count}; warnings: {len(document.warnings)}")
        for warning in document.warnings:
            print(f"  warning: {warning}")
        if args.outline:
            print("\n".join(f"  {line}" for line in outline(document)))
    if errors:
        for error in errors:
            print(f"digicoop: error: {error}", file=sys.stderr)
        print("digicoop: nothing added", file=sys.stderr)
        return 2
    if not args.dry_run:
        _commit(plans, paths)
    return 0
