// Filter: keep the cards and rows whose text holds every word typed (and,
// with "conflicts only", that are in conflict). Runs offline; loads nothing.
(function () {
  var box = document.getElementById("filter");
  var only = document.getElementById("conflicts-only");
  var shown = document.getElementById("shown");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-text]"));
  function apply() {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var n = 0;
    items.forEach(function (el) {
      var text = el.getAttribute("data-text");
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
      if (only.checked && !el.classList.contains("has-conflict")) ok = false;
      el.hidden = !ok;
      if (ok) n += 1;
    });
    shown.textContent = words.length || only.checked ? n + " of " + items.length + " shown" : "";
  }
  box.addEventListener("input", apply);
  only.addEventListener("change", apply);
  var q = new URLSearchParams(location.search).get("q");
  if (q) { box.value = q; }
  apply();
})();
