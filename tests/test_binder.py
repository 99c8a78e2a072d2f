"""Binder builds the image from requirements.txt and installs the `widgets` package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_repo2docker_installs_requirements_and_package() -> None:
    repo2docker = Path(sys.executable).with_name("jupyter-repo2docker")
    assert repo2docker.exists() or shutil.which("jupyter-repo2docker"), "jupyter-repo2docker is not installed"
    proc = subprocess.run(
        [str(repo2docker), "--no-build", "--debug", str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "python=3.11" in out, "runtime.txt should pin Binder's Python to 3.11"
    copy_repo = out.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    install_reqs = out.index('pip install --no-cache-dir -r "requirements.txt"')
    # requirements.txt installs the package itself (-e .), so the whole repository
    # must be in the image before it is installed
    assert copy_repo < install_reqs
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()
