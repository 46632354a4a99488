"""``digicoop inspect FILE``: the outline a text is read into, before it enters the graph.

Reads the file as ``add`` would (plain text, Markdown with or without front matter, a saved
web page) and prints its front matter, the tree of provisions (labels, headings, first
words, lengths) and every structure warning. Writes nothing. Exit codes: 0 read (warnings
or not), 2 refused (missing, empty, not UTF-8, not text).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from digicoop.model import SourceText
from digicoop.segment import segment
from digicoop.segment.outline import outline
from digicoop.sources import read_incoming

NAME = "inspect"
HELP = "Print the outline a text is read into (provisions, headings, warnings); writes nothing."
EXAMPLES = """examples:
  digicoop inspect corpus/japan-denmark-moc.txt   # its provisions, headings and warnings
  digicoop inspect new-text.md                    # check a text before adding it
"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="text to read")


def run(args: argparse.Namespace) -> int:
    for number, path in enumerate(args.files):
        incoming = read_incoming(path)
        document = segment(SourceText("inspect", path.as_posix(), incoming.sha256, incoming.text))
        if number:
            print()
        print(f"{path.as_posix()} ({incoming.kind}, {len(incoming.text)} characters)")
        for key, value in sorted(document.front_matter.items()):
            print(f"front matter {key}: {value}")
        for line in outline(document):
            print(line)
    return 0
