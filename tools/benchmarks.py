"""Benchmarks: test time, frames rendered, build times, page and frame sizes, explorer and model speed, live explorers.

Run with ``make bench`` (or ``.venv/bin/python tools/benchmarks.py``). Every
measurement runs in a fresh copy of the tracked files in a temporary folder, with the
book's virtual environment and the copy's own ``widgets`` first on ``PYTHONPATH``, so
nothing is cached from the working tree. Frames are counted by a ``sitecustomize`` hook
that logs every palette quantisation (one per rendered explorer frame) in every Python
process of the run: the test session, the notebook kernels and the book build.

``--source DIR`` measures another checkout (for example an older commit in a
``git worktree``), which is how the README's "before" column was made. Prints a Markdown
report and writes it, with the raw numbers as JSON, to ``_build/benchmarks-<label>.*``.
Nothing here asserts a time: timings vary by machine and load.

Live explorers (Debian's Chromium through Playwright, never a downloaded browser): the
latency from a slider's input event to the redrawn plot, median and 95th percentile over
50 moves, for each live explorer of the built site; and the browser engine's time per
simulation (Chromium, after warm-up) next to scipy's for the same model and times.
``--live-only`` measures just these, on the site already built in ``_build/html``.

``--lighthouse`` (``make bench-lighthouse``) measures an already built site instead
(``--site``, default ``_build/html``): it serves it gzip-compressed from a local server,
as static hosts serve it, and runs desktop Lighthouse (pinned in package.json, driving
Debian's Chromium) on every page: performance and accessibility scores, first and
largest contentful paint, total blocking time and bytes transferred, the median of
``--runs`` runs. ``--axe`` counts axe-core's violations by impact on every page, in light
and dark mode, at 1280 and 390 px. Reports go to ``_build/lighthouse-<label>.*`` and
``_build/axe-<label>.*``.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import inspect
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import site_audit
from build_book import JB_FLAGS

ROOT = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = str(Path(sys.executable).with_name("jupyter-book"))

HOOK = '''import os
_log = os.environ.get("CYTOKINES_BENCH_FRAMES")
if _log:
    try:
        from PIL import Image as _Image
        _quantize = _Image.Image.quantize
        def _counted(self, *args, **kwargs):
            with open(_log, "a") as handle:
                handle.write("1\\n")
            return _quantize(self, *args, **kwargs)
        _Image.Image.quantize = _counted
    except Exception:
        pass
'''


def copy_tree(source: Path, dest: Path) -> None:
    """The tracked files of ``source``, plus its npm assets: a copy of book/_static/vendor
    and a link to ``node_modules`` (MathJax for the build's static maths, Lighthouse and
    axe-core), both taken from this checkout where ``source`` has none (``make setup``
    installs them; they are not tracked)."""
    files = subprocess.run(["git", "ls-files"], cwd=source, capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, target)
    vendor = source / "book" / "_static" / "vendor"
    if not vendor.exists():
        vendor = ROOT / "book" / "_static" / "vendor"
    shutil.copytree(vendor, dest / "book" / "_static" / "vendor")
    modules = source / "node_modules"
    if not modules.is_dir():
        modules = ROOT / "node_modules"
    (dest / "node_modules").symlink_to(modules.resolve(), target_is_directory=True)


def environment(work: Path, hooks: Path, frame_log: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(hooks), str(work)])
    env["CYTOKINES_BENCH_FRAMES"] = str(frame_log)
    env["CYTOKINES_FRAME_CACHE"] = str(work / "_build" / "frame-cache")
    env.pop("CYTOKINES_FRAME_LOG", None)
    return env


def timed(cmd: list[str], cwd: Path, env: dict[str, str], *, check: bool = True) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if check and proc.returncode != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return elapsed


def count(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


def bench_tests(source: Path, hooks: Path) -> dict[str, float]:
    """``python -m pytest`` (what ``make test`` runs after set-up) on a fresh copy."""
    work = Path(tempfile.mkdtemp(prefix="cytokines-bench-test-"))
    copy_tree(source, work)
    log = work / "frames.log"
    seconds = timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], work,
                    environment(work, hooks, log), check=False)
    out = {"test_seconds": seconds, "frames_rendered_in_test": count(log)}
    shutil.rmtree(work, ignore_errors=True)
    return out


def bench_builds(source: Path, hooks: Path) -> tuple[dict[str, float], Path]:
    work = Path(tempfile.mkdtemp(prefix="cytokines-bench-build-"))
    copy_tree(source, work)
    log = work / "frames.log"
    env = environment(work, hooks, log)
    cmd = [JUPYTER_BOOK, "build", str(work), *JB_FLAGS]
    out: dict[str, float] = {"cold_build_seconds": timed(cmd, work, env)}
    out["frames_rendered_in_cold_build"] = count(log)
    out["rebuild_no_change_seconds"] = timed(cmd, work, env)
    chapter = sorted((work / "chapters").glob("*.ipynb"))[0]
    nb = json.loads(chapter.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    cell["source"] = "".join(cell["source"]) + "\n\nOne more sentence of text, added by the benchmark."
    chapter.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    out["rebuild_after_chapter_text_edit_seconds"] = timed(cmd, work, env)
    units = work / "widgets" / "units.py"
    target = units if units.exists() else work / "widgets" / "models" / "binding.py"
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited by the benchmark\n", encoding="utf-8")
    before = count(log)
    out["rebuild_after_widgets_edit_seconds"] = timed(cmd, work, env)
    out["frames_rendered_after_widgets_edit"] = count(log) - before
    return out, work


def page_sizes(html_dir: Path) -> dict[str, int]:
    skip = {"_static", "_sources", "_images"}
    return {p.relative_to(html_dir).as_posix(): p.stat().st_size for p in sorted(html_dir.rglob("*.html"))
            if not skip & set(p.relative_to(html_dir).parts) and p.name not in ("genindex.html", "search.html")}


_STATE = re.compile(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', re.S)
_URI = re.compile(r"data:image/(png|webp|svg\+xml);base64,([A-Za-z0-9+/=]+)")
_FRAME_FILE = re.compile(r'src=\\?"([^"\\]*_images/frames/[0-9a-f]+\.(png|webp|svg))')


def frame_bytes(html_dir: Path) -> dict[str, float]:
    """Bytes of every explorer frame the built pages' widget states show: the frame files
    the build writes under ``_images/frames`` (each counted once), and any frame still
    embedded as a data URI (how frames were saved before they became files)."""
    sizes: dict[str, list[int]] = {}
    files: dict[Path, str] = {}
    for page in html_dir.rglob("*.html"):
        match = _STATE.search(page.read_text(encoding="utf-8"))
        if match:
            state = match.group(1).replace("\\/", "/")
            for kind, data in _URI.findall(state):
                sizes.setdefault(kind, []).append(len(base64.b64decode(data)))
            for src, kind in _FRAME_FILE.findall(state):
                files[(page.parent / src).resolve()] = kind
    for path, kind in files.items():
        if path.is_file():
            sizes.setdefault(kind, []).append(path.stat().st_size)
    out: dict[str, float] = {}
    for kind, values in sizes.items():
        out[f"frames_{kind}"] = len(values)
        out[f"mean_frame_bytes_{kind}"] = statistics.mean(values)
    return out


def run_in_checkout(code: str, source: Path, what: str) -> Any:
    """Run Python ``code`` in the checkout ``source`` (its ``widgets`` first on the path); the JSON of its last line.

    ``None`` if the code fails; its error output is printed, so that an empty table in the
    report has a visible cause.
    """
    env = dict(os.environ, PYTHONPATH=str(source))
    proc = subprocess.run([sys.executable, "-c", code], cwd=source, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"{what} failed:\n{proc.stderr}", file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def write_report(name: str, lines: list[str], results: Any) -> None:
    """Print a Markdown report and write it, with the raw numbers as JSON, to ``_build/<name>.md`` and ``.json``."""
    report = "\n".join(lines) + "\n"
    out = ROOT / "_build"
    out.mkdir(exist_ok=True)
    (out / f"{name}.md").write_text(report)
    (out / f"{name}.json").write_text(json.dumps(results, indent=1))
    print(report)


def precomputed_explorers(package: str = "widgets.explorers") -> list[tuple[str, Callable[[], Any]]]:
    """The explorer factories of ``package`` whose frames are precomputed, as ``("module.name", function)``.

    A factory is a module-level function ``<name>_explorer`` defined in a module of the
    package (see CONTRIBUTING.md, "The explorer contract"). Live explorers
    (``LiveExplorer``, ``<name>_live_explorer``) draw in the browser and precompute
    nothing; :func:`engine_times` and :func:`live_latency` time them instead. This
    function runs in the measured checkout (see :func:`explorer_times`), so it uses only
    the standard library and names, not the package's classes.
    """
    import importlib
    import inspect
    import pkgutil

    found: list[tuple[str, Callable[[], Any]]] = []
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        module = importlib.import_module(f"{package}.{info.name}")
        for name, func in inspect.getmembers(module, inspect.isfunction):
            returns = str(inspect.signature(func).return_annotation)
            if (name.endswith("_explorer") and func.__module__ == module.__name__
                    and not name.endswith("_live_explorer") and "LiveExplorer" not in returns):
                found.append((f"{info.name}.{name}", func))
    return found


def explorer_times(source: Path) -> list[tuple[str, float, int]]:
    """Precompute time of every explorer, rendering every frame (frame cache off)."""
    code = "from __future__ import annotations\n" + inspect.getsource(precomputed_explorers) + r'''
import json, os, time
os.environ["CYTOKINES_FRAME_CACHE"] = "off"
rows = []
for name, factory in precomputed_explorers():
    start = time.perf_counter()
    explorer = factory()
    rows.append([name, time.perf_counter() - start, len(explorer.frames)])
print(json.dumps(rows))
'''
    rows = run_in_checkout(code, source, "explorer precompute times")
    return [tuple(r) for r in rows or []]


def model_times(source: Path) -> list[tuple[str, float]]:
    code = r'''
import json, time
import numpy as np
from widgets.models import raia2011
t = np.linspace(0, 120, 121)
raia2011.simulate(20.0, t)
best = []
for _ in range(20):
    s = time.perf_counter(); raia2011.simulate(20.0, t); best.append(time.perf_counter() - s)
rows = [["Raia et al. 2011, one 0-120 min simulation (best of 20)", min(best)],
        ["Raia et al. 2011, one 0-120 min simulation (median of 20)", sorted(best)[10]]]
try:
    from widgets.datasets import _read, cytosig_signatures
    from widgets.models import signatures as sg
except ImportError:  # checkouts from before Chapter 8
    sg = None
if sg is not None:
    s = time.perf_counter()
    _read.cache_clear()  # time the first load, with its checksum
    S = cytosig_signatures()
    r = sg.signature_correlation(S)
    for group in sg.SHARED_CHAIN_GROUPS:
        sg.shared_chain_test(r, group.members, n_permutations=10_000)
    profile = sg.simulated_profile(S, {"IFNG": 1.0, "IL6": 0.5, "TGFB1": -0.7}, noise_sd=2.0, seed=1)
    for alpha in (10.0, 1e4):
        sg.infer_activity(profile, S, alpha=alpha, n_permutations=2000)
    sg.enrichment_scores(sg.TOY_BIOPSY_GENES, S, n_permutations=2000)
    rows.append(["Chapter 8 analysis: load CytoSig, correlate, shared-chain tests, 2 ridge fits, 1 enrichment",
                 time.perf_counter() - s])
print(json.dumps(rows))
'''
    rows = run_in_checkout(code, source, "model times")
    return [tuple(r) for r in rows or []]


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

# One slider move: set the value one step up or down, send the input event, and time the
# widget's handler (which integrates the model and redraws the SVG before it returns) and
# the time to the next animation frame (the redrawn plot on screen).
_MOVE = """([e, k]) => new Promise((resolve) => {
  const root = document.querySelectorAll('.live-explorer-root')[e];
  const input = root.querySelector('input[type=range]');
  const curve = root.querySelector('polyline.live-series');
  const before = curve.getAttribute('points');
  const step = (Number(input.max) - Number(input.min)) / 100;
  let v = Number(input.value) + (k % 2 ? -step : step);
  if (v > Number(input.max) || v < Number(input.min)) v = Number(input.value) - step;
  const t0 = performance.now();
  input.value = String(v);
  input.dispatchEvent(new Event('input', {bubbles: true}));
  const t1 = performance.now();
  requestAnimationFrame(() => resolve([t1 - t0, performance.now() - t0, curve.getAttribute('points') !== before]));
})"""


def _serve(folder: Path) -> tuple[Any, str]:
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def guess_type(self, path) -> str:  # noqa: ANN001
            return "text/javascript" if str(path).endswith(".mjs") else super().guess_type(path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def live_latency(html_dir: Path, moves: int = 50) -> list[dict[str, Any]]:
    """Slider input -> redrawn plot, for every live explorer of a built site."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None or not html_dir.exists():
        return []
    pages = [p for p in sorted((html_dir / "chapters").glob("*.html"))
             if "live-explorer" in p.read_text(encoding="utf-8")]
    server, url = _serve(html_dir)
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for path in pages:
                page.goto(f"{url}/chapters/{path.name}", wait_until="networkidle")
                site_audit.reveal_explorers(page, timeout_ms=60_000)  # loaded as a reader scrolls to them
                page.wait_for_function("[...document.querySelectorAll('.live-explorer-root')]"
                                       ".every(r => r.dataset.ready === '1')", timeout=60_000)
                for e in range(page.locator(".live-explorer-root").count()):
                    for k in range(10):  # warm-up: the first moves compile the engine's code
                        page.evaluate(_MOVE, [e, k])
                    runs = [page.evaluate(_MOVE, [e, k]) for k in range(moves)]
                    handler = [r[0] for r in runs]
                    frame = [r[1] for r in runs]
                    title = page.locator(".live-explorer-root").nth(e).locator(".live-title").inner_text()
                    rows.append({"page": path.name, "explorer": title.split(" (")[0], "moves": moves,
                                 "redrawn": all(r[2] for r in runs),
                                 "median_ms": statistics.median(handler), "p95_ms": _percentile(handler, 0.95),
                                 "frame_median_ms": statistics.median(frame), "frame_p95_ms": _percentile(frame, 0.95)})
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


ENGINE_WARM_UP = 30
"""Simulations run in Chromium before the engine is timed (V8 optimises hot code only after many calls)."""


def engine_times(source: Path, repeats: int = 20) -> list[dict[str, Any]]:
    """Time per simulation of each live model: the browser engine in Chromium and scipy (LSODA)."""
    code = r'''
import json, statistics, time
from widgets.explorers.inflammation import reynolds_live_explorer
from widgets.explorers.near_far import dose_live_explorer
from widgets.explorers.signalling import raia_live_explorer
rows = []
for factory in (raia_live_explorer, reynolds_live_explorer, dose_live_explorer):
    ex = factory()
    values = {k: v for k, v in ex.defaults.items() if k in ex.model.constants}
    t = ex.time.times
    ex.model.simulate(t, values)
    seconds = []
    for _ in range(REPEATS):
        start = time.perf_counter(); ex.model.simulate(t, values); seconds.append(time.perf_counter() - start)
    rows.append({"model": ex.model.name, "definition": ex.definition, "values": values, "times": t.tolist(),
                 "tolerances": ex.spec["tolerances"], "scipy_ms": 1000 * statistics.median(seconds)})
print(json.dumps(rows))
'''.replace("REPEATS", str(repeats))
    rows = run_in_checkout(code, source, "scipy times of the live models")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if rows is None or executable is None:
        return []
    folder = Path(tempfile.mkdtemp(prefix="cytokines-bench-engine-"))
    (folder / "engine.mjs").write_text((source / "widgets" / "explorers" / "live_assets" / "engine.js").read_text())
    (folder / "index.html").write_text('<!doctype html><title>engine</title><link rel="icon" href="data:,">')
    server, url = _serve(folder)
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"{url}/index.html")
            for row in rows:
                case = {"values": row["values"], "times": row["times"]}
                script = "async ([d, c, o, n]) => (await import('./engine.mjs')).runCases(d, Array(n).fill(c), o)"
                # the first runs are slow while V8 optimises the engine: time the steady state
                out = page.evaluate(script, [row["definition"], case, row["tolerances"], ENGINE_WARM_UP + repeats])
                row["browser_ms"] = statistics.median(r["ms"] for r in out[ENGINE_WARM_UP:])
                row["steps"] = out[-1]["stats"]["steps"]
                for key in ("definition", "values", "times"):
                    row.pop(key)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def live_report(results: dict[str, Any]) -> list[str]:
    lines = ["", "| live explorer (page) | input -> redrawn plot, median (ms) | p95 (ms) |"
             " to next frame, median (ms) | p95 (ms) |", "|---|---:|---:|---:|---:|"]
    lines += [f"| {r['explorer']} ({r['page']}) | {r['median_ms']:.1f} | {r['p95_ms']:.1f} |"
              f" {r['frame_median_ms']:.1f} | {r['frame_p95_ms']:.1f} |" for r in results.get("live_latency", [])]
    lines += ["", "| model | browser engine, Chromium (ms per simulation) | Rodas3 steps | scipy LSODA (ms) |"
              " tolerances |", "|---|---:|---:|---:|---|"]
    lines += [f"| {r['model']} | {r['browser_ms']:.1f} | {r['steps']} | {r['scipy_ms']:.1f} | "
              f"rtol {r['tolerances']['rtol']:g}, atol {r['tolerances']['atol']:g} (scipy 1e-8, 1e-10) |"
              for r in results.get("engine_ms", [])]
    return lines


def bench_lighthouse(site: Path, *, runs: int = 1, pages: list[str] | None = None,
                     reports: Path | None = None) -> dict[str, dict[str, Any]]:
    """Desktop Lighthouse on every page of the built ``site``, served with gzip on 127.0.0.1.

    Returns the median summary (:func:`site_audit.summarise_lighthouse`) per page path;
    the full JSON reports are kept in ``reports`` if given.
    """
    if not site_audit.LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `make setup` (npm ci installs the pinned devDependencies)")
    pages = pages or site_audit.site_pages(site)
    out: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="cytokines-lighthouse-") as tmp, site_audit.serve(site) as url:
        folder = reports or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for path in pages:
            summaries = []
            for run in range(runs):
                name = path.replace("/", "__").removesuffix(".html") + f"-{run}.json"
                summary = site_audit.lighthouse_page(f"{url}/{path}", folder / name)
                if summary["runtime_error"]:  # one retry: a protocol timeout under load is not the page's fault
                    summary = site_audit.lighthouse_page(f"{url}/{path}", folder / name)
                summaries.append(summary)
            out[path] = site_audit.median_summary(summaries)
            s = out[path]
            print(f"{path}: performance {s['performance']:.2f}, FCP {s['fcp_ms']:.0f} ms, "
                  f"LCP {s['lcp_ms']:.0f} ms, TBT {s['tbt_ms']:.0f} ms, {s['bytes'] / 1024:.0f} kB", flush=True)
    return out


def lighthouse_table(results: dict[str, dict[str, Any]]) -> list[str]:
    """The README's Lighthouse table (Markdown lines)."""
    lines = ["| page | performance | FCP (s) | LCP (s) | TBT (ms) | transferred (kB) | accessibility |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for path, r in results.items():
        a11y = f"({r['runtime_error']})" if r["accessibility"] is None else f"{r['accessibility']:.2f}"
        lines.append(f"| {path} | {r['performance']:.2f} | {r['fcp_ms'] / 1000:.2f} | {r['lcp_ms'] / 1000:.2f} "
                     f"| {r['tbt_ms']:.0f} | {r['bytes'] / 1024:.0f} | {a11y} |")
    scores = [r["performance"] for r in results.values()]
    if scores:
        lines.append(f"| **lowest / median** | {min(scores):.2f} / {statistics.median(scores):.2f} | | | | | |")
    return lines


def bench_axe(site: Path, *, pages: list[str] | None = None) -> dict[str, dict[str, dict[str, Any]]]:
    """axe-core violations by impact, per page and per ``width/mode`` (nodes counted, not rules)."""
    from playwright.sync_api import sync_playwright

    pages = pages or site_audit.site_pages(site)
    out: dict[str, dict[str, dict[str, Any]]] = {}
    with site_audit.serve(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=site_audit.CHROME_PATH,
                                     args=[f for f in site_audit.CHROME_FLAGS if not f.startswith("--headless")])
        context = browser.new_context()
        page = context.new_page()
        for path in pages:
            audit = site_audit.axe_audit(page, f"{url}/{path}", settle=_settle_explorers)
            out[path] = {}
            for view, violations in audit.items():
                counts: dict[str, Any] = {}
                for v in violations:
                    counts[v["impact"]] = counts.get(v["impact"], 0) + v["count"]
                counts["rules"] = sorted({v["id"] for v in violations if v["impact"] in ("serious", "critical")})
                out[path][view] = counts
            print(path, {k: (v.get("serious", 0), v.get("critical", 0)) for k, v in out[path].items()}, flush=True)
        browser.close()
    return out


def _settle_explorers(page: Any) -> None:
    """Scroll to the first explorer (the widget manager loads when one comes near) and wait for them."""
    views = page.locator("script[type='application/vnd.jupyter.widget-view+json']")
    if page.locator("script[type='application/vnd.jupyter.widget-state+json']").count() and views.count():
        views.first.evaluate("view => view.parentElement.scrollIntoView()")
        page.wait_for_selector(".frame-explorer img.explorer-frame", state="visible", timeout=60_000)
        page.wait_for_load_state("networkidle")


def axe_table(results: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    """The README's axe table: serious and critical nodes per page, summed over widths and modes."""
    lines = ["| page | serious | critical | rules (serious or critical) |", "|---|---:|---:|---|"]
    total = [0, 0]
    for path, views in results.items():
        serious = sum(v.get("serious", 0) for v in views.values())
        critical = sum(v.get("critical", 0) for v in views.values())
        rules = sorted({r for v in views.values() for r in v.get("rules", [])})
        total[0] += serious
        total[1] += critical
        lines.append(f"| {path} | {serious} | {critical} | {', '.join(rules)} |")
    lines.append(f"| **all pages** | {total[0]} | {total[1]} | |")
    return lines


def main_site(args: argparse.Namespace) -> None:
    """``--lighthouse`` and ``--axe``: measure the built site in ``args.site``."""
    site = args.site.resolve()
    if not (site / "index.html").exists():
        sys.exit(f"no built site in {site}: build it first (make book)")
    out = ROOT / "_build"
    out.mkdir(exist_ok=True)
    pages = args.pages or None
    header = (f"on {dt.date.today().isoformat()}, {platform.node()} ({os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f}), site {site}")
    if args.lighthouse:
        results = bench_lighthouse(site, runs=args.runs, pages=pages, reports=out / f"lighthouse-{args.label}")
        lines = [f"Lighthouse {next(iter(results.values()))['lighthouse']} desktop, served with gzip, median of "
                 f"{args.runs} run(s), {header}", "", *lighthouse_table(results)]
        write_report(f"lighthouse-{args.label}", lines, results)
    if args.axe:
        axe_results = bench_axe(site, pages=pages)
        lines = [f"axe-core violations (nodes) in light and dark mode at 1280 and 390 px, {header}", "",
                 *axe_table(axe_results)]
        write_report(f"axe-{args.label}", lines, axe_results)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout to measure (default: this one)")
    parser.add_argument("--label", default="current", help="name of the report files")
    parser.add_argument("--skip-tests", action="store_true", help="skip the (slow) full test run")
    parser.add_argument("--live-only", action="store_true",
                        help="only the live explorers: latency on the site in _build/html, engine vs scipy")
    parser.add_argument("--lighthouse", action="store_true",
                        help="only run desktop Lighthouse on every page of the built site (--site), served with gzip")
    parser.add_argument("--axe", action="store_true",
                        help="only count axe-core violations on every page of the built site, both modes and widths")
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html", help="built site for --lighthouse/--axe")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (the median is reported)")
    parser.add_argument("--pages", nargs="*", help="only these pages (paths relative to the site)")
    args = parser.parse_args(argv)
    if args.lighthouse or args.axe:
        main_site(args)
        return
    source = args.source.resolve()
    if args.live_only:
        results_live: dict[str, Any] = {"date": dt.date.today().isoformat(), "machine": platform.node(),
                                        "cores": os.cpu_count(), "load_before": os.getloadavg(),
                                        "live_latency": live_latency(source / "_build" / "html"),
                                        "engine_ms": engine_times(source), "load_after": os.getloadavg()}
        lines = [f"Live explorers ({args.label}) of {results_live['date']} on {results_live['machine']} "
                 f"({results_live['cores']} cores; load average {results_live['load_before'][0]:.1f} before, "
                 f"{results_live['load_after'][0]:.1f} after)", *live_report(results_live)]
        write_report(f"benchmarks-live-{args.label}", lines, results_live)
        return
    hooks = Path(tempfile.mkdtemp(prefix="cytokines-bench-hooks-"))
    (hooks / "sitecustomize.py").write_text(HOOK)

    results: dict[str, Any] = {"date": dt.date.today().isoformat(), "machine": platform.node(),
                                  "cores": os.cpu_count(), "python": platform.python_version(),
                                  "load_before": os.getloadavg()}
    if not args.skip_tests:
        results.update(bench_tests(source, hooks))
    builds, work = bench_builds(source, hooks)
    results.update(builds)
    html = work / "_build" / "html"
    results["pages_kB"] = {k: round(v / 1024) for k, v in page_sizes(html).items()}
    results["live_latency"] = live_latency(html)
    results["engine_ms"] = engine_times(source)
    results.update(frame_bytes(html))
    results["explorers"] = explorer_times(source)
    results["models_ms"] = [(name, sec * 1000) for name, sec in model_times(source)]
    results["load_after"] = os.getloadavg()
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(hooks, ignore_errors=True)

    lines = [f"Benchmarks ({args.label}) of {results['date']} on {results['machine']} ({results['cores']} cores, "
             f"Python {results['python']}; load average before {results['load_before'][0]:.1f})", ""]
    lines += ["| measurement | value |", "|---|---:|"]
    for key, value in results.items():
        if isinstance(value, (int, float)) and key not in ("cores",):
            lines.append(f"| {key.replace('_', ' ')} | {value:.1f} |" if isinstance(value, float)
                         else f"| {key.replace('_', ' ')} | {value} |")
    lines += ["", "| page | HTML size (kB) |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in results["pages_kB"].items()]
    lines += ["", "| explorer | precompute (s) | frames |", "|---|---:|---:|"]
    lines += [f"| {n} | {s:.1f} | {f} |" for n, s, f in results["explorers"]]
    lines += ["", "| model | milliseconds |", "|---|---:|"]
    lines += [f"| {n} | {ms:.1f} |" for n, ms in results["models_ms"]]
    lines += live_report(results)
    write_report(f"benchmarks-{args.label}", lines, results)


if __name__ == "__main__":
    main()
