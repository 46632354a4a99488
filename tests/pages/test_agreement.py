"""The reader's page of an agreement and the list of agreements, from the real server.

Expected values come from reading corpus/japan-denmark-moc.txt: signed in Copenhagen on
"1st of May 2024", for "three (3) years", notice of non-renewal "sixty (60) days" before
the term ends, so the term ends 2027-05-01 and the last day for notice is 2027-03-02.
"""

from __future__ import annotations

import re

import httpx

from digicoop.export.sparql import Select, run_text
from digicoop.pages.templating import NAV

DENMARK = "/id/agreement/japan-denmark-moc"


def _html(http: httpx.Client, path: str) -> str:
    answer = http.get(path, headers={"Accept": "text/html"})
    assert answer.status_code == 200, (path, answer.text[:300])
    return answer.text


def _dd(page: str, key: str) -> str:
    match = re.search(rf'<dt id="fact-{key}">.*?</dt>\s*<dd>(.*?)</dd>', page, re.S)
    assert match, f"no summary row {key!r}"
    return match[1]


def test_every_page_has_the_site_menu(http: httpx.Client) -> None:
    for path in ("/", "/agreements", DENMARK, "/compare/matrix.html", "/compare/timeline.html",
                 "/export/", "/ontology", "/topic/", "/id/party/dk"):  # fmt: skip
        page = _html(http, path)
        nav = re.search(r'<nav id="site-nav".*?</nav>', page, re.S)
        assert nav, path
        assert all(f'href="{href}"' in nav[0] for href, _ in NAV), path


def test_agreements_lists_each_agreement_with_a_link(http: httpx.Client, local: Select) -> None:
    page = _html(http, "/agreements")
    ids = run_text(local, "SELECT ?id { ?a <https://w3id.org/digicoop/ontology#agreementId> ?id }")
    for row in ids:
        assert f'href="/id/agreement/{row["id"].value}"' in page


def test_summary_states_who_when_and_how_long_with_quotes(http: httpx.Client) -> None:
    page = _html(http, DENMARK)
    assert "Denmark" in _dd(page, "parties") and "Japan" in _dd(page, "parties")
    signed = _dd(page, "signed")
    assert "2024-05-01" in signed and "Copenhagen" in signed and "1st of May 2024" in signed
    assert "MATSUMOTO Takeaki" in _dd(page, "signatories")
    assert "Marie BJERRE" in _dd(page, "signatories")
    assert "non-binding" in _dd(page, "status")
    assert "3 years" in _dd(page, "term") and "three (3) years" in _dd(page, "term")
    participants = _dd(page, "participants")
    assert "Ministry of Internal Affairs and Communications" in participants
    assert "signatory body" in participants


def test_source_names_the_file_the_graph_was_built_from(http: httpx.Client) -> None:
    source = _dd(_html(http, DENMARK), "source")
    assert "corpus/japan-denmark-moc.txt" in source and "file the graph was built from" in source


def test_notice_deadline_shows_its_derivation_with_each_input_quoted(
    http: httpx.Client,
) -> None:
    deadline = _dd(_html(http, DENMARK), "deadline")
    assert "2027-03-02" in deadline
    steps = re.findall(r"<li><b>(.*?)</b>(.*?)</li>", deadline, re.S)
    assert [s[0] for s in steps] == [
        "signed on",
        "+ initial term of",
        "= initial term ends on",
        "− notice period of",
        "= last day to give notice of non-renewal",
    ]
    assert "1st of May 2024" in steps[0][1]
    assert "three (3) years" in steps[1][1]
    assert "2027-05-01" in steps[2][1]
    assert "sixty (60) days" in steps[3][1]
    assert "2027-03-02" in steps[4][1]


def test_every_fact_links_to_words_on_the_same_page(http: httpx.Client) -> None:
    page = _html(http, DENMARK)
    targets = set(re.findall(r'class="src" href="#([^"]+)"', page))
    assert len(targets) > 10
    anchors = set(re.findall(r'id="([^"]+)"', page))
    assert targets <= anchors, targets - anchors
    # the notice period's words are marked inside Section 4 item d
    item = re.search(r'<div class="prov[^"]*" id="p-sec_4__item_d".*?</div>', page, re.S)
    assert item and re.search(r"<mark id=\"q-\d+-\d+\">sixty \(60\) days</mark>", item[0])


def test_reading_view_tags_provisions_and_names_them_for_readers(http: httpx.Client) -> None:
    page = _html(http, DENMARK)
    assert "sec_2__point_1__item_a" not in re.sub(r'(id|href|title)="[^"]*"', "", page)
    item = re.search(r'id="p-sec_2__point_1__item_a".*?</div>', page, re.S)
    assert item
    assert "Section 2 › 1.a" in item[0]
    assert 'class="chip modality firm-commitment"' in item[0]
    assert ">trustworthy AI<" in item[0]  # its topic
    assert ">Hiroshima AI Process<" in item[0]  # what it cites
    topics = re.search(r'<section id="topics">.*?</section>', page, re.S)
    assert topics and "investment promotion" in topics[0]


def test_facts_view_and_rdf_stay_available(http: httpx.Client) -> None:
    facts = _html(http, DENMARK + "?view=facts")
    assert 'class="facts"' in facts
    turtle = http.get(DENMARK, headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")


def test_unknown_agreement_is_a_404(http: httpx.Client) -> None:
    answer = http.get("/id/agreement/no-such-agreement", headers={"Accept": "text/html"})
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not-found"


def test_named_query_takes_labels_and_refuses_unknown_values(http: httpx.Client) -> None:
    answer = http.get("/queries/agreements-with-party", params={"party": "Denmark"})
    assert answer.status_code == 200
    assert "japan-denmark-moc" in answer.text
    answer = http.get("/queries/agreements-by-topic", params={"topic": "topic:semiconductors"})
    assert len(answer.json()["results"]["bindings"]) == 2
    refused = http.get("/queries/agreements-with-party", params={"party": "Narnia"})
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["parameter"] == "party" and "Narnia" in error["message"]


def test_query_page_helpers_give_choices_and_labels(http: httpx.Client) -> None:
    choices = http.get("/query-choices").json()
    assert {"label": "Denmark", "value": "https://w3id.org/digicoop/id/party/dk"} in choices[
        "party"
    ]
    provision = "https://w3id.org/digicoop/id/agreement/japan-denmark-moc/sec_4__item_d"
    labels = http.post("/labels", json=[provision, "https://w3id.org/digicoop/id/party/dk"]).json()
    assert labels == {
        provision: "Japan–Denmark › Section 4 › d",
        "https://w3id.org/digicoop/id/party/dk": "Denmark",
    }


def test_comparison_of_two_agreements(http: httpx.Client) -> None:
    # Both MoCs say "This MOC commences on the date of its signature and continues for a
    # period of three (3) years" (Denmark 4.c, Luxembourg 4.c) and both cover cybersecurity.
    page = _html(http, "/compare/?first=japan-denmark-moc&second=japan-luxembourg-moc")
    facts = re.search(r'<table id="compare-facts".*?</table>', page, re.S)
    assert facts and "Denmark" in facts[0] and "Luxembourg" in facts[0]
    shared = re.search(
        r'<h2 id="shared-topics">.*?<div class="columns">\s*<div><h2>Only', page, re.S
    )
    assert shared and ">cybersecurity<" in shared[0]
    reuse = page.split('<h2 id="reuse">', 1)[1]
    assert "This MOC commences on the date of its signature" in reuse
    assert "Section 4 › c" in reuse and "100% alike" in reuse


def test_comparison_form_and_unknown_agreement(http: httpx.Client) -> None:
    form = _html(http, "/compare/")
    assert '<form id="compare-form"' in form and "japan-uk-digital-partnership" in form
    answer = http.get("/compare/", params={"first": "japan-denmark-moc", "second": "nope"})
    assert answer.status_code == 404


def test_at_a_glance_states_the_dates_a_reader_needs_first(http: httpx.Client) -> None:
    glance = re.search(r'<p id="at-a-glance".*?</p>', _html(http, DENMARK), re.S)
    assert glance
    text = re.sub(r"<[^>]+>", "", glance[0])
    assert "Signed 2024-05-01, Copenhagen." in text
    assert "Initial term ends 2027-05-01." in text
    assert "Last day to give notice of non-renewal: 2027-03-02." in text
    # the EU partnership states no date and runs until ended; the UK's says neither
    eu = _html(http, "/id/agreement/japan-eu-digital-partnership")
    assert "No signing date or place stated. Runs until the sides end it." in eu
    uk = re.search(
        r'<p id="at-a-glance".*?</p>',
        _html(http, "/id/agreement/japan-uk-digital-partnership"),
        re.S,
    )
    assert uk and "Runs until the sides end it" not in uk[0]
