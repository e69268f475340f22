// Live readability score on the procedure editor: under the summary and the easy-to-read
// text, the Kandel & Moles score updates a second after the owner stops typing. The server
// computes it (the same code as "Vérifier la lisibilité"), so both always agree. Without
// JavaScript, the button gives the same report.
(function () {
  "use strict";
  var form = document.querySelector("form[data-readability-url]");
  if (!form || !window.fetch) {
    return;
  }
  var url = form.getAttribute("data-readability-url");
  ["summary", "falc"].forEach(function (id) {
    var area = document.getElementById(id);
    if (!area) {
      return;
    }
    // The page holds the status message, tied to its field by aria-describedby, so that
    // screen readers announce each new score (RGAA 7.5).
    var out = document.getElementById(id + "-live");
    if (!out) {
      return;
    }
    var timer = null;
    function update() {
      var body = new URLSearchParams();
      body.set("text", area.value);
      fetch(url, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (res) { return res.ok ? res.json() : null; })
        .then(function (r) {
          if (!r) {
            out.textContent = "";
            return;
          }
          var text = "Lisibilité : " + r.score + " (" + r.label + ")";
          if (r.warnings.length > 0) {
            text += " · " + r.warnings.length + (r.warnings.length > 1 ? " conseils" : " conseil") +
              " : utilisez « Vérifier la lisibilité » pour les lire.";
          }
          out.textContent = text;
          out.className = r.low ? "meta score-low" : "meta";
        })
        .catch(function () { out.textContent = ""; });
    }
    // Only typing asks for a score: the page already shows the score of what is saved.
    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 1000);
    });
  });
})();
