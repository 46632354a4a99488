"""Render a :class:`ValidationResult` for people (text) or machines (json, turtle).

The text report groups results by agreement, then by shape, because a reader fixes one
agreement's extraction at a time and one rule at a time; each result shows the focus node,
the path, the offending value and the quote of the provision concerned.
"""

from __future__ import annotations

import json
from itertools import groupby

from digicoop.errors import DigicoopError
from digicoop.validate.result import Finding, ValidationResult
from digicoop.vocab import ID, PREFIXES

FORMATS = ("text", "json", "turtle")

#: Longest namespace first, so that ``id:agreement/x`` wins over nothing and ``dcosh:`` shows.
_SHORT = sorted(
    [*PREFIXES.items(), ("dcosh", "https://w3id.org/digicoop/shapes#"), ("id", str(ID))],
    key=lambda item: -len(str(item[1])),
)


def short(text: str | None) -> str:
    """Abbreviate every full IRI in ``text`` with the project's prefixes, for reading."""
    if not text:
        return ""
    for prefix, namespace in _SHORT:
        text = text.replace(f"<{namespace}", f"{prefix}:").replace(str(namespace), f"{prefix}:")
    return text.replace(">", "") if "<" not in text else text


def render(result: ValidationResult, fmt: str = "text") -> str:
    """``result`` as ``text``, ``json`` or ``turtle``; raises DigicoopError for another name."""
    if fmt == "text":
        return text(result)
    if fmt == "json":
        return json_report(result)
    if fmt == "turtle":
        return result.report_graph.serialize(format="turtle")
    raise DigicoopError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")


def text(result: ValidationResult) -> str:
    lines: list[str] = []
    for agreement, in_agreement in groupby(result.findings, key=lambda f: f.agreement):
        lines.append(f"== {agreement or 'shared resources (not of one agreement)'}")
        for _shape, group in groupby(in_agreement, key=lambda f: f.shape):
            items = list(group)
            first = items[0]
            label = first.shape_label or short(first.shape)
            lines.append(f"  {first.severity}: {label} ({short(first.shape)})")
            for finding in items:
                lines.extend(_item(finding))
        lines.append("")
    v, w = len(result.violations), len(result.warnings)
    verdict = "conforms" if result.conforms else "does NOT conform"
    lines.append(f"{verdict}: {v} violation(s), {w} warning(s) in {result.seconds:.2f} s")
    return "\n".join(lines) + "\n"


def _item(finding: Finding) -> list[str]:
    out = [f"    - {short(finding.focus)}"]
    if finding.path:
        out[0] += f"  path {short(finding.path)}"
    if finding.value is not None:
        out[0] += f"  value {short(finding.value)}"
    out.append(f"      {finding.message}")
    if finding.quote:
        quote = " ".join(finding.quote.split())
        out.append(f"      quote: “{quote if len(quote) <= 160 else quote[:159] + '…'}”")
    return out


def json_report(result: ValidationResult) -> str:
    return json.dumps(
        {
            "conforms": result.conforms,
            "violations": len(result.violations),
            "warnings": len(result.warnings),
            "seconds": round(result.seconds, 3),
            "results": [finding.as_dict() for finding in result.findings],
        },
        indent=2,
        ensure_ascii=False,
    )
