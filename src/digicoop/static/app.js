// The query page: named questions as forms (choices from /query-choices), answers from
// /queries/NAME, the free SPARQL editor posting to /sparql; results link every IRI to its
// page and show its label (from /labels). The address bar always holds a link to the answer.
// Vanilla JavaScript, no dependencies, so the page works offline.
"use strict";

const BASE = "https://w3id.org/digicoop/";
const RESULT_FORMATS = { json: "JSON", xml: "XML", csv: "CSV", tsv: "TSV" };
const GRAPH_FORMATS = { ttl: "Turtle", nt: "N-Triples", rdf: "RDF/XML", jsonld: "JSON-LD", nq: "N-Quads", trig: "TriG" };
const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";

const byId = (id) => document.getElementById(id);
let library = [];
let choices = {};
const JSON_ANSWER = { headers: { Accept: "application/sparql-results+json" } };

function setStatus(text, isError) {
  const status = byId("status");
  status.textContent = text;
  status.className = isError ? "error" : "";
}

function localHref(iri) {
  if (iri.startsWith(BASE + "ontology#")) return "/ontology#" + iri.slice(BASE.length + 9);
  if (iri.startsWith(BASE)) return "/" + iri.slice(BASE.length);
  return iri;
}

function link(href, text, download) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  if (download) a.setAttribute("download", download);
  return a;
}

function showDownloads(entries) {
  const links = byId("downloads");
  links.replaceChildren(document.createTextNode("Download: "));
  for (const [href, label, file] of entries) links.appendChild(link(href, label, file));
}

function sparqlDownloads(query, kind) {
  const formats = kind === "graph" ? GRAPH_FORMATS : RESULT_FORMATS;
  return Object.entries(formats).map(([name, label]) =>
    [`/sparql?query=${encodeURIComponent(query)}&format=${name}`, label, `result.${name}`]);
}

// A cell: IRIs become links showing their label (filled in later), literals their value only.
function cellNode(term) {
  if (!term) return document.createTextNode("");
  if (term.type === "uri") {
    const a = link(localHref(term.value), term.value);
    a.title = term.value;
    a.dataset.iri = term.value;
    return a;
  }
  if (term.type === "bnode") return document.createTextNode(`_:${term.value}`);
  return document.createTextNode(term.value);
}

async function labelLinks() {
  const anchors = [...document.querySelectorAll("#results a[data-iri]")];
  const iris = [...new Set(anchors.map((a) => a.dataset.iri))];
  if (!iris.length) return;
  try {
    const response = await fetch("/labels", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(iris.slice(0, 5000)),
    });
    if (!response.ok) return;
    const names = await response.json();
    for (const a of anchors) if (names[a.dataset.iri]) a.textContent = names[a.dataset.iri];
  } catch (_) { /* labels are a nicety: the IRIs stay */ }
}

function showTable(head, rows) {
  const table = byId("results");
  const thead = table.querySelector("thead");
  const tbody = table.querySelector("tbody");
  thead.replaceChildren();
  tbody.replaceChildren();
  const tr = document.createElement("tr");
  for (const name of head) {
    const th = document.createElement("th");
    th.textContent = name;
    tr.appendChild(th);
  }
  thead.appendChild(tr);
  for (const row of rows) {
    const line = document.createElement("tr");
    for (const cell of row) {
      const td = document.createElement("td");
      td.appendChild(cell instanceof Node ? cell : cellNode(cell));
      line.appendChild(td);
    }
    tbody.appendChild(line);
  }
  labelLinks();
}

async function errorText(response) {
  try {
    const body = await response.json();
    return `${response.status}: ${body.error.message}`;
  } catch (_) {
    return `${response.status}`;
  }
}

// Show a SPARQL results response. Returns null on an error (the status line says it), else
// the kind of answer ("boolean", "solutions", "graph") and, for a page of a paged answer, the
// next page's URL (head.link; null on the last page).
async function showResponse(response, started) {
  const type = response.headers.get("content-type") || "";
  if (!response.ok) {
    setStatus(await errorText(response), true);
    showTable([], []);
    return null;
  }
  const ms = Math.round(performance.now() - started);
  byId("raw").hidden = true;
  if (type.startsWith("application/sparql-results+json")) {
    const data = await response.json();
    if ("boolean" in data) {
      showTable(["boolean"], [[document.createTextNode(String(data.boolean))]]);
      setStatus(`ASK: ${data.boolean} (${ms} ms)`, false);
      return { kind: "boolean", next: null };
    }
    const vars = data.head.vars;
    const rows = data.results.bindings.map((b) => vars.map((v) => b[v]));
    showTable(vars, rows);
    const next = (data.head.link || [])[0] || null;
    const more = next ? " on this page, more follow (the downloads hold every row)" : "";
    setStatus(`${rows.length} row${rows.length === 1 ? "" : "s"}${more} (${ms} ms)`, false);
    return { kind: "solutions", next };
  }
  showTable([], []);
  const raw = byId("raw");
  raw.textContent = await response.text();
  raw.hidden = false;
  setStatus(`RDF graph (${ms} ms)`, false);
  return { kind: "graph", next: null };
}

// Fetch an answer and show it (see showResponse for what it returns).
async function fetchAndShow(url, init) {
  setStatus("Running…", false);
  const started = performance.now();
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    setStatus(`The server could not be reached: ${error}`, true);
    return null;
  }
  return showResponse(response, started);
}

async function run() {
  const query = byId("query").value;
  const shown = await fetchAndShow("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: ACCEPT },
    body: new URLSearchParams({ query }),
  });
  if (shown) showDownloads(sparqlDownloads(query, shown.kind));
}

function field(param) {
  const wrap = document.createElement("div");
  wrap.className = "field";
  const label = document.createElement("label");
  label.htmlFor = `param-${param.name}`;
  label.textContent = param.name.replace(/_/g, " ");
  let input;
  const options = choices[param.name];
  if (options && options.length) {
    input = document.createElement("select");
    for (const choice of options) {
      const option = document.createElement("option");
      option.value = choice.value;
      option.textContent = choice.label;
      input.appendChild(option);
    }
  } else if (param.type === "boolean") {
    input = document.createElement("select");
    for (const value of ["true", "false"]) {
      const option = document.createElement("option");
      option.value = option.textContent = value;
      input.appendChild(option);
    }
  } else {
    input = document.createElement("input");
    input.type = { date: "date", integer: "number" }[param.type] || "text";
    if (param.default) input.placeholder = param.default;
  }
  input.id = `param-${param.name}`;
  input.name = param.name;
  input.required = param.required;
  if (param.default !== null) input.value = param.default;
  wrap.append(label, input);
  if (param.doc) {
    const doc = document.createElement("span");
    doc.className = "doc";
    doc.textContent = param.doc;
    wrap.appendChild(doc);
  }
  return wrap;
}

function chooseExample() {
  const name = byId("examples").value;
  const entry = library.find((q) => q.name === name);
  const form = byId("query-form");
  if (!entry) {
    form.hidden = true;
    return;
  }
  byId("query").value = entry.text;
  byId("example-description").textContent = entry.description;
  byId("fields").replaceChildren(...entry.params.map(field));
  form.hidden = false;
}

function formParams() {
  const params = new URLSearchParams();
  for (const input of byId("fields").querySelectorAll("input, select")) {
    if (input.value !== "") params.set(input.name, input.value);
  }
  return params;
}

async function runNamed(event) {
  if (event) event.preventDefault();
  const name = byId("examples").value;
  if (!name) return;
  const params = formParams();
  const query = params.toString();
  const share = `/?q=${encodeURIComponent(name)}${query ? "&" + query : ""}`;
  history.replaceState(null, "", share);
  const shareLink = byId("share");
  shareLink.href = share;
  shareLink.hidden = false;
  const url = `/queries/${encodeURIComponent(name)}${query ? "?" + query : ""}`;
  const shown = await fetchAndShow(url, JSON_ANSWER);
  if (shown) {
    const sep = query ? "&" : "?";
    showDownloads([
      [`${url}${sep}_format=csv`, "CSV", `${name}.csv`],
      [`${url}${sep}_size=all&_format=json`, "JSON", `${name}.json`],
    ]);
    addNextLink(shown.next);
  }
}

// "Next page" (when ``url`` is one): the next rows of a paged answer, shown in the table in
// place of these.
function addNextLink(url) {
  if (!url) return;
  const next = link(url, "Next page");
  next.addEventListener("click", async (event) => {
    event.preventDefault();
    next.remove();
    const shown = await fetchAndShow(url, JSON_ANSWER);
    if (shown) addNextLink(shown.next);
  });
  byId("downloads").appendChild(next);
}

async function loadJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  return response.ok ? response.json() : null;
}

async function loadExamples() {
  [library, choices] = await Promise.all([loadJson("/queries"), loadJson("/query-choices")]);
  library = library || [];
  choices = choices || {};
  const select = byId("examples");
  for (const entry of library) {
    const option = document.createElement("option");
    option.value = entry.name;
    option.textContent = entry.title;
    select.appendChild(option);
  }
  // A shared link: /?q=NAME&param=value runs that question with those values.
  const wanted = new URLSearchParams(window.location.search);
  const name = wanted.get("q");
  if (name && library.some((q) => q.name === name)) {
    select.value = name;
    chooseExample();
    for (const [key, value] of wanted) {
      const input = byId(`param-${key}`);
      if (!input || key === "q") continue;
      if (input.tagName === "SELECT" && ![...input.options].some((o) => o.value === value)) {
        const option = document.createElement("option");
        option.value = option.textContent = value;  // as written: the server resolves it
        input.appendChild(option);
      }
      input.value = value;
    }
    runNamed();
  }
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", () => {
  byId("endpoint").textContent = new URL("/sparql", window.location.href).href;
  byId("run").addEventListener("click", run);
  byId("examples").addEventListener("change", chooseExample);
  byId("query-form").addEventListener("submit", runNamed);
  byId("query").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run();
  });
  loadExamples();
});
