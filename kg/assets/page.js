/* kg graph page: the network and its reading aids (header, legend, filters, search), built from #kg-data.
   Every text from an article reaches the page through textContent or a canvas label, never as markup. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var META = DATA.meta;
  var byId = {}, edgeById = {}, classInfo = {}, articleById = {}, base = {}, edgeBase = {};
  var state = { classes: {}, relations: {}, minConfidence: 0, minOutlets: 0, from: "", to: "", isolated: true,
                highlight: null, size: "mentions" };
  var page = window.kgPage = { stabilized: false, stabilizeMs: null, data: DATA };
  var started = performance.now();
  var LAYOUT_BUDGET_MS = 3000;

  function $(id) { return document.getElementById(id); }

  function el(tag, props, children) {
    var e = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      var v = props[k];
      if (v === undefined || v === null) return;
      if (k === "text") e.textContent = v;
      else if (k === "className") e.className = v;
      else if (k === "onclick") e.addEventListener("click", v);
      else e.setAttribute(k, v);
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }

  function fmt(n) { return Number(n).toLocaleString("en-US"); }
  function plural(n, one, many) { return fmt(n) + " " + (n === 1 ? one : (many || one + "s")); }
  function short(s) { return s.length > 40 ? s.slice(0, 38) + "…" : s; }  // the full name is in the tooltip and panel
  function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function webLink(url) { return /^https?:\/\//.test(url) ? url : null; }

  DATA.classes.forEach(function (c) { classInfo[c.id] = c; state.classes[c.id] = true; });
  DATA.relationTypes.forEach(function (t) { state.relations[t.id] = true; });
  META.articles.forEach(function (a) { articleById[a.id] = a; });
  DATA.nodes.forEach(function (n) { byId[n.id] = n; });
  DATA.edges.forEach(function (e) { edgeById[e.id] = e; });

  // ------------------------------------------------------------------ header and notice

  function header() {
    var parts = [plural(META.entities, "entity", "entities"),
                 plural(META.relations, "relation") + " (" + plural(META.statements, "statement") + ")",
                 plural(META.events, "event")];
    var from = plural(META.articles.length, "article");
    var d = META.articleDates;
    if (d) from += ", " + (d[0] === d[1] ? d[0] : d[0] + " to " + d[1]);
    $("kg-summary").textContent = parts.join(" · ") + " — from " + from;
    $("kg-articles-summary").textContent = "Articles (" + fmt(META.articles.length) + ")";
    var list = $("kg-article-list");
    META.articles.forEach(function (a) {
      list.appendChild(el("li", {}, [
        el("strong", { text: a.label }), a.date ? " · " + a.date : " · undated",
        a.source ? el("span", { className: "kg-src", text: " · " + a.source }) : null]));
    });
    if (META.hiddenEntities > 0 || META.hiddenEvents > 0) {
      var text = "Showing the " + fmt(META.shownEntities) + " most connected of " + plural(META.entities, "entity", "entities") +
        "; " + fmt(META.hiddenEntities) + " less connected " + (META.hiddenEntities === 1 ? "is" : "are") + " hidden";
      if (META.hiddenEvents > 0) text += ", and " + plural(META.hiddenEvents, "event") + " with them";
      text += ". Query graph.ttl with “kg query” for all of them.";
      $("kg-notice").textContent = text;
      $("kg-notice").hidden = false;
    }
  }

  // ------------------------------------------------------------------ legend and filter controls

  var SHAPES = {
    dot: function (s) { return el0("circle", { cx: 7, cy: 7, r: 6 }); },
    square: function () { return el0("rect", { x: 1.5, y: 1.5, width: 11, height: 11 }); },
    triangle: function () { return el0("polygon", { points: "7,1 13,13 1,13" }); },
    triangleDown: function () { return el0("polygon", { points: "1,1 13,1 7,13" }); },
    diamond: function () { return el0("polygon", { points: "7,0.5 13.5,7 7,13.5 0.5,7" }); },
    star: function () { return el0("polygon", { points: "7,0.5 8.8,5 13.5,5.2 9.8,8.3 11,13 7,10.3 3,13 4.2,8.3 0.5,5.2 5.2,5" }); },
    hexagon: function () { return el0("polygon", { points: "3.5,1 10.5,1 13.5,7 10.5,13 3.5,13 0.5,7" }); }
  };

  function el0(tag, attrs) {
    var e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function swatch(c) {
    var svg = el0("svg", { width: 14, height: 14, viewBox: "0 0 14 14", "class": "kg-swatch", "aria-hidden": "true" });
    var shape = (SHAPES[c.shape] || SHAPES.dot)();
    shape.setAttribute("fill", c.colour);
    shape.setAttribute("stroke", "#33333366");
    svg.appendChild(shape);
    return svg;
  }

  function checkItem(key, label, count, onChange, icon) {
    var box = el("input", { type: "checkbox", "data-key": key });
    box.checked = true;
    box.addEventListener("change", function () { onChange(key, box.checked); });
    return el("li", {}, [el("label", {}, [box, icon || null, el("span", { text: label }),
                                          el("span", { className: "kg-count", text: fmt(count) })])]);
  }

  function controls() {
    var legend = $("kg-legend"), lastKind = "entity";
    DATA.classes.forEach(function (c) {
      if (c.kind !== lastKind) { legend.appendChild(el("li", { className: "kg-sub", text: "Events" })); lastKind = c.kind; }
      legend.appendChild(checkItem(c.id, c.label, c.count, function (k, on) { state.classes[k] = on; applyFilters(); }, swatch(c)));
    });
    if (!DATA.classes.length) legend.appendChild(el("li", { className: "kg-sub", text: "none" }));
    var rel = $("kg-relations"), roles = false;
    DATA.relationTypes.forEach(function (t) {
      if (t.role && !roles) { rel.appendChild(el("li", { className: "kg-sub", text: "Roles in events" })); roles = true; }
      rel.appendChild(checkItem(t.id, t.label, t.count, function (k, on) { state.relations[k] = on; applyFilters(); }));
    });
    if (!DATA.relationTypes.length) rel.appendChild(el("li", { className: "kg-sub", text: "none found in these articles" }));

    var conf = $("kg-confidence");
    conf.addEventListener("input", function () {
      state.minConfidence = parseFloat(conf.value) || 0;
      $("kg-confidence-value").textContent = state.minConfidence.toFixed(2);
      applyFilters();
    });
    var outlets = $("kg-outlets");
    outlets.addEventListener("input", function () {
      state.minOutlets = Math.max(0, parseInt(outlets.value, 10) || 0);
      applyFilters();
    });
    var range = META.factDates, from = $("kg-date-from"), to = $("kg-date-to");
    if (range) {
      [from, to].forEach(function (input) { input.min = range[0]; input.max = range[1]; });
      from.value = range[0]; to.value = range[1];
    } else {
      from.disabled = to.disabled = true;
      $("kg-dates-box").appendChild(el("p", { className: "kg-hint", text: "No dated events or facts in this graph." }));
    }
    function dates() { state.from = from.value; state.to = to.value; applyFilters(); }
    from.addEventListener("change", dates);
    to.addEventListener("change", dates);
    $("kg-size").addEventListener("change", function () { state.size = $("kg-size").value; resize(); });
    $("kg-isolated").addEventListener("change", function () { state.isolated = $("kg-isolated").checked; applyFilters(); });
    $("kg-fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });
    $("kg-clear").addEventListener("click", function () { clearHighlight(); network.unselectAll(); });
    $("kg-panel-close").addEventListener("click", function () { page.closePanel(); });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { page.closePanel(); clearHighlight(); }
      if (ev.key === "/" && document.activeElement.tagName !== "INPUT") { ev.preventDefault(); $("kg-search").focus(); }
    });
  }

  function timeline() {
    var list = $("kg-timeline");
    var events = DATA.nodes.filter(function (n) { return n.kind === "event"; });
    events.sort(function (a, b) { return (a.date || "9999") < (b.date || "9999") ? -1 : (a.date || "9999") > (b.date || "9999") ? 1 : 0; });
    events.forEach(function (n) {
      var who = participants(n.id).map(function (p) { return byId[p.node].label; }).slice(0, 3).join(", ");
      var li = el("li", { "data-id": n.id, onclick: function () { focusNode(n.id); } }, [
        el("span", { className: "kg-date", text: n.date || "undated" }),
        n.clsLabel + (n.trigger ? " (" + n.trigger + ")" : "") + (who ? ": " + who : "")]);
      list.appendChild(li);
    });
    if (!events.length) list.appendChild(el("li", { className: "kg-sub", text: "none found in these articles" }));
  }

  // ------------------------------------------------------------------ network

  function darker(hex) {
    var n = parseInt(hex.slice(1), 16), f = 0.72;
    var r = Math.round((n >> 16) * f), g = Math.round(((n >> 8) & 255) * f), b = Math.round((n & 255) * f);
    return "#" + ((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1);
  }

  function nodeStyle(n) {
    var c = classInfo[n.cls] || { colour: "#999999", shape: "dot" };
    return { color: { background: c.colour, border: darker(c.colour),
                      highlight: { background: c.colour, border: "#111827" }, hover: { background: c.colour, border: "#111827" } },
             font: { color: "#1f2933" } };
  }

  function sizeOf(n) {
    if (n.kind === "event") return undefined;
    return state.size === "centrality" ? n.centrality : Math.max(1, n.mentions || 0);
  }

  function tooltip(lines) {
    var box = el("div");
    lines.forEach(function (line, i) { if (line) box.appendChild(el(i === 0 ? "strong" : "div", { text: line })); });
    return box;
  }

  function visNode(n) {
    var c = classInfo[n.cls] || { shape: "dot", label: n.cls };
    var style = nodeStyle(n);
    base[n.id] = style;
    var label = n.kind === "event" ? n.clsLabel + (n.reports > 1 ? " ×" + n.reports : "") + (n.date ? "\n" + n.date : "") : short(n.label);
    var tip = n.kind === "event"
      ? [n.label, n.date ? "date: " + n.date : "undated", plural(n.reports || 0, "report") + " · " + plural(n.outlets || 0, "outlet")]
      : [n.label, c.label + " · " + plural(n.mentions, "mention"), n.aliases.length ? "also: " + n.aliases.join(", ") : ""];
    return { id: n.id, label: label, shape: c.shape, value: sizeOf(n), size: n.kind === "event" ? 11 : undefined,
             x: n.x, y: n.y,
             color: style.color, font: style.font, title: tooltip(tip) };
  }

  function visEdge(e) {
    var count = (e.statements || []).length;
    var tip = [byId[e.from].label + " — " + e.label + " → " + byId[e.to].label,
               e.role ? "" : plural(count, "supporting sentence") + " · " + plural(e.outlets || 0, "outlet"),
               e.confidence !== null && e.confidence !== undefined ? "confidence " + e.confidence.toFixed(2) : ""];
    edgeBase[e.id] = { color: e.role ? "#a3aab5" : "#7b8794", highlight: "#2563eb", hover: "#2563eb" };
    return { id: e.id, from: e.from, to: e.to, label: e.label, title: tooltip(tip),
             arrows: e.role || e.symmetric ? "" : "to", dashes: !!e.role,
             width: e.role ? 1 : 1 + Math.min(3, count / 2), color: edgeBase[e.id] };
  }

  function build() {
    var n = DATA.nodes.length;
    nodes = new vis.DataSet(DATA.nodes.map(visNode));
    edges = new vis.DataSet(DATA.edges.map(visEdge));
    var options = {
      autoResize: true,
      layout: { improvedLayout: n <= 150, randomSeed: 7 },  // 150: LAYOUT_IN_BROWSER in render.py
      nodes: { borderWidth: 1.5, scaling: { min: 9, max: 34, label: { enabled: true, min: 13, max: 22, drawThreshold: 6 } },
               font: { size: 13, strokeWidth: 3, strokeColor: "#ffffff" } },
      edges: { smooth: n > 500 ? false : { type: "continuous" }, selectionWidth: 1.5,
               arrows: { to: { scaleFactor: 0.55 } },
               font: { size: 10, align: "middle", color: "#475467", strokeWidth: 3, strokeColor: "#ffffff" } },
      physics: {
        solver: "forceAtlas2Based",
        forceAtlas2Based: { gravitationalConstant: -75, centralGravity: 0.01, springLength: 120, springConstant: 0.05,
                            avoidOverlap: 0.6 },
        maxVelocity: 60, minVelocity: 0.8, timestep: 0.45,
        // Bounded in iterations and, below, in time: the layout settles within seconds, then physics stops.
        stabilization: { enabled: true, iterations: n > 400 ? 400 : 600, updateInterval: 10, fit: true }
      },
      interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: n > 500, keyboard: false, multiselect: false }
    };
    var layoutStart = performance.now();
    network = new vis.Network($("mynetwork"), { nodes: nodes, edges: edges }, options);
    network.on("stabilizationProgress", function (p) {
      page.layoutIterations = p.iterations;
      $("kg-progress").textContent = "Laying out the graph… " + Math.round(100 * p.iterations / p.total) + "%";
      // On a slow machine a large graph keeps the layout it has reached after the time budget.
      if (performance.now() - layoutStart > LAYOUT_BUDGET_MS) network.stopSimulation();
    });
    network.once("stabilizationIterationsDone", stabilized);
    network.on("click", function (p) {
      if (p.nodes.length) { highlight(p.nodes[0]); page.showNode(p.nodes[0]); }
      else if (p.edges.length) { clearHighlight(); page.showEdge(p.edges[0]); }
      else { clearHighlight(); page.closePanel(); }
    });
    if (!n) {
      $("mynetwork").appendChild(el("div", { className: "kg-empty", text: "No entities were found in these articles." }));
      stabilized();
    }
  }

  function stabilized() {
    if (page.stabilized) return;
    network.setOptions({ physics: false });
    page.stabilized = true;
    page.stabilizeMs = Math.round(performance.now() - started);
    $("kg-progress").hidden = true;
    network.fit();
  }

  function resize() {
    nodes.update(DATA.nodes.filter(function (n) { return n.kind === "entity"; })
      .map(function (n) { return { id: n.id, value: sizeOf(n) }; }));
  }

  // ------------------------------------------------------------------ filters

  function dateOk(d) {
    if (!d) return true;
    return !(state.from && d < state.from) && !(state.to && d > state.to);
  }

  function confOk(c) { return c === null || c === undefined || c >= state.minConfidence; }

  function nodeShown(n) {
    if (!state.classes[n.cls]) return false;
    if (n.kind === "event") return confOk(n.confidence) && dateOk(n.date) && (n.outlets || 0) >= state.minOutlets;
    return true;
  }

  function edgeShown(e, shown) {
    if (!shown[e.from] || !shown[e.to] || !state.relations[e.pred]) return false;
    if (e.role) return true;  // its event is already filtered by date, confidence and outlets
    if ((e.outlets || 0) < state.minOutlets) return false;
    if (!e.statements.length) return true;
    return e.statements.some(function (s) { return confOk(s.confidence) && dateOk(s.date); });
  }

  function applyFilters() {
    var shown = {}, linked = {}, nodeChanges = [], edgeChanges = [], counts = { entity: 0, event: 0, edge: 0 };
    DATA.nodes.forEach(function (n) { shown[n.id] = nodeShown(n); });
    var edgeOn = {};
    DATA.edges.forEach(function (e) {
      edgeOn[e.id] = edgeShown(e, shown);
      if (edgeOn[e.id]) { linked[e.from] = linked[e.to] = true; }
    });
    DATA.nodes.forEach(function (n) {
      var on = shown[n.id] && (state.isolated || n.kind === "event" || !!linked[n.id]);
      if (on) counts[n.kind] += 1;
      if (!!nodes.get(n.id).hidden !== !on) nodeChanges.push({ id: n.id, hidden: !on });
      shown[n.id] = on;
    });
    DATA.edges.forEach(function (e) {
      var on = edgeOn[e.id] && shown[e.from] && shown[e.to];
      if (on && !e.role) counts.edge += 1;
      if (!!edges.get(e.id).hidden !== !on) edgeChanges.push({ id: e.id, hidden: !on });
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    Array.prototype.forEach.call($("kg-timeline").children, function (li) {
      var id = li.getAttribute("data-id");
      if (id) li.classList.toggle("kg-off", !shown[id]);
    });
    $("kg-status").textContent = "Showing " + fmt(counts.entity) + " of " + plural(META.shownEntities, "entity", "entities") +
      " · " + plural(counts.edge, "relation") + " · " + fmt(counts.event) + " of " + plural(META.shownEvents, "event");
  }

  function participants(eventId) {
    return DATA.edges.filter(function (e) { return e.role && e.from === eventId; })
      .map(function (e) { return { role: e.label, node: e.to, edge: e.id }; });
  }

  // ------------------------------------------------------------------ highlight and search

  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    state.highlight = id;
    nodes.update(DATA.nodes.map(function (n) {
      return keep[n.id] ? { id: n.id, color: base[n.id].color, font: base[n.id].font }
        : { id: n.id, color: { background: "#eceef1", border: "#d5d9df" }, font: { color: "#c3c8cf" } };
    }));
    edges.update(DATA.edges.map(function (e) {
      var near = e.from === id || e.to === id;
      return { id: e.id, color: near ? edgeBase[e.id] : { color: "#e3e6ea", highlight: "#2563eb", hover: "#2563eb" },
               font: { color: near ? "#475467" : "#d0d4da" } };
    }));
  }

  function clearHighlight() {
    if (state.highlight === null) return;
    state.highlight = null;
    nodes.update(DATA.nodes.map(function (n) { return { id: n.id, color: base[n.id].color, font: base[n.id].font }; }));
    edges.update(DATA.edges.map(function (e) { return { id: e.id, color: edgeBase[e.id], font: { color: "#475467" } }; }));
  }

  function focusNode(id) {
    if (!byId[id]) return;
    network.selectNodes([id]);
    highlight(id);
    page.showNode(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400 } });
  }

  var searchIndex = DATA.nodes.filter(function (n) { return n.kind === "entity"; }).map(function (n) {
    var names = [n.label].concat(n.aliases);
    return { node: n, names: names, folded: names.map(fold) };
  });

  function search(query) {
    var q = fold(query.trim());
    if (!q) return [];
    var hits = [];
    searchIndex.forEach(function (item) {
      var best = null;
      item.folded.forEach(function (name, i) {
        var pos = name.indexOf(q);
        if (pos < 0) return;
        var score = pos === 0 ? (name === q ? 0 : 1) : (/[\s\-'.(]/.test(name.charAt(pos - 1)) ? 2 : 3);
        if (!best || score < best.score) best = { score: score, name: item.names[i], alias: i > 0 };
      });
      if (best) hits.push({ node: item.node, score: best.score, name: best.name, alias: best.alias });
    });
    hits.sort(function (a, b) { return a.score - b.score || b.node.mentions - a.node.mentions || (a.node.label < b.node.label ? -1 : 1); });
    return hits.slice(0, 12);
  }

  function searchBox() {
    var input = $("kg-search"), list = $("kg-search-results"), hits = [], active = 0;
    function render() {
      list.replaceChildren();
      hits.forEach(function (h, i) {
        var c = classInfo[h.node.cls];
        list.appendChild(el("li", { role: "option", "data-id": h.node.id, className: i === active ? "kg-active" : null,
                                    onclick: function () { choose(i); } }, [
          c ? swatch(c) : null, " ", h.node.label,
          h.alias ? el("span", { className: "kg-alias", text: " — also “" + h.name + "”" }) : null]));
      });
      if (input.value.trim() && !hits.length) list.appendChild(el("li", { className: "kg-sub", text: "no entity has this name" }));
    }
    function choose(i) { if (hits[i]) { focusNode(hits[i].node.id); } }
    input.addEventListener("input", function () { hits = search(input.value); active = 0; render(); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") { active = Math.min(active + 1, hits.length - 1); render(); ev.preventDefault(); }
      else if (ev.key === "ArrowUp") { active = Math.max(active - 1, 0); render(); ev.preventDefault(); }
      else if (ev.key === "Enter") { choose(active); ev.preventDefault(); }
    });
  }

  // ------------------------------------------------------------------ start

  // What panel.js (loaded next) needs; it adds page.showNode, page.showEdge and page.closePanel.
  page.focus = focusNode;
  page.lib = { $: $, el: el, fmt: fmt, plural: plural, webLink: webLink, byId: byId, edgeById: edgeById,
               classInfo: classInfo, articleById: articleById, participants: participants, focus: focusNode };

  header();
  controls();
  build();
  timeline();
  searchBox();
  applyFilters();
})();
