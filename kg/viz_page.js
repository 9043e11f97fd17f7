/* kg's own script for the network page (kg/viz_page.js), inlined by kg.viz.render after pyvis's
 * script, over vis-network's API (the globals `network`, `nodes`, `edges` that pyvis makes).
 *
 * It reads the JSON block #kg-data and adds: the label rule (the most mentioned entities labelled
 * at the default zoom, all labels on zooming in), stabilisation then physics off, a type-ahead
 * search, filters (types, relation kinds and co-mentions, minimum mentions, article dates), a side
 * panel with the evidence behind an entity or a link, and community colours.
 *
 * Article text is untrusted: everything is inserted with textContent / text nodes, never as HTML,
 * and only http(s) URLs become links. window.kgPage exposes the state and functions to tests.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var READABLE_PX = 13; // on-screen size of the labels drawn at the default zoom
  var BASE_FONT = 14;   // every other label: drawn once it reaches vis's drawThreshold on screen
  var DIM = { background: "#ececec", border: "#d6d6d6" };
  var SMALL_GROUP = "#bbbbbb";

  var STYLE = [
    "html, body { height: 100%; overflow: hidden; }",
    "body { margin: 0; display: flex; flex-direction: column; font: 14px/1.35 system-ui, sans-serif; color: #222; }",
    "body > center { display: none; }",
    "#kg-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 18px; padding: 6px 10px;",
    "  border-bottom: 1px solid #ddd; background: #fafafa; }",
    "#kg-controls fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 8px; align-items: center; }",
    "#kg-controls legend { float: left; font-weight: 600; margin-right: 4px; padding: 0; }",
    "#kg-controls label { white-space: nowrap; cursor: pointer; }",
    ".kg-swatch { display: inline-block; width: 11px; height: 11px; border-radius: 6px; margin: 0 3px 0 2px; vertical-align: -1px; }",
    "#kg-find { position: relative; }",
    "#kg-search { width: 240px; padding: 3px 6px; font: inherit; }",
    "#kg-suggestions { position: absolute; z-index: 20; left: 0; top: 100%; min-width: 320px; max-height: 360px; overflow-y: auto;",
    "  margin: 0; padding: 0; list-style: none; background: #fff; border: 1px solid #bbb; box-shadow: 0 3px 8px rgba(0,0,0,.15); }",
    "#kg-suggestions:empty { display: none; }",
    "#kg-suggestions li { padding: 3px 8px; cursor: pointer; }",
    "#kg-suggestions li.kg-active, #kg-suggestions li:hover { background: #e8f0fe; }",
    ".kg-muted { color: #666; }",
    "#kg-status { color: #444; }",
    "#kg-legend { flex-basis: 100%; color: #444; font-size: 13px; }",
    "#kg-legend span.kg-item { margin-right: 12px; white-space: nowrap; }",
    "#loadingBar { position: fixed !important; inset: 0; width: auto !important; height: auto !important; z-index: 30; pointer-events: none; }",
    "body > .card { flex: 1; min-height: 0; display: flex; border: 0; }",
    "#mynetwork { flex: 1; float: none !important; width: auto !important; height: 100% !important; min-width: 0; }",
    "#kg-panel { width: 400px; flex: none; overflow-y: auto; border-left: 1px solid #ddd; padding: 8px 14px; box-sizing: border-box; }",
    "#kg-panel h2 { font-size: 18px; margin: 4px 0; }",
    "#kg-panel h3 { font-size: 14px; margin: 14px 0 4px; border-bottom: 1px solid #eee; }",
    "#kg-panel ul { margin: 0; padding-left: 18px; }",
    "#kg-panel li { margin: 4px 0; }",
    "#kg-panel blockquote { margin: 2px 0 2px 4px; padding-left: 8px; border-left: 3px solid #ddd; }",
    "#kg-panel button.kg-entity { border: 0; background: none; padding: 0; font: inherit; color: #1a5fb4; cursor: pointer; text-decoration: underline; }",
    ".vis-tooltip { white-space: pre-wrap !important; max-width: 440px; font: 13px/1.35 system-ui, sans-serif !important; }"
  ].join("\n");

  // ---------------------------------------------------------------------------------------------
  // small helpers: every piece of text becomes a text node

  function el(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "text") node.textContent = props[key];
      else if (key === "className") node.className = props[key];
      else if (key === "style") node.style.cssText = props[key];
      else node.setAttribute(key, props[key]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function plural(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }

  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /** A URL that may become a link: http(s) only (never javascript:, data:, ...). */
  function safeUrl(url) {
    if (!url) return null;
    try {
      var parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (error) {
      return null;
    }
  }

  function wikidataPage(iri) {
    var id = /\/(Q\d+)$/.exec(iri || "");
    return id ? "https://www.wikidata.org/wiki/" + id[1] : null;
  }

  function geonamesPage(iri) {
    var id = /geonames\.org\/(\d+)/.exec(iri || "");
    return id ? "https://www.geonames.org/" + id[1] : null;
  }

  // ---------------------------------------------------------------------------------------------
  // the data, indexed

  var nodeById = new Map();
  var edgeById = new Map();
  var edgesOf = new Map();
  DATA.nodes.forEach(function (n) { nodeById.set(n.id, n); edgesOf.set(n.id, []); });
  DATA.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    edgesOf.get(e.from).push(e);
    if (e.to !== e.from) edgesOf.get(e.to).push(e);
  });
  var kindOf = function (e) { return e.kind === "relation" ? e.label : "co-mention"; };
  var relationKinds = DATA.relations.slice();
  DATA.edges.forEach(function (e) {
    if (e.kind === "relation" && relationKinds.indexOf(e.label) < 0) relationKinds.push(e.label);
  });
  var dates = DATA.articles.map(function (a) { return a.date; }).filter(Boolean).sort();
  var thresholds = Array.from(new Set(DATA.nodes.map(function (n) { return Math.max(n.mentions, 1); })))
    .sort(function (a, b) { return a - b; });
  if (!thresholds.length) thresholds = [1];

  var state = {
    types: new Set(Object.keys(DATA.colours).concat(DATA.nodes.map(function (n) { return n.type; }))),
    kinds: new Set(relationKinds.concat(DATA.coMentionsShown ? ["co-mention"] : [])),
    minMentions: 1,
    from: dates[0] || null,
    to: dates[dates.length - 1] || null,
    communities: false,
    focus: null,
    settled: false,
    hiddenNodes: new Map(),
    hiddenEdges: new Map(),
    styles: new Map(),
    shownNodes: new Set(),
    shownEdges: new Set()
  };
  DATA.nodes.forEach(function (n) { state.hiddenNodes.set(n.id, false); });
  edges.get().forEach(function (e) { state.hiddenEdges.set(e.id, !!e.hidden); });

  // ---------------------------------------------------------------------------------------------
  // filters

  function articleInRange(index) {
    var article = DATA.articles[index];
    if (!article || !article.date) return true;
    return (!state.from || article.date >= state.from) && (!state.to || article.date <= state.to);
  }

  function nodeVisible(n) {
    if (n.id === state.focus) return true;
    if (!state.types.has(n.type)) return false;
    if (n.mentions < state.minMentions) return false;
    if (n.articles.length && !n.articles.some(function (pair) { return articleInRange(pair[0]); })) return false;
    return true;
  }

  function edgeVisible(e, shown) {
    if (!shown.has(e.from) || !shown.has(e.to) || !state.kinds.has(kindOf(e))) return false;
    var articles = e.kind === "relation"
      ? e.evidence.map(function (s) { return s.article; }).filter(function (i) { return i !== null && i !== undefined; })
      : e.articles;
    return !articles.length || articles.some(articleInRange);
  }

  function applyFilters() {
    var shown = new Set();
    var nodeUpdates = [];
    DATA.nodes.forEach(function (n) {
      var visible = nodeVisible(n);
      if (visible) shown.add(n.id);
      if (state.hiddenNodes.get(n.id) !== !visible) {
        state.hiddenNodes.set(n.id, !visible);
        nodeUpdates.push({ id: n.id, hidden: !visible });
      }
    });
    var shownEdges = new Set();
    var edgeUpdates = [];
    DATA.edges.forEach(function (e) {
      var visible = edgeVisible(e, shown);
      if (visible) shownEdges.add(e.id);
      if (state.hiddenEdges.get(e.id) !== !visible) {
        state.hiddenEdges.set(e.id, !visible);
        edgeUpdates.push({ id: e.id, hidden: !visible });
      }
    });
    state.shownNodes = shown;
    state.shownEdges = shownEdges;
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    restyle();
    showStatus();
  }

  function showStatus() {
    var relations = 0, coMentions = 0;
    state.shownEdges.forEach(function (id) {
      if (edgeById.get(id).kind === "relation") relations++; else coMentions++;
    });
    var c = DATA.counts;
    status.textContent = "Showing " + state.shownNodes.size + " of " + plural(c.nodes, "entity").replace(/entitys$/, "entities") +
      " · " + relations + " of " + plural(c.relations, "relation link") +
      " · " + coMentions + " of " + plural(c.coMentions, "co-mention link");
  }

  // ---------------------------------------------------------------------------------------------
  // labels and colours. The most mentioned shown entities get a font big enough to read at the
  // current zoom; the rest are drawn once vis-network's drawThreshold is reached on zooming in.
  // Colours are by type or by community, and dimmed outside the chosen entity's neighbourhood.

  function baseColour(n) {
    if (!state.communities) return DATA.colours[n.type] || "#999999";
    return n.community >= 0 ? DATA.communities[n.community].colour : SMALL_GROUP;
  }

  function neighbourhood(id) {
    var near = new Set([id]);
    (edgesOf.get(id) || []).forEach(function (e) {
      if (state.shownEdges.has(e.id)) { near.add(e.from); near.add(e.to); }
    });
    return near;
  }

  function restyle() {
    var top = new Set();
    var big = BASE_FONT;
    if (state.settled) {
      var ranked = DATA.nodes.filter(function (n) { return state.shownNodes.has(n.id); })
        .sort(function (a, b) { return b.mentions - a.mentions || (a.label < b.label ? -1 : 1); });
      top = new Set(ranked.slice(0, DATA.labelledAtFirst).map(function (n) { return n.id; }));
      big = Math.max(BASE_FONT, Math.ceil(READABLE_PX / (network.getScale() || 1)));
    }
    var near = state.focus === null ? null : neighbourhood(state.focus);
    var updates = [];
    DATA.nodes.forEach(function (n) {
      var dim = near !== null && !near.has(n.id);
      var colour = dim ? DIM : baseColour(n);
      var size = top.has(n.id) ? big : BASE_FONT;
      var key = (dim ? "dim" : colour) + "|" + size;
      if (state.styles.get(n.id) !== key) {
        state.styles.set(n.id, key);
        updates.push({ id: n.id, color: colour, font: { size: size, color: dim ? "#b0b0b0" : "#343434" } });
      }
    });
    if (updates.length) nodes.update(updates);
    showLegend();
  }

  /** The ids whose label vis-network draws at the current zoom (its own label API). */
  function labelled() {
    return DATA.nodes.filter(function (n) {
      var drawn = network.body.nodes[n.id];
      return drawn && !drawn.options.hidden && drawn.labelModule.visible();
    }).map(function (n) { return n.id; });
  }

  function showLegend() {
    var items = [];
    if (state.communities) {
      DATA.communities.forEach(function (c) {
        items.push(el("span", { className: "kg-item" }, el("span", { className: "kg-swatch", style: "background:" + c.colour }),
          c.name + " (" + c.size + ")"));
      });
      items.push(el("span", { className: "kg-item" }, el("span", { className: "kg-swatch", style: "background:" + SMALL_GROUP }),
        "smaller groups"));
    } else {
      items.push(el("span", { className: "kg-item kg-muted" },
        "Arrows: relations · grey lines: named in the same article · size: mentions · click anything to read its evidence"));
    }
    legend.replaceChildren.apply(legend, items);
  }

  // ---------------------------------------------------------------------------------------------
  // search

  var names = [];
  DATA.nodes.forEach(function (n) {
    names.push({ id: n.id, name: n.label, key: fold(n.label), form: false });
    n.forms.forEach(function (f) { names.push({ id: n.id, name: f, key: fold(f), form: true }); });
  });

  /** Entities whose name or surface form contains the query: exact, then prefix, then word start. */
  function matches(query, limit) {
    var q = fold(query || "").trim();
    if (!q) return [];
    var hits = [];
    names.forEach(function (entry) {
      var at = entry.key.indexOf(q);
      if (at < 0) return;
      var rank = entry.key === q ? 0 : at === 0 ? 1 : /[^a-z0-9]/.test(entry.key.charAt(at - 1)) ? 2 : 3;
      hits.push({ entry: entry, rank: rank });
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || a.entry.form - b.entry.form ||
        nodeById.get(b.entry.id).mentions - nodeById.get(a.entry.id).mentions ||
        (a.entry.name < b.entry.name ? -1 : 1);
    });
    var seen = new Set();
    var found = [];
    hits.forEach(function (hit) {
      if (seen.has(hit.entry.id) || found.length >= (limit || 12)) return;
      seen.add(hit.entry.id);
      var n = nodeById.get(hit.entry.id);
      found.push({ id: n.id, label: n.label, type: n.type, form: hit.entry.form ? hit.entry.name : null });
    });
    return found;
  }

  var active = -1;

  function suggest() {
    var found = matches(search.value);
    active = found.length ? 0 : -1;
    suggestions.replaceChildren.apply(suggestions, found.map(function (hit, i) {
      var item = el("li", { role: "option", "data-id": String(hit.id), className: i === 0 ? "kg-active" : "" },
        hit.label, el("span", { className: "kg-muted" }, " · " + hit.type + (hit.form ? " (as “" + hit.form + "”)" : "")));
      item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(hit.id); });
      return item;
    }));
  }

  function moveActive(step) {
    var items = suggestions.children;
    if (!items.length) return;
    if (active >= 0) items[active].classList.remove("kg-active");
    active = (active + step + items.length) % items.length;
    items[active].classList.add("kg-active");
    items[active].scrollIntoView({ block: "nearest" });
  }

  /** Select an entity, zoom to it, dim everything but its neighbourhood and open its panel. */
  function choose(id) {
    var n = nodeById.get(id);
    if (!n) return;
    state.focus = id;
    search.value = n.label;
    suggestions.replaceChildren();
    applyFilters();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }

  function release() {
    state.focus = null;
    network.unselectAll();
    applyFilters();
    showHint();
  }

  // ---------------------------------------------------------------------------------------------
  // the side panel

  function entityButton(id) {
    var n = nodeById.get(id);
    var button = el("button", { type: "button", className: "kg-entity" }, n.label);
    button.addEventListener("click", function () { choose(id); });
    return button;
  }

  function source(index, extra) {
    var article = DATA.articles[index];
    if (!article) return el("span", { className: "kg-muted" }, "(article unknown)");
    var url = safeUrl(article.url);
    var title = article.title || article.url || "untitled article";
    var head = url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, title) : el("span", {}, title);
    var rest = [article.outlet, article.date, extra].filter(Boolean).join(" · ");
    return el("span", { className: "kg-source" }, head, rest ? el("span", { className: "kg-muted" }, " · " + rest) : null);
  }

  function evidenceList(evidence) {
    return el.apply(null, ["ul", {}].concat(evidence.map(function (s) {
      return el("li", {}, el("blockquote", {}, s.sentence),
        s.article === null || s.article === undefined ? null : source(s.article, s.role ? "role: " + s.role : null));
    })));
  }

  function section(title, items) {
    if (!items.length) return null;
    return el("section", {}, el("h3", {}, title + " (" + items.length + ")"), el.apply(null, ["ul", {}].concat(items)));
  }

  function relationLine(e) {
    return el("span", { className: "kg-relation" }, entityButton(e.from), " —" + e.label + (e.role ? " (" + e.role + ")" : "") + "→ ",
      entityButton(e.to));
  }

  function period(f) {
    if (f.start && f.end) return f.start === f.end ? f.start : f.start + " – " + f.end;
    return f.end ? "to " + f.end : f.start ? "from " + f.start : "";
  }

  function showNode(id) {
    var n = nodeById.get(id);
    var mine = edgesOf.get(id) || [];
    var relations = mine.filter(function (e) { return e.kind === "relation"; }).map(function (e) {
      return el("li", {}, relationLine(e), evidenceList(e.evidence));
    });
    var figures = n.figures.map(function (f) {
      var what = [f.text, f.measured].filter(Boolean).join(" — ");
      var when = period(f);
      return el("li", {}, el("b", {}, what), when ? " (" + when + ")" : "",
        el("span", { className: "kg-muted" }, f.role === "states" ? " · stated by " + n.label : " · about " + n.label),
        f.evidence ? el("blockquote", {}, f.evidence) : null,
        f.article === null || f.article === undefined ? null : source(f.article));
    });
    var articles = n.articles.slice().sort(function (a, b) {
      var da = DATA.articles[a[0]].date || "", db = DATA.articles[b[0]].date || "";
      return da < db ? 1 : da > db ? -1 : 0;
    }).map(function (pair) { return el("li", {}, source(pair[0], plural(pair[1], "mention"))); });
    var together = mine.filter(function (e) { return e.kind === "co-mention"; })
      .sort(function (a, b) { return b.weight - a.weight; }).slice(0, 12).map(function (e) {
        return el("li", {}, entityButton(e.from === id ? e.to : e.from), el("span", { className: "kg-muted" }, " · " + plural(e.weight, "article")));
      });
    var links = [];
    var wikidata = safeUrl(wikidataPage(n.wikidata));
    var geonames = safeUrl(geonamesPage(n.geonames));
    if (wikidata) links.push(el("a", { href: wikidata, target: "_blank", rel: "noopener noreferrer" }, "Wikidata"));
    if (geonames) links.push(el("a", { href: geonames, target: "_blank", rel: "noopener noreferrer" }, "GeoNames"));
    panel.replaceChildren.apply(panel, [
      el("h2", {}, n.label),
      el("p", { className: "kg-meta" }, el("span", { className: "kg-swatch", style: "background:" + (DATA.colours[n.type] || "#999") }),
        n.type + " · " + plural(n.mentions, "mention") + " in " + plural(n.articles.length, "article")),
      links.length ? el.apply(null, ["p", { className: "kg-links" }].concat(links.reduce(function (all, link, i) {
        return all.concat(i ? [" · ", link] : [link]);
      }, []))) : null,
      n.forms.length ? el("p", { className: "kg-forms" }, el("span", { className: "kg-muted" }, "Also written: "), n.forms.join(", ")) : null,
      section("Relations", relations) || el("p", { className: "kg-muted" }, "No relation to another entity was read for it."),
      section("Figures", figures),
      section("Articles", articles),
      section("Named together with", together)
    ].filter(Boolean));
    panel.scrollTop = 0;
  }

  function showEdge(id) {
    var e = edgeById.get(id);
    if (!e) return;
    if (e.kind === "relation") {
      panel.replaceChildren(el("h2", {}, relationLine(e)), el("p", { className: "kg-muted" }, plural(e.evidence.length, "evidence sentence")),
        evidenceList(e.evidence));
    } else {
      panel.replaceChildren(el("h2", {}, entityButton(e.from), " and ", entityButton(e.to)),
        el("p", { className: "kg-muted" }, "named together in " + plural(e.weight, "article")),
        el.apply(null, ["ul", {}].concat(e.articles.map(function (i) { return el("li", {}, source(i)); }))));
    }
    panel.scrollTop = 0;
  }

  function showHint() {
    panel.replaceChildren(el("h2", {}, DATA.title),
      el("p", { className: "kg-muted" }, "Click an entity or a link to read where it comes from: relations with their sentences, " +
        "figures, and the articles that mention it. Search above; untick types or kinds of link to hide them."));
  }

  // ---------------------------------------------------------------------------------------------
  // the controls

  function checkbox(id, checked, labelChildren, onChange) {
    var input = el("input", { type: "checkbox", id: id });
    input.checked = checked;
    input.addEventListener("change", function () { onChange(input.checked); });
    return el.apply(null, ["label", { "for": id }, input].concat(labelChildren));
  }

  var style = el("style", {}, STYLE);
  document.head.appendChild(style);

  var search = el("input", { id: "kg-search", type: "search", placeholder: "Find an entity…", autocomplete: "off",
    "aria-label": "Find an entity by name or surface form" });
  var suggestions = el("ul", { id: "kg-suggestions", role: "listbox" });
  var status = el("span", { id: "kg-status" });
  var legend = el("div", { id: "kg-legend" });
  var panel = el("aside", { id: "kg-panel" });

  search.addEventListener("input", suggest);
  search.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { moveActive(1); event.preventDefault(); }
    else if (event.key === "ArrowUp") { moveActive(-1); event.preventDefault(); }
    else if (event.key === "Enter") {
      var items = suggestions.children;
      if (!items.length) suggest();
      if (items.length) choose(Number(items[Math.max(active, 0)].getAttribute("data-id")));
      event.preventDefault();
    } else if (event.key === "Escape") { suggestions.replaceChildren(); }
  });
  search.addEventListener("blur", function () { setTimeout(function () { suggestions.replaceChildren(); }, 150); });

  var typeCounts = {};
  DATA.nodes.forEach(function (n) { typeCounts[n.type] = (typeCounts[n.type] || 0) + 1; });
  var types = el("fieldset", { id: "kg-types" }, el("legend", {}, "Types"));
  Object.keys(typeCounts).sort().forEach(function (type) {
    types.appendChild(checkbox("kg-type-" + type, true, [
      el("span", { className: "kg-swatch", style: "background:" + (DATA.colours[type] || "#999") }), type,
      el("span", { className: "kg-muted" }, " " + typeCounts[type])
    ], function (on) { if (on) state.types.add(type); else state.types.delete(type); applyFilters(); }));
  });

  var kindCounts = {};
  DATA.edges.forEach(function (e) { kindCounts[kindOf(e)] = (kindCounts[kindOf(e)] || 0) + 1; });
  var kinds = el("fieldset", { id: "kg-kinds" }, el("legend", {}, "Links"));
  relationKinds.concat(["co-mention"]).forEach(function (kind) {
    kinds.appendChild(checkbox("kg-kind-" + kind, state.kinds.has(kind), [
      kind === "co-mention" ? "co-mentions" : kind, el("span", { className: "kg-muted" }, " " + (kindCounts[kind] || 0))
    ], function (on) { if (on) state.kinds.add(kind); else state.kinds.delete(kind); applyFilters(); }));
  });

  var slider = el("input", { id: "kg-min-mentions", type: "range", min: "0", max: String(thresholds.length - 1), step: "1", value: "0",
    "aria-label": "Minimum mentions" });
  var sliderValue = el("output", { id: "kg-min-mentions-value", "for": "kg-min-mentions" }, String(thresholds[0]));
  slider.addEventListener("input", function () {
    state.minMentions = thresholds[Number(slider.value)];
    sliderValue.textContent = String(state.minMentions);
    applyFilters();
  });
  var mentions = el("fieldset", { id: "kg-mentions" }, el("legend", {}, "Mentions ≥"), slider, sliderValue);

  var period_ = null;
  if (dates.length) {
    var from = el("input", { id: "kg-from", type: "date", min: dates[0], max: dates[dates.length - 1], value: dates[0],
      "aria-label": "Articles from" });
    var to = el("input", { id: "kg-to", type: "date", min: dates[0], max: dates[dates.length - 1], value: dates[dates.length - 1],
      "aria-label": "Articles to" });
    var onDates = function () { state.from = from.value || null; state.to = to.value || null; applyFilters(); };
    from.addEventListener("change", onDates);
    to.addEventListener("change", onDates);
    period_ = el("fieldset", { id: "kg-dates" }, el("legend", {}, "Articles"), from, " to ", to);
  }

  var groups = checkbox("kg-communities", false, ["Colour by community"], function (on) {
    state.communities = on;
    restyle();
  });

  var controls = el("div", { id: "kg-controls" }, el("div", { id: "kg-find" }, search, suggestions), types, kinds, mentions,
    period_, DATA.communities.length ? groups : null, status, legend);
  document.body.insertBefore(controls, document.body.firstChild);
  var card = document.getElementById("mynetwork").parentNode;
  card.appendChild(panel);

  network.on("click", function (params) {
    if (params.nodes.length) {
      state.focus = params.nodes[0];
      restyle();
      showNode(params.nodes[0]);
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
    } else {
      release();
    }
  });

  // vis-network 9.1 does not cap a label's on-screen size (scaling.label.maxVisible only fades), so
  // the big labels are sized again for the new zoom, once per frame.
  var resizing = false;
  function onZoom() {
    if (resizing || !state.settled) return;
    resizing = true;
    requestAnimationFrame(function () { resizing = false; restyle(); });
  }
  network.on("zoom", onZoom);
  network.on("animationFinished", onZoom);

  function settle() {
    if (state.settled) return;
    network.setOptions({ physics: { enabled: false } });
    network.fit();
    state.settled = true;
    var bar = document.getElementById("loadingBar"); // pyvis's progress bar: gone at once, not after its fade
    if (bar) bar.style.display = "none";
    restyle();
    document.body.setAttribute("data-kg-settled", "true");
  }

  network.setSize("100%", "100%");
  network.redraw();
  showHint();
  applyFilters();
  if (!DATA.nodes.length || (network.physics && network.physics.ready)) settle();
  else network.once("stabilizationIterationsDone", settle);

  window.kgPage = {
    data: DATA, state: state, matches: matches, choose: choose, release: release, applyFilters: applyFilters,
    showNode: showNode, showEdge: showEdge, labelled: labelled, safeUrl: safeUrl, settle: settle
  };
})();
