// Ping'an Briefs search: runs in the browser on the index the build wrote in <lang>/search/. No server,
// no framework: works on any static host and from disk.
//
// The index is split so that a query downloads little of it: meta.js (how many documents and word
// buckets), w/<k>.js (the terms whose first two characters hash to k, each with the sections it is
// in and a weight), and t/<n>.js (brief n's result texts, fetched when one of its sections is shown).
// Each file is a script calling briefsSearchLoad(name, data): <script> elements load it from any host
// and from disk (file://), where fetch() is not allowed.
//
// Words other than Chinese come from ICU's word segmentation at build time; a query is split the same
// way with Intl.Segmenter, and each word matches every indexed word it begins ("mediat" finds
// "mediation"). Every word of the query must match. A run of Chinese characters must appear as
// written: every pair of adjacent characters (and every character, for a query of one) is indexed, so
// a section that has 信访 is found even where ICU split it as 和信|访, and 格网 does not find 网格.
// Topic pages and glossary terms are documents too, after the briefs (meta.pages).
(function (global) {
  "use strict";

  var HAN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
  var SECTIONS = 32; // a document is brief * 32 + section
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var VALUE = [];
  for (var v = 0; v < DIGITS.length; v++) VALUE[DIGITS.charCodeAt(v)] = v;
  var PAGE = 10; // results shown at a time

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
      out = q.split(/[\s.,;:!?'"()\[\]{}\u3000-\u303f\uff00-\uff0f\uff1a-\uff20]+/);
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

  /** The bucket of a key: FNV-1a over its code points, as the build computes it. */
  function bucket(key, buckets) {
    var h = 2166136261;
    for (var it = key[Symbol.iterator](), c = it.next(); !c.done; c = it.next()) {
      h = (h ^ c.value.codePointAt(0)) >>> 0;
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h % buckets;
  }
  /** A term's key: its kind and first characters (one for a character, two for a pair or a word that
   *  starts with a Chinese character, four for other words). */
  function keyOf(kind, term) {
    var chars = Array.from(term);
    HAN.lastIndex = 0;
    var n = kind === "c" ? 1 : kind === "p" || HAN.test(chars[0] || "") ? 2 : 4;
    HAN.lastIndex = 0;
    return kind + chars.slice(0, n).join("");
  }

  /** Adds a term's postings (the build's encoding: see encode in search_index.cpp) to `found`
   *  (document → weight), each weight times `factor`. */
  function decode(str, factor, found) {
    var i = 0, common = str.charAt(0) === "~";
    if (common) i = 1;
    function next() {
      var value = 0, scale = 1;
      for (;;) {
        var c = VALUE[str.charCodeAt(i++)];
        if (c === undefined) return value;
        if (c < 32) return value + c * scale;
        value += (c - 32) * scale;
        scale *= 32;
      }
    }
    var brief = 0;
    while (i < str.length) {
      brief += next();
      var mask = next(), heavy = common ? next() : 0;
      for (var s = 0; mask > 0; s++, mask = Math.floor(mask / 2), heavy = Math.floor(heavy / 2)) {
        if (mask % 2 !== 1) continue;
        var w = common ? (heavy % 2 === 1 ? 3 : 1) : next();
        var d = brief * SECTIONS + s;
        found[d] = (found[d] || 0) + w * factor;
      }
    }
  }

  /** What a query asks for: groups of terms, each {kind, text, prefix, required}. A run of Chinese
   *  characters is looked up by its pairs (a character alone by itself): each must be in the section,
   *  which is what "as written" needs; other words by their beginnings. */
  function plan(query, lang) {
    var q = String(query).toLowerCase();
    var runs = unique(q.match(HAN) || []);
    var groups = [];
    for (var r = 0; r < runs.length; r++) {
      var chars = Array.from(runs[r]);
      if (chars.length === 1) groups.push({ kind: "c", text: chars[0], required: true });
      for (var i = 0; i + 1 < chars.length; i++) groups.push({ kind: "p", text: chars[i] + chars[i + 1], required: true });
    }
    var words = tokens(query.replace(HAN, " "), lang);
    for (var w = 0; w < words.length; w++) {
      // A letter alone ("b" of "<b>mediation</b>") only adds to the score; a word shorter than a
      // bucket's key (four characters) is looked up whole.
      var n = Array.from(words[w]).length;
      groups.push({ kind: "w", text: words[w], prefix: n >= 4, required: n > 1 });
    }
    return unique(groups.map(JSON.stringify)).map(JSON.parse);
  }

  /** An index in `lang`'s folder; `load(name, path)` resolves to the data of one of its files. */
  function open(lang, load, metaPath) {
    var meta = null, files = {};
    function file(name, path) {
      if (!files[name]) files[name] = load(name, path);
      return files[name];
    }
    function ready() {
      return file("meta", metaPath || "meta.js").then(function (m) {
        if (!m || typeof m.buckets !== "number") throw new Error("search index: no meta");
        meta = m;
        return m;
      });
    }
    function chunk(key) {
      var k = bucket(key, meta.buckets);
      return file("w" + k, "w/" + k + ".js?v=" + meta.v);
    }

    /** For one group: document → weight. */
    function postings(group) {
      var text = group.text;
      return chunk(keyOf(group.kind, text)).then(function (data) {
        var table = (data && data[group.kind]) || {};
        var own = Object.prototype.hasOwnProperty;
        var terms = [];
        if (group.prefix) {
          var find = function (prefix) {
            var out = [];
            for (var t in table) if (own.call(table, t) && t.lastIndexOf(prefix, 0) === 0) out.push(t);
            return out;
          };
          terms = find(text);
          var alt = stems(text);
          for (var a = 0; a < alt.length && !terms.length; a++) terms = find(alt[a]);
        } else if (own.call(table, text)) {
          terms = [text];
        }
        var found = {};
        for (var i = 0; i < terms.length; i++) decode(table[terms[i]], terms[i] === text ? 1 : 0.7, found);
        return found;
      });
    }

    /** The documents matching `query`, best first: [{doc, score}] (doc = brief * 32 + section). */
    function search(query) {
      var groups = plan(query, lang);
      if (!groups.length) return Promise.resolve([]);
      return ready().then(function () {
        return Promise.all(groups.map(postings));
      }).then(function (lists) {
        var scores = null;
        // Required groups narrow (every one must match); the others only add to the score.
        for (var pass = 0; pass < 2; pass++) {
          for (var g = 0; g < groups.length; g++) {
            var found = lists[g];
            if (!found || groups[g].required !== (pass === 0)) continue;
            var ids = Object.keys(found);
            var idf = Math.log(1 + meta.docs / Math.max(1, ids.length));
            if (pass === 0) {
              var next = {};
              for (var i = 0; i < ids.length; i++) {
                if (scores && !(ids[i] in scores)) continue;
                next[ids[i]] = (scores ? scores[ids[i]] : 0) + idf * Math.log(1 + found[ids[i]]);
              }
              scores = next;
            } else {
              if (!scores) scores = {}; // nothing narrowed: what the optional words find, checked when shown
              var open = !groups.some(function (x, n) { return x.required && lists[n]; });
              for (var k = 0; k < ids.length; k++) {
                if (ids[k] in scores || open) scores[ids[k]] = (scores[ids[k]] || 0) + idf * Math.log(1 + found[ids[k]]);
              }
            }
          }
        }
        var results = [];
        // A topic or glossary page (from brief number meta.pages on) ranks below the briefs that say as much.
        var pages = typeof meta.pages === "number" ? meta.pages * SECTIONS : Infinity;
        for (var id in scores || {}) results.push({ doc: Number(id), score: Number(id) >= pages ? scores[id] / 2 : scores[id] });
        results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
        return results;
      });
    }

    /** A document's texts: [url, region, period, heading, text]. */
    function texts(doc) {
      var n = Math.floor(doc / SECTIONS), s = doc % SECTIONS;
      return ready().then(function () {
        return file("t" + n, "t/" + n + ".js?v=" + meta.v);
      }).then(function (t) {
        var sec = t[3][s] || ["", "", ""];
        return [t[0] + (sec[0] ? "#" + sec[0] : ""), t[1], t[2], sec[1], sec[2]];
      });
    }

    /** Whether a document's texts hold every Chinese run of the query as written. */
    function holds(d, query) {
      var runs = String(query).toLowerCase().match(HAN) || [];
      var all = (d[3] + " " + d[4] + " " + d[1]).toLowerCase();
      for (var i = 0; i < runs.length; i++) if (all.indexOf(runs[i]) === -1) return false;
      return true;
    }

    return { search: search, texts: texts, holds: holds, meta: function () { return ready(); } };
  }

  /** What to highlight: the query's Chinese runs (every result holds them as written) and its other
   *  words, longest first; not a character or pair of a run on its own (网 of 网格 elsewhere in the text). */
  function needles(query, lang) {
    var runs = String(query).toLowerCase().match(HAN) || [];
    var words = tokens(query, lang).filter(function (w) {
      return !runs.some(function (r) { return r.indexOf(w) !== -1; });
    });
    return unique(runs.concat(words)).sort(function (a, b) { return b.length - a.length; });
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

  var api = { tokens: tokens, open: open, snippet: snippet, bucket: bucket, PAGE: PAGE };
  global.briefsSearch = api;

  // ---- The search page -------------------------------------------------------------------------
  var doc = global.document;
  var status = doc && doc.getElementById("search-status");
  var list = doc && doc.getElementById("search-results");
  if (!status || !list) return;
  var lang = status.getAttribute("data-lang");
  var root = status.getAttribute("data-root");
  var input = doc.getElementById("search-q");
  var more = doc.getElementById("search-more");

  // Files arrive as scripts calling briefsSearchLoad(name, data); each is loaded once.
  var arrived = {};
  global.briefsSearchLoad = function (name, data) {
    arrived[name] = data;
  };
  function load(name, path) {
    return new Promise(function (resolve, reject) {
      var el = doc.createElement("script");
      el.src = path;
      el.async = true;
      el.onload = function () {
        if (name in arrived) resolve(arrived[name]);
        else reject(new Error(path));
      };
      el.onerror = function () { reject(new Error(path)); };
      doc.head.appendChild(el);
    });
  }
  var index = open(lang, load, status.getAttribute("data-index"));
  api.index = index; // for tests: the page's own index

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

  function render(d, q) {
    var li = append(list, "li", "search-result");
    var a = append(li, "a", "result-link");
    a.href = root + d[0];
    if (location.protocol === "file:") a.href = root + d[0].replace(/\/(#|$)/, "/index.html$1");
    append(a, "span", "result-heading", d[3]);
    append(li, "p", "result-region meta", d[2] ? d[1] + " · " + d[2] : d[1]); // a topic or glossary term has no period
    var s = snippet(d[4], q, lang);
    if (!s.text) return;
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

  var current = 0; // the query being shown; an older query's late answer is dropped
  var state = null;

  /** The texts of the next PAGE results of the current query (fetched together). */
  function nextPage() {
    var batch = state.results.slice(state.next, state.next + PAGE);
    state.next += batch.length;
    return Promise.all(batch.map(function (r) { return index.texts(r.doc); }));
  }

  /** Shows a page of results: a query's first page together with its status, in one step. */
  function showPage(docs, token, first) {
    if (token !== current) return;
    if (first) {
      list.textContent = "";
      var n = state.results.length, q = state.q;
      var plural = typeof Intl !== "undefined" && Intl.PluralRules ? new Intl.PluralRules(lang).select(n) : "other";
      status.textContent = n ? message(plural === "one" ? "one" : "other", n, q) : message("none", 0, q);
      var other = lang === "en" ? HAN.test(q) : !HAN.test(q) && /[a-z]/i.test(q);
      HAN.lastIndex = 0;
      if (!n && other && status.getAttribute("data-elsewhere")) {
        // A query in the other language's script: where to search for it instead.
        status.appendChild(doc.createTextNode(" "));
        var there = append(status, "a", "search-elsewhere", status.getAttribute("data-elsewhere"));
        there.href = status.getAttribute("data-elsewhere-href") + (location.protocol === "file:" ? "index.html" : "") + "?q=" + encodeURIComponent(q);
      }
    }
    // A result whose texts lack a Chinese run of the query as written (its pairs are all there, but
    // apart) is left out.
    for (var i = 0; i < docs.length; i++) if (index.holds(docs[i], state.q)) render(docs[i], state.q);
    if (more) more.hidden = state.next >= state.results.length;
  }

  function show(query) {
    var token = ++current;
    var q = query.trim();
    if (!q) {
      list.textContent = "";
      if (more) more.hidden = true;
      status.textContent = "";
      return Promise.resolve();
    }
    // The previous results stay until the new ones are ready; a slow network gets a word after a while.
    var slow = setTimeout(function () {
      if (token === current) status.textContent = status.getAttribute("data-loading") || "";
    }, 500);
    return index.search(q).then(function (results) {
      if (token !== current) return;
      state = { q: q, results: results, next: 0 };
      return nextPage().then(function (docs) {
        clearTimeout(slow);
        showPage(docs, token, true);
      });
    }).catch(function () {
      clearTimeout(slow);
      if (token === current) status.textContent = status.getAttribute("data-failed");
    });
  }

  if (more) {
    more.addEventListener("click", function () {
      if (!state) return;
      var token = current;
      nextPage().then(function (docs) { showPage(docs, token, false); });
    });
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
