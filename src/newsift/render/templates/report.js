/* newsift report view: filters, search, tooltips, source highlighting, claim sorting.
   Shared by the standalone HTML report (inlined, allowed by its hash) and the web report
   page (/report.js). No framework, nothing fetched. Report data comes from the JSON
   block #newsift-data; every string is inserted with textContent, never as HTML. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  function start() {
    var block = document.getElementById("newsift-data");
    if (block && document.getElementById("article")) { report(JSON.parse(block.textContent)); }
  }

  function report(data) {
    var byNumber = {};
    data.findings.forEach(function (f) { byNumber[f.n] = f; });
    var all = function (selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); };
    var byId = function (id) { return document.getElementById(id); };
    var marks = all("mark.hl");
    var pieces = all("#article [data-s]");
    var rows = all(".finding[data-finding]");
    var tip = byId("tip");
    var status = byId("f-status");
    var tipOwner = null;
    var hovered = null;
    var sourceHits = {};
    var PARTS = {source: "sub-source", cue: "sub-cue", content: "sub-content"};
    var filters = {kinds: {}, label: null, source: "", score: 0, query: ""};
    (data.hiddenKinds || []).forEach(function (k) { filters.kinds[k] = true; });

    marks.forEach(function (mark) { mark.removeAttribute("title"); });  // the tooltip says it in words

    // --- what is shown -------------------------------------------------------------
    function isShown(n) {
      var f = byNumber[n];
      if (!f || filters.kinds[f.kind]) { return false; }
      if (filters.label && (f.kind !== filters.label.kind || f.label !== filters.label.label)) { return false; }
      if (filters.source && f.sourceType !== filters.source) { return false; }
      if (f.score < filters.score - 1e-9) { return false; }
      return !filters.query || f.search.indexOf(filters.query) >= 0;
    }
    function numbers(el, attribute) {
      return (el.getAttribute(attribute || "data-findings") || "").split(" ").filter(Boolean).map(Number);
    }
    function shown(el, attribute) { return numbers(el, attribute).filter(isShown); }
    // Innermost first (shortest span, then the later finding), as the server rendered it.
    function ranked(list) {
      return list.slice().sort(function (a, b) {
        var fa = byNumber[a], fb = byNumber[b];
        return (fa.end - fa.start) - (fb.end - fb.start) || b - a;
      });
    }
    function restyle() {
      clearActive();
      hideTip();
      marks.forEach(function (mark) {
        var top = ranked(shown(mark))[0];
        mark.className = "hl " + (top ? "k-" + byNumber[top].kind : "off");
        if (numbers(mark).some(function (n) { return sourceHits[n]; })) { mark.classList.add("src-hit"); }
        if (shown(mark, "data-starts").length) { mark.setAttribute("tabindex", "0"); } else { mark.removeAttribute("tabindex"); }
      });
      all(".ref[data-finding]").forEach(function (el) {
        el.classList.toggle("is-hidden", !isShown(Number(el.getAttribute("data-finding"))));
      });
      var count = 0;
      rows.forEach(function (row) {
        var visible = isShown(Number(row.getAttribute("data-finding")));
        row.hidden = !visible;
        if (visible) { count += 1; }
      });
      var none = byId("f-none");
      if (none) { none.hidden = count > 0; }
      var counter = byId("f-count");
      if (counter) { counter.textContent = count + " of " + data.findings.length; }
      say("Showing " + count + " of " + data.findings.length + " findings.");
    }
    function say(message) { if (status) { status.textContent = message; } }

    // --- selection ---------------------------------------------------------------------
    function clearActive() {
      all(".active").forEach(function (el) { el.classList.remove("active"); });
      Object.keys(PARTS).forEach(function (k) {
        all("#article ." + PARTS[k]).forEach(function (el) { el.classList.remove(PARTS[k]); });
      });
    }
    function markParts(f) {
      f.subspans.forEach(function (span) {
        var cls = PARTS[span.key];
        if (!cls || typeof span.end !== "number") { return; }
        pieces.forEach(function (p) {
          if (Number(p.getAttribute("data-s")) >= span.start && Number(p.getAttribute("data-e")) <= span.end) {
            p.classList.add(cls);
          }
        });
      });
    }
    function marksOf(n) { return marks.filter(function (m) { return numbers(m).indexOf(n) >= 0; }); }
    function activate(n) {
      clearActive();
      marksOf(n).forEach(function (mark) { mark.classList.add("active"); });
      var row = byId("f" + n);
      if (row) { row.classList.add("active"); }
      if (byNumber[n]) { markParts(byNumber[n]); }
    }
    function current(mark) {
      var n = Number(mark.getAttribute("data-current"));
      if (n && isShown(n) && numbers(mark).indexOf(n) >= 0) { return n; }
      return ranked(shown(mark, "data-starts"))[0] || ranked(shown(mark))[0];
    }
    function select(mark, n, fromText) {
      mark.setAttribute("data-current", String(n));
      activate(n);
      showTip(mark, n);
      var row = byId("f" + n);
      if (fromText && row && !row.hidden) { row.scrollIntoView({block: "nearest"}); }
    }
    function step(mark) {
      var list = ranked(shown(mark));
      if (!list.length) { return; }
      var i = list.indexOf(Number(mark.getAttribute("data-current")));
      select(mark, list[(i + 1) % list.length], true);
    }
    function reveal(n, focus) {
      var first = marksOf(n)[0];
      activate(n);
      if (first) {
        first.scrollIntoView({block: "center"});
        if (focus && first.hasAttribute("tabindex")) { first.focus({preventScroll: true}); }
      }
    }

    // --- tooltip -------------------------------------------------------------------------
    function element(tag, text, cls) {
      var el = document.createElement(tag);
      if (text) { el.textContent = text; }
      if (cls) { el.className = cls; }
      return el;
    }
    function showTip(mark, n) {
      var f = byNumber[n];
      if (!f || !tip) { return; }
      tip.textContent = "";
      tip.className = "tip k-" + f.kind;
      var head = element("div", "", "thead");
      head.appendChild(element("span", "[" + f.n + "] " + f.kindName));
      head.appendChild(element("span", f.labelName, "tlabel"));
      if (f.polarity) { head.appendChild(element("span", f.polarity, "pol pol-" + f.polarity)); }
      head.appendChild(element("span", "score " + f.scoreText, "tscore"));
      tip.appendChild(head);
      var list = element("dl", "", "kv");
      f.details.concat(f.evidence).forEach(function (row) {
        list.appendChild(element("dt", row[0]));
        var dd = element("dd");
        dd.appendChild(element("span", row[1], row[2] ? "part-" + row[2] : ""));
        list.appendChild(dd);
      });
      tip.appendChild(list);
      var others = shown(mark).length - 1;
      if (others > 0) { tip.appendChild(element("p", "Enter: next of " + (others + 1) + " findings here", "more")); }
      tip.hidden = false;
      tipOwner = mark;
      // Below the finding's last line, so the tip never hides the finding itself.
      var rect = mark.getBoundingClientRect();
      var bottom = rect.bottom;
      marksOf(n).forEach(function (m) { bottom = Math.max(bottom, m.getBoundingClientRect().bottom); });
      var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - tip.offsetWidth - 8));
      tip.style.left = (left + window.scrollX) + "px";
      tip.style.top = (bottom + window.scrollY + 8) + "px";
    }
    function hideTip() { if (tip) { tip.hidden = true; } tipOwner = null; }
    function hideTipOf(mark) { if (tipOwner === mark) { hideTip(); } }

    marks.forEach(function (mark) {
      mark.addEventListener("focus", function () {
        var n = current(mark);
        if (n) { select(mark, n, true); }
      });
      mark.addEventListener("blur", function () { if (hovered !== mark) { hideTipOf(mark); } });
      mark.addEventListener("mouseenter", function () {
        hovered = mark;
        var n = current(mark);
        if (n) { showTip(mark, n); }
      });
      mark.addEventListener("mouseleave", function () {
        hovered = null;
        if (document.activeElement !== mark) { hideTipOf(mark); }
      });
      mark.addEventListener("click", function () {
        if (mark.classList.contains("active")) { step(mark); return; }
        var n = current(mark);
        if (n) { select(mark, n, true); }
      });
      mark.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); step(mark); }
      });
    });

    // --- findings list -------------------------------------------------------------------
    rows.forEach(function (row) {
      var n = Number(row.getAttribute("data-finding"));
      var summary = row.querySelector("summary");
      if (!summary) { return; }
      summary.addEventListener("focus", function () { activate(n); });
      summary.addEventListener("click", function () { reveal(n, false); });
    });
    all("#article a.ref, .finding a[data-finding]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var row = byId("f" + link.getAttribute("data-finding"));
        if (!row || row.hidden) { return; }
        event.preventDefault();
        var details = row.querySelector("details");
        if (details) { details.open = true; }
        var summary = row.querySelector("summary");
        if (summary) { summary.focus(); }
        row.scrollIntoView({block: "nearest"});
      });
    });
    all("#claims a[data-finding]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        reveal(Number(link.getAttribute("data-finding")), true);
      });
    });

    // --- sources: highlight a source's statements ----------------------------------------
    all("button.src[data-findings]").forEach(function (button) {
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        all("button.src[aria-pressed='true']").forEach(function (other) { other.setAttribute("aria-pressed", "false"); });
        sourceHits = {};
        var list = numbers(button);
        if (on) {
          list.forEach(function (n) { sourceHits[n] = true; });
          button.setAttribute("aria-pressed", "true");
        }
        all("#article .src-hit").forEach(function (el) { el.classList.remove("src-hit"); });
        var article = byId("article");
        if (article) { article.classList.toggle("src-mode", on && list.length > 0); }
        var first = null;
        list.forEach(function (n) {
          if (!on) { return; }
          marksOf(n).forEach(function (m) { m.classList.add("src-hit"); first = first || m; });
        });
        if (first) { first.scrollIntoView({block: "center"}); }
        say(on ? button.textContent + ": " + list.length + (list.length === 1 ? " statement" : " statements") + " highlighted in the text."
          : "Source highlighting cleared.");
      });
    });

    // --- claims: sort by score -----------------------------------------------------------
    var sortButton = byId("sort-claims");
    var claims = byId("claims");
    if (sortButton && claims) {
      sortButton.addEventListener("click", function () {
        var header = byId("claims-score");
        var byScore = header.getAttribute("aria-sort") !== "descending";
        var body = claims.tBodies[0];
        var list = Array.prototype.slice.call(body.rows);
        list.sort(function (a, b) {
          if (byScore) { return Number(b.getAttribute("data-score")) - Number(a.getAttribute("data-score")) || Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order")); }
          return Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
        });
        list.forEach(function (row) { body.appendChild(row); });
        header.setAttribute("aria-sort", byScore ? "descending" : "none");
        sortButton.querySelector(".arrow").textContent = byScore ? "↓" : "↕";
        say(byScore ? "Claims sorted by score, highest first." : "Claims in the order of the text.");
      });
    }

    // --- filters -------------------------------------------------------------------------
    var form = byId("filters");
    function readFilters() {
      filters.kinds = {};
      all("#filters input[data-kind]").forEach(function (box) { filters.kinds[box.getAttribute("data-kind")] = !box.checked; });
      var label = byId("f-label");
      var option = label && label.selectedIndex > 0 ? label.options[label.selectedIndex] : null;
      filters.label = option ? {kind: option.getAttribute("data-kind"), label: option.getAttribute("data-label")} : null;
      var source = byId("f-source");
      filters.source = source ? source.value : "";
      var score = byId("f-score");
      filters.score = score ? Number(score.value) : 0;
      var out = byId("f-score-out");
      if (out) { out.textContent = filters.score.toFixed(2); }
      var refs = byId("f-numbers");
      var article = byId("article");
      if (refs && article) { article.classList.toggle("show-refs", refs.checked); }
      var search = byId("f-search");
      filters.query = search ? search.value.toLowerCase().replace(/\s+/g, " ").trim() : "";
      restyle();
    }
    if (form) {
      form.addEventListener("input", readFilters);
      form.addEventListener("change", readFilters);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("reset", function () { window.setTimeout(readFilters, 0); });
      readFilters();
    }

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { clearActive(); hideTip(); }
    });
    // Print every finding's details, whatever is open on screen.
    var closed = [];
    window.addEventListener("beforeprint", function () {
      closed = all(".finding details:not([open])");
      closed.forEach(function (d) { d.open = true; });
    });
    window.addEventListener("afterprint", function () { closed.forEach(function (d) { d.open = false; }); closed = []; });
  }
}());
