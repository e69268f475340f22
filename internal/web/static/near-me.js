// "Autour de moi" on the help places search: the button is in the page but
// hidden, so that without JavaScript (or without geolocation) only the town
// field shows. The position is asked only when the person clicks, rounded
// to about 100 m, put in the form's hidden lat and lon fields, and the form
// is sent like any search.
(function () {
  "use strict";
  var button = document.getElementById("near-me");
  if (!button || !button.form || !("geolocation" in navigator)) {
    return;
  }
  var form = button.form;
  var status = document.getElementById("near-me-status");
  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    say("Recherche de votre position…");
    navigator.geolocation.getCurrentPosition(function (pos) {
      var lat = form.elements.lat, lon = form.elements.lon;
      lat.value = pos.coords.latitude.toFixed(3);
      lon.value = pos.coords.longitude.toFixed(3);
      lat.disabled = false;
      lon.disabled = false;
      form.elements.q.value = "";
      say("Position trouvée, recherche des lieux proches…");
      form.submit();
    }, function (err) {
      button.disabled = false;
      say(err.code === 1
        ? "Vous n'avez pas permis l'accès à votre position. Écrivez votre commune ou votre code postal."
        : "Votre position n'a pas pu être trouvée. Écrivez votre commune ou votre code postal.");
      form.elements.q.focus();
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
  });
})();
