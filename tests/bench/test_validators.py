"""The validators bench compares engines result by result: a report's results are read as
(severity, focus node, path), paths of several steps alike whatever the engine's spelling,
and the comparison counts what is shared, missed and added."""

from __future__ import annotations

from bench import validators

SH = "http://www.w3.org/ns/shacl#"
REPORT = "\n".join(
    f"{s} {p} {o} ."
    for s, p, o in [
        ("_:r", f"<{SH}result>", "_:a"),
        ("_:r", f"<{SH}result>", "_:b"),
        ("_:a", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{SH}ValidationResult>"),
        ("_:a", f"<{SH}resultSeverity>", f"<{SH}Violation>"),
        ("_:a", f"<{SH}focusNode>", "<http://e/x>"),
        ("_:a", f"<{SH}resultPath>", "<http://e/p>"),
        ("_:b", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{SH}ValidationResult>"),
        ("_:b", f"<{SH}resultSeverity>", f"<{SH}Warning>"),
        ("_:b", f"<{SH}focusNode>", "<http://e/y>"),
        ("_:b", f"<{SH}resultPath>", "_:path"),
        ("_:path", f"<{SH}inversePath>", "<http://e/q>"),
    ]
)


def test_a_reports_results_are_read_with_their_severity_focus_and_path() -> None:
    keys = sorted(validators._report_keys(REPORT))
    assert keys == [("Violation", "http://e/x", "http://e/p"), ("Warning", "http://e/y", "_:")]


def test_a_path_of_several_steps_is_one_key_however_it_is_written() -> None:
    for written in ("^<http://e/q>", "<http://e/a>/<http://e/b>", "(<http://e/a> <http://e/b>)"):
        assert validators._path(written) == "_:"
    assert validators._path("<http://e/p>") == "http://e/p"
    assert validators._path("http://e/p") == "http://e/p"
    assert validators._path(None) == ""


def test_the_comparison_counts_shared_missed_and_added_results_with_repeats() -> None:
    reference = [("Violation", "x", ""), ("Violation", "x", ""), ("Warning", "y", "p")]
    found = [("Violation", "x", ""), ("Warning", "y", "p"), ("Violation", "z", "")]
    assert validators._compare(found, reference) == "2 same, 1 missed, 1 added"
