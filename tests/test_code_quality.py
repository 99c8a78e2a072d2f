"""Lint, types and the API reference: checks that run inside `make test`."""

from __future__ import annotations

import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import api_docs
import pytest

import widgets

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


@pytest.mark.slow
def test_ruff_finds_nothing() -> None:
    proc = subprocess.run([_tool("ruff"), "check", "widgets", "tests", "book/_ext", "tools", "setup.py"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


@pytest.mark.slow
def test_mypy_finds_nothing() -> None:
    proc = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


NAMESPACES = {"widgets.explorers", "widgets.figures", "widgets.models"}
"""Packages that only group modules (each module is documented on its own)."""


def public_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(widgets.__path__, prefix="widgets."):
        private = any(part.startswith("_") for part in info.name.split("."))
        per_chapter_checks = info.name.startswith("widgets.checks.")
        if not (private or per_chapter_checks or info.name in NAMESPACES):
            names.append(info.name)
    return sorted(names)


def test_every_public_module_is_on_the_api_page() -> None:
    # Each module in an autosummary table of book/api.md gets its own page (book/_ext/api_docs.py).
    documented = set(api_docs.listed_modules(ROOT / api_docs.INDEX))
    missing = [m for m in public_modules() if m not in documented]
    assert not missing, f"add these modules to book/api.md: {missing}"


def test_the_model_layer_imports_no_ui() -> None:
    """Models, data and the catalog never import matplotlib or ipywidgets."""
    offenders = []
    for folder in ("models", "catalog"):
        for path in (ROOT / "widgets" / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if re.search(r"^\s*(import|from)\s+(matplotlib|ipywidgets)", text, re.M):
                offenders.append(path.relative_to(ROOT).as_posix())
    for name in ("units.py", "parameters.py", "chapter_data.py", "_tsv.py"):
        if re.search(r"^\s*(import|from)\s+(matplotlib|ipywidgets)", (ROOT / "widgets" / name).read_text(), re.M):
            offenders.append(f"widgets/{name}")
    assert not offenders, offenders


def test_the_version_is_written_once() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and not re.search(r'^version\s*=\s*"', pyproject, re.M)
    from importlib.metadata import version

    assert version("cytokine-widgets") == widgets.__version__
