"""A wheel of the package holds what readers who install it without the repository need.

Colab's ``pip install git+...`` (and ``pip install .``) builds a wheel: no ``chapters/``
folder comes with it, so ``setup.py`` packs the chapter sidecars into the package. Here
the wheel is built from a copy of the files a source build sees (with this
environment's setuptools, offline), unpacked, and imported from a folder with no
sidecars in it, as in Colab.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SIDECARS = sorted((ROOT / "chapters").glob("[0-9][0-9]-*.yml"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "widgets", source / "widgets", ignore=shutil.ignore_patterns("__pycache__"))
    (source / "chapters").mkdir()
    for path in SIDECARS:
        shutil.copy2(path, source / "chapters" / path.name)
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                           "--wheel-dir", str(out), str(source)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    (built,) = out.glob("*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_holds_every_chapter_sidecar_unchanged(wheel: Path) -> None:
    assert len(SIDECARS) >= 8
    with zipfile.ZipFile(wheel) as archive:
        for path in SIDECARS:
            assert archive.read(f"widgets/sidecars/{path.name}") == path.read_bytes(), path.name


@pytest.mark.slow
def test_the_wheel_holds_every_file_of_the_package(wheel: Path) -> None:
    tracked = subprocess.run(["git", "ls-files", "widgets"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    with zipfile.ZipFile(wheel) as archive:
        packed = set(archive.namelist())
    missing = [name for name in tracked if name not in packed]
    assert not missing, f"package-data in pyproject.toml leaves out {missing}"


@pytest.mark.slow
def test_an_installed_wheel_loads_every_quiz_without_the_repository(
        wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    elsewhere = tmp_path / "colab-content"  # a working folder without sidecars
    elsewhere.mkdir()
    probe = (
        "import json, widgets.chapter_data as c\n"
        f"stems = {json.dumps([p.stem for p in SIDECARS])}\n"
        "from widgets import catalog\n"
        "print(json.dumps({'dir': str(c.chapter_dir()), 'il6': catalog.lookup('IL-6')['hgnc_symbol'],\n"
        "                  'quizzes': {s: sorted(c.load(s).quizzes) for s in stems}}))\n"
    )
    proc = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r})\n" + probe],
                          cwd=elsewhere, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-4000:]
    result = json.loads(proc.stdout)
    assert Path(result["dir"]) == site / "widgets" / "sidecars"
    assert all(result["quizzes"].values()), result["quizzes"]
    assert result["il6"] == "IL6"
