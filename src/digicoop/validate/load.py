"""Read the RDF documents to validate, refusing bad input with one clear line.

Anything that is not parseable RDF is the user's input error (exit 2), distinct from a
parseable graph with defects (exit 1); so parse errors become :class:`DigicoopError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.util import guess_format

from digicoop.errors import DigicoopError

_FORMATS = {".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}


def load(paths: Iterable[Path]) -> Dataset:
    """Parse each file into one dataset (TriG and N-Quads keep their named graphs).

    Raises :class:`DigicoopError` naming the file for a missing or unparseable file.
    """
    dataset = Dataset()
    for path in paths:
        if not path.is_file():
            raise DigicoopError(f"{path}: no such file")
        fmt = _FORMATS.get(path.suffix.lower()) or guess_format(str(path)) or "turtle"
        try:
            if fmt in ("trig", "nquads", "json-ld"):
                dataset.parse(path, format=fmt)
            else:
                dataset.graph(URIRef(path.resolve().as_uri())).parse(path, format=fmt)
        except Exception as error:  # rdflib raises many types; each is bad input here
            detail = " ".join(str(error).split())[:300] or type(error).__name__
            raise DigicoopError(f"{path}: not valid {fmt}: {detail}") from error
    return dataset
