/* referat: search over case titles, texts and decisions without a server.
 * The index is loaded by a <script> element (search-index.js), so this
 * works from file:// too. Each entry: [title, body, date, url, text]. */
(function () {
  "use strict";
  var index = window.REFERAT_SEARCH_INDEX || [];
  var form = document.querySelector("form.search");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input) return;
  function normalise(text) { return text.toLowerCase().normalize("NFC"); }
  var haystacks = index.map(function (e) { return normalise(e[0] + " " + e[4]); });
  function snippet(text, word) {
    var at = normalise(text).indexOf(word);
    var start = Math.max(0, at - 60);
    return (start > 0 ? "…" : "") + text.slice(start, start + 180) + (start + 180 < text.length ? "…" : "");
  }
  function search(query) {
    var words = normalise(query).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var hits = [];
    haystacks.forEach(function (h, i) {
      if (words.every(function (w) { return h.indexOf(w) >= 0; })) hits.push(index[i]);
    });
    status.textContent = hits.length + (document.documentElement.lang === "en" ? " results" : " treff");
    hits.slice(0, 200).forEach(function (e) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = e[3];
      link.textContent = e[0];
      var meta = document.createElement("div");
      meta.textContent = e[1] + ", " + e[2];
      var text = document.createElement("p");
      text.textContent = snippet(e[4], words[0]);
      item.appendChild(link);
      item.appendChild(meta);
      item.appendChild(text);
      list.appendChild(item);
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
  });
  input.addEventListener("input", function () { search(input.value); });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { input.value = query; search(query); }
})();
