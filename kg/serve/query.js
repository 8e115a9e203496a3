// The query page of `kg serve`: sends the editor's query (or a named query) and shows the answer.
// Every text from the graph is set with textContent, never parsed as markup.
"use strict";
(function () {
  const status = document.getElementById("status");
  const results = document.getElementById("results");

  function show(data) {
    results.replaceChildren();
    if (typeof data.boolean === "boolean") {
      const p = document.createElement("p");
      p.textContent = data.boolean ? "yes" : "no";
      results.appendChild(p);
      status.textContent = "";
      return;
    }
    const vars = data.head.vars;
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const row of data.results.bindings) {
      const tr = body.insertRow();
      for (const v of vars) {
        tr.insertCell().textContent = row[v] ? row[v].value : "";
      }
    }
    results.appendChild(table);
    const n = data.results.bindings.length;
    status.className = "";
    status.textContent = n + (n === 1 ? " row" : " rows");
  }

  async function send(url, init) {
    status.className = "";
    status.textContent = "running...";
    results.replaceChildren();
    try {
      const response = await fetch(url, init);
      const type = response.headers.get("content-type") || "";
      if (!response.ok) {
        status.className = "error";
        status.textContent = await response.text();
      } else if (type.startsWith("application/sparql-results+json")) {
        show(await response.json());
      } else {
        const pre = document.createElement("pre");
        pre.textContent = await response.text();
        results.appendChild(pre);
        status.textContent = "";
      }
    } catch (e) {
      status.className = "error";
      status.textContent = String(e);
    }
  }

  const accept = "application/sparql-results+json, text/turtle;q=0.9";
  document.getElementById("editor").addEventListener("submit", (ev) => {
    ev.preventDefault();
    send("/sparql", {method: "POST", headers: {"Content-Type": "application/sparql-query", "Accept": accept},
                     body: document.getElementById("query").value});
  });
  for (const form of document.querySelectorAll("form.named")) {
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const params = new URLSearchParams();
      for (const input of form.querySelectorAll("input")) {
        if (input.value.trim()) params.set(input.name, input.value);
      }
      send("/query/" + encodeURIComponent(form.dataset.name) + "?" + params.toString(), {headers: {"Accept": accept}});
    });
  }
  window.kgQueryPage = {ready: true};
})();
