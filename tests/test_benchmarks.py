"""tools/benchmarks.py finds the explorers whose precompute time it reports, and its copy of the
checkout has what the build needs (no timings asserted)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from benchmarks import copy_tree, precomputed_explorers  # tools/ is on the path (tests/conftest.py)

ROOT = Path(__file__).resolve().parents[1]
_IMPORT = re.compile(r"from widgets\.explorers\.(\w+) import (\w+_explorer)\b")


def _chapter_explorers() -> set[str]:
    """``module.function`` of every explorer a chapter notebook imports."""
    found = set()
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                found |= {f"{m}.{f}" for m, f in _IMPORT.findall("".join(cell["source"]))}
    return found


def test_discovery_finds_every_precomputed_explorer_the_chapters_use() -> None:
    used = _chapter_explorers()
    frame_explorers = {name for name in used if not name.endswith("_live_explorer")}
    assert len(frame_explorers) >= 15, used  # the parse itself found the chapters' explorers
    found = dict(precomputed_explorers())
    assert frame_explorers <= set(found)
    assert not {name for name in found if name.endswith("_live_explorer")}  # live ones precompute nothing
    assert all(callable(factory) for factory in found.values())


def test_the_benchmark_copy_has_the_npm_packages_the_build_needs(tmp_path: Path) -> None:
    """The build renders maths with MathJax from ``node_modules`` (book/_ext/static_math.py),
    which git does not track: the copy links the checkout's, so ``make bench`` can build."""
    if not (ROOT / "node_modules" / "mathjax" / "es5").is_dir():
        pytest.skip("node_modules is installed by make setup")
    copy_tree(ROOT, tmp_path / "copy")
    assert (tmp_path / "copy" / "node_modules" / "mathjax" / "es5").is_dir()
    assert (tmp_path / "copy" / "book" / "_static" / "vendor").is_dir()
    assert (tmp_path / "copy" / "chapters" / "01-what-are-cytokines.ipynb").is_file()
