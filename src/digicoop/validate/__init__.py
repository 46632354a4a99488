"""Validation: SHACL shapes (``shapes/*.ttl``) plus a check of every quote against its source.

>>> from digicoop.validate import validate_dataset
>>> from rdflib import Graph
>>> result = validate_dataset(Graph())
>>> result.conforms, len(result.violations)
(True, 0)

The build calls :func:`validate_dataset` before it replaces ``graphs/``; ``digicoop validate``
and the endpoint's ``POST /shacl`` call it too, so all three judge a graph the same way.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from digicoop.agreement_cache import AgreementCache
from digicoop.errors import DigicoopError
from digicoop.paths import Paths, find_root
from digicoop.validate import context as incremental_context
from digicoop.validate import evidence, fast, incremental, shacl
from digicoop.validate.findings import findings_of
from digicoop.validate.result import Finding, ValidationResult

__all__ = [
    "Finding",
    "ValidationResult",
    "cache_for",
    "read_ahead",
    "validate_dataset",
    "validate_graph",
]


ENGINES = ("fast", "pyshacl")


def validate_graph(
    data: Dataset | Graph | ox.Store,
    root: Path | None = None,
    *,
    check_sources: bool = True,
    engine: str = "fast",
    incremental: bool = False,
    cache: AgreementCache | None = None,
    digests: Mapping[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
    graph_digests: Mapping[str, str] | None = None,
    graph_changes: Mapping[str, incremental_context.Delta] | None = None,
) -> ValidationResult:
    """Validate ``data`` against the project's shapes and, unless told not to, its sources.

    ``root`` is the project tree whose ``shapes/``, ``ontology/`` and source files are used
    (default: found from the working directory). ``check_sources=False`` skips reading the
    source files, for data posted from elsewhere. ``engine="fast"`` (the default) compiles the
    shapes to SPARQL on Oxigraph (:mod:`digicoop.validate.fast`), same report as pySHACL's;
    if the shapes use a feature it does not compile it warns and runs pySHACL, the reference
    (``engine="pyshacl"``). A pyoxigraph ``Store`` is validated by the fast engine in place.
    Raises :class:`DigicoopError` if a shapes or ontology file is missing or broken.

    ``incremental=True`` (fast engine) validates agreement graph by agreement graph
    (:mod:`digicoop.validate.incremental`), reusing from ``cache`` (see :func:`cache_for`)
    the results of agreements whose part of the dataset is unchanged; ``digests`` may give
    an agreement graph's content digest by agreement id, ``graph_digests`` that of another
    graph by its IRI (a graph whose digest is the last run's is not read again), and
    ``graph_changes`` what the update of the store did to the graphs it changed
    (:func:`digicoop.validate.context.read`). The report is the same.

    ``jobs`` (fast engine): processes that run the checks' queries side by side
    (:mod:`digicoop.validate.fast.parallel`); the report is the same for any number.
    """
    started = time.perf_counter()
    paths = Paths(root or find_root())
    if engine not in ENGINES:
        raise DigicoopError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if incremental and cache is not None:
        shapes, ontology = _parsed(paths, cache)
    else:
        shapes, ontology = shacl.shapes_graph(paths.shapes), shacl.ontology_graph(paths.ontology)
    if incremental:
        if engine != "fast":
            raise DigicoopError("incremental validation runs on the fast engine only")
        return _incremental(
            data,
            paths,
            shapes,
            ontology,
            check_sources,
            cache,
            digests,
            progress,
            started,
            jobs,
            graph_digests,
            graph_changes,
        )
    if engine == "fast" or isinstance(data, ox.Store):
        try:
            report, quotes, problems = fast.validate(
                data,
                shapes,
                ontology,
                paths.root if check_sources else None,
                jobs=jobs,
            )
        except fast.Unsupported as error:
            if isinstance(data, ox.Store):
                raise DigicoopError(f"the fast engine cannot run these shapes: {error}") from error
            warnings.warn(f"fast SHACL engine: {error}; validating with pySHACL", stacklevel=2)
        else:
            evidence.add_to_report(report, problems)
            findings = sorted(findings_of(report, shapes, quotes), key=Finding.sort_key)
            return ValidationResult(report, findings, time.perf_counter() - started)
    merged = shacl.data_graph(data, ontology)
    report = shacl.run_shacl(merged, shapes)
    if check_sources:
        evidence.add_to_report(report, evidence.check(merged, paths.root))
    findings = sorted(findings_of(report, shapes, merged), key=Finding.sort_key)
    return ValidationResult(report, findings, time.perf_counter() - started)


#: The name the build uses; the same function.
validate_dataset = validate_graph


def cache_for(root: Path, name: str = "validation") -> AgreementCache:
    """A cache of incremental validation under ``root`` (``build/{name}/``): the build's is
    ``validation``; ``digicoop validate --incremental`` keeps its own (it digests graphs by
    their content in the store, the build by their Turtle, so their keys differ)."""
    return AgreementCache(root / "build" / name, incremental.version(root))


def read_ahead(cache: AgreementCache) -> None:
    """Read now the entries of ``cache`` an incremental validation starts with (the parsed
    shapes and ontology, the last state): a build calls it while it waits on its workers,
    so that its validation does not read them after the wait."""
    cache.read_ahead("shapes-ontology", cache.key("shapes-ontology"))
    incremental.read_ahead(cache)


def _parsed(paths: Paths, cache: AgreementCache) -> tuple[Graph, Graph]:
    """The shapes and the ontology, parsed (and the shapes' blank nodes canonically labelled:
    most of a second) once per version of them: the cache's version covers both."""

    def parsed() -> tuple[Graph, Graph]:
        return shacl.shapes_graph(paths.shapes), shacl.ontology_graph(paths.ontology)

    def whole(found: tuple[Graph, Graph]) -> bool:  # an older entry's layout is made again
        return len(found) == 2 and all(isinstance(graph, Graph) for graph in found)

    return cache.made("shapes-ontology", cache.key("shapes-ontology"), parsed, tuple, whole)


def _incremental(
    data: Dataset | Graph | ox.Store,
    paths: Paths,
    shapes: Graph,
    ontology: Graph,
    check_sources: bool,
    cache: AgreementCache | None,
    digests: Mapping[str, str] | None,
    progress: Callable[[str], None] | None,
    started: float,
    jobs: int = 1,
    graph_digests: Mapping[str, str] | None = None,
    graph_changes: Mapping[str, incremental_context.Delta] | None = None,
) -> ValidationResult:
    store = data if isinstance(data, ox.Store) else incremental.store_of(data)
    try:
        outcome = incremental.validate(
            store,
            shapes,
            ontology,
            paths.root if check_sources else None,
            cache,
            digests,
            progress,
            jobs,
            graph_digests,
            graph_changes,
        )
    except fast.Unsupported as error:
        raise DigicoopError(f"the fast engine cannot run these shapes: {error}") from error
    return ValidationResult(
        outcome.merged.report,  # merged only if read (the build reads findings)
        outcome.merged.findings,
        time.perf_counter() - started,
        judged=outcome.judged,
        reused=outcome.reused,
        resources=outcome.resources,
        keyed=outcome.keyed,
    )
