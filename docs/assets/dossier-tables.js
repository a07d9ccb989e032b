/* One script for every table of the site (issue 15).
 *
 * Every table of four or more columns gets each cell's column name (data-label), so that on a
 * phone it reflows into a block per row (dossier-explore.css). A table inside a
 * `.dossier-table` wrapper (the generator writes it) also gets: a sort button in each column
 * heading, a "Sort by" menu (the headings are hidden on phones), the filters its wrapper names
 * with their options (its `data-facets` JSON), the count of rows shown, and its state in the
 * address (`?type=attack&group=iskp&sort=date&order=desc`), so that a filtered, sorted view can be
 * linked and comes back on reload. Without JavaScript the tables are as they were: all rows, in
 * the order the generator wrote them.
 */
(function () {
  "use strict";
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function slug(text) { return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""); }
  function headers(table) { return Array.prototype.slice.call(table.querySelectorAll("thead th")); }
  function rows(table) { return Array.prototype.slice.call(table.tBodies[0] ? table.tBodies[0].rows : []); }

  function label(table) {
    var names = headers(table).map(function (th) { return th.textContent.trim(); });
    if (names.length < 4) return;
    // an attribute, not a class: Material styles only `table:not([class])` (its size, padding and
    // borders); a class dropped all of them and the columns shrank to a few letters
    table.setAttribute("data-reflow", "");
    rows(table).forEach(function (tr) {
      for (var i = 0; i < tr.cells.length && i < names.length; i++) tr.cells[i].setAttribute("data-label", names[i]);
    });
  }

  function sortValue(td) {
    if (!td) return "";
    var keyed = td.querySelector("[data-sort]");
    return keyed ? keyed.getAttribute("data-sort") : td.textContent.trim();
  }

  function Table(wrapper, table, prefix) {
    this.wrapper = wrapper;
    this.table = table;
    this.prefix = prefix;
    this.noun = wrapper.getAttribute("data-noun") || "rows";
    this.rows = rows(table);
    this.rows.forEach(function (tr, i) { tr.dtIndex = i; var f = tr.querySelector(".dt-row"); tr.facets = f ? f.dataset : {}; });
    this.columns = headers(table).map(function (th) { return slug(th.textContent.trim()) || "column"; });
    this.filters = {};
    this.sort = null;
    this.order = "asc";
    this.facets = JSON.parse(wrapper.getAttribute("data-facets") || "{}");
    this.build();
  }

  Table.prototype.param = function (name) { return this.prefix + name; };
  

  Table.prototype.build = function () {
    var self = this, bar = el("div", { "class": "dt-filters", role: "group", "aria-label": "Filter and sort the table" });
    Object.keys(this.facets).forEach(function (key) {
      var f = self.facets[key], lab = el("label", {}, f.label), select = el("select", { "data-filter": key });
      select.appendChild(el("option", { value: "" }, "all"));
      f.options.forEach(function (o) { select.appendChild(el("option", { value: o[0] }, o[1])); });
      select.addEventListener("change", function () { self.filters[key] = select.value; self.apply(true); });
      lab.appendChild(select);
      bar.appendChild(lab);
    });
    var sortLabel = el("label", {}, "Sort by"), sortSelect = el("select", { "data-sort-menu": "" });
    sortSelect.appendChild(el("option", { value: "" }, "as listed"));
    headers(this.table).forEach(function (th, i) {
      var name = th.textContent.trim();
      sortSelect.appendChild(el("option", { value: self.columns[i] + ":asc" }, name + " ↑"));
      sortSelect.appendChild(el("option", { value: self.columns[i] + ":desc" }, name + " ↓"));
      var button = el("button", { type: "button", "class": "dt-sort" }, name);
      button.addEventListener("click", function () {
        var order = self.sort === self.columns[i] && self.order === "asc" ? "desc" : "asc";
        self.setSort(self.columns[i], order);
        self.apply(true);
      });
      th.textContent = "";
      th.appendChild(button);
    });
    sortSelect.addEventListener("change", function () {
      var v = sortSelect.value.split(":");
      self.setSort(v[0] || null, v[1] || "asc");
      self.apply(true);
    });
    sortLabel.appendChild(sortSelect);
    bar.appendChild(sortLabel);
    var reset = el("button", { type: "button", "class": "dt-reset" }, "Show all");
    reset.addEventListener("click", function () {
      self.filters = {};
      self.setSort(null, "asc");
      self.apply(true);
    });
    bar.appendChild(reset);
    this.count = el("p", { "class": "dt-count", role: "status" });
    this.bar = bar;
    this.sortSelect = sortSelect;
    this.wrapper.insertBefore(this.count, this.wrapper.firstChild);
    this.wrapper.insertBefore(bar, this.count);
    this.restore();
    this.apply(false);
  };

  Table.prototype.setSort = function (column, order) {
    this.sort = column;
    this.order = order === "desc" ? "desc" : "asc";
  };

  Table.prototype.restore = function () {
    var params = new URLSearchParams(location.search), self = this;
    Object.keys(this.facets).forEach(function (key) {
      var v = params.get(self.param(key));
      var known = self.facets[key].options.some(function (o) { return o[0] === v; });
      if (v && known) self.filters[key] = v;
    });
    var s = params.get(this.param("sort"));
    if (s && this.columns.indexOf(s) >= 0) this.setSort(s, params.get(this.param("order")));
  };

  Table.prototype.matches = function (tr) {
    var f = this.filters, facets = tr.facets, resp = (facets.resp || "").split(" ");
    for (var key in f) {
      var v = f[key];
      if (!v) continue;
      if (key === "group" || key === "attribution") continue;
      var values = (facets[key] || "").split(" ");
      if (values.indexOf(v) < 0) return false;
    }
    if (f.group || f.attribution) {
      var ok = resp.some(function (token) {
        var parts = token.split(":");
        return (!f.group || parts[0] === f.group) && (!f.attribution || parts[1] === f.attribution);
      });
      if (!ok) return false;
    }
    return true;
  };

  Table.prototype.apply = function (save) {
    var self = this, shown = 0, body = this.table.tBodies[0];
    this.rows.forEach(function (tr) {
      var ok = self.matches(tr);
      tr.hidden = !ok;
      if (ok) shown++;
    });
    var col = this.columns.indexOf(this.sort), sign = this.order === "desc" ? -1 : 1;
    var ordered = this.rows.slice();
    if (col >= 0) {
      ordered.sort(function (a, b) {
        var x = sortValue(a.cells[col]), y = sortValue(b.cells[col]);
        if (!x !== !y) return x ? -1 : 1;  // empty cells last, either way
        return sign * collator.compare(x, y) || a.dtIndex - b.dtIndex;
      });
    }
    if (col >= 0 || this.sorted) ordered.forEach(function (tr) { body.appendChild(tr); });  // rows move only when an order was asked for
    this.sorted = col >= 0;
    headers(this.table).forEach(function (th, i) {
      if (i === col) th.setAttribute("aria-sort", self.order === "desc" ? "descending" : "ascending"); else th.removeAttribute("aria-sort");
    });
    this.bar.querySelectorAll("select[data-filter]").forEach(function (s) { s.value = self.filters[s.getAttribute("data-filter")] || ""; });
    this.sortSelect.value = col >= 0 ? this.sort + ":" + this.order : "";
    this.count.textContent = shown === this.rows.length ? "All " + shown + " " + this.noun + "." : "Showing " + shown + " of " + this.rows.length + " " + this.noun + ".";
    this.wrapper.setAttribute("data-shown", String(shown));
    if (save) this.save();
  };

  Table.prototype.save = function () {
    var params = new URLSearchParams(location.search), self = this;
    Object.keys(this.facets).forEach(function (key) {
      if (self.filters[key]) params.set(self.param(key), self.filters[key]); else params.delete(self.param(key));
    });
    if (this.sort) { params.set(this.param("sort"), this.sort); params.set(this.param("order"), this.order); }
    else { params.delete(this.param("sort")); params.delete(this.param("order")); }
    var query = params.toString();
    try { history.replaceState(history.state, "", (query ? "?" + query : location.pathname.replace(/.*\//, "") || "./") + location.hash); }
    catch (err) { /* a browser that refuses to change a file:// address keeps the view, not the link */ }
  };

  /* A table is made sortable and labelled when it comes near the screen (a page of long tables
   * is not all worked on while it loads); one with filters or a state in the address at once. */
  function start() {
    var work = [], params = new URLSearchParams(location.search);
    var tables = document.querySelectorAll("article table");
    for (var i = 0; i < tables.length; i++) {
      if (!tables[i].closest(".dossier-infobox") && !tables[i].closest(".dossier-table")) work.push([tables[i], label.bind(null, tables[i])]);
    }
    var wrappers = document.querySelectorAll(".dossier-table");
    for (var j = 0; j < wrappers.length; j++) {
      (function (w, j) {
        var table = w.querySelector("table");
        if (!table || w.dossierTable) return;
        var prefix = j === 0 ? "" : (w.getAttribute("data-table") || "t" + j) + "-";
        var init = function () { if (!w.dossierTable) { label(table); w.dossierTable = new Table(w, table, prefix); } };
        var stated = w.getAttribute("data-facets") || Array.from(params.keys()).some(function (k) { return k.indexOf(prefix) === 0; });
        if (stated) init(); else work.push([w, init]);
      })(wrappers[j], j);
    }
    if (!("IntersectionObserver" in window)) return work.forEach(function (w) { w[1](); });
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        io.unobserve(entry.target);
        entry.target.dossierInit();
      });
    }, { rootMargin: "600px 0px" });
    work.forEach(function (w) { w[0].dossierInit = w[1]; io.observe(w[0]); });
    window.addEventListener("beforeprint", function () { work.forEach(function (w) { w[1](); }); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
