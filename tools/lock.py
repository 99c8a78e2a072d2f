"""Lock the book's Python environments: ``requirements*.in`` -> ``requirements*.txt``.

The ``.in`` files are the readable lists (what readers use; the build and test tools on
top). The ``.txt`` files are the locks that ``make``, ``.ci/run`` and Binder install:
every transitive dependency at an exact version, with the SHA-256 hash of every file
the registry offers for that version, so ``pip`` refuses anything else. They are
resolved by uv (a pinned dev tool) once for every platform (``--universal``: Linux,
macOS and Windows, with environment markers where a dependency is platform-specific)
and every Python the package supports (``--python-version 3.11`` is the lower bound,
as in ``pyproject.toml``). On Linux with CPython 3.11, which Binder and CI run, this
installs exactly one version of each package.

Re-resolving keeps every pin that still satisfies the ``.in`` files (uv prefers the
versions already in the lock); ``--upgrade`` moves every package to its newest
release. The reader lock is written first: the dev list is constrained by it
(``-c requirements.txt``), so the build and the tests run what readers run.

Usage::

    python tools/lock.py             # after editing a .in file (make lock)
    python tools/lock.py --upgrade   # newest releases of everything (make lock-upgrade)
    python tools/lock.py --check     # exit 1 if a lock is not what the .in files give
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["LOCKS", "ROOT", "UV_FLAGS", "compile_command", "header", "lock", "stale_locks", "main"]

ROOT = Path(__file__).resolve().parents[1]
"""The repository root."""

LOCKS: tuple[tuple[str, str], ...] = (
    ("requirements.in", "requirements.txt"),
    ("requirements-dev.in", "requirements-dev.txt"),
)
"""(readable list, lock) pairs, in the order they must be resolved."""

UV_FLAGS: tuple[str, ...] = ("--generate-hashes", "--universal", "--python-version", "3.11", "--no-header",
                             "--quiet")
"""How every lock is resolved (the header is written by :func:`header`)."""

_INSTALL = {
    "requirements.txt": "pip install --require-hashes -r requirements.txt",
    "requirements-dev.txt": "pip install --require-hashes -r requirements-dev.txt",
}


def header(source: str, output: str) -> str:
    """The comment at the top of a lock: where it comes from and how to install it.

    Examples
    --------
    >>> print(header("requirements.in", "requirements.txt").splitlines()[0])
    # LOCK FILE, written by `make lock` (tools/lock.py) from requirements.in: edit that file,
    """
    return (
        f"# LOCK FILE, written by `make lock` (tools/lock.py) from {source}: edit that file,\n"
        "# not this one, then run `make lock` (`make lock-upgrade` for the newest releases).\n"
        "# Every transitive dependency at an exact version with the hashes of its files, for\n"
        "# CPython 3.11+ on Linux, macOS and Windows. Install it, then Chapter 8's data and\n"
        "# the book's package:\n"
        f"#     {_INSTALL[output]}\n"
        "#     pip install --no-deps --no-build-isolation -r requirements-data.txt\n"
        "#     pip install --no-deps --no-build-isolation -e .\n"
    )


def compile_command(source: str, output: str, *, upgrade: bool = False) -> list[str]:
    """The ``uv pip compile`` command line that writes ``output`` from ``source``.

    uv is taken from the running environment (it is pinned in requirements-dev.in).

    Examples
    --------
    >>> compile_command("requirements.in", "requirements.txt", upgrade=True)[1:]  # doctest: +NORMALIZE_WHITESPACE
    ['pip', 'compile', '--generate-hashes', '--universal', '--python-version', '3.11', '--no-header',
     '--quiet', '--upgrade', '-o', 'requirements.txt', 'requirements.in']
    """
    uv = Path(sys.executable).with_name("uv")
    cmd = [str(uv) if uv.exists() else "uv", "pip", "compile", *UV_FLAGS]
    if upgrade:
        cmd.append("--upgrade")
    return [*cmd, "-o", output, source]


def lock(root: Path = ROOT, *, upgrade: bool = False) -> None:
    """Write every lock in ``root`` from its ``.in`` file (reader lock first)."""
    for source, output in LOCKS:
        subprocess.run(compile_command(source, output, upgrade=upgrade), cwd=root, check=True)
        path = root / output
        body = path.read_text(encoding="utf-8")
        if not body.startswith("# LOCK FILE"):
            path.write_text(header(source, output) + body, encoding="utf-8")


def stale_locks(root: Path = ROOT) -> list[str]:
    """Locks in ``root`` that differ from what ``make lock`` would write now.

    Resolves a copy of the ``.in`` files and locks in a temporary folder (so nothing
    in ``root`` changes) and compares. Needs the package registry.
    """
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for source, output in LOCKS:
            shutil.copy(root / source, work / source)
            if (root / output).exists():
                shutil.copy(root / output, work / output)
        lock(work)
        return [output for _, output in LOCKS
                if not (root / output).exists()
                or (root / output).read_text(encoding="utf-8") != (work / output).read_text(encoding="utf-8")]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(description="Write the hashed locks requirements*.txt from requirements*.in.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--upgrade", action="store_true", help="move every package to its newest release")
    group.add_argument("--check", action="store_true", help="only say whether the locks are up to date")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_locks()
        for name in stale:
            print(f"{name} is not what `make lock` writes from its .in file: run `make lock`")
        return 1 if stale else 0
    lock(upgrade=args.upgrade)
    return 0


if __name__ == "__main__":
    sys.exit(main())
