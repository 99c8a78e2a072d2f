"""Binder installs the data the chapters read (CytoSig, without its dependencies) and the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTALL = "pip install --no-cache-dir --no-deps --no-build-isolation -r requirements-data.txt"
PACKAGE = "pip install --no-cache-dir --no-deps --no-build-isolation -e ."


def test_postbuild_installs_requirements_data_without_dependencies() -> None:
    script = ROOT / "postBuild"
    assert os.access(script, os.X_OK), "postBuild must be executable"
    text = script.read_text()
    assert INSTALL in text
    # then the package itself, editable, without dependencies (the lock has them all)
    assert PACKAGE in text and text.index(INSTALL) < text.index(PACKAGE)
    # the same commands in the Makefile, so `make setup`, `make test` and .ci/run install them too
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet --require-hashes -r requirements-dev.txt" in makefile
    assert "pip install --quiet --no-deps --no-build-isolation -r requirements-data.txt" in makefile
    assert "pip install --quiet --no-deps --no-build-isolation -e ." in makefile
    # and nothing else needs a compiler: no apt packages for GSL
    assert not (ROOT / "apt.txt").exists() and not (ROOT / "binder").exists()


@pytest.mark.slow
def test_repo2docker_runs_postbuild_after_requirements() -> None:
    repo2docker = Path(sys.executable).with_name("jupyter-repo2docker")
    assert repo2docker.exists() or shutil.which("jupyter-repo2docker"), "jupyter-repo2docker is not installed"
    proc = subprocess.run([str(repo2docker), "--no-build", "--debug", str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    copy_repo = out.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    install_reqs = out.index('pip install --no-cache-dir -r "requirements.txt"')
    run_postbuild = out.index("RUN ./postBuild")
    # requirements-data.txt is in the copied repository, and the data go in after the
    # packages they are read by
    assert copy_repo < install_reqs < run_postbuild
