"""Benchmarks: build times, page sizes, explorer precompute and model speed.

Run with ``make bench`` (or ``.venv/bin/python tests/benchmarks.py``). Prints a
Markdown report and writes it to ``_build/benchmarks.md``; the numbers in the
README come from here. Nothing here asserts a time: timings vary by machine.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import os
import pkgutil
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_book import build_command  # noqa: E402  (tools/build_book.py, the one definition of the build command)


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return elapsed


def copy_sources(dest: Path) -> None:
    """The tracked files, plus the npm assets that `make assets` put in book/_static/vendor."""
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    shutil.copytree(ROOT / "book" / "_static" / "vendor", dest / "book" / "_static" / "vendor")


def build_times() -> tuple[list[tuple[str, float]], Path]:
    work = Path(tempfile.mkdtemp(prefix="cytokines-bench-"))
    copy_sources(work)
    cmd = build_command(work)
    rows = [("cold build (every notebook executed)", timed(cmd, work))]
    rows.append(("rebuild, nothing changed", timed(cmd, work)))
    chapter = sorted((work / "chapters").glob("*.ipynb"))[0]
    os.utime(chapter)
    rows.append((f"rebuild after touching {chapter.name}", timed(cmd, work)))
    return rows, work


def page_sizes(html_dir: Path) -> list[tuple[str, int]]:
    skip = {"_static", "_sources", "_images"}
    return sorted(
        (p.relative_to(html_dir).as_posix(), p.stat().st_size)
        for p in html_dir.rglob("*.html")
        if not skip & set(p.relative_to(html_dir).parts) and p.name not in ("genindex.html", "search.html")
    )


def explorer_times() -> list[tuple[str, float, int]]:
    import widgets.explorers as pkg

    rows = []
    for info in pkgutil.iter_modules(pkg.__path__):
        module = importlib.import_module(f"widgets.explorers.{info.name}")
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if name.endswith("_explorer") and func.__module__ == module.__name__:
                start = time.perf_counter()
                explorer = func()
                rows.append((f"{info.name}.{name}", time.perf_counter() - start, len(explorer.frames)))
    return rows


def model_times() -> list[tuple[str, float]]:
    import numpy as np

    from widgets.models import raia2011

    t = np.linspace(0, 120, 121)
    raia2011.simulate(20.0, t)  # warm up
    best = min(_once(lambda: raia2011.simulate(20.0, t)) for _ in range(20))
    return [("Raia et al. 2011 model, one 0-120 min simulation (best of 20)", best)]


def _once(func) -> float:  # noqa: ANN001
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> None:
    lines = [
        f"Benchmarks of {dt.date.today().isoformat()} on {platform.node() or 'this machine'} "
        f"({os.cpu_count()} cores, Python {platform.python_version()})",
        "",
        "| build | seconds |",
        "|---|---:|",
    ]
    builds, work = build_times()
    lines += [f"| {name} | {sec:.1f} |" for name, sec in builds]
    lines += ["", "| page | HTML size (kB) |", "|---|---:|"]
    lines += [f"| {name} | {size / 1024:.0f} |" for name, size in page_sizes(work / "_build" / "html")]
    lines += ["", "| explorer | precompute (s) | frames |", "|---|---:|---:|"]
    lines += [f"| {name} | {sec:.1f} | {n} |" for name, sec, n in explorer_times()]
    lines += ["", "| model | milliseconds |", "|---|---:|"]
    lines += [f"| {name} | {sec * 1000:.1f} |" for name, sec in model_times()]
    shutil.rmtree(work, ignore_errors=True)
    report = "\n".join(lines) + "\n"
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "benchmarks.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
