"""The per-agreement build cache: same bytes with or without it, one agreement's work redone
when one agreement is added, everything redone when the vocabularies change, a damaged entry
ignored with a warning."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from digicoop import disk_store, pipeline
from digicoop.agreement_cache import AgreementCache, CacheWarning, version
from digicoop.model import Document
from digicoop.paths import Paths
from digicoop.pipeline import build, compile_graphs, serialise
from solutions import stored_quads

ROOT = Path(__file__).resolve().parents[1]
#: Denmark and Luxembourg reuse each other's paragraphs: their outputs carry reuse links.
FIRST = ("japan-denmark-moc", "japan-estonia-moc", "japan-luxembourg-moc")
ADDED = ROOT / "tests" / "fixtures" / "other-layout" / "japan-finland-moc.txt"


def _manifest_entry(agreement_id: str, path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return f'\n[[agreement]]\nid = "{agreement_id}"\nfile = "{path.name}"\nsha256 = "{digest}"\n'


def _project(target: Path) -> Path:
    """Three of the five agreements, and the ontology, in a tree a test may change."""
    (target / "corpus").mkdir(parents=True)
    manifest = ""
    for agreement_id in FIRST:
        source = ROOT / "corpus" / f"{agreement_id}.txt"
        shutil.copy(source, target / "corpus" / source.name)
        manifest += _manifest_entry(agreement_id, source)
    (target / "corpus" / "manifest.toml").write_text(manifest, encoding="utf-8")
    for name in ("ontology", "shapes"):
        shutil.copytree(ROOT / name, target / name)
    return target


def _add_agreement(root: Path) -> None:
    shutil.copy(ADDED, root / "corpus" / ADDED.name)
    with (root / "corpus" / "manifest.toml").open("a", encoding="utf-8") as manifest:
        manifest.write(_manifest_entry("japan-finland-moc", ADDED))


def _cache(root: Path) -> AgreementCache:
    return AgreementCache(root / "build" / "cache", version(root / "ontology"))


@pytest.fixture()
def annotated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The agreements the build annotates (one-process builds only), in order."""
    calls: list[str] = []
    original: Callable[..., object] = pipeline.annotate

    def counting(document: Document, *args: object) -> object:
        calls.append(document.source.agreement_id)
        return original(document, *args)

    monkeypatch.setattr(pipeline, "annotate", counting)
    return calls


@pytest.fixture(scope="module")
def uncached(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The three agreements' files built without a cache."""
    root = _project(tmp_path_factory.mktemp("uncached"))
    return serialise(compile_graphs(Paths(root)))


def test_a_build_from_the_cache_writes_the_bytes_of_a_build_without_it(
    tmp_path: Path, uncached: dict[str, bytes], annotated: list[str]
) -> None:
    root = _project(tmp_path)
    cold = serialise(compile_graphs(Paths(root), cache=_cache(root)))
    assert sorted(annotated) == sorted(FIRST)
    annotated.clear()
    warm = serialise(compile_graphs(Paths(root), cache=_cache(root)))
    assert annotated == [], "a second build of the same texts annotates nothing"
    parallel = serialise(compile_graphs(Paths(root), jobs=2, cache=_cache(root)))
    assert cold == uncached
    assert warm == uncached
    assert parallel == uncached


def test_adding_an_agreement_annotates_that_agreement_only(
    tmp_path: Path, annotated: list[str]
) -> None:
    root = _project(tmp_path)
    compile_graphs(Paths(root), cache=_cache(root))
    _add_agreement(root)
    annotated.clear()
    with_cache = serialise(compile_graphs(Paths(root), cache=_cache(root)))
    assert annotated == ["japan-finland-moc"]
    assert with_cache == serialise(compile_graphs(Paths(root)))


def test_adding_an_agreement_rewrites_its_graph_and_the_reuse_graph_only(tmp_path: Path) -> None:
    """Text reuse lives in graph:reuse, so the other agreements' graphs do not depend on the
    newcomer, even where it repeats their wording (Finland's memorandum, like Luxembourg's,
    follows Denmark's)."""
    root = _project(tmp_path)
    before = serialise(compile_graphs(Paths(root), cache=_cache(root)))
    _add_agreement(root)
    after = serialise(compile_graphs(Paths(root), cache=_cache(root)))
    changed = sorted(name for name in after if before.get(name) != after[name])
    assert changed == ["digicoop.trig", "japan-finland-moc.ttl", "reuse.ttl", "shared.ttl"]


def test_a_changed_vocabulary_makes_every_agreement_annotated_again(
    tmp_path: Path, annotated: list[str]
) -> None:
    root = _project(tmp_path)
    compile_graphs(Paths(root), cache=_cache(root))
    before = version(root / "ontology")
    topics = root / "ontology" / "topics.ttl"
    topics.write_text(topics.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert version(root / "ontology") != before
    annotated.clear()
    compile_graphs(Paths(root), cache=_cache(root))
    assert sorted(annotated) == sorted(FIRST)


def test_a_damaged_entry_is_ignored_with_a_warning_naming_it(
    tmp_path: Path, uncached: dict[str, bytes]
) -> None:
    root = _project(tmp_path)
    compile_graphs(Paths(root), cache=_cache(root))
    damaged = sorted((root / "build" / "cache" / "output").glob("*/*.pickle"))[0]
    damaged.write_bytes(damaged.read_bytes()[:100])
    with pytest.warns(CacheWarning, match=f"{damaged.name}: unreadable build cache entry"):
        rebuilt = serialise(compile_graphs(Paths(root), cache=_cache(root)))
    assert rebuilt == uncached
    assert len(damaged.read_bytes()) > 100, "the damaged entry is written again"


def test_a_build_keeps_only_the_entries_it_used(tmp_path: Path) -> None:
    root = _project(tmp_path)
    build(Paths(root), validate=False)
    entries = sorted((root / "build" / "cache").glob("*/*/*.pickle"))
    # read, its document, output, its Turtle and part (digicoop.graph_parts) for each
    # agreement, the two vocabularies' Turtle, the parts of the three graphs not of one
    # agreement but the reuse graph (its part is counted from its links:
    # digicoop.reuse_step), what finding the links worked out per text (digicoop.reuse.Memo)
    # and each link's blocks of Turtle
    assert len(entries) == 5 * len(FIRST) + 2 + 3 + 2
    manifest = root / "corpus" / "manifest.toml"
    kept = manifest.read_text(encoding="utf-8").split("\n[[agreement]]")[:-1]
    manifest.write_text("\n[[agreement]]".join(kept) + "\n", encoding="utf-8")
    build(Paths(root), validate=False)
    assert len(list((root / "build" / "cache").glob("*/*/*.pickle"))) == 5 * (len(FIRST) - 1) + 7


def test_an_entry_is_there_once_put_whether_or_not_it_was_read(tmp_path: Path) -> None:
    cache = AgreementCache(tmp_path, "v1")
    key = cache.key("state")
    assert not cache.has("state", key)
    cache.put("state", key, {"judged": 1})
    assert cache.has("state", key) and not cache.has("other", key)
    assert not AgreementCache(tmp_path, "v2").has(
        "state", AgreementCache(tmp_path, "v2").key("state")
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_adding_an_agreement_reads_no_other_agreements_turtle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """The others' Turtle stays in the cache: their files are linked from the last graphs/,
    their graphs copied into the dataset file from the last one, and the on-disk store is
    updated from the changed graphs alone; what is published is what a build without a
    cache makes, and the store holds it. With two jobs the new agreement is read and made
    in a worker while the build reads the others' entries (digicoop.workers)."""
    root = _project(tmp_path)
    build(Paths(root), validate=False, disk_store=True, jobs=jobs)
    _add_agreement(root)
    kinds: list[str] = []
    get = AgreementCache.get

    def counted(self: AgreementCache, kind: str, key: str) -> object | None:
        found = get(self, kind, key)
        if found is not None:
            kinds.append(kind)
        return found

    monkeypatch.setattr(AgreementCache, "get", counted)
    build(Paths(root), validate=False, disk_store=True, jobs=jobs)
    assert "output" in kinds and "turtle" not in kinds
    assert "document" not in kinds, "the others' segmented documents stay in the cache too"
    monkeypatch.undo()
    expected = serialise(compile_graphs(Paths(root)))
    assert {name: (root / "graphs" / name).read_bytes() for name in expected} == expected
    disk_store.write(expected["digicoop.trig"], tmp_path / "whole")
    assert stored_quads(Paths(root).disk_store) == stored_quads(tmp_path / "whole")


def test_an_agreement_made_again_without_its_document_entry_is_segmented_again(
    tmp_path: Path, uncached: dict[str, bytes]
) -> None:
    """A document entry gone (or holding another text) is the source segmented again: an
    agreement whose output must be made again, and a reader of the documents, get the
    document a build without a cache segments."""
    root = _project(tmp_path)
    compile_graphs(Paths(root), cache=_cache(root))
    cache = root / "build" / "cache"
    for entry in [*cache.glob("document/*/*.pickle"), *cache.glob("output/*/*.pickle")]:
        entry.unlink()
    result = compile_graphs(Paths(root), cache=_cache(root))
    assert serialise(result) == uncached
    assert list(result.documents) == list(compile_graphs(Paths(root)).documents)
    assert len(list(cache.glob("document/*/*.pickle"))) == len(FIRST), "put back"


def test_an_agreement_whose_turtle_entry_is_gone_is_made_again_when_read(
    tmp_path: Path, uncached: dict[str, bytes]
) -> None:
    root = _project(tmp_path)
    compile_graphs(Paths(root), cache=_cache(root))
    damaged = sorted((root / "build" / "cache" / "turtle").glob("*/*.pickle"))[0]
    damaged.write_bytes(damaged.read_bytes()[:100])
    with pytest.warns(CacheWarning, match=damaged.name):
        assert serialise(compile_graphs(Paths(root), cache=_cache(root))) == uncached


def test_an_entry_read_ahead_is_what_the_next_get_returns(tmp_path: Path) -> None:
    """A build reads ahead while it waits on its workers: the entry as it was then."""
    cache = AgreementCache(tmp_path, "v1")
    key = cache.key("state")
    cache.put("state", key, "last")
    cache.read_ahead("state", key)
    (tmp_path / "state" / key[:2] / f"{key}.pickle").unlink()
    assert cache.get("state", key) == "last"
    assert cache.get("state", key) is None, "read ahead once, then from the directory"


def test_an_entry_put_after_it_was_read_ahead_is_the_new_one(tmp_path: Path) -> None:
    cache = AgreementCache(tmp_path, "v1")
    key = cache.key("state")
    cache.put("state", key, "last")
    cache.read_ahead("state", key)
    cache.put("state", key, "new")
    assert cache.get("state", key) == "new"


def test_the_build_reads_ahead_once_while_a_worker_makes_an_agreement(tmp_path: Path) -> None:
    """``waiting``: called before the first agreement a worker makes is collected, and not
    at all when the cache holds every agreement (nothing to wait for)."""
    root = _project(tmp_path)
    calls: list[int] = []
    compile_graphs(Paths(root), jobs=2, cache=_cache(root), waiting=lambda: calls.append(1))
    assert calls == [1]
    calls.clear()
    compile_graphs(Paths(root), jobs=2, cache=_cache(root), waiting=lambda: calls.append(1))
    assert calls == []


def test_an_entry_of_the_right_type_but_not_whole_is_made_again(tmp_path: Path) -> None:
    """A container kept by an older layout (the right outer type, wrong items) is not handed
    back as if it were whole: ``made`` asks ``whole`` and makes it again."""
    cache = AgreementCache(tmp_path, "v1")
    key = cache.key("pairs", "x")
    cache.put("pairs", key, ("only one",))
    made = cache.made("pairs", key, lambda: ("a", "b"), tuple, lambda found: len(found) == 2)
    assert made == ("a", "b")
    assert cache.made("pairs", key, lambda: ("c", "d"), tuple) == ("a", "b"), "and kept"
