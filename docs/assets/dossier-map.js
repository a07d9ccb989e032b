/* The explorable relationship map (issue 15): draws each `.dossier-map` from the JSON the page
 * carries (dossier/render/relmap.py writes it; nothing is fetched, so it works from file://).
 *
 * The layout is d3-force's (vendored in assets/vendor/, loaded only on pages with a map); the
 * drawing is plain SVG in screen coordinates, so that nodes keep their size at every zoom, every
 * label is placed after each change of view and none is drawn where it would overlap another.
 * Without JavaScript (and in print) the page keeps its static figure and the table of links; where
 * scripts run, the stylesheet shows the map's room instead of the figure from the first paint.
 *
 * The map's state is in the address as the tables' is (dossier-tables.js), under names of its own
 * so that the two never clash: `?map-year=2020&map-hide=role&map-node=iskp` (the first map of a
 * page; a second one's names start `map2-`), so a view can be linked and comes back on reload.
 */
(function () {
  "use strict";
  var SCRIPT = document.currentScript && document.currentScript.src;
  var VENDOR = ["d3-dispatch.min.js", "d3-quadtree.min.js", "d3-timer.min.js", "d3-force.min.js"];
  var SVGNS = "http://www.w3.org/2000/svg";
  var KINDS = [["group", "Groups"], ["faction", "Factions"], ["person", "People"], ["event", "Events"]];
  var KIND_ONE = { group: "group", faction: "faction", person: "person", event: "event" };
  var MIN_K = 0.4, MAX_K = 6, LABEL_H = 15, FONT_PX = 12;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }
  function hash(s) { var h = 2166136261; for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); } return (h >>> 0) / 4294967296; }

  function loadVendor(done) {
    if (window.d3 && window.d3.forceSimulation) return done();
    var base = (SCRIPT || "").replace(/[^\/]*$/, "") + "vendor/", left = VENDOR.length;
    VENDOR.forEach(function (file) {
      var s = document.createElement("script");
      s.src = base + file;
      s.async = false;  // run in order: d3-force needs the three before it
      s.onload = function () { if (--left === 0) done(); };
      document.head.appendChild(s);
    });
  }

  /* A line sample for the legend and the panel: the family's colour and dash. */
  function swatch(family) {
    var s = svg("svg", { "class": "dm-swatch", viewBox: "0 0 36 10", width: "36", height: "10", "aria-hidden": "true", focusable: "false" });
    s.appendChild(svg("line", { x1: 1, y1: 5, x2: 35, y2: 5, "class": "dm-e dm-f-" + family }));
    return s;
  }
  function shape(kind, r) {
    if (kind === "faction") return svg("rect", { x: -r, y: -r, width: 2 * r, height: 2 * r, rx: 1.5 });
    if (kind === "person") return svg("path", { d: "M0," + (-r * 1.2) + "L" + (r * 1.1) + "," + (r * 0.8) + "L" + (-r * 1.1) + "," + (r * 0.8) + "Z" });
    if (kind === "event") return svg("path", { d: "M0," + (-r * 1.25) + "L" + (r * 1.25) + ",0L0," + (r * 1.25) + "L" + (-r * 1.25) + ",0Z" });
    return svg("circle", { r: r });
  }
  function kindSample(kind) {
    var s = svg("svg", { "class": "dm-swatch dm-k-" + kind, viewBox: "-7 -7 14 14", width: "14", height: "14", "aria-hidden": "true", focusable: "false" });
    s.appendChild(shape(kind, 5));
    return s;
  }

  function RelationMap(root, data, prefix) {
    this.root = root;
    this.prefix = prefix || "map-";
    this.data = data;
    this.first = data.years[0];
    this.year = null;           // null: all years
    this.undated = true;         // undated links shown (faint) when a year is chosen
    this.families = {};
    this.kinds = {};
    this.selected = null;
    this.active = null;          // the node the keyboard is on
    this.view = { k: 1, x: 0, y: 0 };
    var self = this;
    data.families.forEach(function (f) { self.families[f[0]] = true; });
    KINDS.forEach(function (k) { self.kinds[k[0]] = true; });
    this.byId = {};
    data.nodes.forEach(function (n, i) { n.index = i; n.links = []; self.byId[n.id] = n; });
    data.edges.forEach(function (e) { e.source = self.byId[e.s]; e.target = self.byId[e.t]; e.source.links.push(e); e.target.links.push(e); });
    this.build();
    this.restore();
    this.layout();
  }

  /* The state in the address: read once, before the first drawing; written on every change. */
  RelationMap.prototype.restore = function () {
    var self = this, p = this.prefix, params = new URLSearchParams(location.search), d = this.data;
    var year = parseInt(params.get(p + "year"), 10);
    if (year >= d.years[0] && year <= d.years[1]) this.setYear(year, true);
    if (params.get(p + "undated") === "0") this.undated = false;
    params.getAll(p + "hide").forEach(function (f) { if (f in self.families) self.families[f] = false; });
    params.getAll(p + "hide-kind").forEach(function (k) { if (k in self.kinds) self.kinds[k] = false; });
    var chosen = this.byId[params.get(p + "node")];
    if (chosen) { this.selected = chosen; this.root.setAttribute("data-selected", chosen.id); }
    this.root.querySelectorAll("input[data-family]").forEach(function (box) { box.checked = self.families[box.value]; });
    this.root.querySelectorAll("input[data-kind]").forEach(function (box) { box.checked = self.kinds[box.value]; });
    this.undatedBox.checked = this.undated;
  };

  RelationMap.prototype.save = function () {
    var self = this, p = this.prefix, params = new URLSearchParams(location.search);
    [p + "year", p + "undated", p + "hide", p + "hide-kind", p + "node"].forEach(function (k) { params.delete(k); });
    if (this.year !== null) params.set(p + "year", String(this.year));
    if (!this.undated) params.set(p + "undated", "0");
    this.data.families.forEach(function (f) { if (self.families[f[0]] === false) params.append(p + "hide", f[0]); });
    KINDS.forEach(function (k) { if (self.kinds[k[0]] === false) params.append(p + "hide-kind", k[0]); });
    if (this.selected) params.set(p + "node", this.selected.id);
    var query = params.toString();
    try { history.replaceState(history.state, "", (query ? "?" + query : location.pathname.replace(/.*\//, "") || "./") + location.hash); }
    catch (err) { /* a browser that refuses to change a file:// address keeps the view, not the link */ }
  };

  RelationMap.prototype.build = function () {
    var self = this, d = this.data, root = this.root, id = d.id;
    root.style.display = "block";  // (browsers that do not know the stylesheet's `scripting` query)
    root.classList.add("dm-ready");
    var controls = el("div", { "class": "dm-controls" });
    // year
    var year = el("fieldset", { "class": "dm-year" });
    year.appendChild(el("legend", {}, "Year"));
    var prev = el("button", { type: "button", "class": "dm-step", "aria-label": "Previous year" }, "‹");
    var select = el("select", { "aria-label": "Year shown", "class": "dm-year-select" });
    select.appendChild(el("option", { value: "" }, "All years"));
    for (var y = d.years[0]; y <= d.years[1]; y++) select.appendChild(el("option", { value: String(y) }, String(y)));
    var next = el("button", { type: "button", "class": "dm-step", "aria-label": "Next year" }, "›");
    var undated = el("label", { "class": "dm-undated" });
    var undatedBox = el("input", { type: "checkbox", checked: "" });
    undated.appendChild(undatedBox);
    undated.appendChild(document.createTextNode(" undated links (faint)"));
    year.appendChild(prev); year.appendChild(select); year.appendChild(next); year.appendChild(undated);
    select.addEventListener("change", function () { self.setYear(select.value ? +select.value : null); });
    prev.addEventListener("click", function () { self.stepYear(-1); });
    next.addEventListener("click", function () { self.stepYear(1); });
    undatedBox.addEventListener("change", function () { self.undated = undatedBox.checked; self.update(); self.save(); });
    this.yearSelect = select;
    this.undatedBox = undatedBox;
    // link families: the legend is the filter
    var fams = el("fieldset", { "class": "dm-families" });
    fams.appendChild(el("legend", {}, "Links (line style and colour)"));
    var present = {};
    d.edges.forEach(function (e) { present[e.f] = true; });
    d.families.forEach(function (f) {
      if (!present[f[0]]) return;
      var label = el("label", { "class": "dm-family" });
      var box = el("input", { type: "checkbox", checked: "", value: f[0], "data-family": f[0] });
      box.addEventListener("change", function () { self.families[f[0]] = box.checked; self.update(); self.save(); });
      label.appendChild(box); label.appendChild(swatch(f[0])); label.appendChild(document.createTextNode(" " + f[1]));
      fams.appendChild(label);
    });
    var marks = el("p", { "class": "dm-marks" });
    marks.appendChild(el("span", {}, "? alleged"));
    marks.appendChild(el("span", {}, "✕ denied"));
    marks.appendChild(el("span", {}, "~ dates uncertain for the year shown"));
    fams.appendChild(marks);
    // kinds
    var kinds = el("fieldset", { "class": "dm-kinds" });
    kinds.appendChild(el("legend", {}, "Show"));
    var presentKinds = {};
    d.nodes.forEach(function (n) { presentKinds[n.kind] = true; });
    KINDS.forEach(function (k) {
      if (!presentKinds[k[0]]) return;
      var label = el("label", { "class": "dm-kind" });
      var box = el("input", { type: "checkbox", checked: "", value: k[0], "data-kind": k[0] });
      box.addEventListener("change", function () { self.kinds[k[0]] = box.checked; self.update(); self.save(); });
      label.appendChild(box); label.appendChild(kindSample(k[0])); label.appendChild(document.createTextNode(" " + k[1]));
      kinds.appendChild(label);
    });
    controls.appendChild(year); controls.appendChild(kinds); controls.appendChild(fams);
    // the map
    var stage = el("div", { "class": "dm-stage" });
    var zoom = el("div", { "class": "dm-zoom" });
    [["+", "Zoom in", 1.5], ["−", "Zoom out", 1 / 1.5]].forEach(function (b) {
      var button = el("button", { type: "button", "aria-label": b[1], title: b[1] }, b[0]);
      button.addEventListener("click", function () { self.zoomBy(b[2]); });
      zoom.appendChild(button);
    });
    var fit = el("button", { type: "button", "aria-label": "Fit the map", title: "Fit the map" }, "Fit");
    fit.addEventListener("click", function () { self.fit(); self.draw(); });
    zoom.appendChild(fit);
    this.svg = svg("svg", { "class": "dm-svg", role: "group", "aria-label": d.title + " (drawn; the table of links below lists the same)" });
    this.gEdges = svg("g", { "class": "dm-edges", "aria-hidden": "true" });
    this.gMarks = svg("g", { "class": "dm-mids", "aria-hidden": "true" });
    this.gNodes = svg("g", { "class": "dm-nodes", role: "listbox", tabindex: "0",
      "aria-label": "Entities on the map: arrow keys move between them, Enter shows a node's links, Escape clears, + and − zoom" });
    this.gLabels = svg("g", { "class": "dm-labels", "aria-hidden": "true" });
    this.svg.appendChild(this.gEdges); this.svg.appendChild(this.gMarks); this.svg.appendChild(this.gNodes); this.svg.appendChild(this.gLabels);
    stage.appendChild(zoom); stage.appendChild(this.svg);  // the zoom buttons come just before the map in the Tab order
    this.status = el("p", { "class": "dm-status", role: "status" });
    this.panel = el("div", { "class": "dm-panel", "aria-live": "polite" });
    var body = el("div", { "class": "dm-body" });
    body.appendChild(stage); body.appendChild(this.panel);
    root.appendChild(controls); root.appendChild(this.status); root.appendChild(body);
    // elements per edge and node, in the document at once
    var edges = document.createDocumentFragment();
    var nodes = document.createDocumentFragment(), labels = document.createDocumentFragment();
    d.edges.forEach(function (e) {
      e.line = svg("line", { "class": "dm-e dm-f-" + e.f + (e.alleged ? " dm-alleged" : "") + (e.denied ? " dm-denied" : "") });
      edges.appendChild(e.line);
      e.mark = (e.alleged ? "?" : "") + (e.denied ? "✕" : "");
      e.mid = null;  // its mark (? alleged, ✕ denied, ~ uncertain), made when a link first has one: most never do
    });
    var coarse = window.matchMedia && window.matchMedia("(pointer: coarse), (max-width: 59.9375em)").matches;
    d.nodes.forEach(function (n) {
      n.r = n.id === d.center ? 9 : Math.min(10, 4 + Math.sqrt(n.deg) * 1.4);
      n.g = svg("g", { "class": "dm-n dm-k-" + n.kind + (n.id === d.center ? " dm-center" : ""), role: "option",
        id: "dm-" + id + "-" + n.index, "aria-selected": "false",
        "aria-label": n.label + " (" + KIND_ONE[n.kind] + (n.when ? ", " + n.when : "") + ", " + n.deg + " link" + (n.deg === 1 ? "" : "s") + ")" });
      // an invisible disc around the node takes the taps: a shape of 8 to 20 px is hard to hit with
      // a finger, so on a touch or small screen the disc is 44 px across (the node drawn as before)
      n.g.appendChild(svg("circle", { "class": "dm-hit", r: coarse ? 22 : n.r + 4 }));
      n.g.appendChild(shape(n.kind, n.r));
      nodes.appendChild(n.g);
      n.text = svg("text", { "class": "dm-label" });
      n.text.textContent = n.label.length > 42 ? n.label.slice(0, 40) + "…" : n.label;
      labels.appendChild(n.text);
      n.g.addEventListener("click", function (ev) { if (!self.dragged) { self.select(n); self.setActive(n); } ev.stopPropagation(); });
    });
    this.gEdges.appendChild(edges); this.gNodes.appendChild(nodes); this.gLabels.appendChild(labels);
    this.bindPointer();
    this.bindKeys();
    this.renderPanel();
  };

  RelationMap.prototype.layout = function () {
    var self = this, d = this.data, nodes = d.nodes, spread = 48 * Math.sqrt(nodes.length);
    // The network page gives the build-time layout of its figure (the same places a reader without
    // JavaScript sees), scaled here to the map; only the nodes it lacks (events) are placed, then
    // the force only keeps nodes apart: a few milliseconds, where a full layout took a phone seconds.
    var given = nodes.filter(function (n) { return n.x !== undefined && n.y !== undefined && n.id !== d.center; });
    if (given.length) {
      var x0 = Math.min.apply(null, given.map(function (n) { return n.x; })), x1 = Math.max.apply(null, given.map(function (n) { return n.x; }));
      var y0 = Math.min.apply(null, given.map(function (n) { return n.y; })), y1 = Math.max.apply(null, given.map(function (n) { return n.y; }));
      var scale = spread / Math.max(x1 - x0, y1 - y0, 1e-6);
      given.forEach(function (n) { n.x = (n.x - (x0 + x1) / 2) * scale; n.y = (n.y - (y0 + y1) / 2) * scale; n.placed = true; });
    }
    nodes.forEach(function (n) { if (n.id === d.center) { n.x = 0; n.y = 0; n.fx = 0; n.fy = 0; } });
    nodes.forEach(function (n, i) {  // the others start next to a placed neighbour (or on a ring), from their id
      if (n.placed || n.id === d.center) return;
      var near = null;
      n.links.forEach(function (e) { var o = e.source === n ? e.target : e.source; if (!near && (o.placed || o.id === d.center)) near = o; });
      var a = hash(n.id) * 2 * Math.PI, r = near ? 30 + hash(n.id + "r") * 30 : spread * 0.6;
      n.x = (near ? near.x : 0) + Math.cos(a) * r;
      n.y = (near ? near.y : 0) + Math.sin(a) * r;
    });
    if (d.center) this.rings();
    loadVendor(function () {
      var d3 = window.d3, sim = d3.forceSimulation(nodes).force("collide", d3.forceCollide(function (n) { return n.r + 6; }));
      if (d.center) {  // an entity's own map: its links on rings around it, grouped by kind of link
        sim.force("ring", d3.forceRadial(function (n) { return n.ring || 0; }, 0, 0).strength(0.9));
      } else if (given.length) {  // keep the given places; pull the added nodes to their neighbours
        nodes.forEach(function (n) { n.x0 = n.x; n.y0 = n.y; });
        sim.force("link", d3.forceLink(d.edges).distance(30).strength(function (e) { return e.source.placed && e.target.placed ? 0 : 0.3; }))
          .force("x", d3.forceX(function (n) { return n.x0; }).strength(function (n) { return n.placed ? 0.5 : 0; }))
          .force("y", d3.forceY(function (n) { return n.y0; }).strength(function (n) { return n.placed ? 0.5 : 0; }));
      } else {
        sim.force("link", d3.forceLink(d.edges).distance(55).strength(0.25))
          .force("charge", d3.forceManyBody().strength(-90).distanceMax(400))
          .force("x", d3.forceX(0).strength(0.05)).force("y", d3.forceY(0).strength(0.05));
      }
      sim.stop();
      var ticks = 0, total = given.length || d.center ? 90 : 200;
      sim.alphaDecay(1 - Math.pow(0.001, 1 / total));
      (function run() {  // in slices of a few milliseconds, so that no long task blocks the page
        var until = performance.now() + 3;  // (Lighthouse counts a task as blocking from 50 ms at a 4x slower CPU)
        while (ticks < total && performance.now() < until) { sim.tick(); ticks++; }
        if (ticks < total) return setTimeout(run, 0);
        self.laidOut = true;
        self.fit();
        self.update();
        self.root.setAttribute("data-ready", "true");
        var fig = self.root.previousElementSibling;  // the static figure the map stands for (shown again in print)
        if (fig && fig.classList.contains("dossier-static")) fig.classList.add("dm-replaced");
      })();
    });
  };

  /* An entity's neighbours on one ring (two when many), in the order of their kind of link, so
   * that links of a kind sit together; the force then only keeps them apart. */
  RelationMap.prototype.rings = function () {
    var d = this.data, center = this.byId[d.center], order = {};
    d.families.forEach(function (f, i) { order[f[0]] = i; });
    var others = d.nodes.filter(function (n) { return n !== center; });
    others.forEach(function (n) {
      n.fam = 99;
      n.links.forEach(function (e) { if (e.source === center || e.target === center) n.fam = Math.min(n.fam, order[e.f]); });
    });
    others.sort(function (a, b) { return a.fam - b.fam || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.label < b.label ? -1 : 1); });
    var count = others.length, two = count > 28, radius = Math.max(110, (two ? count / 2 : count) * 26 / (2 * Math.PI));
    others.forEach(function (n, i) {
      var a = 2 * Math.PI * i / count - Math.PI / 2;
      n.ring = two && i % 2 ? radius * 1.45 : radius;
      n.x = Math.cos(a) * n.ring;
      n.y = Math.sin(a) * n.ring;
      n.placed = true;
    });
  };

  /* The map's size, measured once and again only when the window changes (each measure is a
   * layout of the whole page). */
  RelationMap.prototype.size = function () {
    if (!this.box) {
      var box = this.svg.getBoundingClientRect();
      this.box = { w: Math.max(200, box.width), h: Math.max(200, box.height) };
    }
    return this.box;
  };

  RelationMap.prototype.fit = function () {
    var xs = [], ys = [], self = this;
    this.data.nodes.forEach(function (n) { if (!self.visibleNodes || self.visibleNodes[n.id]) { xs.push(n.x); ys.push(n.y); } });
    if (!xs.length) this.data.nodes.forEach(function (n) { xs.push(n.x); ys.push(n.y); });
    var s = this.size(), pad = 40;
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var k = Math.min((s.w - 2 * pad - 90) / Math.max(1, x1 - x0), (s.h - 2 * pad) / Math.max(1, y1 - y0), 2.5);
    k = Math.max(MIN_K, Math.min(MAX_K, k));
    this.view = { k: k, x: s.w / 2 - k * (x0 + x1) / 2 - 30, y: s.h / 2 - k * (y0 + y1) / 2 };
  };

  RelationMap.prototype.zoomBy = function (factor, cx, cy) {
    var s = this.size(), v = this.view;
    cx = cx === undefined ? s.w / 2 : cx; cy = cy === undefined ? s.h / 2 : cy;
    var k = Math.max(MIN_K, Math.min(MAX_K, v.k * factor));
    this.view = { k: k, x: cx - (cx - v.x) * k / v.k, y: cy - (cy - v.y) * k / v.k };
    this.schedule();
  };

  RelationMap.prototype.schedule = function () {
    var self = this;
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(function () { self.pending = false; self.draw(); });
  };

  /* Which year a link or an event holds: "c" certainly, "u" possibly, "-" not, "" undated. */
  RelationMap.prototype.stateIn = function (years) {
    if (this.year === null) return "c";
    if (!years) return "";
    return years.charAt(this.year - this.first) || "-";
  };

  RelationMap.prototype.setYear = function (year, restoring) {
    this.year = year;
    this.yearSelect.value = year === null ? "" : String(year);
    this.root.setAttribute("data-year", year === null ? "" : String(year));
    if (restoring) return;
    this.update();
    this.save();
  };
  RelationMap.prototype.stepYear = function (delta) {
    var y = this.year === null ? (delta > 0 ? this.data.years[0] : this.data.years[1]) : this.year + delta;
    this.setYear(y < this.data.years[0] || y > this.data.years[1] ? null : y);
  };

  /* Apply the filters: which nodes and links are shown, and how. */
  RelationMap.prototype.update = function () {
    var self = this, d = this.data, vis = {}, shownEdges = 0, uncertain = 0, undated = 0;
    d.nodes.forEach(function (n) {
      var st = n.kind === "event" ? self.stateIn(n.years) : "c";
      n.state = st === "" ? (self.undated ? "undated" : "-") : st === "c" ? "c" : st === "u" ? "u" : "-";
      n.ok = self.kinds[n.kind] && n.state !== "-";
      n.used = n.id === d.center;
    });
    d.edges.forEach(function (e) {
      var st = self.stateIn(e.years);
      e.state = st === "" ? (self.undated ? "undated" : "-") : st;
      e.shown = self.families[e.f] && e.state !== "-" && e.source.ok && e.target.ok;
      if (e.shown) {
        e.source.used = e.target.used = true;
        shownEdges++;
        if (e.state === "u") uncertain++;
        if (e.state === "undated") undated++;
      }
      e.line.setAttribute("class", "dm-e dm-f-" + e.f + (e.state === "u" ? " dm-uncertain" : "") + (e.state === "undated" ? " dm-undated-link" : ""));
      e.line.style.display = e.shown ? "" : "none";
      var mark = e.mark + (e.state === "u" ? "~" : "");
      if (mark && !e.mid) {
        e.mid = svg("text", { "class": "dm-mid", "text-anchor": "middle", dy: "0.35em" });
        self.gMarks.appendChild(e.mid);
      }
      if (e.mid) {
        e.mid.textContent = mark;
        e.mid.style.display = e.shown && mark ? "" : "none";
      }
      e.line.setAttribute("data-shown", e.shown ? "1" : "0");
    });
    var shownNodes = 0;
    d.nodes.forEach(function (n) {
      n.shown = n.ok && n.used;
      vis[n.id] = n.shown;
      if (n.shown) shownNodes++;
      n.g.style.display = n.shown ? "" : "none";
      n.g.setAttribute("data-shown", n.shown ? "1" : "0");
      n.g.classList.toggle("dm-uncertain", n.state === "u");
      n.g.classList.toggle("dm-undated-node", n.state === "undated" && n.kind === "event");
    });
    this.visibleNodes = vis;
    if (this.selected && !this.selected.shown) { this.selected = null; this.root.setAttribute("data-selected", ""); }
    if (this.active && !this.active.shown) this.active = null;
    var when = this.year === null ? "all years" : String(this.year);
    this.status.textContent = "Showing " + shownEdges + " of " + d.edges.length + " links and " + shownNodes + " of " + d.nodes.length +
      " entities, " + when + (this.year !== null ? " (" + uncertain + " with uncertain dates, " + undated + " undated shown faint)" : "") + ".";
    this.root.setAttribute("data-shown-edges", String(shownEdges));
    this.root.setAttribute("data-shown-nodes", String(shownNodes));
    this.highlight();
    this.renderPanel();
    if (this.laidOut) this.draw();
  };

  RelationMap.prototype.highlight = function () {
    var sel = this.selected, near = {};
    if (sel) {
      near[sel.id] = true;
      sel.links.forEach(function (e) { if (e.shown) { near[e.source.id] = true; near[e.target.id] = true; } });
    }
    this.data.nodes.forEach(function (n) {
      n.g.classList.toggle("dm-faded", !!sel && !near[n.id]);
      n.g.classList.toggle("dm-selected", n === sel);
      n.g.setAttribute("aria-selected", n === sel ? "true" : "false");
      n.near = !sel || !!near[n.id];
    });
    this.data.edges.forEach(function (e) {
      var on = !sel || e.source === sel || e.target === sel;
      e.line.classList.toggle("dm-faded", !on);
      if (e.mid) e.mid.classList.toggle("dm-faded", !on);
    });
  };

  RelationMap.prototype.select = function (n) {
    this.selected = n && n !== this.selected ? n : n === null ? null : n;
    this.root.setAttribute("data-selected", n ? n.id : "");
    this.highlight();
    this.renderPanel();
    this.draw();
    this.save();
  };

  RelationMap.prototype.setActive = function (n) {
    if (this.active) this.active.g.classList.remove("dm-active");
    this.active = n;
    if (n) {
      n.g.classList.add("dm-active");
      this.gNodes.setAttribute("aria-activedescendant", n.g.id);
    } else this.gNodes.removeAttribute("aria-activedescendant");
  };

  /* Screen position of a node. */
  RelationMap.prototype.at = function (n) { return [this.view.x + n.x * this.view.k, this.view.y + n.y * this.view.k]; };

  RelationMap.prototype.draw = function () {
    if (!this.laidOut) return;
    var self = this, s = this.size();
    this.svg.setAttribute("viewBox", "0 0 " + s.w + " " + s.h);
    this.data.edges.forEach(function (e) {
      if (!e.shown) return;
      var a = self.at(e.source), b = self.at(e.target);
      e.line.setAttribute("x1", a[0].toFixed(1)); e.line.setAttribute("y1", a[1].toFixed(1));
      e.line.setAttribute("x2", b[0].toFixed(1)); e.line.setAttribute("y2", b[1].toFixed(1));
      if (e.mid) { e.mid.setAttribute("x", ((a[0] + b[0]) / 2).toFixed(1)); e.mid.setAttribute("y", ((a[1] + b[1]) / 2).toFixed(1)); }
    });
    this.data.nodes.forEach(function (n) {
      if (!n.shown) return;
      var p = self.at(n);
      n.g.setAttribute("transform", "translate(" + p[0].toFixed(1) + "," + p[1].toFixed(1) + ")");
    });
    this.placeLabels(s);
  };

  /* Labels never overlap: in order of importance (the chosen node, its neighbours, the most
   * linked), each takes the first of four places around its node that is inside the map and
   * free; a label with no free place is not drawn. Run after every change of view. */
  RelationMap.prototype.placeLabels = function (s) {
    var self = this, sel = this.selected, taken = [];
    var order = this.data.nodes.filter(function (n) { return n.shown; });
    order.sort(function (a, b) {
      var pa = (a === sel ? 1e6 : 0) + (a === self.active ? 1e5 : 0) + (sel && a.near ? 1e4 : 0) + (a.id === self.data.center ? 1e4 : 0) + a.deg;
      var pb = (b === sel ? 1e6 : 0) + (b === self.active ? 1e5 : 0) + (sel && b.near ? 1e4 : 0) + (b.id === self.data.center ? 1e4 : 0) + b.deg;
      return pb - pa || (a.id < b.id ? -1 : 1);
    });
    if (!this.measured) {  // every label's width in one layout (measuring them one by one cost a layout each)
      this.data.nodes.forEach(function (n) { n.text.style.display = ""; });
      this.data.nodes.forEach(function (n) { n.width = n.text.getComputedTextLength() || n.label.length * 6.5; });
      this.measured = true;
    }
    this.data.nodes.forEach(function (n) { n.text.style.display = "none"; n.labelBox = null; });
    order.forEach(function (n) {
      if (sel && !n.near) return;  // the faded keep quiet while a node is chosen
      var p = self.at(n), w = n.width, h = LABEL_H, r = n.r + 3;
      var spots = [[p[0] + r, p[1] - h / 2, "start"], [p[0] - r - w, p[1] - h / 2, "start"],
                   [p[0] - w / 2, p[1] - r - h, "start"], [p[0] - w / 2, p[1] + r, "start"]];
      for (var i = 0; i < spots.length; i++) {
        var b = { x: spots[i][0], y: spots[i][1], w: w, h: h };
        if (b.x < 0 || b.y < 0 || b.x + w > s.w || b.y + h > s.h) continue;
        var free = true;
        for (var j = 0; j < taken.length && free; j++) {
          var t = taken[j];
          if (b.x < t.x + t.w && t.x < b.x + b.w && b.y < t.y + t.h && t.y < b.y + b.h) free = false;
        }
        if (!free) continue;
        taken.push(b);
        n.labelBox = b;
        n.text.setAttribute("x", b.x.toFixed(1));
        n.text.setAttribute("y", (b.y + h - 3.5).toFixed(1));
        n.text.style.display = "";
        n.text.classList.toggle("dm-label-strong", n === sel || n === self.active);
        return;
      }
    });
  };

  RelationMap.prototype.bindPointer = function () {
    var self = this, pointers = {}, start = null;
    this.svg.addEventListener("pointerdown", function (ev) {
      pointers[ev.pointerId] = [ev.clientX, ev.clientY];
      self.dragged = false;
      start = { x: ev.clientX, y: ev.clientY, view: { k: self.view.k, x: self.view.x, y: self.view.y } };
      var ids = Object.keys(pointers);
      if (ids.length === 2) { var a = pointers[ids[0]], b = pointers[ids[1]]; start.dist = Math.hypot(a[0] - b[0], a[1] - b[1]); }
    });
    this.svg.addEventListener("pointermove", function (ev) {
      if (!pointers[ev.pointerId] || !start) return;
      pointers[ev.pointerId] = [ev.clientX, ev.clientY];
      var ids = Object.keys(pointers);
      if (ids.length === 2 && start.dist) {
        var a = pointers[ids[0]], b = pointers[ids[1]], box = self.svg.getBoundingClientRect();
        var k = Math.max(MIN_K, Math.min(MAX_K, start.view.k * Math.hypot(a[0] - b[0], a[1] - b[1]) / start.dist));
        var cx = (a[0] + b[0]) / 2 - box.left, cy = (a[1] + b[1]) / 2 - box.top;
        self.view = { k: k, x: cx - (cx - start.view.x) * k / start.view.k, y: cy - (cy - start.view.y) * k / start.view.k };
        self.dragged = true;
      } else if (ids.length === 1) {
        var dx = ev.clientX - start.x, dy = ev.clientY - start.y;
        if (!self.dragged && Math.hypot(dx, dy) < 4) return;
        if (!self.dragged) { self.dragged = true; try { self.svg.setPointerCapture(ev.pointerId); } catch (e) { /* gone */ } }
        self.view = { k: start.view.k, x: start.view.x + dx, y: start.view.y + dy };
      }
      self.schedule();
    });
    function end(ev) {
      delete pointers[ev.pointerId];
      if (!Object.keys(pointers).length) start = null;
      setTimeout(function () { self.dragged = false; }, 0);
    }
    this.svg.addEventListener("pointerup", end);
    this.svg.addEventListener("pointercancel", end);
    this.svg.addEventListener("wheel", function (ev) {
      // the page scrolls on as usual unless the map is in use (focused) or the wheel is a pinch (ctrl)
      if (!ev.ctrlKey && !self.root.contains(document.activeElement)) return;
      ev.preventDefault();
      var box = self.svg.getBoundingClientRect();
      self.zoomBy(Math.exp(-ev.deltaY * (ev.deltaMode ? 0.05 : 0.0015)), ev.clientX - box.left, ev.clientY - box.top);
    }, { passive: false });
    this.svg.addEventListener("click", function () { if (!self.dragged && self.selected) self.select(null); });
    window.addEventListener("resize", function () { self.box = null; self.schedule(); });
  };

  RelationMap.prototype.bindKeys = function () {
    var self = this, g = this.gNodes;
    g.addEventListener("focus", function () {
      if (!self.active || !self.active.shown) {
        var best = self.selected && self.selected.shown ? self.selected : null;
        self.data.nodes.forEach(function (n) { if (n.shown && (!best || (n.id === self.data.center) || (best.id !== self.data.center && n.deg > best.deg))) best = n; });
        self.setActive(best);
      }
      self.svg.classList.add("dm-keyboard");
      self.draw();
    });
    g.addEventListener("blur", function () { self.svg.classList.remove("dm-keyboard"); });
    g.addEventListener("keydown", function (ev) {
      var dir = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[ev.key];
      if (dir) {
        ev.preventDefault();
        var next = self.nearest(self.active, dir);
        if (next) { self.setActive(next); self.reveal(next); self.draw(); }
      } else if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        if (self.active) self.select(self.active);
      } else if (ev.key === "Escape") {
        if (self.selected) { ev.preventDefault(); self.select(null); }
      } else if (ev.key === "+" || ev.key === "=") { ev.preventDefault(); self.zoomBy(1.5); }
      else if (ev.key === "-" || ev.key === "_") { ev.preventDefault(); self.zoomBy(1 / 1.5); }
    });
  };

  /* The shown node nearest to `from` in a direction (within 60° of it, angle weighed in). */
  RelationMap.prototype.nearest = function (from, dir) {
    if (!from) return null;
    var best = null, score = Infinity, self = this;
    this.data.nodes.forEach(function (n) {
      if (!n.shown || n === from) return;
      var dx = n.x - from.x, dy = n.y - from.y, dist = Math.hypot(dx, dy) || 1e-6;
      var cos = (dx * dir[0] + dy * dir[1]) / dist;
      if (cos < 0.5) return;
      var sc = dist * (2 - cos);
      if (sc < score) { score = sc; best = n; }
    });
    return best;
  };

  /* Pan so that a node is inside the map. */
  RelationMap.prototype.reveal = function (n) {
    var s = this.size(), p = this.at(n), m = 40;
    if (p[0] < m) this.view.x += m - p[0];
    if (p[0] > s.w - m) this.view.x -= p[0] - (s.w - m);
    if (p[1] < m) this.view.y += m - p[1];
    if (p[1] > s.h - m) this.view.y -= p[1] - (s.h - m);
  };

  RelationMap.prototype.renderPanel = function () {
    var p = this.panel, sel = this.selected, self = this;
    p.textContent = "";
    if (!sel) {
      p.appendChild(el("p", { "class": "dm-hint" }, "Choose a node (click it, or Tab to the map, move with the arrow keys and press Enter) to list its links with their sources here."));
      return;
    }
    var head = el("h3", { "class": "dm-panel-title" });
    head.appendChild(el("a", { href: sel.url }, sel.label));
    p.appendChild(head);
    p.appendChild(el("p", { "class": "dm-panel-kind" }, KIND_ONE[sel.kind] + (sel.when ? ", " + sel.when : "") + " · " + sel.links.length + " link" + (sel.links.length === 1 ? "" : "s")));
    var groups = [["c", self.year === null ? "Links" : "In " + self.year], ["u", "Possibly in " + self.year + " (dates uncertain)"],
                  ["undated", "Undated (the sources give no dates)"]];
    var hidden = 0;
    groups.forEach(function (g) {
      var items = sel.links.filter(function (e) { return e.shown && e.state === g[0]; });
      if (!items.length) return;
      p.appendChild(el("h4", {}, g[1] + " (" + items.length + ")"));
      var ul = el("ul", { "class": "dm-rel" });
      items.forEach(function (e) { ul.appendChild(self.relationItem(sel, e)); });
      p.appendChild(ul);
    });
    sel.links.forEach(function (e) { if (!e.shown) hidden++; });
    if (hidden) p.appendChild(el("p", { "class": "dm-hidden-note" }, hidden + " more link" + (hidden === 1 ? "" : "s") + " not shown for the year or filters chosen."));
    var clear = el("button", { type: "button", "class": "dm-clear" }, "Clear the choice");
    clear.addEventListener("click", function () { self.select(null); self.gNodes.focus(); });
    p.appendChild(clear);
  };

  RelationMap.prototype.relationItem = function (sel, e) {
    var self = this, other = e.source === sel ? e.target : e.source, li = el("li");
    li.appendChild(swatch(e.f));
    li.appendChild(el("strong", {}, (e.source === sel ? e.la : e.lb) + ": "));
    var a = el("a", { href: other.url }, other.label);
    li.appendChild(a);
    var bits = [e.when];
    if (e.said) bits.push(e.said);
    li.appendChild(document.createTextNode(" (" + bits.join("; ") + ")"));
    (e.cites || []).forEach(function (n) {
      var sup = el("sup");
      sup.appendChild(el("a", { href: "#" + (self.data.cite || "fn:") + n, "class": "dm-cite", "aria-label": "reference " + n }, "[" + n + "]"));
      li.appendChild(sup);
    });
    if (!(e.cites || []).length && e.at) {  // stated (and cited) on another page: say where
      li.appendChild(document.createTextNode(" — sources on the page of "));
      li.appendChild(el("a", { href: e.at[1], "class": "dm-at" }, e.at[0]));
    }
    return li;
  };

  /* "Skip to the map": the page's first map is two Tab presses from the top, not twenty (the
   * header, the navigation and the map's own controls come before it otherwise). Hidden until it
   * has the focus, like the theme's "Skip to content", and placed right after it. */
  function skipLink(root) {
    var link = el("a", { href: "#" + (root.id || (root.id = "dm-map-" + (root.getAttribute("data-map") || "1"))), "class": "md-skip dm-skip" }, "Skip to the map");
    link.addEventListener("click", function (ev) {
      ev.preventDefault();
      var map = open(root);
      if (!map) return;
      map.svg.scrollIntoView({ block: "center" });
      map.gNodes.focus({ preventScroll: true });
    });
    var skip = document.querySelector("a.md-skip:not(.dm-skip)"), article = document.querySelector("article") || root.parentNode;
    if (skip) skip.parentNode.insertBefore(link, skip.nextSibling);
    else article.insertBefore(link, article.firstChild);
  }

  /* A map is built when it first comes near the screen, not while the page loads: on an entity's
   * page it sits below a long profile, and building it (its data, its elements, its layout) cost a
   * phone a third of a second the reader who never scrolls there did not need. A map the address
   * speaks of (its state, or an anchor in it) is built at once. */
  function open(root) {
    if (root.dossierMap || root.getAttribute("data-failed")) return root.dossierMap || null;
    var script = root.querySelector("script.dossier-map-data");
    if (!script) return null;
    try {
      root.dossierMap = new RelationMap(root, JSON.parse(script.textContent), root.getAttribute("data-prefix"));
    } catch (err) {
      root.setAttribute("data-failed", "true");
      root.style.display = "none";  // the static figure comes back
      if (root.previousElementSibling) root.previousElementSibling.classList.add("dm-fallback");
      throw err;
    }
    return root.dossierMap;
  }

  function wanted(root, prefix) {
    var keys = Array.from(new URLSearchParams(location.search).keys());
    if (keys.some(function (k) { return k.indexOf(prefix) === 0; })) return true;
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    return !!(target && (target === root || root.contains(target)));
  }

  function start() {
    var roots = document.querySelectorAll(".dossier-map"), lazy = [];
    for (var i = 0; i < roots.length; i++) {
      var root = roots[i];
      if (!root.querySelector("script.dossier-map-data") || root.getAttribute("data-started")) continue;
      root.setAttribute("data-started", "true");
      root.setAttribute("data-prefix", i === 0 ? "map-" : "map" + (i + 1) + "-");
      if (i === 0) skipLink(root);
      if (!("IntersectionObserver" in window) || wanted(root, root.getAttribute("data-prefix"))) open(root);
      else lazy.push(root);
    }
    if (!lazy.length) return;
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        seen.unobserve(entry.target);
        open(entry.target);
      });
    }, { rootMargin: "600px 0px" });
    lazy.forEach(function (root) { seen.observe(root); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
