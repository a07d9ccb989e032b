// Archived texts: the passage a reference points to (#q-…) is outlined whole, across every
// highlighted piece it spans (a passage is cut into pieces where another quote starts inside it).
// Without JavaScript, CSS outlines the piece right after the anchor.
(function () {
  function outline() {
    document.querySelectorAll("mark.dossier-target").forEach(function (m) { m.classList.remove("dossier-target"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf("q-") !== 0) return;
    document.querySelectorAll("mark[data-q]").forEach(function (m) {
      if (m.getAttribute("data-q").split(" ").indexOf(id) >= 0) m.classList.add("dossier-target");
    });
  }
  window.addEventListener("hashchange", outline);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", outline); else outline();
})();
