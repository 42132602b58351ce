"use strict";
(function () {
  var screens = Array.prototype.slice.call(document.querySelectorAll("section.screen"));
  var body = document.body;
  var current = 0;
  var timerStart = null;
  var timerHandle = null;
  var clock = document.getElementById("clock");
  var timerButton = document.getElementById("timer");
  var presentButton = document.getElementById("present");
  var revealButton = document.getElementById("reveal");

  function show(k) {
    current = Math.max(0, Math.min(screens.length - 1, k));
    screens.forEach(function (s, i) { s.classList.toggle("current", i === current); });
    body.classList.remove("revealed");
    pressed(revealButton, false);
    stopTimer();
    if (body.classList.contains("presenting")) {
      var heading = screens[current].querySelector("h1, h2");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    } else {
      screens[current].scrollIntoView();
    }
    if (history.replaceState) { history.replaceState(null, "", "#" + screens[current].id); }
  }
  function tick() {
    var seconds = Math.floor((Date.now() - timerStart) / 1000);
    var m = Math.floor(seconds / 60), s = seconds % 60;
    clock.textContent = m + ":" + (s < 10 ? "0" : "") + s;
  }
  function stopTimer() {
    if (timerHandle !== null) { clearInterval(timerHandle); timerHandle = null; }
    timerStart = null;
    clock.textContent = "";
    timerButton.textContent = "Start timer";
  }
  function toggleTimer() {
    if (timerHandle !== null) { stopTimer(); return; }
    timerStart = Date.now();
    tick();
    timerHandle = setInterval(tick, 1000);
    timerButton.textContent = "Stop timer";
  }
  function pressed(button, on) { button.setAttribute("aria-pressed", on ? "true" : "false"); }
  function togglePresenting() {
    pressed(presentButton, body.classList.toggle("presenting"));
    show(current);
  }
  function reveal() { pressed(revealButton, body.classList.toggle("revealed")); }
  function fullScreen() {
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
  }
  presentButton.addEventListener("click", togglePresenting);
  revealButton.addEventListener("click", reveal);
  timerButton.addEventListener("click", toggleTimer);
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var key = event.key;
    if (key === "ArrowRight" || key === "PageDown") { show(current + 1); }
    else if (key === "ArrowLeft" || key === "PageUp") { show(current - 1); }
    else if (key === "Home") { show(0); }
    else if (key === "End") { show(screens.length - 1); }
    else if (key === "p") { togglePresenting(); }
    else if (key === "r") { reveal(); }
    else if (key === "t") { toggleTimer(); }
    else if (key === "f") { fullScreen(); }
    else { return; }
    event.preventDefault();
  });
  var start = screens.findIndex(function (s) { return "#" + s.id === location.hash; });
  current = start < 0 ? 0 : start;
  screens.forEach(function (s, i) { s.classList.toggle("current", i === current); });
})();
