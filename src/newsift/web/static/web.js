/* newsift web workspace: progressive enhancement of the server-rendered pages.
   No framework, nothing from elsewhere. Report data comes from the JSON block
   #newsift-data; every string is inserted with textContent, never as HTML. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    var block = document.getElementById("newsift-data");
    if (block) { report(JSON.parse(block.textContent)); }
  });

  function report(data) {
    var byNumber = {};
    data.findings.forEach(function (f) { byNumber[f.n] = f; });
    var hiddenKinds = {};
    var hiddenLabels = {};
    var all = function (selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); };
    var marks = all("mark.hl");
    var pieces = all("#article [data-s]");
    var tip = document.getElementById("tip");
    var tipOwner = null;
    var hovered = null;
    var SUBS = {source: "sub-source", cue: "sub-cue", content: "sub-content"};

    function labelKey(kind, label) { return kind + "\u0000" + label; }
    function isShown(n) {
      var f = byNumber[n];
      return !!f && !hiddenKinds[f.kind] && !hiddenLabels[labelKey(f.kind, f.label)];
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
    function clearActive() {
      all(".active").forEach(function (el) { el.classList.remove("active"); });
      Object.keys(SUBS).forEach(function (k) {
        all("." + SUBS[k]).forEach(function (el) { el.classList.remove(SUBS[k]); });
      });
    }
    function markSubspans(f) {
      f.fields.forEach(function (field) {
        var cls = SUBS[field.key];
        if (!cls || typeof field.start !== "number") { return; }
        pieces.forEach(function (p) {
          var s = Number(p.getAttribute("data-s")), e = Number(p.getAttribute("data-e"));
          if (s >= field.start && e <= field.end) { p.classList.add(cls); }
        });
      });
    }
    function activate(n) {
      clearActive();
      marks.forEach(function (mark) {
        if (numbers(mark).indexOf(n) >= 0) { mark.classList.add("active"); }
      });
      var item = document.getElementById("f" + n);
      if (item) { item.classList.add("active"); }
      markSubspans(byNumber[n]);
    }
    function row(parent, key, value, strong) {
      var dt = document.createElement("dt");
      dt.textContent = key;
      if (strong) { dt.className = "part"; }
      var dd = document.createElement("dd");
      dd.textContent = value;
      parent.appendChild(dt);
      parent.appendChild(dd);
    }
    function showTip(mark, n) {
      var f = byNumber[n];
      if (!f || !tip) { return; }
      tip.textContent = "";
      tip.className = "tip k-" + f.kind;
      var head = document.createElement("div");
      head.className = "thead";
      [["[" + f.n + "] " + f.kindName, ""], [f.label, "tlabel"], ["score " + f.score, "tscore"]].forEach(function (part) {
        var span = document.createElement("span");
        span.textContent = part[0];
        if (part[1]) { span.className = part[1]; }
        head.appendChild(span);
      });
      tip.appendChild(head);
      var list = document.createElement("dl");
      list.className = "kv";
      f.fields.forEach(function (field) {
        var isSub = SUBS.hasOwnProperty(field.key);
        var value = typeof field.start === "number" ? "\u201c" + field.value + "\u201d" : field.value;
        row(list, field.key, value, isSub);
      });
      f.evidence.forEach(function (pair) { row(list, pair[0], pair[1], false); });
      tip.appendChild(list);
      if (f.fields.some(function (field) { return SUBS.hasOwnProperty(field.key); })) {
        var key = document.createElement("p");
        key.className = "key";
        key.textContent = "In the text: source bold and underlined; cue in a dashed box; content in italics.";
        tip.appendChild(key);
      }
      var others = shown(mark).length - 1;
      if (others > 0) {
        var more = document.createElement("p");
        more.className = "muted";
        more.textContent = "Enter: next of " + (others + 1) + " findings here";
        tip.appendChild(more);
      }
      tip.hidden = false;
      tipOwner = mark;
      // Below the finding's last line, so the tip never hides the finding itself.
      var rect = mark.getBoundingClientRect();
      var bottom = rect.bottom;
      marks.forEach(function (m) {
        if (numbers(m).indexOf(n) >= 0) { bottom = Math.max(bottom, m.getBoundingClientRect().bottom); }
      });
      var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - tip.offsetWidth - 8));
      tip.style.left = (left + window.scrollX) + "px";
      tip.style.top = (bottom + window.scrollY + 8) + "px";
    }
    function hideTip() { if (tip) { tip.hidden = true; } tipOwner = null; }
    // Only the mark whose tip is showing may hide it: when focus scrolls the page, the
    // mouse "leaves" some other mark, and that must not hide the focused mark's tip.
    function hideTipOf(mark) { if (tipOwner === mark) { hideTip(); } }
    function current(mark) {
      var n = Number(mark.getAttribute("data-current"));
      if (n && isShown(n) && numbers(mark).indexOf(n) >= 0) { return n; }
      return ranked(shown(mark, "data-starts"))[0] || ranked(shown(mark))[0];
    }
    function select(mark, n) {
      mark.setAttribute("data-current", String(n));
      activate(n);
      showTip(mark, n);
    }
    function step(mark) {
      var list = ranked(shown(mark));
      if (!list.length) { return; }
      var i = list.indexOf(Number(mark.getAttribute("data-current")));
      select(mark, list[(i + 1) % list.length]);
    }
    function restyle() {
      clearActive();
      hideTip();
      marks.forEach(function (mark) {
        var top = ranked(shown(mark))[0];
        mark.className = "hl " + (top ? "k-" + byNumber[top].kind : "off");
        if (shown(mark, "data-starts").length) { mark.setAttribute("tabindex", "0"); } else { mark.removeAttribute("tabindex"); }
      });
      all(".ref[data-finding], .finding[data-finding]").forEach(function (el) {
        el.classList.toggle("is-hidden", !isShown(Number(el.getAttribute("data-finding"))));
      });
    }
    marks.forEach(function (mark) {
      mark.addEventListener("focus", function () {
        var n = current(mark);
        if (n) { select(mark, n); }
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
        if (n) { select(mark, n); }
      });
      mark.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); step(mark); }
      });
    });
    all(".finding[data-finding]").forEach(function (item) {
      item.addEventListener("click", function () {
        var n = Number(item.getAttribute("data-finding"));
        activate(n);
        var first = marks.filter(function (m) { return numbers(m).indexOf(n) >= 0; })[0];
        if (first) { first.scrollIntoView({block: "center"}); }
      });
    });
    all("input[data-kind]").forEach(function (box) {
      box.addEventListener("change", function () {
        var kind = box.getAttribute("data-kind");
        if (box.hasAttribute("data-label")) {
          hiddenLabels[labelKey(kind, box.getAttribute("data-label"))] = !box.checked;
        } else {
          hiddenKinds[kind] = !box.checked;
          all("input[data-kind][data-label]").forEach(function (other) {
            if (other.getAttribute("data-kind") === kind) { other.disabled = !box.checked; }
          });
        }
        restyle();
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { clearActive(); hideTip(); }
    });
  }
}());
