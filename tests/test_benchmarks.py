"""tools/benchmarks.py finds the explorers whose precompute time it reports, and its copy of the
checkout has what the build needs (no timings asserted)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from benchmarks import copy_tree, frame_bytes, precomputed_explorers  # tools/ is on the path (tests/conftest.py)

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


def test_frame_bytes_counts_the_frame_files_the_widget_states_show(tmp_path: Path) -> None:
    """Frames are files under _images/frames that the saved widget state points to (escaped
    as the state is); each file counts once however many pages or widgets show it."""
    frames = tmp_path / "_images" / "frames"
    frames.mkdir(parents=True)
    (frames / "ab12.webp").write_bytes(b"x" * 100)
    (frames / "cd34.webp").write_bytes(b"y" * 300)
    (frames / "ef56.webp").write_bytes(b"z" * 999)  # on disk but shown by no page: not counted
    state = json.dumps({"value": '<img class="explorer-frame" src="../_images/frames/ab12.webp">'
                                 '<img class="explorer-frame" src="../_images/frames/cd34.webp">'})
    page = ('<script type="application/vnd.jupyter.widget-state+json">' + state.replace("/", "\\/")
            + "</script>")
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "one.html").write_text(page, encoding="utf-8")
    (tmp_path / "chapters" / "two.html").write_text(page, encoding="utf-8")
    assert frame_bytes(tmp_path) == {"frames_webp": 2, "mean_frame_bytes_webp": 200}
