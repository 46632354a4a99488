"""preload: every vocabulary loader of the annotators has run once it returns (a worker
started ahead of its first agreement has them all)."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from digicoop import annotate
from digicoop.annotate.run import preload


def _loaders() -> dict[str, object]:
    """Every cached ``load_*`` function of the annotators' modules."""
    found = {}
    for module_info in pkgutil.iter_modules(annotate.__path__):
        module = importlib.import_module(f"digicoop.annotate.{module_info.name}")
        for name, value in vars(module).items():
            defined_here = getattr(value, "__module__", None) == module.__name__
            if name.startswith("load_") and hasattr(value, "cache_info") and defined_here:
                found[f"{module.__name__}.{name}"] = value
    return found


def test_preload_runs_every_cached_loader_of_the_annotators(project_root: Path) -> None:
    loaders = _loaders()
    assert len(loaders) >= 10
    for loader in loaders.values():
        loader.cache_clear()  # type: ignore[attr-defined]
    preload(project_root / "ontology")
    empty = sorted(name for name, loader in loaders.items() if not loader.cache_info().currsize)  # type: ignore[attr-defined]
    assert empty == []
