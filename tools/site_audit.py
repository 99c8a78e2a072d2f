"""Measure the built site as readers get it: a compressing local server, Lighthouse and axe-core.

Used by ``tools/benchmarks.py --lighthouse`` / ``--axe`` (the README's tables) and by the
browser tests (``tests/site/test_browser.py`` runs :data:`AXE_SCRIPT` on every page).
Nothing is downloaded: Lighthouse and axe-core come pinned from ``node_modules``
(``package.json``), the browser is Debian's Chromium.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

__all__ = [
    "AXE_JS",
    "AXE_SCRIPT",
    "CHROME_FLAGS",
    "CompressingHandler",
    "LIGHTHOUSE",
    "lighthouse_page",
    "serve",
    "site_pages",
    "summarise_lighthouse",
]

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
"""Lighthouse's command line, installed by ``npm ci`` at the version pinned in package.json."""
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core, pinned in package.json."""
CHROME_PATH = "/usr/bin/chromium"
CHROME_FLAGS: tuple[str, ...] = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                 "--disable-component-update", "--disable-sync")
"""Flags for Debian's Chromium under Lighthouse: headless, and no request to Google's services."""

SKIP_DIRS = {"_static", "_sources", "_images"}
COMPRESSIBLE = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
                "image/svg+xml", "text/plain", "application/xml", "font/ttf", "application/x-font-ttf",
                "application/vnd.ms-fontobject", "text/csv"}
"""Content types a static host compresses (images and woff/woff2 fonts are compressed already)."""

AXE_SCRIPT = """async (options) => {
  const results = await axe.run(document, options);
  return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    count: v.nodes.length, targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
}"""
"""Run axe-core on the page (after ``page.add_script_tag(path=AXE_JS)``); one row per violated rule."""


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site (not the copied assets), as paths relative to ``site``.

    The root ``index.html`` is left out: it is a bare redirect to the front page.
    """
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not SKIP_DIRS & set(p.relative_to(site).parts) and p.relative_to(site).as_posix() != "index.html")


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that gzips text (HTML, CSS, JavaScript, JSON, SVG) as static hosts do.

    HTTP/1.1 with keep-alive; compressed bodies are kept in memory per file and
    modification time, so a page's 3 MB widget manager is compressed once per session.
    """

    protocol_version = "HTTP/1.1"
    _cache: dict[tuple[str, float], bytes] = {}
    _lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        ctype = self.guess_type(path)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and os.path.isfile(path) and ctype in COMPRESSIBLE):
            return super().send_head()
        stat = os.stat(path)
        key = (path, stat.st_mtime)
        with self._lock:
            body = self._cache.get(key)
        if body is None:
            body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
            with self._lock:
                self._cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path, *, compress: bool = True, port: int = 0) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (gzip-compressed if ``compress``); yields the base URL.

    A missing address is answered with the site's ``404.html`` (status 404), as static
    hosts answer it.
    """
    base = CompressingHandler if compress else http.server.SimpleHTTPRequestHandler

    not_found = Path(directory) / "404.html"

    class Handler(base):  # type: ignore[valid-type, misc]
        protocol_version = "HTTP/1.1"

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(directory), **kwargs)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            # As static hosts do: a missing address gets the site's 404.html, with status 404.
            if code != 404 or not not_found.is_file():
                super().send_error(code, message, explain)
                return
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def summarise_lighthouse(report: dict) -> dict[str, Any]:
    """The numbers the README reports, from one Lighthouse JSON report.

    Scores are 0-1, times in milliseconds, bytes as transferred (compressed).
    """
    audits = report["audits"]
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    blocking = audits.get("render-blocking-resources", {}).get("details", {}).get("items", [])
    categories = report["categories"]
    return {
        "performance": categories["performance"]["score"],
        "accessibility": categories.get("accessibility", {}).get("score"),
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(requests),
        "hosts": sorted({urlparse(r["url"]).netloc for r in requests
                         if urlparse(r["url"]).scheme in ("http", "https")}),
        "render_blocking": [urlparse(item["url"]).path for item in blocking],
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
        "lighthouse": report.get("lighthouseVersion"),
        "runtime_error": (report.get("runtimeError") or {}).get("code"),
    }


def lighthouse_page(url: str, out_json: Path, *, chrome: str = CHROME_PATH, timeout_s: float = 300) -> dict[str, Any]:
    """Run desktop Lighthouse (performance and accessibility) on ``url``; the summary of its report."""
    cmd = [str(LIGHTHOUSE), url, "--preset=desktop", "--only-categories=performance,accessibility",
           "--output=json", f"--output-path={out_json}", "--quiet", "--chrome-flags=" + " ".join(CHROME_FLAGS)]
    out_json.unlink(missing_ok=True)
    # Lighthouse exits with 1 when one gatherer failed (for example its axe run timing out on
    # a very large page) but still writes the report; the summary names the error.
    proc = subprocess.run(cmd, env=dict(os.environ, CHROME_PATH=chrome), capture_output=True, text=True,
                          timeout=timeout_s)
    if not out_json.exists():
        raise RuntimeError(f"Lighthouse wrote no report for {url}:\n{proc.stderr[-2000:]}")
    return summarise_lighthouse(json.loads(out_json.read_text(encoding="utf-8")))


def median_summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median of each number over several Lighthouse runs of one page (the rest from the first run)."""
    out = dict(runs[0])
    for key in ("performance", "accessibility", "fcp_ms", "lcp_ms", "tbt_ms", "bytes", "benchmark_index"):
        values = [r[key] for r in runs if r.get(key) is not None]
        out[key] = statistics.median(values) if values else None
    out["runs"] = len(runs)
    return out


MODES = ("light", "dark")
WIDTHS = (1280, 390)
"""The page themes and viewport widths (desktop, phone) the accessibility audit covers."""


def set_mode(page: Any, mode: str) -> None:
    """Switch a page to the theme's light or dark mode, as its mode button does (Playwright page)."""
    page.evaluate("""m => {
        // Colours change with a CSS transition; an audit must see the final colours, not a
        // frame in between (a reader's eye does), so transitions are switched off first.
        if (!document.getElementById("audit-no-transitions")) {
            const style = document.createElement("style");
            style.id = "audit-no-transitions";
            style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
            document.head.appendChild(style);
        }
        localStorage.setItem("mode", m); localStorage.setItem("theme", m);
        document.documentElement.dataset.mode = m; document.documentElement.dataset.theme = m; }""",
                  mode)
    page.wait_for_timeout(200)


def reveal_explorers(page: Any, *, timeout_ms: float = 30_000) -> None:
    """Scroll to a page's first explorer and wait until the explorers have rendered (Playwright page).

    book.js loads the widget manager only when an explorer comes near the screen, as a
    reader scrolls. The first explorer may be a live one, and a frame explorer's first
    ``<img>`` may be a hidden frame: this waits for any shown frame or any live explorer
    that has drawn, then for the network to settle.
    """
    page.locator("script[type='application/vnd.jupyter.widget-view+json']").first.evaluate(
        "view => view.parentElement.scrollIntoView()")
    page.wait_for_function(
        """() => [...document.querySelectorAll('.frame-explorer img.explorer-frame')].some(i => i.offsetParent !== null)
                 || document.querySelector('.live-explorer-root[data-ready="1"]') !== null""",
        timeout=timeout_ms)
    page.wait_for_load_state("networkidle")


RENDER_EVERYTHING = "*, *::before, *::after { content-visibility: visible !important; }"
"""Style added before an audit: book.css lets the browser skip laying out sections far from the
screen (``content-visibility: auto``), and axe must see every section as a reader who scrolls does."""


def axe_violations(page: Any, **options: Any) -> list[dict[str, Any]]:
    """axe-core's violations on a Playwright page, as rows (rule id, impact, help, node count, targets)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
        page.add_style_tag(content=RENDER_EVERYTHING)
    return page.evaluate(AXE_SCRIPT, {"resultTypes": ["violations"], **options})


def axe_audit(page: Any, url: str, *, modes: tuple[str, ...] = MODES,
              widths: tuple[int, ...] = WIDTHS, settle: Any = None) -> dict[str, list[dict[str, Any]]]:
    """axe-core on ``url`` at every width and in every mode: ``{"1280/light": [violations], ...}``.

    The page is loaded once per width; ``settle(page)``, if given, waits for what the
    page renders late (the explorers) before the first audit.
    """
    out: dict[str, list[dict[str, Any]]] = {}
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url, wait_until="networkidle")
        if settle is not None:
            settle(page)
        for mode in modes:
            set_mode(page, mode)
            out[f"{width}/{mode}"] = axe_violations(page)
    return out
