// Ping'an Briefs: small progressive enhancements; every page works without this script.
(function () {
  "use strict";
  // The language switcher keeps the reader at the section being read: both languages share anchors.
  function currentSection() {
    var headings = document.querySelectorAll(".brief-body h2[id], .brief-body h3[id]");
    var current = "";
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top <= 80) current = headings[i].id;
    }
    return current || (location.hash ? location.hash.slice(1) : "");
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-lang-switch]");
    if (!link) return;
    var id = currentSection();
    if (id) link.hash = "#" + id;
  });
  // Opened from disk (file://) there is no server to turn "folder/" into "folder/index.html".
  if (location.protocol === "file:") {
    var links = document.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      if (/^[a-z]+:/i.test(href) || href.charAt(0) === "#") continue;
      links[i].setAttribute("href", href.replace(/\/(#|$)/, "/index.html$1"));
    }
  }
})();
