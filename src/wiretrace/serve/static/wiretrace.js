// wiretrace: the little the pages need beyond HTML and CSS. Everything works without it.
// - a link to #pair-N (a story graph's edge) opens those aligned passages;
// - Escape leaves a focused quote (its tooltip closes).
(function () {
  "use strict";

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (el && el.tagName === "DETAILS") {
      el.open = true;
      el.scrollIntoView({ block: "start" });
    }
  }

  document.addEventListener("keydown", function (event) {
    var el = document.activeElement;
    if (event.key === "Escape" && el && el.classList && el.classList.contains("quote")) {
      el.blur();
    }
  });
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);
})();
