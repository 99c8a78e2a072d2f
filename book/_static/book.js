// Site-wide script of the Cytokines book. Everything here supports the kernel-free
// explorers (ipywidgets rendered from saved state by @jupyter-widgets/html-manager),
// served from this site's own _static folder. It runs in <head>, before anything else
// of the book's (priority 100 in _config.yml), and loads the widget manager itself (4.).
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

  // 3b. A box that scrolls must be reachable with the keyboard and say what it holds (axe:
  //     scrollable-region-focusable): on a phone a frame keeps its pixel size and scrolls
  //     sideways (book.css); an explorer's long details and the catalog's tables scroll too.
  var SCROLLERS = [
    [".frame-explorer .widget-html-content", function (box) {
      var img = box.querySelector("img.explorer-frame");
      return img ? "Figure (scrolls sideways): " + (img.getAttribute("alt") || "") : null;
    }],
    [".frame-explorer .explorer-details > div", function () { return "Details (scroll to read on)"; }],
    [".dt-scroll-body", function (box) {
      var table = box.querySelector("table");
      return "Table (scrolls)" + (table && table.id ? ": " + table.id.replace(/^catalog-/, "") : "");
    }],
  ];
  function focusableFrames(root) {
    SCROLLERS.forEach(function (entry) {
      root.querySelectorAll(entry[0]).forEach(function (box) {
        var label = entry[1](box);
        if (label === null) return;
        var scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
        if (scrolls && !box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "group");
          box.setAttribute("aria-label", label);
          box.dataset.bookScroller = "1";
        } else if (!scrolls && box.dataset.bookScroller) {
          box.removeAttribute("tabindex");
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
          delete box.dataset.bookScroller;
        }
      });
    });
  }

  // 3c. A static figure is drawn for a desktop column; on a phone its text is 3-5 px high.
  //     Each figure's image links to the image file itself, which a phone shows at full
  //     size and lets the reader zoom (book.css says so under the figure on narrow screens).
  function zoomableFigures(root) {
    root.querySelectorAll(".bd-article figure > img").forEach(function (img) {
      if (img.closest(".frame-explorer") || img.parentElement.tagName === "A") return;
      var link = document.createElement("a");
      link.href = img.getAttribute("src");
      link.className = "figure-full-size";
      link.setAttribute("aria-label", "Open the figure at full size: " + (img.getAttribute("alt") || ""));
      img.parentElement.insertBefore(link, img);
      link.appendChild(img);
    });
  }

  // 4. The widget manager (3.5 MB) and require.js load only on pages with explorers, and
  //    only once an explorer comes near the screen (or the reader is about to print), so
  //    the text paints and responds first. The manager renders every explorer of the page
  //    as soon as it has loaded (the page's `load` event has passed by then).
  var managerRequested = false;
  function addScript(src, onload) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = onload || null;
    document.head.appendChild(script);
  }
  function loadManager() {
    if (managerRequested || !here) return;
    managerRequested = true;
    addScript(new URL("vendor/require.js", here).href, function () {
      addScript(new URL("vendor/npm/@jupyter-widgets/html-manager/dist/embed-amd.js", here).href);
    });
  }
  function watchExplorers() {
    var views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
    if (!views.length) return;
    window.addEventListener("beforeprint", loadManager);
    if (!("IntersectionObserver" in window)) {
      loadManager();
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        loadManager();
      }
    }, { rootMargin: "800px 0px" });
    views.forEach(function (view) {
      observer.observe(view.parentElement);
    });
  }

  function start() {
    zoomableFigures(document);
    shimMathJax();
    nameHandles(document);
    watchExplorers();
    new MutationObserver(function () {
      shimMathJax();
      nameHandles(document);
      focusableFrames(document);
    }).observe(document.body, { childList: true, subtree: true });
    focusableFrames(document);
    window.addEventListener("load", function () { focusableFrames(document); });
    window.addEventListener("resize", function () { focusableFrames(document); });
    // frames load lazily: their width is known once each has loaded
    document.addEventListener("load", function (event) {
      if (event.target && event.target.classList && event.target.classList.contains("explorer-frame")) {
        focusableFrames(document);
      }
    }, true);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
