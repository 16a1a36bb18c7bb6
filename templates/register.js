/* referat: filter and sort the case register without a server. The table
 * is complete without this script; it only adds filtering and sorting. */
(function () {
  "use strict";
  var table = document.getElementById("register");
  var input = document.getElementById("register-filter");
  var count = document.getElementById("register-count");
  if (!table || !input) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  function normalise(text) { return text.toLowerCase().normalize("NFC"); }
  var texts = rows.map(function (row) { return normalise(row.textContent); });
  function filter() {
    var words = normalise(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row, i) {
      var visible = words.every(function (word) { return texts[i].indexOf(word) >= 0; });
      row.hidden = !visible;
      if (visible) shown++;
    });
    count.textContent = shown + " / " + rows.length;
  }
  input.addEventListener("input", filter);
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(table.tHead.querySelectorAll("button"), function (button) {
    button.addEventListener("click", function () {
      var column = Number(button.getAttribute("data-column"));
      var cell = headers[column];
      var ascending = cell.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
      cell.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      function key(row) {
        var c = row.cells[column];
        return c.getAttribute("data-sort") || c.textContent;
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      texts = rows.map(function (row) { return normalise(row.textContent); });
    });
  });
  filter();
})();
