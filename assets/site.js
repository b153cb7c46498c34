// Ping'an Briefs: small progressive enhancements; every page works without this script.
(function () {
  "use strict";
  var root = document.documentElement;
  var header = document.querySelector(".site-header");

  // The sticky header's exact height (it wraps on narrow screens): anchors land just below it.
  function measureHeader() {
    if (header) root.style.setProperty("--header-h", header.offsetHeight + "px");
  }
  measureHeader();
  if (header && window.ResizeObserver) new ResizeObserver(measureHeader).observe(header);

  // The language switcher keeps the reader at the section being read: both languages share anchors.
  // The section being read is the last one whose heading has passed a line a quarter of the way down
  // the visible area; at the very bottom of the page it is the last one whose heading is in view.
  function currentSection() {
    var headings = document.querySelectorAll(".brief-body h2[id], .brief-body h3[id]");
    var top = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    var line = top + (window.innerHeight - top) / 4;
    var atBottom = window.scrollY > 0 && window.innerHeight + window.scrollY >= root.scrollHeight - 2;
    var current = "";
    for (var i = 0; i < headings.length; i++) {
      var y = headings[i].getBoundingClientRect().top;
      if (y <= line || (atBottom && y < window.innerHeight)) current = headings[i].id;
    }
    return current;
  }
  function keepSection(event) {
    var link = event.target.closest && event.target.closest("a[data-lang-switch]");
    if (!link) return;
    var id = currentSection();
    link.hash = id ? "#" + id : "";
  }
  // click: mouse, touch and the keyboard; auxclick and contextmenu: opening in a new tab, copying the link.
  document.addEventListener("click", keepSection);
  document.addEventListener("auxclick", keepSection);
  document.addEventListener("contextmenu", keepSection);

  // A table wider than the text column scrolls sideways: keyboard users can then focus it and scroll it.
  var tables = document.querySelectorAll(".brief-body table");
  function focusableTables() {
    for (var i = 0; i < tables.length; i++) {
      if (tables[i].scrollWidth > tables[i].clientWidth + 1) tables[i].setAttribute("tabindex", "0");
      else tables[i].removeAttribute("tabindex");
    }
  }
  if (tables.length) {
    focusableTables();
    window.addEventListener("resize", focusableTables);
  }

  // The figures beyond the headline cards: a phone shows them closed (one line, "25 more figures"), so
  // the brief's text comes after three cards; without this script the table is open. A link to a figure
  // in it (a note's back link, a link from elsewhere) opens it, and so does printing.
  var more = document.querySelectorAll("details.more-figures");
  function openTarget() {
    var id = location.hash.slice(1);
    var target = id && document.getElementById(decodeURIComponent(id));
    var details = target && target.closest && target.closest("details");
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }
  if (more.length) {
    if (window.matchMedia && window.matchMedia("(max-width: 40rem)").matches) {
      for (var d = 0; d < more.length; d++) more[d].open = false;
    }
    openTarget();
    window.addEventListener("hashchange", openTarget);
    window.addEventListener("beforeprint", function () {
      for (var p = 0; p < more.length; p++) more[p].open = true;
    });
  }

  // Opened from disk (file://) there is no server to turn "folder/" into "folder/index.html".
  if (location.protocol === "file:") {
    var links = document.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      if (/^[a-z]+:/i.test(href) || href.charAt(0) === "#") continue;
      links[i].setAttribute("href", href.replace(/\/(#|$)/, "/index.html$1"));
    }
    var forms = document.querySelectorAll("form[action]");
    for (var f = 0; f < forms.length; f++) {
      forms[f].setAttribute("action", forms[f].getAttribute("action").replace(/\/$/, "/index.html"));
    }
  }
  // Sortable tables (the compare page): a column heading's button sorts the rows of every group by
  // that column's data-sort values (numbers as numbers); the table reads the same without script.
  var tables = document.querySelectorAll("table[data-sortable]");
  for (var t = 0; t < tables.length; t++) {
    (function (table) {
      var heads = table.querySelectorAll("thead th[data-sort-key]");
      for (var h = 0; h < heads.length; h++) {
        heads[h].querySelector("button").addEventListener("click", function (event) {
          var th = event.currentTarget.parentNode;
          var key = Number(th.getAttribute("data-sort-key"));
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          for (var k = 0; k < heads.length; k++) heads[k].removeAttribute("aria-sort");
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var bodies = table.tBodies;
          for (var b = 0; b < bodies.length; b++) {
            var rows = Array.prototype.slice.call(bodies[b].rows, 1);  // the first row names the group
            rows.sort(function (x, y) {
              var a = x.cells[key].getAttribute("data-sort"), c = y.cells[key].getAttribute("data-sort");
              var na = parseFloat(a), nc = parseFloat(c), r;
              if (a === "" || c === "") r = (a === "") - (c === "");
              else if (!isNaN(na) && !isNaN(nc)) r = na - nc;
              else r = a.localeCompare(c, document.documentElement.lang);
              return ascending ? r : -r;
            });
            for (var i = 0; i < rows.length; i++) bodies[b].appendChild(rows[i]);
          }
        });
      }
    })(tables[t]);
  }
})();
