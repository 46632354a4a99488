"""The assembled graphs: IRIs, derived dates and evidence for every fact."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from digicoop.annotate.run import annotate
from digicoop.assemble import SHARED_KINDS, add_duration, assemble, quote_iri
from digicoop.model import SourceText
from digicoop.paths import Paths
from digicoop.pipeline import BuildResult, compile_graphs
from digicoop.rdfterms import as_rdflib
from digicoop.segment import segment
from digicoop.vocab import DCO, DCTERMS, FOAF, ID, OA, RDF, SKOS, XSD
from solutions import select

EE, DK, LU = "japan-estonia-moc", "japan-denmark-moc", "japan-luxembourg-moc"
EU, UK = "japan-eu-digital-partnership", "japan-uk-digital-partnership"


@pytest.fixture(scope="module")
def built(project_root: Path) -> BuildResult:
    return compile_graphs(Paths(project_root))


@pytest.mark.parametrize(
    ("start", "duration", "sign", "expected"),
    [
        (date(2026, 4, 27), "P3Y", 1, date(2029, 4, 27)),
        (date(2029, 4, 27), "P6M", -1, date(2028, 10, 27)),
        (date(2027, 5, 1), "P60D", -1, date(2027, 3, 2)),
        (date(2024, 2, 29), "P1Y", 1, date(2025, 2, 28)),  # no 29 February: the month's last day
        (date(2026, 8, 31), "P1M", 1, date(2026, 9, 30)),
        (date(2026, 1, 1), "P2W", 1, date(2026, 1, 15)),
    ],
)
def test_calendar_arithmetic_of_terms(
    start: date, duration: str, sign: int, expected: date
) -> None:
    assert add_duration(start, duration, sign) == expected


def test_unsupported_durations_are_refused() -> None:
    with pytest.raises(ValueError, match="unsupported duration"):
        add_duration(date(2026, 1, 1), "P1Y2M")


@pytest.mark.parametrize(
    ("agreement", "term_end", "deadline"),
    [
        (EE, "2029-04-27", "2028-10-27"),  # signed 27 April 2026, 3 years, six months' notice
        (DK, "2027-05-01", "2027-03-02"),  # signed 1 May 2024, 3 years, sixty days
        (LU, "2029-05-04", "2029-03-05"),  # signed 4 May 2026, 3 years, sixty days
    ],
)
def test_derived_term_dates(
    built: BuildResult, agreement: str, term_end: str, deadline: str
) -> None:
    graph, iri = built.graphs[agreement], ID[f"agreement/{agreement}"]
    assert graph.value(iri, DCO.initialTermEnd) == Literal(term_end, datatype=XSD.date)
    assert graph.value(iri, DCO.noticeDeadline) == Literal(deadline, datatype=XSD.date)


@pytest.mark.parametrize("agreement", [EU, UK])
def test_no_dates_are_made_up_where_the_text_gives_none(built: BuildResult, agreement: str) -> None:
    graph = built.graphs[agreement]
    for prop in (DCO.signingDate, DCO.initialTermEnd, DCO.noticeDeadline, DCO.initialTerm):
        assert not list(graph.triples((None, prop, None))), prop


def test_a_person_who_signed_twice_is_one_node_and_namesakes_stay_two(built: BuildResult) -> None:
    signatories = {
        agreement: {str(o) for o in g.objects(None, DCO.signatory)}
        for agreement, g in built.graphs.items()
    }
    takeaki = str(ID["person/matsumoto-takeaki"])
    assert takeaki in signatories[DK] and takeaki in signatories[UK]
    assert str(ID["person/hisashi-matsumoto"]) in signatories[EE]
    assert takeaki not in signatories[EE]


def test_provision_iris_follow_the_texts_structure(built: BuildResult) -> None:
    eu = built.graphs[EU]
    para_52 = ID[
        f"agreement/{EU}/annex__subhead_high-performance-computing-hpc-and-quantum-technology__para_52"
    ]
    assert eu.value(para_52, DCO.label) == Literal("52")
    uk = built.graphs[UK]
    item_c = ID[f"agreement/{UK}/sec_joint-actions__pillar_1__subhead_semiconductors__item_c"]
    assert uk.value(item_c, DCO.label) == Literal("c")
    assert (item_c, RDF.type, DCO.Provision) in uk


FACTS = (
    DCTERMS.subject,
    DCO.modality,
    DCO.cites,
    DCO.party,
    DCO.participant,
    DCO.signatory,
    DCO.signedFor,
    DCO.signingDate,
    DCO.initialTerm,
    DCO.noticePeriod,
    DCO.legalStatus,
    DCO.establishes,
    FOAF.name,
    DCTERMS.title,
)


@pytest.mark.parametrize("agreement", [EE, DK, LU, EU, UK])
def test_every_fact_has_evidence_that_quotes_the_source_at_its_span(
    built: BuildResult, project_root: Path, agreement: str
) -> None:
    graph: Graph = built.graphs[agreement]
    source = (project_root / "corpus" / f"{agreement}.txt").read_text(encoding="utf-8")
    evidenced = {
        (graph.value(e, RDF.subject), graph.value(e, RDF.predicate), graph.value(e, RDF.object))
        for e in graph.subjects(RDF.type, DCO.Evidence)
    }
    facts = [t for p in FACTS for t in graph.triples((None, p, None))]
    # a fact about a shared resource this agreement names is evidenced here too
    named = set(graph.objects())
    facts += [t for p in FACTS for t in built.shared.triples((None, p, None)) if t[0] in named]
    assert facts and all(t in evidenced for t in facts)
    for evidence in graph.subjects(RDF.type, DCO.Evidence):
        target = graph.value(evidence, OA.hasTarget)
        selectors = list(graph.objects(target, OA.hasSelector))
        exact = next(
            graph.value(s, OA.exact) for s in selectors if graph.value(s, OA.exact) is not None
        )
        position = next(s for s in selectors if graph.value(s, OA.start) is not None)
        start, end = (
            int(str(graph.value(position, OA.start))),
            int(str(graph.value(position, OA.end))),
        )
        assert source[start:end] == str(exact), evidence
        provision = graph.value(target, OA.hasSource)
        p_start, p_end = (
            int(str(graph.value(provision, DCO.sourceStart))),
            int(str(graph.value(provision, DCO.sourceEnd))),
        )
        assert p_start <= start < end <= p_end, (evidence, provision)


def test_facts_quoting_the_same_span_share_one_target(built: BuildResult) -> None:
    """The Danish minister's name is written once, in the signature block; the signature,
    its signatory and the person's names are all read from those words, so their evidence
    nodes point to one target (docs/MODEL.md, Evidence: one target per quoted span)."""
    graph = built.graphs[DK]
    agreement = ID[f"agreement/{DK}"]
    signature, person = ID[f"agreement/{DK}/signature/marie-bjerre"], ID["person/bjerre-marie"]
    facts = [
        (agreement, DCO.hasSignature, signature),
        (signature, DCO.signatory, person),
        (person, FOAF.name, Literal("Marie BJERRE")),
        (person, FOAF.givenName, Literal("Marie")),
        (person, FOAF.familyName, Literal("BJERRE")),
    ]
    targets = set()
    for s, p, o in facts:
        (evidence,) = [
            e
            for e in graph.subjects(RDF.subject, s)
            if (e, RDF.predicate, p) in graph and (e, RDF.object, o) in graph
        ]
        targets.add(graph.value(evidence, OA.hasTarget))
    (target,) = targets
    assert graph.value(target, OA.hasSource) == ID[f"agreement/{DK}/signatures"]
    exact = {graph.value(selector, OA.exact) for selector in graph.objects(target, OA.hasSelector)}
    assert exact == {None, Literal("Marie BJERRE")}


@pytest.mark.parametrize("agreement", [EE, DK, LU, EU, UK])
def test_each_quoted_span_has_one_target_that_evidence_cites(
    built: BuildResult, agreement: str
) -> None:
    """A target per (provision, start, end), named by them, and none that no evidence cites."""
    graph: Graph = built.graphs[agreement]
    targets = set(graph.subjects(RDF.type, OA.SpecificResource))
    assert targets == set(graph.objects(None, OA.hasTarget))
    for target in targets:
        provision = graph.value(target, OA.hasSource)
        start = end = None
        for selector in graph.objects(target, OA.hasSelector):
            if (selector, RDF.type, OA.TextPositionSelector) in graph:
                start = int(str(graph.value(selector, OA.start)))
                end = int(str(graph.value(selector, OA.end)))
        assert start is not None and end is not None
        eid = str(graph.value(provision, DCO.eId))
        assert target == URIRef(quote_iri(agreement, eid, start, end).value)
    # shared: a sentence states several facts (its modality, its topics, its actor), so
    # fewer targets than evidence nodes; one target per evidence node would fail here
    assert len(targets) < len(set(graph.subjects(RDF.type, DCO.Evidence)))


def test_an_evidence_node_states_the_fact_and_its_target_only(built: BuildResult) -> None:
    """No dco:provision (the target's oa:hasSource says it) and no asserted rdf:Statement
    (dco:Evidence is a sub-class of it in the ontology): seven triples, and one
    prov:wasDerivedFrom per input of a derived fact."""
    derived = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    for agreement, graph in built.graphs.items():
        for evidence in graph.subjects(RDF.type, DCO.Evidence):
            predicates = sorted(str(p) for p in graph.predicates(evidence) if p != derived)
            assert predicates == sorted(
                str(p)
                for p in (
                    RDF.type,
                    RDF.type,
                    RDF.subject,
                    RDF.predicate,
                    RDF.object,
                    OA.motivatedBy,
                    OA.hasTarget,
                )
            ), (agreement, evidence)
            assert set(graph.objects(evidence, RDF.type)) == {DCO.Evidence, OA.Annotation}


def test_a_quote_iri_is_named_by_the_provision_and_the_span() -> None:
    """Under the agreement's IRI, 16 hex digits of a digest of eId, start and end: the same
    span the same IRI, any other span another."""
    a = quote_iri("x", "sec_1__para_2", 10, 20).value
    assert re.fullmatch(re.escape(str(ID["agreement/x/quote/"])) + "[0-9a-f]{16}", a)
    assert a == quote_iri("x", "sec_1__para_2", 10, 20).value
    assert a != quote_iri("x", "sec_1__para_1", 10, 20).value
    assert a != quote_iri("x", "sec_1__para_2", 10, 21).value
    assert quote_iri("y", "sec_1__para_2", 10, 20).value.endswith(a.rsplit("/", 1)[1])


def test_the_hiroshima_ai_process_is_one_node_that_two_agreements_cite(built: BuildResult) -> None:
    hiroshima = ID["entity/hiroshima-ai-process"]
    citing = {a for a, g in built.graphs.items() if (None, DCO.cites, hiroshima) in g}
    assert citing == {DK, LU}
    assert (hiroshima, RDF.type, DCO.Initiative) in built.shared
    assert not any((hiroshima, None, None) in g for g in built.graphs.values())


def test_shared_resources_are_described_once_in_the_shared_graph(built: BuildResult) -> None:
    """No triple is stored in two graphs: a join through a party, body, person or entity
    matches once however many agreements name it (docs/MODEL.md, What lives where)."""
    kinds = tuple(str(ID[f"{kind}/"]) for kind in SHARED_KINDS)
    assert {str(s).startswith(kinds) for s in built.shared.subjects()} == {True}
    for agreement, graph in built.graphs.items():
        assert not [s for s in graph.subjects() if str(s).startswith(kinds)], agreement
    seen: dict[tuple[object, ...], str] = {}
    for name, graph in [("shared", built.shared), *built.graphs.items()]:
        for triple in graph:
            assert triple not in seen, (triple, seen.get(triple), name)
            seen[triple] = name
    jp = ID["party/jp"]
    assert len(list(built.shared.objects(jp, SKOS.prefLabel))) == 1
    assert all((ID[f"agreement/{a}"], DCO.party, jp) in g for a, g in built.graphs.items())


def test_evidence_for_a_shared_fact_lives_with_each_agreement_that_states_it(
    built: BuildResult,
) -> None:
    takeaki = ID["person/matsumoto-takeaki"]
    name = built.shared.value(takeaki, FOAF.name)
    stating = {
        agreement
        for agreement, graph in built.graphs.items()
        for evidence in graph.subjects(RDF.subject, takeaki)
        if (evidence, RDF.predicate, FOAF.name) in graph and (evidence, RDF.object, name) in graph
    }
    assert stating == {DK, UK}


def test_the_source_file_and_its_digest_are_recorded(built: BuildResult) -> None:
    graph = built.graphs[EE]
    source = graph.value(ID[f"agreement/{EE}"], URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    assert str(graph.value(source, DCTERMS.identifier)) == f"corpus/{EE}.txt"
    assert str(graph.value(source, DCO.sha256)).startswith("3f9122bc")


def test_topic_coverage_is_the_closure_of_the_provisions_topics(built: BuildResult) -> None:
    """dco:coversTopic: every topic a provision is about and every broader one, nothing else
    (computed here from the graph alone, through the scheme's skos:broader)."""
    store = built.store()
    closure = {
        (str(row["a"].value), str(row["t"].value))
        for row in select(
            store,
            "PREFIX dco: <https://w3id.org/digicoop/ontology#> "
            "PREFIX dcterms: <http://purl.org/dc/terms/> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "SELECT DISTINCT ?a ?t WHERE { ?p dco:ofAgreement ?a ; dcterms:subject ?c . "
            "?c skos:broader* ?t }",
            use_default_graph_as_union=True,
        )
    }
    stated = {
        (str(s), str(o))
        for agreement in built.triples
        for s, o in built.graphs[agreement].subject_objects(DCO.coversTopic)
    }
    assert stated == closure
    assert (str(ID[f"agreement/{DK}"]), "https://w3id.org/digicoop/topic/cybersecurity") in stated


def test_one_person_signing_twice_gives_two_signatures(project_root: Path) -> None:
    """The UK partnership's block with Kono Taro also signing for the Ministry of Economy,
    Trade and Industry (one minister holding two portfolios): two signatures, each with its
    own title and body, not one signature with two of each."""
    path = project_root / "corpus" / "japan-uk-digital-partnership.txt"
    text = path.read_text(encoding="utf-8").replace("NISHIMURA Yasutoshi", "KONO Taro")
    source = SourceText("japan-uk-digital-partnership", "corpus/x.txt", "0" * 64, text)
    document = segment(source)
    graph = as_rdflib(assemble(document, annotate(document, project_root / "ontology")).own)
    kono = ID["person/kono-taro"]
    signatures = sorted((s for s, p, o in graph if p == DCO.signatory and o == kono), key=str)
    assert [str(s).rsplit("/", 1)[1] for s in signatures] == ["kono-taro", "kono-taro-2"]
    titles = {str(o) for s, p, o in graph if s in signatures and p == DCO.signatoryTitle}
    assert titles == {
        "Minister of Economy, Trade and Industry",
        "Minister for Digital Transformation",
    }
    for signature in signatures:
        assert len([o for s, p, o in graph if s == signature and p == DCO.signatoryTitle]) == 1
        assert len([o for s, p, o in graph if s == signature and p == DCO.signedFor]) == 1
