// The måltavla's wall screen reloads itself every data-seconds seconds (the page offers a link
// that stops it: WCAG 2.2.1). A static file, so the Content-Security-Policy needs no inline code.
(function () {
  var script = document.currentScript;
  var seconds = parseInt(script && script.dataset.seconds, 10);
  if (seconds > 0) {
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }
})();
