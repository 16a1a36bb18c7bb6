/* referat: search over case titles, texts and decisions without a server.
 * The index (assets/search/, written by compiler/emit_search.c) is split
 * into small files, each loaded when a query needs it by a <script>
 * element — not fetch, which pages opened from disk (file://) may not use.
 * Each file calls window.referatSearch(name, data):
 *   index  {cases, per_file, words: the first word of each word file}
 *   tN     [[word, cases, ranked cases], ...]   pN  [positions, ...]
 *   dN     [[heading, body, date, address, excerpt], ...]
 * A query: words (all must occur), "a phrase" (in that order), prefix*;
 * while typing, the last word is also a prefix. Words are folded exactly
 * as emit_search.c folds them: lower case, æ→ae, ø→o, å→a (and any run
 * of a's is one: "aa" is the old å), other accents dropped. */
(function () {
  "use strict";
  var BASE = "assets/search/";
  /* The index's version (search.html): on every address, so that a
   * browser's cache never mixes files of two builds. */
  var thisScript = document.currentScript;
  var VERSION = thisScript && thisScript.getAttribute("data-version")
    ? "?v=" + thisScript.getAttribute("data-version") : "";
  var PAGE = 10;               /* results shown at once */
  var PREFIX_FILES = 4;        /* word files one prefix may load */
  var PHRASE_CHEAP = 2000;     /* a phrase's words in so few cases have their positions checked */
  var loaded = {}, pending = {};

  window.referatSearch = function (name, data) {
    loaded[name] = data;
    (pending[name] || []).forEach(function (done) { done(data); });
    delete pending[name];
  };
  function load(name) {
    return new Promise(function (resolve) {
      if (name in loaded) { resolve(loaded[name]); return; }
      if (pending[name]) { pending[name].push(resolve); return; }
      pending[name] = [resolve];
      var script = document.createElement("script");
      script.src = BASE + name + ".js" + VERSION;
      script.onerror = function () { window.referatSearch(name, null); };
      document.head.appendChild(script);
    });
  }

  /* ---- words: the rule of emit_search.c ---- */
  var LATIN1 = ["a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
                "d", "n", "o", "o", "o", "o", "o", null, "o", "u", "u", "u", "u", "y", "th", "ss",
                "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
                "d", "n", "o", "o", "o", "o", "o", null, "o", "u", "u", "u", "u", "y", "th", "y"];
  var LATIN_A = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllllllln" +
                "nnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
  var WORD_MAX = 64;
  function isWordCode(c) {
    if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    if (c === 0xD7 || c === 0xF7) return false;
    return (c >= 0xC0 && c <= 0x24F) || (c >= 0x300 && c <= 0x36F) || (c >= 0x370 && c <= 0x1FFF) ||
           (c >= 0x2C00 && c <= 0x2DFF) || (c >= 0x3040 && c <= 0xD7FF);
  }
  function foldCode(c) {
    if (c < 0x80) return String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
    if (c >= 0xC0 && c <= 0xFF) return LATIN1[c - 0xC0];
    if (c >= 0x100 && c <= 0x17F) return LATIN_A[c - 0x100];
    if (c >= 0x300 && c <= 0x36F) return "";
    if ((c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F)) return String.fromCharCode(c + 0x20);
    if (c >= 0x400 && c <= 0x40F) return String.fromCharCode(c + 0x50);
    return String.fromCharCode(c);
  }
  function utf8Length(text) { return unescape(encodeURIComponent(text)).length; }
  /* The words of text: [{word, start, end}] with offsets into text (the
   * word is "" when it cannot be in the index). */
  function words(text) {
    var out = [], i = 0;
    while (i < text.length) {
      var c = text.codePointAt(i);
      if (!isWordCode(c)) { i += c > 0xFFFF ? 2 : 1; continue; }
      var start = i, raw = "";
      while (i < text.length && isWordCode(c = text.codePointAt(i))) { raw += foldCode(c); i++; }
      var word = raw.replace(/a+/g, "a");
      out.push({ word: word && utf8Length(word) <= WORD_MAX ? word : "", start: start, end: i });
    }
    return out;
  }
  window.referatSearchFold = function (text) {
    return words(text).map(function (w) { return w.word; }).filter(Boolean).join(" ");
  };

  /* ---- numbers as emit_search.c writes them ---- */
  var FINAL = "0123456789abcdefghijklmnopqrstuv", MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";
  function reader(text) {
    var at = 0;
    return {
      more: function () { return at < text.length; },
      next: function () {
        var n = 0, d;
        while ((d = MORE.indexOf(text[at])) >= 0) { n = n * 32 + d; at++; }
        n = n * 32 + FINAL.indexOf(text[at++]);
        return n;
      },
    };
  }
  /* A word's cases: [{id, count, heading, positions?}] in rank order. */
  function decode(cases, positions) {
    var out = [], r = reader(cases), p = positions === undefined ? null : reader(positions);
    while (r.more()) {
      var header = r.next(), size = r.next(), count = header >> 1, heading = (header & 1) === 1, id = 0;
      for (var k = 0; k < size; k++) {
        id = k === 0 ? r.next() : id - r.next() - 1;
        var hit = { id: id, count: count, heading: heading };
        if (p) {
          var list = [], at = 0;
          for (var n = 0; n < count; n++) { at = n === 0 ? p.next() : at + p.next() + 1; list.push(at); }
          hit.positions = list;
        }
        out.push(hit);
      }
    }
    return out;
  }

  /* ---- the directory ---- */
  var directory = null;
  var ready = load("index").then(function (data) { directory = data; });
  /* The word files that may hold `word`: one, or a large word's parts. */
  function filesOf(word) {
    var list = directory.words, lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] <= word) lo = mid + 1; else hi = mid; }
    var i = lo - 1;
    if (i < 0) return [];
    if (list[i] !== word) return [i];
    var first = i;
    while (first > 0 && list[first - 1] === word) first--;
    var parts = [];
    for (var k = first; k <= i; k++) parts.push(k);
    return parts;
  }
  /* The word files whose words may start with prefix, at most `most`; of
   * a large word only its first (best) part when `firstParts`. */
  function filesOfPrefix(prefix, firstParts, most) {
    var list = directory.words, lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < prefix) lo = mid + 1; else hi = mid; }
    /* The file before the first one starting at or after prefix may hold
     * words with it — unless that first file starts with prefix itself. */
    var out = lo > 0 && list[lo] !== prefix ? [lo - 1] : [], skipped = false;
    for (var i = lo; i < list.length && list[i].slice(0, prefix.length) === prefix; i++) {
      if (firstParts && list[i] === list[i - 1]) skipped = true;
      else out.push(i);
    }
    return { files: out.slice(0, most), cut: out.length > most, partial: skipped };
  }
  function loadWords(files, withPositions) {
    return Promise.all(files.map(function (i) {
      return Promise.all([load("t" + i), withPositions ? load("p" + i) : null]);
    }));
  }
  /* The cases of the words `match` accepts, merged per case. */
  function collect(files, fileData, match) {
    var byId = new Map(), total = 0, most = 0;
    files.forEach(function (file, f) {
      var entries = fileData[f][0] || [], positions = fileData[f][1];
      entries.forEach(function (entry, e) {
        if (!match(entry[0])) return;
        total += entry[1];
        most = Math.max(most, entry[1]);
        decode(entry[2], positions ? positions[e] : undefined).forEach(function (hit) {
          var seen = byId.get(hit.id);
          if (!seen) { byId.set(hit.id, hit); return; }
          seen.count += hit.count;
          seen.heading = seen.heading || hit.heading;
          if (hit.positions) seen.positions = (seen.positions || []).concat(hit.positions);
        });
      });
    });
    return { hits: byId, total: total, most: most };
  }

  /* ---- queries ---- */
  /* [{words: [...], phrase, prefix}] from the text typed. */
  function parse(query, typing) {
    var terms = [], parts = query.split('"');
    parts.forEach(function (part, i) {
      var quoted = i % 2 === 1 && i < parts.length - 1;
      if (quoted) {
        var phrase = words(part).map(function (w) { return w.word; });
        if (phrase.some(function (w) { return !w; })) phrase = [""];
        if (phrase.length === 1) terms.push({ words: phrase, prefix: false });
        else if (phrase.length > 1) terms.push({ words: phrase, phrase: true });
        return;
      }
      part.split(/\s+/).forEach(function (token) {
        var star = /\*$/.test(token);
        words(token).forEach(function (w, k, all) {
          terms.push({ words: [w.word], prefix: star && k === all.length - 1 && w.word.length > 0 });
        });
      });
    });
    if (typing && terms.length && !/[\s"*]$/.test(query)) {
      var last = terms[terms.length - 1];
      if (!last.phrase && last.words[0].length >= 3) last.prefix = true;
    }
    return terms;
  }

  /* Resolves to {results: [{id, title, count}], total, partial, cut}. */
  function run(query, typing, whole) {
    var terms = parse(query, typing);
    if (!terms.length) return Promise.resolve(null);
    if (terms.some(function (t) { return t.words.some(function (w) { return !w; }); }))
      return Promise.resolve({ results: [], total: 0 });
    /* One word or one prefix alone: the first (best) part of a large word
     * suffices for the first results; the next ones load the rest. */
    var single = terms.length === 1 && !terms[0].phrase;
    var cut = false, partial = false, least = 0;
    return ready.then(function () {
      return Promise.all(terms.map(function (term) {
        if (term.prefix) {
          var range = filesOfPrefix(term.words[0], single && !whole, whole ? 2 * PREFIX_FILES : PREFIX_FILES);
          cut = cut || range.cut;
          partial = partial || range.partial;
          return loadWords(range.files, false).then(function (data) {
            var found = collect(range.files, data, function (w) { return w.slice(0, term.words[0].length) === term.words[0]; });
            least = found.most;
            return [found];
          });
        }
        var lists = Promise.all(term.words.map(function (word) {
          var files = filesOf(word);
          /* One word: its first (best) part suffices for the first pages. */
          if (single && !whole) {
            partial = files.length > 1;
            files = files.slice(0, 1);
          }
          return loadWords(files, false).then(function (data) {
            var found = collect(files, data, function (w) { return w === word; });
            found.word = word;
            found.files = files;
            return found;
          });
        }));
        if (!term.phrase) return lists;
        /* A phrase: the positions of its two rarest words (and of every
         * word in at most PHRASE_CHEAP cases) are checked to stand as in
         * the phrase; a word more common than those need only be in the
         * case — its positions are what a phrase would cost most. */
        return lists.then(function (lists) {
          var order = lists.map(function (list, k) { return k; }).sort(function (a, b) {
            return lists[a].total - lists[b].total || a - b;
          });
          var checked = order.filter(function (k, rank) { return rank < 2 || lists[k].total <= PHRASE_CHEAP; });
          return Promise.all(checked.map(function (k) {
            return loadWords(lists[k].files, true).then(function (data) {
              return collect(lists[k].files, data, function (w) { return w === lists[k].word; });
            });
          })).then(function (positioned) {
            lists.phrase = checked.map(function (k, i) { return { offset: k, list: positioned[i] }; });
            return lists;
          });
        });
      }));
    }).then(function (found) {
      var scored = null;
      found.forEach(function (lists, t) {
        var term = terms[t], matches = new Map();
        /* A case has the term if it has every word (of a phrase: in a row). */
        lists[0].hits.forEach(function (hit, id) {
          var all = lists.every(function (list) { return list.hits.has(id); });
          if (!all) return;
          if (term.phrase) {
            var first = lists.phrase[0];
            var ok = first.list.hits.get(id).positions.some(function (at) {
              var start = at - first.offset;
              return lists.phrase.every(function (c) { return c.list.hits.get(id).positions.indexOf(start + c.offset) >= 0; });
            });
            if (!ok) return;
          }
          var heading = 0, count = 0;
          lists.forEach(function (list) { var h = list.hits.get(id); count += h.count; heading += h.heading ? 1 : 0; });
          matches.set(id, { id: id, heading: heading === lists.length ? 1 : 0, count: count });
        });
        if (!scored) { scored = matches; return; }
        var next = new Map();
        scored.forEach(function (s, id) {
          var m = matches.get(id);
          if (m) next.set(id, { id: id, heading: s.heading + m.heading, count: s.count + m.count });
        });
        scored = next;
      });
      /* Heading hits first, then occurrences, then the newest case. */
      var results = Array.from(scored.values()).sort(function (a, b) {
        return b.heading - a.heading || b.count - a.count || b.id - a.id;
      });
      /* Partial: one word's count is known (the index has it); of a
       * prefix only that it is at least its most frequent word's. */
      var total = !partial ? results.length : terms[0].prefix ? Math.max(least, results.length) : found[0][0].total;
      return { results: results, total: total, partial: partial, atLeast: partial && terms[0].prefix, cut: cut,
               terms: terms };
    });
  }
  /* The cases' headings, addresses and excerpts. */
  function details(ids) {
    var per = directory.per_file;
    return Promise.all(ids.map(function (id) { return load("d" + Math.floor(id / per)); })).then(function (files) {
      return ids.map(function (id, i) { return files[i] ? files[i][id % per] : null; });
    });
  }
  window.referatSearchQuery = function (query, typing) {
    return run(query, typing, false).then(function (found) {
      if (!found) return null;
      return details(found.results.slice(0, PAGE).map(function (r) { return r.id; })).then(function (shown) {
        found.shown = shown;
        return found;
      });
    });
  };

  /* ---- the page ---- */
  var form = document.querySelector("form.search");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  if (!form || !input) return;
  var english = document.documentElement.lang === "en";
  var latest = 0, current = null;
  /* The excerpt, with the words the query matched marked. */
  function excerpt(text, terms) {
    var paragraph = document.createElement("p"), at = 0;
    words(text).forEach(function (w) {
      var hit = w.word && terms.some(function (t) {
        return t.words.some(function (q) { return t.prefix ? w.word.slice(0, q.length) === q : w.word === q; });
      });
      if (!hit) return;
      paragraph.appendChild(document.createTextNode(text.slice(at, w.start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(w.start, w.end);
      paragraph.appendChild(mark);
      at = w.end;
    });
    paragraph.appendChild(document.createTextNode(text.slice(at)));
    return paragraph;
  }
  function show(entries, terms) {
    entries.forEach(function (e) {
      if (!e) return;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = e[3];
      link.textContent = e[0];
      var meta = document.createElement("div");
      meta.textContent = e[1] + ", " + e[2];
      item.appendChild(link);
      item.appendChild(meta);
      item.appendChild(excerpt(e[4], terms));
      list.appendChild(item);
    });
  }
  function count(found) {
    var text = (found.atLeast ? (english ? "at least " : "minst ") : "") + found.total + (english ? " results" : " treff");
    if (found.cut) text += english ? " (the prefix matches many words: the first ones were searched)"
                                   : " (mange ord begynner slik: de første ble søkt i)";
    return text;
  }
  function search(query, typing) {
    var mine = ++latest;
    window.referatSearchQuery(query, typing).then(function (found) {
      if (mine !== latest) return;
      list.textContent = "";
      current = found;
      if (found) { found.query = query; found.typing = typing; }
      if (more) more.hidden = true;
      if (!found) { status.textContent = ""; return; }
      status.textContent = count(found);
      show(found.shown, found.terms);
      if (more) more.hidden = found.total <= PAGE;
    });
  }
  /* The next page of results: for a large word, its other parts first. */
  function showMore() {
    var found = current, mine = latest;
    if (!found) return;
    var next = found.partial && list.children.length + PAGE > found.results.length
      ? run(found.query, found.typing, true) : Promise.resolve(found);
    next.then(function (all) {
      if (mine !== latest) return;
      all.query = found.query;
      all.typing = found.typing;
      current = all;
      status.textContent = count(all);
      var shown = list.children.length;
      return details(all.results.slice(shown, shown + PAGE).map(function (r) { return r.id; })).then(function (entries) {
        if (mine !== latest) return;
        show(entries, all.terms);
        if (more) more.hidden = list.children.length >= all.total;
      });
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value, false);
  });
  input.addEventListener("input", function () { search(input.value, true); });
  if (more) more.addEventListener("click", showMore);
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { input.value = query; search(query, false); }
})();
