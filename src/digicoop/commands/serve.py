"""``digicoop serve``: the read-only SPARQL endpoint and query page over RDF files.

With no ``--data`` it serves ``graphs/digicoop.trig``, building it first (``pipeline.build``)
if it is missing; when ``build`` also wrote the on-disk store of a large dataset
(``build/oxigraph``, :mod:`digicoop.disk_store`) and it holds exactly that file, every worker
opens the store read-only instead of loading the file. ``--data DIR`` serves an on-disk store. Triples from a triple format (Turtle, N-Triples, RDF/XML) go into
a named graph named after the file's ``file://`` IRI, or the IRI given with ``--graph``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from digicoop import disk_store
from digicoop.errors import DigicoopError
from digicoop.store import DataSource, rdf_format

NAME = "serve"
HELP = (
    "Serve the graph in a browser and over HTTP: a page per agreement, question forms, "
    "comparisons, timelines, and a SPARQL 1.1 endpoint at /sparql."
)
EXAMPLES = """examples:
  digicoop serve                              # http://127.0.0.1:8000/ (builds graphs/ if missing)
  digicoop serve --port 8080 --host 0.0.0.0   # reachable from other machines
  digicoop serve --data extra.ttl graphs/digicoop.trig
  digicoop serve --store http://localhost:7878/query   # answer from a remote store
"""

DEFAULT_DATA = Path("graphs/digicoop.trig")
DEFAULT_STORE = Path("build/oxigraph")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", nargs="+", action="extend", type=Path, default=[], metavar="FILE",
        help="RDF files to serve (.nq .trig .ttl .nt .rdf .owl .xml .jsonld), or the directory "
        f"of an on-disk store; default {DEFAULT_DATA}, built if missing ({DEFAULT_STORE} "
        "instead when the build wrote it for a large dataset)",
    )  # fmt: skip
    parser.add_argument(
        "--graph", nargs=2, action="append", default=[], metavar=("IRI", "FILE"),
        help="serve FILE (a triple format) as the named graph IRI; may repeat",
    )  # fmt: skip
    parser.add_argument(
        "--queries", type=Path, default=Path("queries"), metavar="DIR",
        help="folder of named queries offered as questions (default queries/)",
    )  # fmt: skip
    parser.add_argument(
        "--host", default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: everyone)",
    )  # fmt: skip
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    _limits(parser.add_argument_group("limits (see the README's Limits section)"))
    parser.add_argument(
        "--store", metavar="URL",
        help="answer from this remote SPARQL endpoint instead of files (data: digicoop push)",
    )  # fmt: skip
    parser.add_argument(
        "--allow-service", action="store_true", help="allow federated SERVICE queries (network!)"
    )


def _limits(group: argparse._ArgumentGroup) -> None:
    """One option per limit of :class:`digicoop.api.Settings`, defaulting to its default."""
    from digicoop.api.settings import Settings

    default = Settings()
    options: list[tuple[str, type, str, str]] = [
        ("timeout", float, "S", "seconds from a request's arrival to its answer"),
        ("workers", int, "N", "query worker processes (each loads the data or opens the store)"),
        ("max-result-bytes", int, "B", "largest serialised answer (else 422)"),
        ("max-body-bytes", int, "B", "largest request body (else 413)"),
        ("cache-bytes", int, "B", "answers kept for revalidation; 0 turns caching off"),
        ("cache-entries", int, "N", "at most this many kept answers"),
        ("max-query-bytes", int, "B", "longest query text (else 400)"),
        ("max-query-depth", int, "N", "deepest nesting of { ( [ in a query (else 400)"),
        ("query-memory-bytes", int, "B", "memory a query may use in its worker (else 507)"),
        ("max-queue", int, "N", "queries waiting for a worker (else 503)"),
        ("long-query-seconds", float, "S", "a query running longer holds a long-query slot"),
        ("long-queries", int, "N", "long-query slots; 0: one fewer than --workers"),
        ("running-queries", int, "N", "young queries running at once; 0: the usable cores"),
        ("short-query-seconds", float, "S", "a query running longer frees its running slot"),
        ("queries-per-client", int, "N", "queries one address may have in flight (else 429)"),
        ("page-rows", int, "N", "rows per page of a named query's JSON answer; 0: no pages"),
    ]
    for name, kind, metavar, text in options:
        value = getattr(default, name.replace("-", "_"))
        group.add_argument(
            f"--{name}",
            type=_not_negative(kind),
            default=value,
            metavar=metavar,
            help=f"{text} ({value})",
        )


def _not_negative(kind: type) -> Callable[[str], float]:
    """``kind`` for argparse, refusing a value below 0: every limit is a count, a size or a
    time, and a negative one would not fail but silently serve nothing (a running-query
    count of -1 lets no query run)."""

    def parse(text: str) -> float:
        try:
            value: float = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
        return value

    parse.__name__ = kind.__name__  # argparse names the type in its messages
    return parse


def _build_default() -> Path:
    """Build the project's graph; a clear error if the pipeline is not there yet."""
    try:
        pipeline = importlib.import_module("digicoop.pipeline")
    except ImportError:
        raise DigicoopError(
            f"{DEFAULT_DATA} is missing and digicoop.pipeline is not available to build it; "
            "pass --data FILE"
        ) from None
    build = getattr(pipeline, "build", None)
    if build is None:
        raise DigicoopError("digicoop.pipeline has no build(); pass --data FILE")
    build()
    if not DEFAULT_DATA.exists():
        raise DigicoopError(f"the build did not write {DEFAULT_DATA}")
    return DEFAULT_DATA


def sources(args: argparse.Namespace) -> tuple[DataSource, ...]:
    """The data sources the arguments name; each file must exist and have a known format."""
    found = [DataSource(path) for path in args.data]
    found += [DataSource(Path(file), graph=iri) for iri, file in args.graph]
    if not found:
        data = DEFAULT_DATA if DEFAULT_DATA.exists() else _build_default()
        fresh = disk_store.is_fresh(DEFAULT_STORE, data)
        found = [DataSource(DEFAULT_STORE if fresh else data)]
    for source in found:
        if disk_store.is_store(source.path):
            continue
        if not source.path.is_file():
            raise DigicoopError(f"{source.path}: no such file")
        rdf_format(source.path)
    return tuple(found)


def _check_port(host: str, port: int) -> None:
    """Raise a one-line error if ``host:port`` cannot be listened on (taken, not allowed)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise DigicoopError(f"--host {host}: not an address of this machine ({error})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            reason = "is in use" if error.errno in (98, 48, 10048) else f"cannot be used ({error})"
            raise DigicoopError(
                f"port {port} on {host} {reason}: stop what holds it or pass --port N"
            ) from None


def _logging() -> None:
    """Access log as JSON lines on stderr; uvicorn's own access log is off."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in ("digicoop.access", "digicoop.api"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from digicoop.api import Settings, create_app
    from digicoop.store import RemoteSource

    settings = Settings(
        data=(RemoteSource(url=args.store),) if args.store else sources(args),
        queries_dir=args.queries,
        allow_service=args.allow_service,
        timeout=args.timeout,
        workers=args.workers,
        max_body_bytes=args.max_body_bytes,
        max_result_bytes=args.max_result_bytes,
        cache_bytes=args.cache_bytes,
        cache_entries=args.cache_entries,
        max_query_bytes=args.max_query_bytes,
        max_query_depth=args.max_query_depth,
        query_memory_bytes=args.query_memory_bytes,
        max_queue=args.max_queue,
        long_query_seconds=args.long_query_seconds,
        long_queries=args.long_queries,
        running_queries=args.running_queries,
        short_query_seconds=args.short_query_seconds,
        queries_per_client=args.queries_per_client,
        page_rows=args.page_rows,
    )
    _check_port(args.host, args.port)  # before the workers start: one line, exit 2
    _logging()
    app = create_app(settings)
    print(f"digicoop: serving {len(settings.data)} file(s) at http://{args.host}:{args.port}/sparql",
          file=sys.stderr)  # fmt: skip
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_level="warning")
    return 0
