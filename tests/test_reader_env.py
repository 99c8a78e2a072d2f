"""Every notebook of the book runs in the environment readers get, and in nothing more.

A fresh virtual environment receives only what Binder and a reader's laptop install:
the hashed reader lock ``requirements.txt``, the data of ``requirements-data.txt``
(``--no-deps``) and the book's package (``--no-deps``), both built with the lock's
setuptools (``--no-build-isolation``), from the package index this
machine's pip is configured with. No Jupyter Book, pytest, nbval or nbclient. Each
notebook is then executed top to bottom by nbclient, from the test's own environment,
against a kernel that runs the fresh environment's Python (a kernelspec registered in
a temporary folder), with an empty explorer frame cache so that every frame is drawn
there. A chapter that imports something readers do not get fails here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb")) + sorted((ROOT / "book").glob("*.ipynb"))
KERNEL = "cytokines-reader-env"
# build and test tools that the reader environment must not have
NOT_FOR_READERS = ("jupyter_book", "sphinx", "myst_nb", "nbclient", "nbconvert", "nbval", "pytest", "jupyterlab",
                   "ruff", "mypy", "uv", "linkcheck", "playwright", "repo2docker")


@dataclass(frozen=True)
class ReaderEnv:
    prefix: Path
    kernel_dirs: list[str]
    kernel_env: dict[str, str]


def _pip(python: Path, *args: str) -> None:
    proc = subprocess.run([str(python), "-m", "pip", "install", "--quiet", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, f"pip install {' '.join(args)} failed:\n{(proc.stdout + proc.stderr)[-4000:]}"


@pytest.fixture(scope="module")
def reader_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReaderEnv]:
    base = tmp_path_factory.mktemp("reader-env")
    prefix = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(prefix)], check=True, timeout=300)
    python = prefix / "bin" / "python"
    _pip(python, "--require-hashes", "-r", "requirements.txt")
    _pip(python, "--no-deps", "--no-build-isolation", "-r", "requirements-data.txt")
    _pip(python, "--no-deps", "--no-build-isolation", "-e", ".")
    # the fresh environment's ipykernel writes the kernelspec: its argv is that Python
    jupyter = base / "jupyter"
    subprocess.run([str(python), "-m", "ipykernel", "install", "--prefix", str(jupyter), "--name", KERNEL],
                   check=True, capture_output=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    env["PATH"] = f"{prefix / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["CYTOKINES_FRAME_CACHE"] = str(base / "frame-cache")  # nothing drawn by the dev environment is reused
    yield ReaderEnv(prefix, [str(jupyter / "share" / "jupyter" / "kernels")], env)


def _execute(nb: nbformat.NotebookNode, env: ReaderEnv, cwd: Path) -> nbformat.NotebookNode:
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    specs = KernelSpecManager(kernel_dirs=env.kernel_dirs)
    km = KernelManager(kernel_name=KERNEL, kernel_spec_manager=specs)
    client = NotebookClient(nb, km=km, kernel_name=KERNEL, timeout=900, allow_errors=False,
                            resources={"metadata": {"path": str(cwd)}})
    return client.execute(env=env.kernel_env)


@pytest.mark.slow
def test_the_kernel_runs_the_reader_environment_without_build_tools(reader_env: ReaderEnv) -> None:
    probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import importlib.util, sys\n"
        f"print(sys.prefix)\nprint([m for m in {NOT_FOR_READERS!r} if importlib.util.find_spec(m)])\n"
        "import widgets; print(widgets.__file__)"
    )])
    out = _execute(probe, reader_env, ROOT / "chapters").cells[0].outputs[0]["text"].splitlines()
    assert Path(out[0]) == reader_env.prefix, "the kernel is not the fresh environment's Python"
    assert out[1] == "[]", f"build or test tools in the reader environment: {out[1]}"
    assert Path(out[2]).is_relative_to(ROOT / "widgets"), "the package should be the checkout's, installed editable"


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_in_the_reader_environment(reader_env: ReaderEnv, notebook: Path) -> None:
    nb = nbformat.read(notebook, as_version=4)
    _execute(nb, reader_env, notebook.parent)  # raises CellExecutionError on the first failing cell
