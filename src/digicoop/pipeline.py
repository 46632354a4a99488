"""The build: sources → segments → annotations → graphs, validated, then published at once.

This module only runs the stages in order; each stage lives in its own module.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph

from digicoop import reuse
from digicoop.annotate.run import annotate, org_registry
from digicoop.assemble import SHARED_GRAPH, Assembled, Reuse, assemble, graph_iri, provision_iri
from digicoop.describe import GRAPH_IRI as DESCRIPTION_GRAPH
from digicoop.describe import describe
from digicoop.errors import DigicoopError, SourceError, SourceErrors
from digicoop.model import Document
from digicoop.paths import Paths
from digicoop.publish import publish
from digicoop.sandbox import die_with_parent
from digicoop.segment import segment
from digicoop.sources import load_corpus_reporting
from digicoop.validate import validate_dataset
from digicoop.vocab import GRAPH, PREFIXES

ONTOLOGY_FILES = ("digicoop.ttl",)
SCHEME_FILES = ("topics.ttl", "modality.ttl", "schemes.ttl", "clause-types.ttl")
DATASET_NAME = "digicoop.trig"
SHARED_NAME = "shared.ttl"
#: Graph names the build uses itself; an agreement id may not take one (graph:{id} would clash).
RESERVED_IDS = ("ontology", "topics", "shared", "dataset")


class InvalidBuild(DigicoopError):
    """The built graph does not validate; nothing was written."""


@dataclass
class BuildResult:
    paths: Paths
    documents: list[Document]
    graphs: dict[str, Graph]
    shared: Graph
    dataset: Dataset
    written: list[Path] = field(default_factory=list)


def _find_reuse(documents: list[Document]) -> list[Reuse]:
    """Near-verbatim provisions across agreements, as links in both directions."""
    return [
        Reuse(
            provision_iri(a.agreement_id, a.eid),
            provision_iri(b.agreement_id, b.eid),
            a_b.similarity,
        )
        for a_b in reuse.find_reuse(documents)
        for a, b in ((a_b.left, a_b.right), (a_b.right, a_b.left))
    ]


def parallel_map(fn: Callable, items: Iterable, jobs: int) -> Iterator:  # type: ignore[type-arg]
    """``map(fn, items)`` in order, over ``jobs`` forked processes when ``jobs`` > 1.

    Why processes: annotating, assembling and serialising are pure Python (the GIL), and each
    agreement is independent; results come back in input order, so the output is
    byte-identical to a one-process build. The workers die with the build (SIGTERM or
    SIGKILL included): they would otherwise hold the caller's pipes open."""
    if jobs <= 1:
        yield from map(fn, items)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        # A window of 2 x jobs tasks in flight: Executor.map would pickle every item at once
        # (at N=500 that held ~15 GB of pickled graphs in memory).
        window: deque[Future] = deque()  # type: ignore[type-arg]
        for item in items:
            window.append(pool.submit(fn, item))
            if len(window) >= 2 * jobs:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def _agreement_graph(task: tuple[Document, Path, object, list[Reuse]]) -> Assembled:
    document, ontology, registry, mine = task
    notes = annotate(document, ontology, registry)  # type: ignore[arg-type]
    return assemble(document, notes, mine)


def compile_graphs(
    paths: Paths, progress: Callable[[str], None] | None = None, jobs: int = 1
) -> BuildResult:
    """Every stage up to the in-memory dataset; writes nothing (``jobs``: see parallel_map)."""
    sources, errors = load_corpus_reporting(paths.corpus, paths.root)
    for source in sources:
        if source.agreement_id in RESERVED_IDS:
            raise DigicoopError(
                f"{paths.corpus / 'manifest.toml'}: agreement id {source.agreement_id!r} is "
                f"reserved for the build's own graphs ({', '.join(RESERVED_IDS)}); rename it"
            )
    documents = []
    for source in sources:
        if progress:
            progress(f"segment {source.agreement_id}")
        try:
            documents.append(segment(source))
        except SourceError as error:
            errors.append(error)
    if errors:
        raise SourceErrors(errors)  # every unreadable source at once, each with file and line
    registry = org_registry(documents, paths.ontology)
    reuses = _find_reuse(documents)
    tasks = []
    for document in documents:
        prefix = str(provision_iri(document.source.agreement_id, ""))
        mine = [r for r in reuses if str(r.provision).startswith(prefix)]
        tasks.append((document, paths.ontology, registry, mine))
    graphs: dict[str, Graph] = {}
    shared = Graph()
    for prefix, namespace in PREFIXES.items():
        shared.bind(prefix, namespace)
    for document, assembled in zip(
        documents, parallel_map(_agreement_graph, tasks, jobs), strict=True
    ):
        agreement_id = document.source.agreement_id
        if progress:
            progress(f"annotate {agreement_id}")
        graphs[agreement_id] = assembled.own
        for triple in assembled.shared:  # a set: what two agreements both state is kept once
            shared.add(triple)
    return BuildResult(paths, documents, graphs, shared, _dataset(paths, graphs, shared))


def _dataset(paths: Paths, graphs: dict[str, Graph], shared: Graph) -> Dataset:
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    ontology = dataset.graph(GRAPH.ontology)
    for name in ONTOLOGY_FILES:
        ontology.parse(paths.ontology / name, format="turtle")
    schemes = dataset.graph(GRAPH.topics)
    for name in SCHEME_FILES:
        schemes.parse(paths.ontology / name, format="turtle")
    common = dataset.graph(SHARED_GRAPH)
    for triple in shared:
        common.add(triple)
    for agreement_id, graph in sorted(graphs.items()):
        named = dataset.graph(graph_iri(agreement_id))
        for triple in graph:
            named.add(triple)
    description = describe(dataset, paths.ontology / "dataset.ttl")  # VoID + DCAT, counted
    target = dataset.graph(DESCRIPTION_GRAPH)
    for triple in description:
        target.add(triple)
    return dataset


def _copy(context: Graph) -> Graph:
    """One named graph as a plain Graph with the project's prefixes (made lazily, one by one)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in context:
        graph.add(triple)
    return graph


def _turtle(graph: Graph) -> bytes:
    return graph.serialize(format="turtle").encode("utf-8")


def serialise(result: BuildResult, jobs: int = 1) -> dict[str, bytes]:
    """File name → bytes; deterministic for the same sources (and any ``jobs``)."""
    files: dict[str, bytes] = {}
    ordered = sorted(result.graphs.items())
    for (agreement_id, _), data in zip(
        ordered, parallel_map(_turtle, [g for _, g in ordered], jobs), strict=True
    ):
        files[f"{agreement_id}.ttl"] = data
    files[SHARED_NAME] = _turtle(result.shared)
    files[DATASET_NAME] = deterministic_trig(result.dataset, jobs).encode("utf-8")
    return files


def deterministic_trig(dataset: Dataset, jobs: int = 1) -> str:
    """TriG with the named graphs in IRI order, each written by the Turtle serialiser.

    rdflib's TriG serialiser orders graphs by hash, which varies between runs; Turtle output
    of one graph is stable, so the dataset is stitched from per-graph Turtle bodies."""
    header: list[str] = []
    blocks: list[str] = []
    contexts = [
        context
        for context in sorted(dataset.graphs(), key=lambda g: str(g.identifier))
        if len(context) and not str(context.identifier).startswith("urn:x-rdflib:")
    ]
    for context, text in zip(
        contexts, parallel_map(_turtle, map(_copy, contexts), jobs), strict=True
    ):
        lines = text.decode("utf-8").splitlines()
        prefixes = [line for line in lines if line.startswith("@prefix")]
        body = [line for line in lines if not line.startswith("@prefix")]
        header.extend(p for p in prefixes if p not in header)
        # No indentation: it would change the content of multi-line (triple-quoted) literals.
        inner = "\n".join(body).strip("\n")
        blocks.append(f"<{context.identifier}> {{\n{inner}\n}}\n")
    return "\n".join(sorted(header)) + "\n\n" + "\n".join(blocks)


def _validate(dataset: Dataset, paths: Paths) -> None:
    result = validate_dataset(dataset, root=paths.root)
    if not result.conforms:
        raise InvalidBuild(
            f"the built graph does not validate; graphs/ left unchanged:\n{result.format('text')}"
        )


def build(
    paths: Paths,
    validate: bool = True,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
) -> BuildResult:
    """Build, validate and write ``graphs/``; an invalid build writes nothing."""
    result = compile_graphs(paths, progress, jobs)
    if validate:
        if progress:
            progress("validate")
        _validate(result.dataset, paths)
    files = serialise(result, jobs)
    result.written = publish(
        paths.graphs, files, keep=lambda name: not (name.endswith(".ttl") or name.endswith(".trig"))
    )
    return result


__all__ = ["BuildResult", "InvalidBuild", "build", "compile_graphs", "serialise"]
