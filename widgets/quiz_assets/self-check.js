// Self-check questions: no kernel, no server, no other host. Progressive enhancement of
// the <form class="self-check-question"> markup written by widgets/quiz.py. Safe to load more than
// once (inline in JupyterLab outputs, or once from the site's _static in the book).
(function () {
  "use strict";
  if (window.SelfCheck) { window.SelfCheck.bindAll(document); return; }

  var NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

  function parseNumber(text) {
    var t = String(text).trim().replace(/\u2212/g, "-").replace(/\s+/g, "");
    if (/^[-+]?\d+,\d+$/.test(t)) t = t.replace(",", ".");   // decimal comma
    return NUMBER.test(t) ? Number(t) : NaN;
  }

  function template(form, key) {
    var el = form.querySelector('[data-for="' + key + '"]');
    return el ? el.innerHTML : "";
  }

  function show(form, state, html) {
    var box = form.querySelector(".self-check-feedback");
    var lead = { correct: "Correct.", incorrect: "Not quite.", empty: "" }[state];
    box.innerHTML = (lead ? "<strong>" + lead + "</strong> " : "") + html;
    form.setAttribute("data-state", state);
    var mj = window.MathJax;
    if (mj && typeof mj.typesetPromise === "function") mj.typesetPromise([box]).catch(function () {});
  }

  function within(x, target, absTol, relTol) {
    return Math.abs(x - target) <= Math.max(absTol || 0, (relTol || 0) * Math.abs(target));
  }

  function check(form) {
    var kind = form.getAttribute("data-kind");
    if (kind === "choice") {
      var picked = form.querySelector("input[type=radio]:checked");
      if (!picked) return show(form, "empty", "Choose an answer first.");
      return show(form, picked.hasAttribute("data-correct") ? "correct" : "incorrect",
                  template(form, picked.value));
    }
    if (kind === "numeric") {
      var input = form.querySelector("input[type=text]");
      var x = parseNumber(input.value);
      if (isNaN(x)) return show(form, "empty", "Type a number, for example 0.25 or 2.5e-3.");
      var d = form.dataset;
      if (within(x, Number(d.answer), Number(d.absTol), Number(d.relTol)))
        return show(form, "correct", template(form, "correct"));
      var mistakes = JSON.parse(d.mistakes || "[]");
      for (var i = 0; i < mistakes.length; i++) {
        if (within(x, mistakes[i].value, 0, mistakes[i].rel_tol))
          return show(form, "incorrect", template(form, "mistake-" + i));
      }
      return show(form, "incorrect", template(form, "wrong"));
    }
  }

  function bind(form) {
    if (form.hasAttribute("data-bound")) return;
    form.setAttribute("data-bound", "");
    form.addEventListener("submit", function (event) { event.preventDefault(); check(form); });
    // Enter in the answer box checks it. JupyterLab cancels the browser's implicit form
    // submission (its notebook shortcuts see the key first), so handle the key here.
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.type === "text") { event.preventDefault(); check(form); }
    });
    form.classList.add("self-check-ready");
  }

  function bindAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("form.self-check-question"), bind);
  }

  window.SelfCheck = { bindAll: bindAll, check: check, parseNumber: parseNumber };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { bindAll(document); });
  } else {
    bindAll(document);
  }
})();
