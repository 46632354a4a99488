"""Parameter values as people write them: CURIEs, labels, IRIs; an unknown value is an error.

A named query declares ``topic iri``; users type ``topic:semiconductors`` (the short form
the tool prints), ``semiconductors`` (the label they read on a page), or the full IRI. All
three bind the same IRI. A value that names nothing in the data is refused with the
parameter's name and a few values it could have been, instead of answering 0 rows.

What a parameter can take is data (``pages/choices.toml`` names, per parameter name, a
query ``pages/queries/choices-KIND.rq`` answering ``?value ?label ?alt``); a parameter not
listed there takes any IRI the data mentions. Both the command line (``digicoop query``)
and the server (``/queries/NAME``) resolve through :func:`resolve_values`.

>>> expand_curie("topic:semiconductors")
'https://w3id.org/digicoop/topic/semiconductors'
>>> expand_curie("Denmark") is None
True
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from digicoop.export.sparql import Select, queries, run_text
from digicoop.querylib import NamedQuery, ParameterError

_IRIREF = re.compile(r'[^\x00-\x20<>"{}|\\^`]+')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
SUGGESTIONS = 8


@dataclass(frozen=True)
class Choice:
    """One value a parameter can take: the IRI, its label and other names for it."""

    value: str
    label: str
    alternatives: tuple[str, ...] = ()

    def names(self) -> set[str]:
        local = re.split(r"[#/]", self.value.rstrip("/"))[-1]
        return {n.casefold() for n in (self.label, local, *self.alternatives) if n}


Choices = Callable[[str], list[Choice]]


@cache
def choice_kinds() -> dict[str, str]:
    """Parameter name → kind of choices (``pages/choices.toml``)."""
    text = (resources.files("digicoop") / "pages" / "choices.toml").read_text(encoding="utf-8")
    return {str(k): str(v) for k, v in tomllib.loads(text).items()}


def load_choices(select: Select, kind: str) -> list[Choice]:
    """The choices of ``kind`` from the data (one query)."""
    rows = select(queries("pages")[f"choices-{kind}"], {})
    return [
        Choice(
            row["value"].value,
            row["label"].value if "label" in row else row["value"].value,
            tuple(a for a in row["alt"].value.split("|") if a) if "alt" in row else (),
        )
        for row in rows
    ]


def expand_curie(value: str) -> str | None:
    """The IRI a CURIE with one of the printed prefixes stands for, else None."""
    from digicoop.pages.html import PREFIXES  # here: importing pages loads the web app

    prefix, sep, rest = value.partition(":")
    if not sep or rest.startswith("//"):
        return None
    namespace = PREFIXES.get(prefix + ":")
    return namespace + rest if namespace is not None else None


def _unknown(name: str, value: str, choices: list[Choice]) -> ParameterError:
    folded = value.casefold()
    near = [c for c in choices if any(folded in n or n in folded for n in c.names())]
    shown = (near or choices)[:SUGGESTIONS]
    hint = "; ".join(f"{c.label}" for c in shown)
    more = "" if len(near or choices) <= SUGGESTIONS else ", ..."
    return ParameterError(name, f"no such value {value!r} (try: {hint}{more})")


def resolve_iri(
    name: str, value: str, choices: list[Choice] | None, exists: Callable[[str], bool]
) -> str:
    """The IRI for ``value`` of the iri parameter ``name`` (see module doc)."""
    text = value.strip()
    iri = expand_curie(text)
    if iri is None and _SCHEME.match(text) and not text.lower().startswith(("urn:", "mailto:")):
        iri = text if "://" in text else None
    if iri is None and text.lower().startswith("urn:"):
        iri = text
    if choices is None:
        if iri is None:
            raise ParameterError(name, f"{value!r} is not an IRI or a CURIE (such as topic:data)")
        if not exists(iri):
            raise ParameterError(name, f"the data says nothing about <{iri}>")
        return iri
    if iri is not None:
        if any(c.value == iri for c in choices):
            return iri
        raise _unknown(name, value, choices)
    folded = text.casefold()
    found = [c for c in choices if folded in c.names()]
    if len(found) == 1:
        return found[0].value
    if len(found) > 1:
        exact = [c for c in found if c.label.casefold() == folded]
        if len(exact) == 1:
            return exact[0].value
        names = "; ".join(f"{c.label} <{c.value}>" for c in found[:SUGGESTIONS])
        raise ParameterError(name, f"{value!r} could be any of: {names}")
    raise _unknown(name, value, choices)


def exists_in(select: Select) -> Callable[[str], bool]:
    """Whether the data mentions ``iri`` (as subject or object)."""

    def exists(iri: str) -> bool:
        if not _IRIREF.fullmatch(iri):  # nothing that could end the <...> in the query text
            return False
        text = f"SELECT ?p WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }} LIMIT 1"
        return bool(run_text(select, text))

    return exists


def resolve_values(
    query: NamedQuery, values: Mapping[str, str], select: Select, choices: Choices | None = None
) -> dict[str, str]:
    """``values`` with every iri parameter turned into the IRI it names.

    Raises :class:`~digicoop.querylib.ParameterError` naming the parameter for a value that
    names nothing in the data; other parameters pass through (``bind`` checks their type).
    """
    kinds = choice_kinds()
    load = choices or (lambda kind: load_choices(select, kind))
    declared = {p.name: p for p in query.params}
    resolved = dict(values)
    for name, value in values.items():
        param = declared.get(name)
        if param is None or param.type != "iri":
            continue
        kind = kinds.get(name)
        resolved[name] = resolve_iri(name, value, load(kind) if kind else None, exists_in(select))
    return resolved
