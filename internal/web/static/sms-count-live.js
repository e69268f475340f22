// Live SMS count on the template editor: under the text, the encoding, the
// number of parts and the characters left update as the owner types. The
// server counts (the same code as "Vérifier"), so both always agree.
// Without JavaScript, "Vérifier" gives the same sentence.
(function () {
  "use strict";
  var form = document.querySelector("form[data-sms-count-url]");
  var area = document.getElementById("body");
  var out = document.getElementById("sms-count");
  if (!form || !area || !out || !window.fetch) {
    return;
  }
  var url = form.getAttribute("data-sms-count-url");
  var timer = null;
  function update() {
    var body = new URLSearchParams();
    body.set("body", area.value);
    var keep = form.querySelector("input[name=transliterate]:checked");
    body.set("transliterate", keep ? keep.value : "non");
    fetch(url, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (r) {
        if (r) {
          out.textContent = r.text;
        }
      })
      .catch(function () {});
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(update, 300);
  }
  area.addEventListener("input", later);
  form.addEventListener("change", later);
})();
