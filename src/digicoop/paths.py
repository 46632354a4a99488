"""Where the project's data lives: found from the working directory, or given explicitly.

The package is installed in editable mode from a checkout whose data (corpus, ontology,
shapes, queries, graphs) sits beside `src/`; commands take `--root` to work on another tree
(tests build fixture corpora this way).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digicoop.errors import DigicoopError

_MARKER = Path("corpus") / "manifest.toml"


def find_root(start: Path | None = None) -> Path:
    """The nearest directory at or above ``start`` that holds ``corpus/manifest.toml``.

    Raises :class:`DigicoopError` (one line: where it looked, what to do) if there is none.
    """
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / _MARKER).is_file():
            return candidate
    # No fallback to the checkout the package was installed from: run elsewhere, a command
    # would silently build or read another project's corpus.
    raise DigicoopError(
        f"not in a digicoop project: no {_MARKER} in {here} or above; "
        "run from a project folder or pass --root DIR (--data FILE for a built graph)"
    )


@dataclass(frozen=True)
class Paths:
    root: Path

    @property
    def corpus(self) -> Path:
        return self.root / "corpus"

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def shapes(self) -> Path:
        return self.root / "shapes"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def graphs(self) -> Path:
        return self.root / "graphs"

    @property
    def dataset(self) -> Path:
        return self.graphs / "digicoop.trig"

    @property
    def disk_store(self) -> Path:
        """The on-disk store of large datasets (digicoop.disk_store); generated, not in git."""
        return self.root / "build" / "oxigraph"

    @property
    def build_cache(self) -> Path:
        """Each agreement's cached build work (digicoop.agreement_cache); generated, not in git."""
        return self.root / "build" / "cache"

    @property
    def publication(self) -> Path:
        """What the last build wrote into graphs/ (digicoop.publish.Record); generated."""
        return self.root / "build" / "published.json"
