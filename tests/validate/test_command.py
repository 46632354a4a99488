"""``digicoop validate``: exit codes, formats, and the report's grouping and quotes."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from digicoop.cli import main
from digicoop.validate import validate_dataset

from .conftest import FIXTURES, ROOT, broken

GOOD = str(FIXTURES / "good.trig")


def test_good_file_exits_0(capsys) -> None:
    assert main(["validate", "--root", str(ROOT), GOOD]) == 0
    assert "conforms: 0 violation(s)" in capsys.readouterr().out


def test_violation_exits_1_and_shows_the_quote(tmp_path: Path, good_graph: Graph, capsys) -> None:
    bad = broken(good_graph, "DELETE DATA { ag:para_1 dco:modality modality:will }")
    path = tmp_path / "bad.ttl"
    bad.serialize(path, format="turtle")
    assert main(["validate", "--root", str(ROOT), str(path)]) == 1
    out = capsys.readouterr().out
    assert "== fixture-moc" in out
    assert "evidence for an asserted fact (dcosh:Evidence-asserted)" in out
    assert "quote: “will cooperate”" in out


def test_bad_input_exits_2(tmp_path: Path, capsys) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("this is not turtle <", encoding="utf-8")
    assert main(["validate", "--root", str(ROOT), str(path)]) == 2
    assert "broken.ttl: not valid turtle" in capsys.readouterr().err
    assert main(["validate", "--root", str(ROOT), str(tmp_path / "missing.ttl")]) == 2


def test_json_and_turtle_formats(capsys) -> None:
    assert main(["validate", "--root", str(ROOT), "--format", "json", GOOD]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["conforms"] is True and report["results"] == []
    assert main(["validate", "--root", str(ROOT), "--format", "turtle", GOOD]) == 0
    graph = Graph().parse(data=capsys.readouterr().out, format="turtle")
    assert len(graph) > 0


def test_report_graph_is_a_w3c_report(good_graph: Graph) -> None:
    bad = broken(good_graph, 'INSERT DATA { person:matsumoto-takeaki foaf:name "Takeaki M." }')
    result = validate_dataset(bad, ROOT)
    assert not result.conforms and len(result.violations) == 1
    ask = """ASK { ?r a sh:ValidationReport ; sh:conforms false ; sh:result ?x .
                   ?x sh:resultSeverity sh:Violation ; sh:focusNode ?f ; sh:resultMessage ?m }"""
    assert result.report_graph.query(ask, initNs={"sh": "http://www.w3.org/ns/shacl#"}).askAnswer


def test_source_outside_the_root_is_not_read(good_graph: Graph) -> None:
    bad = broken(
        good_graph,
        """DELETE { ag:source dcterms:identifier ?p } INSERT { ag:source dcterms:identifier "../x" }
           WHERE { ag:source dcterms:identifier ?p }""",
    )
    shapes = {f.shape.rsplit("#", 1)[1] for f in validate_dataset(bad, ROOT).violations}
    assert shapes == {"SourceText-identifier", "SourceFile"}


def test_a_graph_older_than_the_manifest_is_not_validated(tmp_path: Path, capsys) -> None:
    import shutil

    project = tmp_path / "project"
    for name in ("corpus", "ontology", "shapes", "graphs"):
        shutil.copytree(ROOT / name, project / name)
    assert main(["validate", "--root", str(project), "--no-sources"]) == 0
    capsys.readouterr()
    manifest = project / "corpus" / "manifest.toml"
    entry = manifest.read_text("utf-8").split("\n[[agreement]]")[1]
    added = entry.replace('id = "japan-denmark-moc"', 'id = "japan-denmark-copy"')
    manifest.write_text(manifest.read_text("utf-8") + "\n[[agreement]]" + added, "utf-8")
    assert main(["validate", "--root", str(project)]) == 2
    err = capsys.readouterr().err
    assert "digicoop.trig is older than corpus/manifest.toml (not built: japan-denmark-copy)" in err
    assert "run `digicoop build` first" in err


def test_incremental_reports_the_same_and_keeps_each_agreement(
    scratch_project: Path, capsys
) -> None:
    # the committed dataset, validated in a copy of the project whose build/ it may write
    (scratch_project / "graphs").mkdir()
    dataset = scratch_project / "graphs" / "digicoop.trig"
    dataset.write_bytes((ROOT / "graphs" / "digicoop.trig").read_bytes())
    root = ["--root", str(scratch_project), "--format", "json", str(dataset)]

    def results(*options: str) -> list[dict]:
        status = main(["validate", *root, *options])
        assert status == 0
        return json.loads(capsys.readouterr().out)["results"]

    whole = results()
    assert results("--incremental") == whole
    kept = sorted((scratch_project / "build" / "validate-command").glob("part/*/*.pickle"))
    assert len(kept) == 5  # one per agreement of corpus/
    assert results("--incremental") == whole  # from the kept results
    assert main(["validate", *root, "--incremental", "--engine", "pyshacl"]) == 2


def test_jobs_gives_the_same_report_and_refuses_nonsense(
    tmp_path: Path, good_graph: Graph, capsys
) -> None:
    bad = broken(good_graph, "DELETE DATA { ag:para_1 dco:modality modality:will }")
    path = tmp_path / "bad.ttl"
    bad.serialize(path, format="turtle")
    assert main(["validate", "--root", str(ROOT), "--format", "json", str(path)]) == 1
    one = json.loads(capsys.readouterr().out)
    assert (
        main(["validate", "--root", str(ROOT), "--format", "json", "--jobs", "2", str(path)]) == 1
    )
    two = json.loads(capsys.readouterr().out)
    assert two["results"] == one["results"] and one["results"]  # all but the time taken
    try:
        code = main(["validate", "--root", str(ROOT), "--jobs", "0", GOOD])
    except SystemExit as exit:  # argparse's refusal
        code = exit.code  # type: ignore[assignment]
    assert code == 2
    assert "--jobs" in capsys.readouterr().err
