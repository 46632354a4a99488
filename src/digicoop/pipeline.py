"""The build: sources → segments → annotations → graphs, validated, then published at once.

This module only runs the stages in order; each stage lives in its own module.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from itertools import chain
from pathlib import Path
from typing import overload

import pyoxigraph as ox
from rdflib import Graph

from digicoop import collector, graph_parts, output_files, reuse_step
from digicoop import disk_store as ondisk
from digicoop.agreement_cache import AgreementCache
from digicoop.agreement_cache import version as cache_version
from digicoop.annotate.orgs import load_grammar
from digicoop.annotate.parties import load_parties
from digicoop.annotate.run import OrgCensus, annotate, org_census, preload, registry_of
from digicoop.assemble import (
    REUSE_GRAPH,
    SHARED_GRAPH,
    Triples,
    agreement_iri,
    assemble,
    dated,
    graph_iri,
)
from digicoop.describe import GRAPH_IRI as DESCRIPTION_GRAPH
from digicoop.describe import describe
from digicoop.disk_feed import Feed
from digicoop.errors import DigicoopError, SourceError, SourceErrors
from digicoop.graph_parts import GraphPart
from digicoop.memory_feed import MemoryFeed
from digicoop.model import Document, SourceText
from digicoop.output_files import Content, Stored
from digicoop.paths import Paths
from digicoop.publish import Staged as Publication
from digicoop.publish import stage as stage_publication
from digicoop.reuse import Outline
from digicoop.segment import segment
from digicoop.settle import settle_names
from digicoop.sources import load_corpus_reporting
from digicoop.turtle import turtle
from digicoop.validate import cache_for, incremental, read_ahead, validate_dataset
from digicoop.validate.report import render
from digicoop.vocab import GRAPH, PREFIXES
from digicoop.workers import Workers

ONTOLOGY_FILES = ("digicoop.ttl",)
SCHEME_FILES = ("topics.ttl", "modality.ttl", "schemes.ttl", "clause-types.ttl")
DATASET_NAME = "digicoop.trig"
SHARED_NAME = "shared.ttl"
REUSE_NAME = "reuse.ttl"
#: Graphs written by digicoop.turtle that an added agreement changes in part (see
#: digicoop.disk_store.GraphFile.diffable).
_DIFFABLE = frozenset({str(SHARED_GRAPH), str(REUSE_GRAPH)})
#: Graph names the build uses itself; an agreement id may not take one (graph:{id} would clash).
RESERVED_IDS = ("ontology", "topics", "shared", "reuse", "dataset")


class InvalidBuild(DigicoopError):
    """The built graph does not validate; nothing was written."""


@dataclass
class BuildResult:
    """What a build made: every output file (its bytes, or what they are made of), and views
    of them for readers.

    The files are kept as digicoop.output_files contents: an agreement taken from the build
    cache is its fingerprint and size, its Turtle read only if someone asks (:attr:`files`),
    and the dataset file a plan of its graphs; publishing copies what did not change.
    :attr:`graphs`, :attr:`shared` and :meth:`store` parse on demand."""

    paths: Paths
    #: Each agreement's segmented document, read from the cache when asked for.
    documents: Sequence[Document]
    contents: dict[str, Content]
    triples: dict[str, int]
    written: list[Path] = field(default_factory=list)
    #: Each named graph of the dataset file (IRI → its Turtle, fingerprint and triples): what
    #: the on-disk store is updated from (digicoop.disk_store.update).
    graph_files: dict[str, ondisk.GraphFile] = field(default_factory=dict, repr=False)
    #: The dataset file written for this build, while it is there to be read (the build's
    #: staged copy, before it is published): what :meth:`store` loads instead of the bytes.
    dataset_file: Path | None = field(default=None, repr=False)

    @property
    def files(self) -> Mapping[str, bytes]:
        """File name → bytes (each read or stitched when asked for)."""
        return _Files(self.contents)

    @cached_property
    def graphs(self) -> Mapping[str, Graph]:
        """Each agreement's own graph, parsed with rdflib on first access (for readers)."""
        return _Parsed(self.files, list(self.triples))

    @cached_property
    def shared(self) -> Graph:
        """The shared graph (parties, organisations, people, places, entities, bodies)."""
        return _parse(self.files[SHARED_NAME])

    def store(self) -> ox.Store:
        """A new in-memory Oxigraph store holding the whole dataset (every named graph).

        Why ``load`` and not ``bulk_load``: into memory, pyoxigraph's bulk loader batches
        the quads over threads and then merges them, and costs more than the plain load it
        would speed up on disk (at 500 agreements, 3.9 M quads: 11.8-12.5 s of CPU and a
        1.68 GiB peak against 9.4-9.8 s and 1.43 GiB; bench/results.md, seventh round)."""
        store = ox.Store()
        if self.dataset_file is not None and self.dataset_file.is_file():
            store.load(path=str(self.dataset_file), format=ox.RdfFormat.TRIG)
        else:
            store.load(self.files[DATASET_NAME], format=ox.RdfFormat.TRIG)
        return store


class _Files(Mapping[str, bytes]):
    def __init__(self, contents: Mapping[str, Content]) -> None:
        self._contents = contents

    def __getitem__(self, name: str) -> bytes:
        return output_files.data(self._contents[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self._contents)

    def __len__(self) -> int:
        return len(self._contents)


class _Parsed(Mapping[str, Graph]):
    def __init__(self, files: Mapping[str, bytes], ids: list[str]) -> None:
        self._files, self._ids, self._cache = files, ids, dict[str, Graph]()

    def __getitem__(self, agreement_id: str) -> Graph:
        if agreement_id not in self._ids:
            raise KeyError(agreement_id)
        if agreement_id not in self._cache:
            self._cache[agreement_id] = _parse(self._files[f"{agreement_id}.ttl"])
        return self._cache[agreement_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def _parse(data: bytes) -> Graph:
    return Graph().parse(data=data, format="turtle")


@dataclass(frozen=True)
class _Output:
    """One agreement's share of the build but its Turtle (an ``output`` cache entry; the
    Turtle is a ``turtle`` entry of the same key, read only when needed)."""

    #: The length of its Turtle, and its triples.
    size: int
    triples: int
    shared: Triples
    #: The agreement's date (digicoop.assemble.dated), for ordering texts in time.
    date: str | None


@dataclass(frozen=True)
class _Reading:
    """What an agreement's text alone gives before annotation but its segmented document (a
    ``read`` cache entry; the document is a ``document`` entry of the same key,
    :class:`_DocumentOf`). Why apart: a build needs every agreement's census and outline
    (the organisation registry, the text reuse links) but the documents only of those it
    makes again; at 500 agreements reading the 500 documents back cost 0.23 s of every
    build, their outlines 0.015 s."""

    #: The source it was read from: its id, path and the sha256 of its text.
    identity: tuple[str, str, str]
    census: OrgCensus
    outline: Outline


def _identity(source: SourceText) -> tuple[str, str, str]:
    return source.agreement_id, source.path, source.sha256


class _DocumentOf:
    """An agreement's segmented document: held, or read from its ``document`` cache entry
    when first asked for (segmented again from its source if the entry is gone or holds
    another text: the same document). Pickled with what it holds: a worker given an
    agreement to make reads the entry itself."""

    def __init__(
        self,
        source: SourceText,
        cache: AgreementCache | None,
        key: str,
        document: Document | None = None,
    ) -> None:
        self._source, self._cache, self._key, self._document = source, cache, key, document

    @property
    def agreement_id(self) -> str:
        return self._source.agreement_id

    def get(self) -> Document:
        if self._document is None:
            make = partial(segment, self._source)
            self._document = (
                make()
                if self._cache is None
                else self._cache.made(
                    "document", self._key, make, Document, lambda d: d.source == self._source
                )
            )
        return self._document


class _Documents(Sequence[Document]):
    """:attr:`BuildResult.documents`: each read when asked for (:class:`_DocumentOf`)."""

    def __init__(self, held: list[_DocumentOf]) -> None:
        self._held = held

    @overload
    def __getitem__(self, index: int) -> Document: ...
    @overload
    def __getitem__(self, index: slice) -> list[Document]: ...
    def __getitem__(self, index: int | slice) -> Document | list[Document]:
        if isinstance(index, slice):
            return [one.get() for one in self._held[index]]
        return self._held[index].get()

    def __len__(self) -> int:
        return len(self._held)


@dataclass(frozen=True)
class _Task:
    """One agreement's work for a worker: inputs, and the cache keys of its results."""

    held: _DocumentOf
    ontology: Path
    #: The part of the organisation registry the agreement looks up (OrgCensus.unresolved).
    registry: dict[str, str]
    cache: AgreementCache | None
    output_key: str
    #: The key of its ``part`` entry ("" without a cache).
    part_key: str = ""

    @property
    def document(self) -> Document:
        return self.held.get()

    @property
    def owner(self) -> str:
        """Its agreement's IRI (what its graph's part counts as owned)."""
        return agreement_iri(self.held.agreement_id).value


def _agreement_made(task: _Task) -> tuple[_Output, bytes, Triples | None]:
    """Annotate, assemble and serialise one agreement, or take it from the cache; with its
    Turtle, and the graph's triples when it was made here (None when it came from the
    cache): what its part is counted from (:func:`_agreement_compiled`)."""
    cache = task.cache
    if cache is not None:
        found = cache.get("output", task.output_key)
        text = cache.get("turtle", task.output_key)
        if isinstance(found, _Output) and isinstance(text, bytes):
            return found, text, None
    text, own, shared = _made(task)
    output = _Output(len(text), len(own), shared, dated(own))
    if cache is not None:
        cache.put("turtle", task.output_key, text)
        cache.put("output", task.output_key, output)
    return output, text, own


def _made(task: _Task) -> tuple[bytes, Triples, Triples]:
    """One agreement annotated, assembled and serialised: its Turtle, its own triples and
    its share of the shared graph."""
    with collector.paused():  # its objects short-lived; the cycles collected after it
        notes = annotate(task.document, task.ontology, task.registry)
        assembled = assemble(task.document, notes)
        own = assembled.own
        return turtle(own, PREFIXES).encode("utf-8"), own, assembled.shared


def _turtle_of(task: _Task) -> bytes:
    """The Turtle of an agreement whose output the build took from the cache, read when
    someone needs it after all (a changed graph, a reader of :attr:`BuildResult.files`);
    made again if the entry has gone meanwhile (the same bytes)."""
    found = task.cache.get("turtle", task.output_key) if task.cache is not None else None
    return found if isinstance(found, bytes) else _made(task)[0]


def _cached(task: _Task, cache: AgreementCache) -> tuple[_Output, GraphPart] | None:
    """An agreement's output and part when the cache holds both (and its Turtle): read in
    the build's own process, the Turtle left unread. Why not in the workers: unchanged
    agreements are the many, their entries small, and sending them back through a pool's
    pipes cost more than reading them."""
    output = cache.get("output", task.output_key)
    if not isinstance(output, _Output) or not cache.has("turtle", task.output_key):
        return None
    part = cache.get("part", task.part_key)
    return (output, part) if isinstance(part, GraphPart) else None


def _read(
    sources: list[SourceText],
    paths: Paths,
    cache: AgreementCache | None,
    progress: Callable[[str], None] | None,
    workers: Workers | None = None,
) -> tuple[list[tuple[_Reading, str, _DocumentOf]], list[SourceError]]:
    """Each source's reading, its ``read`` cache key and its document; the sources not in
    the cache are read by ``workers`` (digicoop.workers; in this process without), started
    before this process reads the others' entries (their documents left unread)."""
    keys = []
    for source in sources:
        text_digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
        keys.append(
            cache.key("read", source.agreement_id, source.path, text_digest) if cache else ""
        )
    todo = [
        (index, source, key)
        for index, (source, key) in enumerate(zip(sources, keys, strict=True))
        if cache is None or not cache.has("read", key)
    ]
    work = [(source, paths.ontology) for _, source, _ in todo]
    made = workers.map(_reading, work) if workers is not None else map(_reading, work)
    found: list[tuple[_Reading, str, _DocumentOf] | None] = [None] * len(sources)
    missing = {index for index, _, _ in todo}
    for index, (source, key) in enumerate(zip(sources, keys, strict=True)):
        if index in missing or cache is None:
            continue
        entry = cache.get("read", key)
        if isinstance(entry, _Reading) and entry.identity == _identity(source):
            found[index] = (entry, key, _DocumentOf(source, cache, key))
        else:  # unreadable, or another text under the same key: read here
            todo.append((index, source, key))
            made = chain(made, [_reading((source, paths.ontology))])
    errors: list[SourceError] = []
    for (index, source, key), read in zip(todo, made, strict=True):
        if progress:
            progress(f"segment {source.agreement_id}")
        if read is None:
            # The error again, here: an exception with arguments of its own does not pickle.
            try:
                segment(source)
            except SourceError as error:
                errors.append(error)
            continue
        reading, document = read
        if cache is not None:
            cache.put("read", key, reading)
            cache.put("document", key, document)
        found[index] = (reading, key, _DocumentOf(source, cache, key, document))
    return [entry for entry in found if entry is not None], errors


def _reading(work: tuple[SourceText, Path]) -> tuple[_Reading, Document] | None:
    """One source segmented, with its census and outline; ``None`` when it cannot be read
    (see _read)."""
    source, ontology = work
    with collector.paused():  # as one agreement's compile (_made)
        try:
            document = segment(source)
        except SourceError:
            return None
        census = org_census(document, load_parties(ontology), load_grammar(ontology))
        return _Reading(_identity(source), census, Outline.of(document)), document


def _tasks(
    readings: list[tuple[_Reading, str, _DocumentOf]],
    paths: Paths,
    cache: AgreementCache | None,
) -> list[_Task]:
    """One task per agreement; the keys of its ``read``, ``document``, ``output``,
    ``turtle`` and ``part`` entries, marked as used in the parent (workers' own bookkeeping
    does not come back)."""
    registry = registry_of(reading.census for reading, _, _ in readings)
    tasks = []
    for reading, read_key, document in readings:
        looked_up = {name: registry[name] for name in reading.census.unresolved if name in registry}
        output_key = part_key = ""
        owner = agreement_iri(reading.identity[0]).value
        if cache is not None:
            output_key = cache.key("output", read_key, json.dumps(sorted(looked_up.items())))
            part_key = _part_key(cache, f"output {output_key}", owner)
            cache.mark("read", read_key)
            cache.mark("document", read_key)
            for kind, key in (("output", output_key), ("turtle", output_key), ("part", part_key)):
                cache.mark(kind, key)
        tasks.append(_Task(document, paths.ontology, looked_up, cache, output_key, part_key))
    return tasks


#: Each agreement graph as the build has made it: IRI → its Turtle (or the stored file) and
#: its part of the dataset (digicoop.graph_parts).
MadeGraphs = Mapping[str, tuple[bytes | Stored, GraphPart]]


def compile_graphs(
    paths: Paths,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
    cache: AgreementCache | None = None,
    made: Callable[[MadeGraphs], None] | None = None,
    waiting: Callable[[], None] | None = None,
) -> BuildResult:
    """Every stage up to the files' bytes; writes nothing but ``cache`` entries (``jobs``:
    processes, digicoop.workers; ``cache``: digicoop.agreement_cache, same bytes with or without it).
    ``made`` is handed the agreement graphs once all are made, before the graphs of the whole
    corpus (the shared resources, text reuse, the description): what a build starts loading
    its on-disk store from (digicoop.disk_feed). ``waiting`` is called once, when this
    process has read what the cache holds and would otherwise wait for the agreements the
    workers make: what the build needs after them can be read meanwhile (the text reuse
    step's entries are, :func:`digicoop.reuse_step.read_ahead`)."""
    sources, errors = load_corpus_reporting(paths.corpus, paths.root)
    for source in sources:
        if source.agreement_id in RESERVED_IDS:
            raise DigicoopError(
                f"{paths.corpus / 'manifest.toml'}: agreement id {source.agreement_id!r} is "
                f"reserved for the build's own graphs ({', '.join(RESERVED_IDS)}); rename it"
            )
    # started at the first text to read or agreement to make; stopped once all are made;
    # each loads the annotators' data once it has read its first text
    with Workers(jobs, partial(preload, paths.ontology)) as workers:
        readings, unreadable = _read(sources, paths, cache, progress, workers)
        errors.extend(unreadable)
        if errors:
            raise SourceErrors(errors)  # every unreadable source at once, each with file and line
        documents = _Documents([document for _, _, document in readings])
        outlines = [reading.outline for reading, _, _ in readings]
        tasks = _tasks(readings, paths, cache)
        contents: dict[str, Content] = {}
        triples: dict[str, int] = {}
        shared: Triples = set()
        dates: dict[str, str | None] = {}
        named: dict[str, tuple[bytes | Stored, GraphPart]] = {}
        fingerprints: dict[str, str] = {}
        for task, (output, text, part) in zip(
            tasks, _compiled(tasks, cache, workers, partial(_waiting, cache, waiting)), strict=True
        ):
            agreement_id = task.held.agreement_id
            if progress:
                progress(f"annotate {agreement_id}")
            name = str(graph_iri(agreement_id))
            graph: bytes | Stored
            if task.output_key:  # what made the bytes; cheaper than hashing them
                fingerprints[name] = f"output {task.output_key}"
                read = partial(_turtle_of, task) if text is None else partial(_held, text)
                graph = Stored(fingerprints[name], output.size, read)
            else:  # no cache: made here, never taken from it
                assert text is not None
                graph = text
                fingerprints[name] = f"sha256 {hashlib.sha256(text).hexdigest()}"
            contents[f"{agreement_id}.ttl"] = graph
            named[name] = (graph, part)
            triples[agreement_id] = output.triples
            shared |= output.shared  # a set: what two agreements both state is kept once
            dates[agreement_id] = output.date
    if made is not None:
        made(named)
    shared = settle_names(shared)  # one spelling per name two texts write apart (docs/MODEL.md)
    shared_text = turtle(shared, PREFIXES).encode("utf-8")
    if progress:
        progress("text reuse")
    reuse_text, reuse_part = reuse_step.run(outlines, dates, PREFIXES, cache)
    others = _named_graphs(paths, shared_text, reuse_text, cache, {str(REUSE_GRAPH): reuse_part})
    description = describe(
        {name: part for name, (_, part) in (named | others).items()},
        paths.ontology / "dataset.ttl",
    )  # VoID + DCAT
    for prefix, namespace in PREFIXES.items():
        description.bind(prefix, namespace, override=False)
    text = description.serialize(format="turtle").encode("utf-8")
    others[str(DESCRIPTION_GRAPH)] = (text, graph_parts.summarise(text, None))
    for name, (data, _) in others.items():
        fingerprints[name] = f"sha256 {hashlib.sha256(data).hexdigest()}"
        named[name] = others[name]
    for file_name, name in ((SHARED_NAME, str(SHARED_GRAPH)), (REUSE_NAME, str(REUSE_GRAPH))):
        data = others[name][0]
        contents[file_name] = Stored(fingerprints[name], len(data), partial(_held, data))
    contents[DATASET_NAME] = output_files.stitched(
        (name, data, fingerprints[name], part.cut.prefixes, part.cut.start, part.cut.end)
        for name, (data, part) in named.items()
    )
    graph_files = {
        name: ondisk.GraphFile(data, fingerprints[name], part.triples, diffable=name in _DIFFABLE)
        for name, (data, part) in named.items()
    }
    return BuildResult(paths, documents, contents, triples, graph_files=graph_files)


def _held(data: bytes) -> bytes:
    return data


def _waiting(cache: AgreementCache | None, then: Callable[[], None] | None) -> None:
    """What this process reads while it waits for its workers: the text reuse step's
    entries, then what the caller reads (compile_graphs's ``waiting``)."""
    if cache is not None:
        reuse_step.read_ahead(cache, PREFIXES)
    if then is not None:
        then()


def _compiled(
    tasks: list[_Task],
    cache: AgreementCache | None,
    workers: Workers,
    waiting: Callable[[], None] | None = None,
) -> Iterator[tuple[_Output, bytes | None, GraphPart]]:
    """Each task's output, Turtle and part, in order: from the cache in this process when it
    holds them (the Turtle then None: read only if needed), else made by ``workers``,
    started before this process reads the others' entries; ``waiting`` called before the
    first result of a worker is collected."""
    if cache is None:
        yield from workers.map(_agreement_compiled, tasks)
        return
    missing = {index for index, task in enumerate(tasks) if not _held_in(cache, task)}
    made = workers.map(_agreement_compiled, [tasks[index] for index in sorted(missing)])
    found = {
        index: _cached(task, cache) for index, task in enumerate(tasks) if index not in missing
    }
    for index, task in enumerate(tasks):
        if index in missing:
            if waiting is not None:
                waiting()
                waiting = None
            yield next(made)
        elif (hit := found[index]) is None:  # an entry there but unreadable: made here
            yield _agreement_compiled(task)
        else:
            yield hit[0], None, hit[1]


def _held_in(cache: AgreementCache, task: _Task) -> bool:
    """Whether the cache has an agreement's output, Turtle and part (unread)."""
    return all(
        cache.has(kind, key)
        for kind, key in (
            ("output", task.output_key),
            ("turtle", task.output_key),
            ("part", task.part_key),
        )
    )


def serialise(result: BuildResult, jobs: int = 1) -> dict[str, bytes]:
    """File name → bytes; deterministic for the same sources (and any ``jobs``)."""
    return {name: output_files.data(content) for name, content in result.contents.items()}


def _vocabulary(paths: Paths, names: tuple[str, ...]) -> str:
    """The ontology or the schemes as Turtle (rdflib: these have blank nodes; small, fixed)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for name in names:
        graph.parse(paths.ontology / name, format="turtle")
    return graph.serialize(format="turtle")


def _cached_vocabulary(paths: Paths, names: tuple[str, ...], cache: AgreementCache | None) -> str:
    """:func:`_vocabulary`, kept in the build cache (its key, the version, covers ontology/)."""
    if cache is None:
        return _vocabulary(paths, names)
    key = cache.key("vocabulary", *names)
    return cache.made("vocabulary", key, partial(_vocabulary, paths, names), str)


def _part(
    cache: AgreementCache | None,
    key: str,
    data: bytes,
    owner: str | None,
    triples: Triples | None = None,
) -> GraphPart:
    """:func:`digicoop.graph_parts.summarise` of ``data`` (from ``triples``, the graph's own,
    when the caller holds them), kept in the build cache under ``key`` (:func:`_part_key`)."""
    summarised = partial(graph_parts.summarise, data, owner, triples)
    return summarised() if cache is None else cache.made("part", key, summarised, GraphPart)


def _part_key(cache: AgreementCache, source: str, owner: str | None) -> str:
    """The key of a graph's ``part`` entry: ``source`` is what determines its Turtle (an
    ``output`` key, or the bytes' digest), ``owner`` its agreement's IRI."""
    return cache.key("part", source, owner or "")


def _agreement_compiled(task: _Task) -> tuple[_Output, bytes, GraphPart]:
    """An agreement's output and Turtle (:func:`_agreement_made`) and its part of the
    dataset, counted once, in the worker that made the graph, from the triples it holds (not
    by parsing the Turtle it wrote)."""
    output, text, own = _agreement_made(task)
    return output, text, _part(task.cache, task.part_key, text, task.owner, own)


def _named_graphs(
    paths: Paths,
    shared: bytes,
    reuse_text: bytes,
    cache: AgreementCache | None,
    known: Mapping[str, GraphPart | None] | None = None,
) -> dict[str, tuple[bytes, GraphPart]]:
    """Graph IRI → Turtle and part, for the graphs not of one agreement (the ontology, the
    schemes, the shared resources, the text reuse links); but the dataset's description.
    ``known``: parts already counted (the reuse graph's, added up from its links')."""
    texts = {
        str(GRAPH.ontology): _cached_vocabulary(paths, ONTOLOGY_FILES, cache).encode("utf-8"),
        str(GRAPH.topics): _cached_vocabulary(paths, SCHEME_FILES, cache).encode("utf-8"),
        str(SHARED_GRAPH): shared,
        str(REUSE_GRAPH): reuse_text,
    }
    found = {name: part for name, part in (known or {}).items() if part is not None}

    def counted(data: bytes) -> GraphPart:
        source = f"sha256 {hashlib.sha256(data).hexdigest()}"
        return _part(cache, _part_key(cache, source, None) if cache else "", data, None)

    return {name: (data, found.get(name) or counted(data)) for name, data in texts.items()}


def _validate(
    store: ox.Store,
    paths: Paths,
    built: BuildResult | None = None,
    cache: bool = False,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
    staged: ondisk.Staged | None = None,
    validation: AgreementCache | None = None,
) -> None:
    """Validate the built dataset: with ``cache``, agreement by agreement, reusing the results
    of unchanged ones from ``build/validation`` (digicoop.validate.incremental; the same
    report as validating the whole, which ``--no-cache`` does); the checks' queries in
    ``jobs`` processes (digicoop.validate.fast.parallel; the same report). ``staged``: the
    on-disk store made for this build, whose update says what changed in each graph
    (validation takes what changed in the graphs of no agreement from its update,
    ``Staged.delta``, instead of comparing those graphs whole). ``validation``: the cache of
    incremental validation, if the build made it already (:func:`cache_for`)."""
    if not cache or built is None:
        result = validate_dataset(store, root=paths.root, jobs=jobs)
    else:
        validation = validation if validation is not None else cache_for(paths.root)
        # each agreement graph's fingerprint (its output key where the build cache knows it,
        # else its sha256: compile_graphs records one for every graph it makes); hashing
        # 300 MB of Turtle again at 500 agreements is not free
        digests = {
            agreement_id: built.graph_files[str(graph_iri(agreement_id))].fingerprint
            for agreement_id in built.triples
        }
        agreement_graphs = {str(graph_iri(agreement_id)) for agreement_id in built.triples}
        others = {  # the graphs of no agreement (the shared resources, the reuse links, ...)
            name: found.fingerprint
            for name, found in built.graph_files.items()
            if name not in agreement_graphs
        }
        result = validate_dataset(
            store,
            root=paths.root,
            incremental=True,
            cache=validation,
            digests=digests,
            progress=progress,
            jobs=jobs,
            graph_digests=others,
            graph_changes=_changes(staged),
        )
        if result.keyed:  # else entries of agreements it did not look up would go too
            validation.prune()  # results of agreements (or versions) this build no longer has
    if not result.conforms:
        raise InvalidBuild(
            f"the built graph does not validate; graphs/ left unchanged:\n{render(result, 'text')}"
        )


def _changes(staged: ondisk.Staged | None) -> dict[str, ondisk.Change] | None:
    """What the on-disk store's update did to each graph, for validation: an empty record
    when the build keeps a store but wrote it whole (the next build's update will hand its
    changes over, so validation need not keep large graphs whole), None without a store."""
    if staged is None:
        return None
    return staged.delta if staged.delta is not None else {}


#: Validation reads the staged on-disk store (rather than the dataset loaded into memory)
#: when at most this share of the agreement graphs changed since the store was written.
#: Why a share: loading 500 agreements into memory costs ~11 s of CPU; judging an agreement
#: on RocksDB costs ~2.6x what it costs in memory (bench/results.md, fourth round), so the
#: on-disk store wins while the agreements judged again are few.
ON_DISK_VALIDATION_SHARE = 0.1


def build(
    paths: Paths,
    validate: bool = True,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
    disk_store: bool | None = None,
    cache: bool = True,
) -> BuildResult:
    """Build, validate and write ``graphs/``; an invalid build writes nothing.

    ``disk_store``: also write the on-disk store that ``serve`` answers from
    (:mod:`digicoop.disk_store`); ``None`` writes it when the dataset passes
    ``disk_store.THRESHOLD_BYTES``. ``cache``: keep each agreement's work in
    ``build/cache`` (digicoop.agreement_cache) and reuse it, and update the on-disk store
    rather than write it whole; the output is the same.

    The on-disk store is made first, beside the old one (:class:`digicoop.disk_store.Staged`),
    and switched in after ``graphs/`` only if the build validates. Validation reads it when
    it was updated and few agreement graphs changed (:data:`ON_DISK_VALIDATION_SHARE`: the
    dataset is then never loaded into memory); otherwise the store is written whole by
    another process while validation reads the dataset from memory. A store written whole
    is fed to that process graph by graph from the moment the agreement graphs are made
    (digicoop.disk_feed), so that it loads while the build makes the rest.

    The build's process runs with Python's cycle collector paused (digicoop.collector: what
    it allocates it mostly keeps to the end, and walking that again and again cost a second
    of adding one agreement to 500)."""
    with collector.paused():
        return _build(paths, validate, progress, jobs, disk_store, cache)


@dataclass
class _Early:
    """The stores a build fills from the moment its agreement graphs are made (module
    digicoop.disk_feed): the on-disk store's loader (a store written whole) and the
    in-memory store validation reads (a cold one); each None when not wanted, or once
    handed on."""

    disk: Feed | None = None
    memory: MemoryFeed | None = None

    def send(self, graphs: MadeGraphs) -> None:
        sinks = [sink for sink in (self.memory, self.disk) if sink is not None]
        for name, (data, part) in graphs.items():
            for sink in sinks:
                sink.send(name, data, part.cut.prefixes, part.cut.start, part.cut.end)

    def discard(self) -> None:
        """Stop what was not handed on (a failed build)."""
        for sink in (self.memory, self.disk):
            if sink is not None:
                sink.discard()
        self.memory = self.disk = None


def _build(
    paths: Paths,
    validate: bool,
    progress: Callable[[str], None] | None,
    jobs: int,
    disk_store: bool | None,
    cache: bool,
) -> BuildResult:
    agreements = AgreementCache(paths.build_cache, cache_version(paths.ontology)) if cache else None
    validation = cache_for(paths.root) if validate and cache else None  # incremental validation
    # whether a last validation left its state (the file's presence, asked once)
    stated = validation is not None and incremental.has_state(validation)
    early = _Early()

    def made(graphs: MadeGraphs) -> None:
        # whether the on-disk store would be written whole (its record read once)
        whole = cache and disk_store is not False and ondisk.writes_whole(paths.disk_store)
        if validate and _validates_in_memory(stated, disk_store, whole):
            early.memory = MemoryFeed()
        if _feeds_early(graphs, disk_store, cache, whole):
            # lenient beside a memory feed: it parses the same graphs strictly, and a graph
            # it refuses fails the build before the store is switched in
            early.disk = Feed(paths.disk_store, lenient=early.memory is not None)
        early.send(graphs)

    published: Publication | None = None
    staged: ondisk.Staged | None = None
    try:
        waiting = partial(read_ahead, validation) if validation is not None else None
        result = compile_graphs(paths, progress, jobs, agreements, made=made, waiting=waiting)
        plan = result.contents[DATASET_NAME]
        assert isinstance(plan, output_files.Stitched)
        if progress:
            progress("write")
        published = stage_publication(
            paths.graphs,
            result.contents,
            keep=lambda name: not (name.endswith(".ttl") or name.endswith(".trig")),
            record=paths.publication,
        )
        trig = result.dataset_file = published.path(DATASET_NAME)
        size = trig.stat().st_size
        if early.disk is not None:
            if progress:
                progress("on-disk store")
            staged = early.disk.finish(plan, result.graph_files, ondisk.digest(trig))
            early.disk = None  # the staged store has the loader now
        elif disk_store or (disk_store is None and size >= ondisk.THRESHOLD_BYTES):
            if progress:
                progress("on-disk store")
            if cache:  # from the store the last build wrote: only the graphs that changed
                staged = ondisk.stage_update(
                    trig, result.graph_files, paths.disk_store, background=validate
                )
            else:
                staged = ondisk.stage_write(
                    trig, paths.disk_store, graphs=result.graph_files, background=validate
                )
        if validate:
            if progress:
                progress("validate")
            on_disk = staged is not None and _validates_on_disk(staged, result, stated)
            if staged is not None and on_disk:
                store = staged.readable()
            elif early.memory is not None:
                store, early.memory = early.memory.finish(plan), None
            else:
                store = result.store()
            # On disk, in this process alone: a process holding a RocksDB database open does
            # not fork safely (a child may inherit its locks held); few agreements are judged.
            jobs_here = 1 if on_disk else jobs
            _validate(store, paths, result, cache, progress, jobs_here, staged, validation)
            del store  # closed before the staged store is moved (validation left it as it was)
        result.written = published.commit()
        result.dataset_file = None  # moved into graphs/, where a later build may replace it
        if staged is not None:
            staged.commit()
    finally:
        if published is not None:
            published.discard()  # nothing once committed; else graphs/ stays as it was
        early.discard()  # the build failed before the stores' last graphs were sent
        if staged is not None:
            staged.discard()  # nothing once committed; else the old store stays as it was
    if agreements is not None:
        agreements.prune()  # entries of texts or versions this build no longer has
    return result


def _feeds_early(graphs: MadeGraphs, disk_store: bool | None, cache: bool, whole: bool) -> bool:
    """Whether the build starts loading its on-disk store from the agreement graphs, as soon
    as they are made (digicoop.disk_feed): when the store is due (asked for, or the
    agreements' bodies alone pass :data:`digicoop.disk_store.THRESHOLD_BYTES`, so the
    dataset file will) and will be written whole (no cache, or ``whole``: no store to
    update, :func:`digicoop.disk_store.writes_whole`)."""
    if disk_store is False:
        return False
    if not disk_store:
        body = sum(part.cut.end - part.cut.start for _, part in graphs.values())
        if body < ondisk.THRESHOLD_BYTES:
            return False
    return not cache or whole


def _validates_in_memory(stated: bool, disk_store: bool | None, whole: bool) -> bool:
    """Whether validation will read the dataset from memory whatever the build finds (see
    :func:`_validates_on_disk`): without a last validation's state to start from
    (``stated``: the cache of incremental validation has one), or without an on-disk store
    to update (``whole``: the store would be written whole)."""
    if not stated or disk_store is False:
        return True
    return whole


def _validates_on_disk(staged: ondisk.Staged, result: BuildResult, stated: bool) -> bool:
    """Whether validation reads the staged store (see :data:`ON_DISK_VALIDATION_SHARE`):
    updated, not written whole; few agreement graphs changed; and a last validation's state
    to start from (``stated``; without one every agreement is judged)."""
    if not (staged.updated and stated):
        return False
    names = {str(graph_iri(agreement_id)) for agreement_id in result.triples}
    changed = sum(1 for name in staged.changed if name in names)
    return changed <= ON_DISK_VALIDATION_SHARE * len(names)


__all__ = ["BuildResult", "InvalidBuild", "build", "compile_graphs", "serialise"]
