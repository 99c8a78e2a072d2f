"""How this book is built: the one definition of the Jupyter Book command and its flags.

The Makefile, the test fixture that builds the book and the benchmark all call
:func:`build_command`, so the flags (warnings as errors, nitpicky, keep going to list
every warning) are written once.

Usage::

    python tools/build_book.py build [--all] [--builder html] [PATH]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

__all__ = ["JB_FLAGS", "ROOT", "build_command", "main"]

ROOT = Path(__file__).resolve().parents[1]
"""The repository root (the book's source folder)."""

JB_FLAGS: tuple[str, ...] = ("--warningiserror", "--nitpick", "--keep-going")
"""Zero warnings, nitpicky cross-references, and every warning listed before failing."""


def build_command(path: Path | str = ROOT, *, full: bool = False, builder: str = "html") -> list[str]:
    """The ``jupyter-book build`` command line for ``path``.

    Parameters
    ----------
    path : path-like
        The book's root folder.
    full : bool
        Rebuild every page (``--all``), so that every warning is reported; notebook
        outputs still come from the execution cache.
    builder : str
        Jupyter Book builder (``html``, ``pdflatex``, ``singlehtml`` ...).

    Examples
    --------
    >>> build_command("/tmp/book", full=True)[2:]
    ['/tmp/book', '--builder', 'html', '--all', '--warningiserror', '--nitpick', '--keep-going']
    """
    jupyter_book = str(Path(sys.executable).with_name("jupyter-book"))
    cmd = [jupyter_book, "build", str(path), "--builder", builder]
    if full:
        cmd.append("--all")
    return cmd + list(JB_FLAGS)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(description="Build the book with the project's flags.")
    parser.add_argument("command", choices=["build"])
    parser.add_argument("path", nargs="?", default=str(ROOT))
    parser.add_argument("--all", action="store_true", help="rebuild every page")
    parser.add_argument("--builder", default="html")
    args = parser.parse_args(argv)
    return subprocess.call(build_command(args.path, full=args.all, builder=args.builder))


if __name__ == "__main__":
    sys.exit(main())
