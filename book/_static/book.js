// Site-wide script of the Cytokines book. Everything here supports the kernel-free
// explorers (ipywidgets rendered from saved state by @jupyter-widgets/html-manager),
// served from this site's own _static folder.
(function () {
  // 1. Where the widget manager's modules live. It fetches its fonts relative to each
  //    module's require.js URL (base URL + module name), so point require.js at our
  //    copy, laid out like the npm registry: vendor/npm/@jupyter-widgets/...
  //    Requests then stay on this site whatever the page's depth.
  var here = document.currentScript && document.currentScript.src;
  if (here) {
    // Modules named "@jupyter-widgets/<name>" fetch fonts from vendor/npm/@jupyter-widgets/,
    // those named "@jupyter-widgets/html-manager/dist/<name>" from .../dist/; the Makefile
    // puts the font files in both places.
    // anywidget (the live explorers' front end) is laid out as on npm: vendor/npm/anywidget/dist/index.js.
    var config = { baseUrl: new URL("vendor/npm/", here).href, paths: { anywidget: "anywidget/dist/index" } };
    if (typeof window.require === "function" && window.require.config) {
      window.require.config(config);
    } else {
      window.require = config; // read by require.js when it loads after this script
    }
  }

  // 2. The widget manager typesets labels with the MathJax 2 API (MathJax.Hub.Queue);
  //    the book loads MathJax 3. Translate the call so it works instead of throwing.
  function shimMathJax() {
    var mj = window.MathJax;
    if (mj && !mj.Hub) {
      mj.Hub = {
        Queue: function () {
          Array.prototype.forEach.call(arguments, function (job) {
            var element = Array.isArray(job) ? job[2] : null;
            if (element && mj.typesetPromise) {
              mj.typesetPromise([element]).catch(function () {});
            }
          });
        },
      };
    }
  }

  // 3. Slider handles drawn by the manager have no accessible name: give each the
  //    text of its control's label.
  function nameHandles(root) {
    root.querySelectorAll(".widget-slider").forEach(function (slider) {
      var label = slider.querySelector(".widget-label");
      var text = label ? label.textContent.trim() : "";
      slider.querySelectorAll(".noUi-handle").forEach(function (handle) {
        if (text && !handle.getAttribute("aria-label")) {
          handle.setAttribute("aria-label", text);
        }
      });
    });
  }

  function start() {
    shimMathJax();
    nameHandles(document);
    new MutationObserver(function () {
      shimMathJax();
      nameHandles(document);
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
