"""The locks: every package at an exact version with hashes, and what the readable lists say.

``requirements.in`` and ``requirements-dev.in`` are the readable lists; ``make lock``
(``tools/lock.py``) writes the hashed locks ``requirements.txt`` and
``requirements-dev.txt`` from them. These tests read the files only, except the last
one, which re-resolves the locks (it needs the package registry).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import lock  # noqa: E402  (tools/lock.py)

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^ ;\\]+)\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?$")
TOOLS = {"jupyter-book", "sphinx", "myst-nb", "nbval", "pytest", "jupyterlab", "playwright", "jupyter-repo2docker",
         "ruff", "mypy", "uv", "linkchecker", "nbclient", "nbconvert"}


def locked(path: Path) -> dict[tuple[str, str], tuple[str, set[str]]]:
    """{(name, marker): (version, hashes)} of a lock written by uv."""
    out: dict[tuple[str, str], tuple[str, set[str]]] = {}
    current: tuple[str, str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            match = PIN.match(line)
            assert match, f"{path.name}: not an exact pin: {line!r}"
            current = (canonicalize_name(match["name"]), (match["marker"] or "").strip())
            assert current not in out, f"{path.name}: {current} twice"
            out[current] = (match["version"], set())
        else:
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
            assert hashes and current, f"{path.name}: unexpected line {line!r}"
            out[current][1].update(hashes)
    return out


def readable(path: Path) -> dict[str, str]:
    """{name: version} of the pins in a ``.in`` file (``-c``/``-r`` lines skipped)."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        req = Requirement(line)
        (spec,) = req.specifier
        assert spec.operator == "==", f"{path.name}: pin {line!r} exactly"
        pins[canonicalize_name(req.name)] = spec.version
    return pins


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_package_is_pinned_with_hashes(name: str) -> None:
    lock_ = locked(ROOT / name)
    assert len(lock_) > 40
    assert all(hashes for _, hashes in lock_.values())
    text = (ROOT / name).read_text()
    assert text.startswith("# LOCK FILE") and name.replace(".txt", ".in") in text.splitlines()[0]
    # nothing that pip could not hash-check, and nothing that names this machine's indexes
    assert not re.search(r"^\s*(-e|--editable|--index-url|--extra-index-url|--find-links|file:|\.)", text, re.M)


@pytest.mark.parametrize(("source", "output"), lock.LOCKS)
def test_the_lock_has_every_pin_of_the_readable_list(source: str, output: str) -> None:
    versions = {name: version for (name, _), (version, _) in locked(ROOT / output).items()}
    pins = readable(ROOT / source)
    if source == "requirements-dev.in":
        pins |= readable(ROOT / "requirements.in")
    differ = {name: (version, versions.get(name)) for name, version in pins.items() if versions.get(name) != version}
    assert not differ, f"edited {source} without `make lock`? (in the .in, in the lock): {differ}"


def test_the_build_and_the_tests_run_what_readers_run() -> None:
    dev = (ROOT / "requirements-dev.in").read_text().splitlines()
    assert "-c requirements.txt" in dev and "-r requirements.in" in dev
    def by_name(path: Path) -> dict[str, set[tuple[str, frozenset[str]]]]:
        # markers may differ (a package may be needed on more platforms by the tools)
        out: dict[str, set[tuple[str, frozenset[str]]]] = {}
        for (name, _), (version, hashes) in locked(path).items():
            out.setdefault(name, set()).add((version, frozenset(hashes)))
        return out

    reader, full = by_name(ROOT / "requirements.txt"), by_name(ROOT / "requirements-dev.txt")
    differ = sorted(name for name, files in reader.items() if files != full.get(name))
    assert not differ, f"versions or hashes differ between the reader and the dev lock: {differ}"


def test_readers_get_no_build_or_test_tools() -> None:
    names = {name for name, _ in locked(ROOT / "requirements.txt")}
    assert not names & TOOLS, names & TOOLS
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.in").read_text().splitlines()]
    assert not [line for line in lines if line.startswith("-e") or line == "."], "-e . cannot be hash-checked"


def test_the_lock_has_what_the_package_declares() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    versions = {name: Version(version) for (name, _), (version, _) in locked(ROOT / "requirements.txt").items()}
    # its dependencies, and its build backend (installed with --no-build-isolation)
    for line in pyproject["project"]["dependencies"] + pyproject["build-system"]["requires"]:
        req = Requirement(line)
        name = canonicalize_name(req.name)
        assert name in versions, f"{req.name} (pyproject.toml) is not in requirements.txt"
        assert versions[name] in req.specifier, f"requirements.txt has {name} {versions[name]}, pyproject asks {req}"


@pytest.mark.slow
def test_the_locks_are_what_make_lock_writes() -> None:
    stale = lock.stale_locks(ROOT)
    assert not stale, f"{stale} differ from what `make lock` writes from the .in files: run `make lock`"
