"""A dataset of N x k agreements from a built one of N, for sizes the build cannot reach here.

Why: building 5000 agreements costs hours on 2 cores (see bench/results.md), but loading,
querying and serving only need a graph of the right size and shape. Each copy renames every
agreement IRI, text-reuse record and graph name (``…/agreement/r{k}-…``, ``…/reuse/r{k}-…``,
``…/graph/r{k}-…``) and agreement id (``dco:agreementId "r{k}-…"``: a query that groups by
id must see 500 agreements, not 20 with 25 times the facts; so do the reuse records' copies
of their agreements' ids) so the copies are
distinct agreements sharing the parties, persons, topics and the ontology, as real ones do.
The copy is made on N-Quads text (bytes.replace), so it is fast and changes nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

#: Literals holding an agreement's id: each copy's ids differ too (the reuse records carry
#: copies of their provisions' agreement ids, docs/MODEL.md "Text reuse").
_IDS = tuple(
    b'<https://w3id.org/digicoop/ontology#%s> "' % name
    for name in (b"agreementId", b"subjectAgreementId", b"objectAgreementId")
)
_SHARED_NAMES = ("/graph/ontology", "/graph/topics", "/graph/shared")
_SHARED = (
    b"<https://w3id.org/digicoop/graph/ontology> .",
    b"<https://w3id.org/digicoop/graph/topics> .",
    b"<https://w3id.org/digicoop/graph/shared> .",  # described once (docs/MODEL.md)
)


def copy_iri(iri: str, k: int) -> str:
    """The IRI that copy ``k`` gives an agreement, record or graph IRI of the original."""
    for part in ("/digicoop/id/agreement/", "/digicoop/id/reuse/", "/digicoop/graph/"):
        if part in iri and not iri.endswith(_SHARED_NAMES):
            return iri.replace(part, f"{part}r{k}-", 1)
    return iri


def replicate(trig: Path, copies: int, out: Path) -> int:
    """Write ``copies`` renamed copies of ``trig``'s agreements (plus one ontology) to ``out``.

    Returns the number of quads written.
    """
    store = ox.Store()
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    text = ox.serialize(store, format=ox.RdfFormat.N_QUADS) or b""
    lines = text.splitlines(keepends=True)
    shared = [line for line in lines if line.rstrip().endswith(_SHARED)]
    own = b"".join(line for line in lines if not line.rstrip().endswith(_SHARED))
    written = len(shared)
    with out.open("wb") as sink:
        sink.writelines(shared)
        for k in range(copies):
            copy = (
                own.replace(b"/digicoop/id/agreement/", b"/digicoop/id/agreement/r%d-" % k)
                .replace(b"/digicoop/id/reuse/", b"/digicoop/id/reuse/r%d-" % k)
                .replace(b"/digicoop/graph/", b"/digicoop/graph/r%d-" % k)
            )
            for literal in _IDS:
                copy = copy.replace(literal, literal + b"r%d-" % k)
            sink.write(copy)
            written += len(lines) - len(shared)
    return written
