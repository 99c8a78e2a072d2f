"""Binder builds the image from the hashed lock requirements.txt on Python 3.11."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_requirements_txt_is_a_hashed_lock_without_local_packages() -> None:
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    assert lines[0].startswith("# LOCK FILE") and "requirements.in" in lines[0], "header: see requirements.in"
    # -e . cannot be hash-checked: the package is installed by postBuild instead
    local = ("-e", ".", "--index-url", "--extra-index-url", "--find-links")
    assert not [line for line in lines if line.strip() == "." or line.startswith(local)]


@pytest.mark.slow
def test_repo2docker_installs_the_lock_then_the_package() -> None:
    repo2docker = Path(sys.executable).with_name("jupyter-repo2docker")
    assert repo2docker.exists() or shutil.which("jupyter-repo2docker"), "jupyter-repo2docker is not installed"
    proc = subprocess.run(
        [str(repo2docker), "--no-build", "--debug", str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "python=3.11" in out, "runtime.txt should pin Binder's Python to 3.11"
    install_reqs = out.index('pip install --no-cache-dir -r "requirements.txt"')
    run_postbuild = out.index("RUN ./postBuild")
    # the lock (pip enters hash-checking mode by itself, as the file has hashes) goes in
    # before postBuild installs the package editable on top of it
    assert install_reqs < run_postbuild
    # repo2docker also installs pyproject.toml's package (non-editable, from the copied
    # repository); postBuild's editable install then replaces it
    copy_repo = out.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    assert copy_repo < run_postbuild
