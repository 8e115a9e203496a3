/* kg graph page: the provenance panel, opened by a click on a node or an edge.
   Every text from an article reaches it through textContent, never as markup. */
(function (page) {
  "use strict";

  var lib = page.lib, DATA = page.data, $ = lib.$, el = lib.el, fmt = lib.fmt, plural = lib.plural;
  var byId = lib.byId, edgeById = lib.edgeById, classInfo = lib.classInfo, articleById = lib.articleById;
  var participants = lib.participants, focusNode = lib.focus, webLink = lib.webLink;

  function openPanel(children) {
    $("kg-panel-body").replaceChildren.apply($("kg-panel-body"), children.filter(Boolean));
    var wasHidden = $("kg-panel").hidden;
    $("kg-panel").hidden = false;
    $("kg-panel").scrollTop = 0;
    if (wasHidden) network.setSize("100%", "100%");  // the canvas narrows now, not at the next resize check
  }

  function closePanel() {
    if ($("kg-panel").hidden) return;
    $("kg-panel").hidden = true;
    network.setSize("100%", "100%");
  }

  function nodeLink(id) {
    var n = byId[id];
    if (!n) return document.createTextNode("(not drawn)");
    return el("button", { type: "button", className: "kg-link", text: n.label, onclick: function () { focusNode(id); } });
  }

  function provenance(s) {
    var meta = [], a = s.article ? articleById[s.article] : null;
    if (a) meta.push(a.label + (a.date ? " (" + a.date + ")" : ""));
    if (s.date) meta.push("dated " + s.date);
    var box = el("div", { className: "kg-fact" }, [el("blockquote", { text: (s.sentence || "").trim() || "(no sentence recorded)" })]);
    var line = el("div", { className: "kg-meta" }, [meta.join(" · ")]);
    if (s.according) {
      line.appendChild(document.createTextNode((meta.length ? " · " : "") + "according to "));
      line.appendChild(byId[s.accordingId] ? nodeLink(s.accordingId) : document.createTextNode(s.according));
    }
    var more = [];
    if (s.confidence !== null && s.confidence !== undefined) more.push("confidence " + s.confidence.toFixed(2));
    if (s.verb) more.push("verb “" + s.verb + "”");
    if (s.role) more.push("role “" + s.role + "”");
    if (s.rule) more.push("rule " + s.rule);
    if (more.length) line.appendChild(document.createTextNode(" · " + more.join(" · ")));
    box.appendChild(line);
    return box;
  }

  function report(s, disputed) {
    // one report of an event: its outlet and publication date, then its sentence and what it states; what
    // the reports disagree on (a figure, the date, who did it) is highlighted
    var box = provenance(s), head = [];
    box.classList.add("kg-report");
    if (s.outlet) head.push(s.outlet);
    if (s.published) head.push("published " + s.published);
    if (head.length) box.insertBefore(el("div", { className: "kg-meta kg-outlet", text: head.join(" · ") }), box.firstChild);
    var stated = Object.keys(s.counts || {}).map(function (k) { return [k, k + " " + fmt(s.counts[k])]; });
    if (s.date) stated.push(["date", "date " + s.date]);
    if ((s.actors || []).length) stated.push(["actor", "by " + s.actors.join(", ")]);
    if (stated.length) {
      box.appendChild(el("div", { className: "kg-meta kg-stated" }, stated.map(function (kv) {
        return el("span", { className: disputed.indexOf(kv[0]) >= 0 ? "kg-disputed" : "", text: kv[1] + " " });
      })));
    }
    return box;
  }

  function hiddenNote(id) {
    var item = nodes.get(id);
    return item && item.hidden ? el("p", { className: "kg-meta", text: "Hidden by the current filters." }) : null;
  }

  function showNode(id) {
    var n = byId[id];
    if (!n) return;
    if (n.kind === "event") return showEvent(n);
    var c = classInfo[n.cls] || { label: n.cls };
    var out = [el("h2", { text: n.label }), el("p", { className: "kg-class", text: c.label + (n.iso ? " · " + n.iso : "") }), hiddenNote(id)];
    if (n.aliases.length) {
      out.push(el("h3", { text: "Also called" }), el("ul", {}, n.aliases.map(function (a) { return el("li", { text: a }); })));
    }
    out.push(el("h3", { text: plural(n.mentions, "mention") + " in " + plural(n.articles.length, "article") }));
    out.push(el("ul", {}, n.articles.map(function (aid) {
      var a = articleById[aid];
      return el("li", { text: a ? a.label + (a.date ? " · " + a.date : "") : aid });
    })));
    if (n.links.length) {
      out.push(el("h3", { text: "External links" }), el("ul", {}, n.links.map(function (url) {
        var m = /geonames\.org\/(\d+)/.exec(url);
        return el("li", {}, [el("a", { href: webLink(url), target: "_blank", rel: "noopener noreferrer",
                                       text: m ? "GeoNames " + m[1] : url })]);
      })));
    }
    var facts = DATA.edges.filter(function (e) { return !e.role && (e.from === id || e.to === id); });
    if (facts.length) {
      out.push(el("h3", { text: "Facts (" + fmt(facts.length) + ")" }));
      facts.slice(0, 40).forEach(function (e) { out.push(factBlock(e)); });
      if (facts.length > 40) out.push(el("p", { className: "kg-meta", text: "… and " + fmt(facts.length - 40) + " more" }));
    }
    var roles = DATA.edges.filter(function (e) { return e.role && e.to === id; });
    if (roles.length) {
      out.push(el("h3", { text: "Events (" + fmt(roles.length) + ")" }));
      out.push(el("ul", {}, roles.map(function (e) {
        var ev = byId[e.from];
        return el("li", {}, [nodeLink(e.from), " — " + e.label + (ev.date ? ", " + ev.date : "") +
                             " · " + plural(ev.outlets || 0, "outlet")]);
      })));
    }
    openPanel(out);
  }

  function factBlock(e) {
    var box = el("div", { className: "kg-fact" }, [
      el("div", {}, [nodeLink(e.from), " " + e.label + " ", nodeLink(e.to)]),
      el("div", { className: "kg-meta kg-outlets", text: "reported by " + plural(e.outlets || 0, "outlet") })]);
    e.statements.slice(0, 10).forEach(function (s) { box.appendChild(provenance(s)); });
    if (e.statements.length > 10) box.appendChild(el("p", { className: "kg-meta", text: "… and " + fmt(e.statements.length - 10) + " more sentences" }));
    if (!e.statements.length) box.appendChild(el("p", { className: "kg-meta", text: "No supporting sentence recorded." }));
    return box;
  }

  function showEvent(n) {
    var out = [el("h2", { text: n.label }),
               el("p", { className: "kg-class", text: n.clsLabel + " · " + (n.date || "undated") +
                         (n.trigger ? " · “" + n.trigger + "”" : "") }), hiddenNote(n.id)];
    var parts = participants(n.id);
    if (parts.length) {
      out.push(el("h3", { text: "Who and where" }));
      out.push(el("ul", {}, parts.map(function (p) { return el("li", {}, [p.role + ": ", nodeLink(p.node)]); })));
    }
    var counts = Object.keys(n.counts || {}), disputed = n.disputed || [];
    if (counts.length) {
      out.push(el("h3", { text: "Figures" }));
      out.push(el("ul", {}, counts.map(function (k) {
        var values = [].concat(n.counts[k]).map(fmt).join(" or ");
        var bad = disputed.indexOf(k) >= 0;
        return el("li", { className: bad ? "kg-disputed" : "", text: k + ": " + values + (bad ? " (the reports disagree)" : "") });
      })));
    }
    var others = disputed.filter(function (k) { return counts.indexOf(k) < 0; });
    if (others.length) {
      out.push(el("p", { className: "kg-disputed", text: "The reports disagree on " +
                         others.map(function (k) { return k === "actor" ? "who did it" : "the " + k; }).join(" and ") + "." }));
    }
    out.push(el("h3", { text: plural(n.statements.length, "report") + " · " + plural(n.outlets || 0, "outlet") }));
    n.statements.forEach(function (s) { out.push(report(s, disputed)); });
    if (!n.statements.length) out.push(el("p", { className: "kg-meta", text: "No sentence recorded." }));
    openPanel(out);
  }

  function showEdge(id) {
    var e = edgeById[id];
    if (!e) return;
    if (e.role) return showEvent(byId[e.from]);
    var out = [el("h2", {}, [nodeLink(e.from), " " + e.label + " ", nodeLink(e.to)]),
               el("p", { className: "kg-class", text: "relation · " + plural(e.statements.length, "supporting sentence") +
                         " · " + plural(e.outlets || 0, "outlet") +
                         (e.confidence !== null ? " · best confidence " + e.confidence.toFixed(2) : "") })];
    out.push(el("h3", { text: "Read in" }));
    e.statements.forEach(function (s) { out.push(provenance(s)); });
    if (!e.statements.length) out.push(el("p", { className: "kg-meta", text: "No supporting sentence recorded." }));
    openPanel(out);
  }

  page.showNode = showNode;
  page.showEdge = showEdge;
  page.closePanel = closePanel;
})(window.kgPage);
