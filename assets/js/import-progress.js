// Progress of a running import or check, without reloading the page: the counts are read
// every two seconds and the page is loaded again once the run is over. Without JavaScript
// the page has a link that does the same by hand.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) { return; }
  var url = box.getAttribute("data-progress-url");
  var bar = document.getElementById("import-bar");
  function tick() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (!p) { return; }
        if (p.state !== "checking" && p.state !== "importing") {
          window.location.reload();
          return;
        }
        if (bar) { bar.value = p.done; }
        setTimeout(tick, 2000);
      })
      .catch(function () { setTimeout(tick, 5000); });
  }
  setTimeout(tick, 2000);
})();
