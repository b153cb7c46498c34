// Ping'an Briefs search: runs in the browser on the index the build wrote (search/index.js, loaded
// just before this script as window.briefsSearchIndex). No server, no framework: works on any static
// host and from disk.
//
// The index maps each word of every section to [document, weight] pairs. Its words come from ICU's
// word segmentation at build time, so Chinese text is split into dictionary words (矛盾纠纷化解率 →
// 矛盾 纠纷 化解 率). A query is split the same way with Intl.Segmenter (ICU too, in the browser), and
// each of its words matches every indexed word it begins: "mediat" finds "mediation", 纠纷 finds 纠纷.
// A document must match every word of the query; a run of Chinese characters in the query must also
// appear as written (网格 is not 网 … 格).
(function (global) {
  "use strict";

  var HAN = /[\u3400-\u9fff\uf900-\ufaff]+/g;

  function unique(list) {
    var seen = {}, out = [];
    for (var i = 0; i < list.length; i++) {
      if (list[i] && !seen[list[i]]) {
        seen[list[i]] = true;
        out.push(list[i]);
      }
    }
    return out;
  }

  /** The words of a query, lower-cased, as the index keeps them. */
  function tokens(query, lang) {
    var q = String(query).toLowerCase();
    var out = [];
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
      var segments = new Intl.Segmenter(lang === "zh" ? "zh" : "en", { granularity: "word" }).segment(q);
      for (var it = segments[Symbol.iterator](), s = it.next(); !s.done; s = it.next()) {
        if (s.value.isWordLike) out.push(s.value.segment);
      }
    } else {
      // Without a segmenter: words between spaces and punctuation, and each Chinese character alone
      // (every word of the index that starts with it matches; the phrase rule below keeps it precise).
      var parts = q.split(/[\s.,;:!?'"()\[\]{}\u3000-\u303f\uff00-\uff0f\uff1a-\uff20]+/);
      for (var i = 0; i < parts.length; i++) {
        var p = parts[i].replace(HAN, function (han) { return " " + han.split("").join(" ") + " "; });
        out = out.concat(p.split(/\s+/));
      }
    }
    return unique(out);
  }

  /** Endings tried when a word matches nothing as typed ("mediating" → "mediat"). */
  function stems(word) {
    var out = [];
    var endings = ["ations", "ation", "ings", "ing", "ions", "ion", "ies", "es", "ed", "s", "e"];
    for (var i = 0; i < endings.length; i++) {
      var e = endings[i];
      if (/^[a-z]+$/.test(word) && word.length - e.length >= 4 && word.slice(-e.length) === e) out.push(word.slice(0, -e.length));
    }
    return out;
  }

  /** The index as the build writes it is one part per brief, with document numbers local to the part:
   *  joined here into one list of documents and one map of terms, and the terms sorted. */
  function prepare(index) {
    if (index.keys) return index;
    var docs = [], terms = Object.create(null);
    var parts = index.parts || [];
    for (var p = 0; p < parts.length; p++) {
      var offset = docs.length;
      for (var d = 0; d < parts[p].docs.length; d++) docs.push(parts[p].docs[d]);
      var local = parts[p].terms;
      for (var term in local) {
        var list = local[term], into = terms[term] || (terms[term] = []);
        for (var i = 0; i + 1 < list.length; i += 2) into.push(list[i] + offset, list[i + 1]);
      }
    }
    index.docs = docs;
    index.terms = terms;
    index.keys = Object.keys(terms).sort();
    return index;
  }

  /** Indexed words starting with `prefix`: a binary search in the sorted word list. */
  function wordsStartingWith(index, prefix) {
    var keys = index.keys, lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    var out = [];
    for (var i = lo; i < keys.length && keys[i].lastIndexOf(prefix, 0) === 0; i++) out.push(keys[i]);
    return out;
  }

  /** For one query word: document → weight, summed over the indexed words it matches. */
  function postings(index, word) {
    var words = wordsStartingWith(index, word);
    if (!words.length) {
      var alt = stems(word);
      for (var a = 0; a < alt.length && !words.length; a++) words = wordsStartingWith(index, alt[a]);
    }
    var found = {};
    for (var w = 0; w < words.length; w++) {
      var list = index.terms[words[w]];
      var exact = words[w] === word ? 1 : 0.7;
      for (var i = 0; i + 1 < list.length; i += 2) found[list[i]] = (found[list[i]] || 0) + list[i + 1] * exact;
    }
    return found;
  }

  function contains(doc, phrase) {
    return (doc[3] + " " + doc[4] + " " + doc[1]).toLowerCase().indexOf(phrase) !== -1;
  }

  /** The documents matching `query`, best first: [{doc, score}]. */
  function search(index, query) {
    prepare(index);
    var lang = index.lang;
    var words = tokens(query, lang);
    if (!words.length) return [];
    var phrases = String(query).toLowerCase().match(HAN) || [];
    var total = index.docs.length;
    var scores = null;
    for (var w = 0; w < words.length; w++) {
      var found = postings(index, words[w]);
      var ids = Object.keys(found);
      var idf = Math.log(1 + total / Math.max(1, ids.length));
      var next = {};
      for (var i = 0; i < ids.length; i++) {
        if (scores && !(ids[i] in scores)) continue;  // every word must match
        next[ids[i]] = (scores ? scores[ids[i]] : 0) + idf * Math.log(1 + found[ids[i]]);
      }
      scores = next;
    }
    var whole = String(query).trim().toLowerCase();
    var results = [];
    for (var id in scores) {
      var doc = index.docs[id];
      var ok = true;
      for (var p = 0; p < phrases.length && ok; p++) ok = contains(doc, phrases[p]);
      if (!ok) continue;
      var score = scores[id];
      if (doc[3].toLowerCase().indexOf(whole) !== -1) score *= 1.5;  // the query in the section's heading
      if (doc[1].toLowerCase().indexOf(whole) !== -1) score *= 1.5;  // or in the region's name
      results.push({ doc: Number(id), score: score });
    }
    results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return results;
  }

  /** What to highlight: the query's Chinese runs and its words, longest first. */
  function needles(query, lang) {
    var list = (String(query).toLowerCase().match(HAN) || []).concat(tokens(query, lang));
    return unique(list).sort(function (a, b) { return b.length - a.length; });
  }

  /** A window of `text` around the first match: {text, marks: [[start, end]...]} (UTF-16 offsets). */
  function snippet(text, query, lang, size) {
    var lower = text.toLowerCase();
    var find = needles(query, lang);
    var first = -1;
    for (var i = 0; i < find.length; i++) {
      var at = lower.indexOf(find[i]);
      if (at !== -1 && (first === -1 || at < first)) first = at;
    }
    size = size || (lang === "zh" ? 90 : 220);
    var start = first <= 0 ? 0 : Math.max(0, first - Math.floor(size / 4));
    if (start > 0 && lang !== "zh") {
      var space = text.indexOf(" ", start);
      if (space !== -1 && space < first) start = space + 1;
    }
    var end = Math.min(text.length, start + size);
    if (end < text.length && lang !== "zh") {
      var cut = text.lastIndexOf(" ", end);
      if (cut > first) end = cut;
    }
    // Never split a surrogate pair.
    if (start > 0 && /[\udc00-\udfff]/.test(text.charAt(start))) start--;
    if (end < text.length && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end++;
    var part = text.slice(start, end);
    var low = part.toLowerCase();
    var taken = [];
    for (var n = 0; n < find.length; n++) {
      for (var from = low.indexOf(find[n]); from !== -1; from = low.indexOf(find[n], from + find[n].length)) {
        var to = from + find[n].length, overlaps = false;
        for (var t = 0; t < taken.length && !overlaps; t++) overlaps = from < taken[t][1] && to > taken[t][0];
        if (!overlaps) taken.push([from, to]);
      }
    }
    taken.sort(function (a, b) { return a[0] - b[0]; });
    return { text: part, marks: taken, before: start > 0, after: end < text.length };
  }

  var api = { tokens: tokens, search: search, snippet: snippet };
  global.briefsSearch = api;

  // ---- The search page -------------------------------------------------------------------------
  var doc = global.document;
  var status = doc && doc.getElementById("search-status");
  var list = doc && doc.getElementById("search-results");
  if (!status || !list) return;
  var lang = status.getAttribute("data-lang");
  var root = status.getAttribute("data-root");
  var input = doc.getElementById("search-q");
  var index = global.briefsSearchIndex && prepare(global.briefsSearchIndex);

  function message(name, n, q) {
    // Functions, not strings, as replacements: a query such as "$&" must be shown as typed.
    return status.getAttribute("data-" + name)
      .replace("{n}", function () { return String(n); })
      .replace("{q}", function () { return q; });
  }

  function append(parent, tag, className, text) {
    var el = doc.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  function show(query) {
    list.textContent = "";
    var q = query.trim();
    if (!q) {
      status.textContent = "";
      return;
    }
    if (!index) {
      status.textContent = status.getAttribute("data-failed");
      return;
    }
    var results = search(index, q);
    var plural = typeof Intl !== "undefined" && Intl.PluralRules ? new Intl.PluralRules(lang).select(results.length) : "other";
    status.textContent = results.length ? message(plural === "one" ? "one" : "other", results.length, q) : message("none", 0, q);
    var shown = Math.min(results.length, 50);
    for (var i = 0; i < shown; i++) {
      var d = index.docs[results[i].doc];
      var li = append(list, "li", "search-result");
      var a = append(li, "a", "result-link");
      a.href = root + d[0];
      if (location.protocol === "file:") a.href = root + d[0].replace(/\/(#|$)/, "/index.html$1");
      append(a, "span", "result-heading", d[3]);
      append(li, "p", "result-region meta", d[1] + " · " + d[2]);
      var s = snippet(d[4], q, lang);
      if (!s.text) continue;
      var p = append(li, "p", "result-snippet");
      var at = 0;
      if (s.before) p.appendChild(doc.createTextNode("…"));
      for (var m = 0; m < s.marks.length; m++) {
        p.appendChild(doc.createTextNode(s.text.slice(at, s.marks[m][0])));
        append(p, "mark", "", s.text.slice(s.marks[m][0], s.marks[m][1]));
        at = s.marks[m][1];
      }
      p.appendChild(doc.createTextNode(s.text.slice(at)));
      if (s.after) p.appendChild(doc.createTextNode("…"));
    }
  }

  var params = new URLSearchParams(location.search);
  var initial = params.get("q") || "";
  var boxes = doc.querySelectorAll("input[name=q]");
  for (var b = 0; b < boxes.length; b++) boxes[b].value = initial;
  show(initial);

  // Results follow the typing; the address keeps the query (for the back button and for sharing).
  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      show(input.value);
      var url = new URL(location.href);
      if (input.value.trim()) url.searchParams.set("q", input.value.trim());
      else url.searchParams.delete("q");
      try {
        history.replaceState(null, "", url.href);
      } catch (e) {
        // Some browsers refuse to change the address of a page opened from disk: results still show.
      }
    }, 150);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    show(input.value);
  });
})(typeof window !== "undefined" ? window : globalThis);
