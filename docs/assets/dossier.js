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

// "Cite this page": the reader's date after "accessed" (in the citation's own style, "7 December
// 2026"; the page says "[date]" without JavaScript), and a Copy button that copies the citation as
// shown. The clipboard API is missing or refused on some pages (file://, an insecure address, a
// browser without the permission): then the citation is selected and copied the old way, and stays
// selected for Ctrl+C if even that is refused.
(function () {
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

  function copyBySelection(node) {
    var range = document.createRange(), sel = window.getSelection();
    range.selectNodeContents(node);
    sel.removeAllRanges();
    sel.addRange(range);
    try { return document.execCommand("copy"); } catch (err) { return false; }
  }

  function cite() {
    var today = new Date(), words = today.getDate() + " " + MONTHS[today.getMonth()] + " " + today.getFullYear();
    document.querySelectorAll(".dossier-citation").forEach(function (citation) {
      var accessed = citation.querySelector(".dossier-accessed");
      if (accessed) accessed.textContent = words;
      if (citation.parentNode.querySelector(".dossier-copy")) return;
      var button = document.createElement("button"), status = document.createElement("span");
      button.type = "button";
      button.className = "dossier-copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy the citation");
      status.className = "dossier-copied";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      button.addEventListener("click", function () {
        var text = citation.textContent.replace(/\s+/g, " ").trim();
        function done(ok) {
          status.textContent = ok ? "Citation copied." : "Citation selected: press Ctrl+C (⌘C) to copy it.";
        }
        status.textContent = "";
        if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(copyBySelection(citation)); });
        } else done(copyBySelection(citation));
      });
      citation.parentNode.insertBefore(status, citation.nextSibling);
      citation.parentNode.insertBefore(button, status);
      citation.parentNode.insertBefore(document.createTextNode(" "), button);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", cite); else cite();
})();
