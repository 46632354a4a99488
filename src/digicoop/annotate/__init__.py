"""Annotation: provisions → facts (topics, modality, citations, parties, signatures, terms).

Every annotator returns records that carry their own :class:`~digicoop.annotate.records.Quote`,
so that no fact reaches the graph without the words it was read from.
"""

from digicoop.annotate.records import Annotations
from digicoop.annotate.run import annotate

__all__ = ["Annotations", "annotate"]
