// The query page: examples from /queries, queries POSTed to /sparql, rows shown in a table.
// Vanilla JavaScript, no dependencies, so the page works offline.
"use strict";

const RESULT_FORMATS = { json: "JSON", xml: "XML", csv: "CSV", tsv: "TSV" };
const GRAPH_FORMATS = { ttl: "Turtle", nt: "N-Triples", rdf: "RDF/XML", jsonld: "JSON-LD", nq: "N-Quads", trig: "TriG" };
const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";

const byId = (id) => document.getElementById(id);
let library = [];

function setStatus(text, isError) {
  const status = byId("status");
  status.textContent = text;
  status.className = isError ? "error" : "";
}

function termText(term) {
  if (!term) return "";
  if (term.type === "literal" && term["xml:lang"]) return `${term.value} @${term["xml:lang"]}`;
  return term.value;
}

function showDownloads(query, kind) {
  const links = byId("downloads");
  links.textContent = "Download: ";
  const formats = kind === "graph" ? GRAPH_FORMATS : RESULT_FORMATS;
  for (const [name, label] of Object.entries(formats)) {
    const a = document.createElement("a");
    a.href = `/sparql?query=${encodeURIComponent(query)}&format=${name}`;
    a.textContent = label;
    a.setAttribute("download", `result.${name}`);
    links.appendChild(a);
  }
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
      td.textContent = cell;
      line.appendChild(td);
    }
    tbody.appendChild(line);
  }
}

async function run() {
  const query = byId("query").value;
  setStatus("Running…", false);
  byId("raw").hidden = true;
  const started = performance.now();
  let response;
  try {
    response = await fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: ACCEPT },
      body: new URLSearchParams({ query }),
    });
  } catch (error) {
    setStatus(`The server could not be reached: ${error}`, true);
    return;
  }
  const type = response.headers.get("content-type") || "";
  if (!response.ok) {
    let message = `${response.status}`;
    try {
      const body = await response.json();
      message = `${response.status}: ${body.error.message}`;
    } catch (_) { /* not our JSON error shape */ }
    setStatus(message, true);
    showTable([], []);
    return;
  }
  const ms = Math.round(performance.now() - started);
  if (type.startsWith("application/sparql-results+json")) {
    const data = await response.json();
    if ("boolean" in data) {
      showTable(["boolean"], [[String(data.boolean)]]);
      setStatus(`ASK: ${data.boolean} (${ms} ms)`, false);
      showDownloads(query, "boolean");
      return;
    }
    const vars = data.head.vars;
    const rows = data.results.bindings.map((b) => vars.map((v) => termText(b[v])));
    showTable(vars, rows);
    setStatus(`${rows.length} rows (${ms} ms)`, false);
    showDownloads(query, "solutions");
  } else {
    showTable([], []);
    const raw = byId("raw");
    raw.textContent = await response.text();
    raw.hidden = false;
    setStatus(`RDF graph (${ms} ms)`, false);
    showDownloads(query, "graph");
  }
}

function chooseExample() {
  const name = byId("examples").value;
  const entry = library.find((q) => q.name === name);
  if (!entry) return;
  byId("query").value = entry.text;
  const params = entry.params.map((p) => `?${p.name} (${p.type}${p.required ? ", required" : ""})`);
  byId("example-description").textContent =
    entry.description + (params.length ? ` Parameters: ${params.join(", ")}.` : "");
}

async function loadExamples() {
  const response = await fetch("/queries", { headers: { Accept: "application/json" } });
  if (!response.ok) return;
  library = await response.json();
  const select = byId("examples");
  for (const entry of library) {
    const option = document.createElement("option");
    option.value = entry.name;
    option.textContent = entry.title;
    select.appendChild(option);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  byId("endpoint").textContent = new URL("/sparql", window.location.href).href;
  byId("run").addEventListener("click", run);
  byId("examples").addEventListener("change", chooseExample);
  byId("query").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run();
  });
  loadExamples();
});
