"""One spelling per shared resource (digicoop.settle; docs/MODEL.md "One name per resource").

The rules, on hand-made shared graphs, then a build of two real texts that write one
signatory in two conventions: the Denmark memorandum ("MATSUMOTO Takeaki", the family name in
capitals) and the Luxembourg memorandum with its Japanese signatory's line written
"Matsumoto Takeaki" (no capitals; the same slug, so the same person node).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from digicoop import rdfterms as terms
from digicoop import settle
from digicoop.agreement_cache import AgreementCache
from digicoop.commands.query import answer, open_store
from digicoop.paths import Paths
from digicoop.pipeline import build
from digicoop.querylib import load_library
from digicoop.settle import settle_names, settle_person_names, spelling_rank
from digicoop.validate import validate_graph

NAME, FAMILY, GIVEN = terms.FOAF.name, terms.FOAF.familyName, terms.FOAF.givenName
ALT = terms.SKOS.altLabel
NOVAK = terms.ID["person/tomas-novak"]
ROOT = Path(__file__).resolve().parents[1]


def values(graph: terms.Triples, subject: ox.NamedNode, prop: ox.NamedNode) -> set[str]:
    return {o.value for s, p, o in graph if s == subject and p == prop}


def test_a_name_in_two_capitals_keeps_the_one_marking_the_family_name() -> None:
    shared: terms.Triples = {
        (NOVAK, NAME, terms.text("Tomas Novak")),
        (NOVAK, NAME, terms.text("Tomas NOVAK")),
        (NOVAK, FAMILY, terms.text("NOVAK")),
        (NOVAK, GIVEN, terms.text("Tomas")),
    }
    settled = settle_person_names(shared)
    assert values(settled, NOVAK, NAME) == {"Tomas NOVAK"}
    assert values(settled, NOVAK, ALT) == {"Tomas Novak"}
    assert values(settled, NOVAK, FAMILY) == {"NOVAK"}
    assert values(settled, NOVAK, GIVEN) == {"Tomas"}


def test_diacritics_carry_more_than_capitals() -> None:
    shared: terms.Triples = {
        (NOVAK, NAME, terms.text("Tomas NOVAK")),
        (NOVAK, NAME, terms.text("Tomáš Novák")),
        (NOVAK, FAMILY, terms.text("NOVAK")),
    }
    settled = settle_person_names(shared)
    assert values(settled, NOVAK, NAME) == {"Tomáš Novák"}
    assert values(settled, NOVAK, ALT) == {"Tomas NOVAK"}
    assert values(settled, NOVAK, FAMILY) == {"NOVAK"}  # one value: nothing to settle


def test_the_parts_that_agree_with_the_settled_name_are_kept() -> None:
    # "MATSUMOTO Takeaki" and "MATSUMOTO TAKEAKI" give the given name two ways; the one
    # written in the kept name stays the given name, the other is an alternative label.
    person = terms.ID["person/matsumoto-takeaki"]
    shared: terms.Triples = {
        (person, NAME, terms.text("MATSUMOTO TAKEAKI")),
        (person, NAME, terms.text("MATSUMOTO Takeaki")),
        (person, FAMILY, terms.text("MATSUMOTO")),
        (person, GIVEN, terms.text("TAKEAKI")),
        (person, GIVEN, terms.text("Takeaki")),
    }
    settled = settle_person_names(shared)
    assert values(settled, person, NAME) == {"MATSUMOTO Takeaki"}
    assert values(settled, person, GIVEN) == {"Takeaki"}
    assert values(settled, person, FAMILY) == {"MATSUMOTO"}
    assert values(settled, person, ALT) == {"MATSUMOTO TAKEAKI", "TAKEAKI"}


def test_parts_read_differently_follow_the_kept_name() -> None:
    # "Tomas NOVAK" and "TOMAS Novak": one slug, but the texts disagree on which word is the
    # family name. Both mark a family name in capitals and write as much, so the rank falls
    # to code points ("O" before "o"): "TOMAS Novak" is kept, and of the family names only
    # the one written in it ("TOMAS") stays; "NOVAK" becomes a label like the other name.
    shared: terms.Triples = {
        (NOVAK, NAME, terms.text("Tomas NOVAK")),
        (NOVAK, NAME, terms.text("TOMAS Novak")),
        (NOVAK, FAMILY, terms.text("NOVAK")),
        (NOVAK, FAMILY, terms.text("TOMAS")),
    }
    settled = settle_person_names(shared)
    assert values(settled, NOVAK, NAME) == {"TOMAS Novak"}
    assert values(settled, NOVAK, FAMILY) == {"TOMAS"}
    assert values(settled, NOVAK, ALT) == {"Tomas NOVAK", "NOVAK"}


def test_a_name_with_and_without_its_initial_and_suffix_is_one_name() -> None:
    # Texts add or leave out a middle initial and "Jr." (persons.person_slug): one key, so
    # one node; the spelling that writes the most is kept.
    person = terms.ID["person/biden-joseph"]
    shared: terms.Triples = {
        (person, NAME, terms.text("Joseph R. Biden")),
        (person, NAME, terms.text("Joseph R. Biden, Jr.")),
        (person, NAME, terms.text("JOSEPH R. BIDEN")),
    }
    settled = settle_person_names(shared)
    assert values(settled, person, NAME) == {"Joseph R. Biden, Jr."}
    assert values(settled, person, ALT) == {"Joseph R. Biden", "JOSEPH R. BIDEN"}


def test_two_different_names_on_one_node_are_never_settled() -> None:
    # Different slugs cannot come from one IRI's spellings: two people merged, for
    # dcosh:Person-oneName to report.
    person = terms.ID["person/joe-biden"]
    shared: terms.Triples = {
        (person, NAME, terms.text("Joe Biden")),
        (person, NAME, terms.text("Joseph R. Biden")),
    }
    assert settle_person_names(shared) == shared


def test_the_same_whatever_order_the_spellings_come_in() -> None:
    spellings = ["Tomas Novak", "TOMAS NOVAK", "Tomas NOVAK", "Tomáš NOVÁK", "Tomáš Novák"]
    results = set()
    for start in range(len(spellings)):
        ordered = spellings[start:] + spellings[:start]
        results.add(frozenset(settle_names({(NOVAK, NAME, terms.text(s)) for s in ordered})))
        # a set may iterate alike whatever order it was filled in: the choice itself is
        # also given the spellings as an ordered list, each rotation and its reverse
        for listed in (ordered, ordered[::-1]):
            kept = settle._best_per_slug([terms.text(s) for s in listed])
            assert [name.value for name in kept] == ["Tomáš NOVÁK"]
    assert len(results) == 1
    (settled,) = results
    assert values(set(settled), NOVAK, NAME) == {"Tomáš NOVÁK"}


def test_an_organisation_body_and_place_keep_one_label_per_spelling() -> None:
    pref, label = terms.SKOS.prefLabel, terms.RDFS.label
    ministry = terms.ID["org/jp/ministry-of-internal-affairs-and-communications"]
    council = terms.ID["body/digital-partnership-council"]
    tokyo = terms.ID["place/tokyo"]
    shared: terms.Triples = {
        (ministry, pref, terms.text("Ministry of Internal Affairs and Communications", "en")),
        (ministry, pref, terms.text("MINISTRY OF INTERNAL AFFAIRS AND COMMUNICATIONS", "en")),
        (council, pref, terms.text("Digital Partnership Council", "en")),
        (council, pref, terms.text("Digital Partnership council", "en")),
        (tokyo, label, terms.text("TOKYO", "en")),
        (tokyo, label, terms.text("Tokyo", "en")),
        (tokyo, label, terms.text("Tōkyō", "ja-latn")),  # another language: its own label
    }
    settled = settle_names(shared)
    assert values(settled, ministry, pref) == {"Ministry of Internal Affairs and Communications"}
    assert values(settled, ministry, ALT) == {"MINISTRY OF INTERNAL AFFAIRS AND COMMUNICATIONS"}
    # Same letters, same case class: the first in code-point order ("C" before "c").
    assert values(settled, council, pref) == {"Digital Partnership Council"}
    assert values(settled, council, ALT) == {"Digital Partnership council"}
    assert values(settled, tokyo, label) == {"Tokyo", "Tōkyō"}
    assert values(settled, tokyo, ALT) == {"TOKYO"}


def test_labels_of_different_slugs_on_one_node_are_left_for_the_shapes() -> None:
    council = terms.ID["body/digital-partnership-council"]
    shared: terms.Triples = {
        (council, terms.SKOS.prefLabel, terms.text("Digital Partnership Council", "en")),
        (council, terms.SKOS.prefLabel, terms.text("Joint Committee", "en")),
    }
    assert settle_names(shared) == shared


def test_the_rank_prefers_information_then_code_points() -> None:
    assert spelling_rank("Tomáš Novák") < spelling_rank("Tomas NOVAK")  # diacritics
    assert spelling_rank("Tomas NOVAK") < spelling_rank("Tomas Novak")  # family marked
    assert spelling_rank("Tomas Novak") < spelling_rank("TOMAS NOVAK")  # case not hidden
    assert spelling_rank("Joseph R. Biden") < spelling_rank("Joseph R Biden")  # more written
    assert spelling_rank("Jean-Luc Picard") < spelling_rank("Jean Luc Picard")  # a hyphen written
    assert spelling_rank("Anna Lena-Smith") < spelling_rank("Anna-Lena Smith")  # code points


# ---------------------------------------------------------------- a build of two texts

DENMARK, VARIANT = "japan-denmark-moc", "luxembourg-variant"
PERSON = terms.ID["person/matsumoto-takeaki"]


def two_conventions(
    target: Path, order: tuple[str, ...], spelling: bytes = b"Matsumoto Takeaki"
) -> Path:
    """A project of the Denmark memorandum and the Luxembourg one with its Japanese
    signatory written ``spelling``, listed in the manifest in ``order``."""
    project = target
    for name in ("corpus", "ontology", "shapes"):
        shutil.copytree(ROOT / name, project / name)
    corpus = project / "corpus"
    text = (corpus / "japan-luxembourg-moc.txt").read_bytes()
    assert text.count(b"HAYASHI Yoshimasa") == 1
    (corpus / f"{VARIANT}.txt").write_bytes(text.replace(b"HAYASHI Yoshimasa", spelling))
    listing(project, order)
    return project


def listing(project: Path, order: tuple[str, ...]) -> None:
    """List the agreements ``order`` names, in that order, in the project's manifest."""
    corpus = project / "corpus"
    manifest = "".join(
        f'[[agreement]]\nid = "{name}"\nfile = "{name}.txt"\n'
        f'sha256 = "{hashlib.sha256((corpus / f"{name}.txt").read_bytes()).hexdigest()}"\n\n'
        for name in order
    )
    (corpus / "manifest.toml").write_text(manifest, encoding="utf-8")


def shared_of(project: Path) -> terms.Triples:
    store = ox.Store()
    store.load(path=str(project / "graphs" / "shared.ttl"), format=ox.RdfFormat.TURTLE)
    return {(q.subject, q.predicate, q.object) for q in store}  # type: ignore[misc]


@pytest.mark.slow
def test_two_texts_naming_one_person_in_two_capitals_build_and_validate(tmp_path: Path) -> None:
    one = two_conventions(tmp_path / "one", (DENMARK, VARIANT))
    other = two_conventions(tmp_path / "other", (VARIANT, DENMARK))
    build(Paths(one))  # validates: an invalid build raises
    build(Paths(other), validate=False)
    shared = shared_of(one)
    assert values(shared, PERSON, NAME) == {"MATSUMOTO Takeaki"}
    assert values(shared, PERSON, ALT) == {"Matsumoto Takeaki"}
    assert values(shared, PERSON, FAMILY) == {"MATSUMOTO"}
    # Each agreement's evidence keeps the spelling its own text gives.
    variant = (one / "graphs" / f"{VARIANT}.ttl").read_text(encoding="utf-8")
    assert '"Matsumoto Takeaki"' in variant and "MATSUMOTO" not in variant
    assert (one / "graphs" / "shared.ttl").read_bytes() == (
        other / "graphs" / "shared.ttl"
    ).read_bytes()


@pytest.mark.slow
def test_adding_the_second_spelling_later_gives_the_whole_verdict(tmp_path: Path) -> None:
    project = two_conventions(tmp_path / "project", (DENMARK,))
    build(Paths(project), validate=False)
    cache = AgreementCache(tmp_path / "validation", "test")
    first = validate_graph(ox_store(project), project, incremental=True, cache=cache)
    assert first.conforms
    listing(project, (DENMARK, VARIANT))
    build(Paths(project), validate=False)
    whole = validate_graph(ox_store(project), project)
    incremental = validate_graph(ox_store(project), project, incremental=True, cache=cache)
    assert whole.conforms
    assert incremental.findings == whole.findings
    assert incremental.conforms == whole.conforms
    # Denmark's kept result is not reused: the person it names is described anew.
    assert DENMARK in incremental.judged


@pytest.mark.slow
def test_two_texts_writing_the_family_name_first_and_last_name_one_person(tmp_path: Path) -> None:
    # Denmark's signature block writes "MATSUMOTO Takeaki"; the variant, as an English
    # statement would, "Takeaki Matsumoto": one person, one node, found by either spelling.
    project = two_conventions(tmp_path / "project", (DENMARK, VARIANT), b"Takeaki Matsumoto")
    build(Paths(project))  # validates: one foaf:name per person
    shared = shared_of(project)
    assert values(shared, PERSON, NAME) == {"MATSUMOTO Takeaki"}
    assert values(shared, PERSON, ALT) == {"Takeaki Matsumoto"}
    persons = {s for s, p, o in shared if p == terms.RDF.type and o == terms.FOAF.Person}
    assert len(persons) == 3  # the Japanese minister, Denmark's and Luxembourg's signatories
    store = open_store(project)
    queries = load_library(ROOT / "queries")
    found = answer(store, queries["signatures-by-person"], {"name": "takeaki matsumoto"})
    assert sorted(row["agreement"]["value"] for row in found.rows) == [DENMARK, VARIANT]


def ox_store(project: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(project / "graphs" / "digicoop.trig"), format=ox.RdfFormat.TRIG)
    return store


@pytest.mark.slow
def test_a_search_by_a_spelling_only_another_text_gives_finds_the_person(tmp_path: Path) -> None:
    # The variant writes an apostrophe ("Take’aki", as "Shin’ichi" is written): Denmark's
    # "MATSUMOTO Takeaki" is kept (capitals mark the family name), the variant's spelling
    # becomes an alternative label; a search for "take’aki" still finds both signatures, one
    # row each, under the one name.
    project = two_conventions(
        tmp_path / "project", (DENMARK, VARIANT), "Matsumoto Take’aki".encode()
    )
    build(Paths(project))
    shared = shared_of(project)
    assert values(shared, PERSON, NAME) == {"MATSUMOTO Takeaki"}
    assert values(shared, PERSON, ALT) == {"Matsumoto Take’aki"}
    store = open_store(project)
    queries = load_library(ROOT / "queries")
    found = answer(store, queries["signatures-by-person"], {"name": "take’aki"})
    rows = sorted((row["agreement"]["value"], row["signatory"]["value"]) for row in found.rows)
    assert rows == [(DENMARK, "MATSUMOTO Takeaki"), (VARIANT, "MATSUMOTO Takeaki")]
    signatories = answer(store, queries["signatories"], {})
    assert sorted(row["name"]["value"] for row in signatories.rows) == [
        "Elisabeth MARGUE",
        "MATSUMOTO Takeaki",
        "MATSUMOTO Takeaki",
        "Marie BJERRE",
    ]


def test_an_entity_two_texts_spell_apart_keeps_one_preferred_label() -> None:
    meeting = terms.ID["entity/quad-leaders-meeting"]
    person = terms.ID["person/joe-biden"]
    pref, alt = terms.SKOS.prefLabel, terms.SKOS.altLabel
    shared: terms.Triples = {
        (meeting, pref, terms.text("Quad Leaders Meeting", "en")),
        (meeting, pref, terms.text("Quad Leaders’ Meeting", "en")),
        (person, pref, terms.text("Joe Biden", "en")),
        (person, pref, terms.text("Joseph R. Biden", "en")),
    }
    settled = settle_names(shared)
    assert (meeting, pref, terms.text("Quad Leaders’ Meeting", "en")) in settled
    assert (meeting, alt, terms.text("Quad Leaders Meeting", "en")) in settled
    assert (meeting, pref, terms.text("Quad Leaders Meeting", "en")) not in settled
    # A person's skos:prefLabel is not settled as a cited entity's is; its names are its
    # foaf:name, settled by slug (tests/test_settle.py): these stay for the shapes to report.
    assert {o for s, p, o in settled if s == person and p == pref} == {
        terms.text("Joe Biden", "en"),
        terms.text("Joseph R. Biden", "en"),
    }
    # The same whatever order the labels come in.
    ordered = sorted(shared, key=lambda t: (t[0].value, t[2].value))
    assert settle_names(set(reversed(ordered))) == settled
