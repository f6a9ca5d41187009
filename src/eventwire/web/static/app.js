// eventwire UI: link an article's marks and its coded records both ways, on hover and by
// the #ev-<event id> a row of the events table links to. Nothing else runs on the pages.
(function () {
  "use strict";

  function marksOf(n) {
    return document.querySelectorAll('#article-text mark[data-ev~="' + n + '"]');
  }

  function light(n, on) {
    marksOf(n).forEach(function (mark) { mark.classList.toggle("hl", on); });
    var card = document.querySelector('.record[data-ev="' + n + '"]');
    if (card) { card.classList.toggle("hl", on); }
  }

  function fromHash() {
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    var card = id ? document.getElementById(id) : null;
    if (!card || !card.classList.contains("record")) { return; }
    card.classList.add("active");
    var marks = marksOf(card.dataset.ev);
    marks.forEach(function (mark) { mark.classList.add("active"); });
    if (marks.length) { marks[0].scrollIntoView({ block: "center" }); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".record[data-ev]").forEach(function (card) {
      var n = card.dataset.ev;
      card.addEventListener("mouseenter", function () { light(n, true); });
      card.addEventListener("mouseleave", function () { light(n, false); });
    });
    document.querySelectorAll("#article-text mark[data-ev]").forEach(function (mark) {
      var events = mark.dataset.ev.split(" ");
      mark.addEventListener("mouseenter", function () { events.forEach(function (n) { light(n, true); }); });
      mark.addEventListener("mouseleave", function () { events.forEach(function (n) { light(n, false); }); });
      mark.addEventListener("click", function () {
        var card = document.querySelector('.record[data-ev="' + events[0] + '"]');
        if (card) { window.location.hash = card.id; }
      });
    });
    window.addEventListener("hashchange", fromHash);
    fromHash();
  });
})();
