"""How this book is built: the one definition of the Jupyter Book command and its flags.

The Makefile, the test fixture that builds the book and the benchmark all call
:func:`build_command`, so the flags (warnings as errors, nitpicky, keep going to list
every warning) are written once. :func:`build_pdf` runs the same command with the
``pdflatex`` builder and copies the PDF to :data:`PDF_PATH` (``make pdf``).

Usage::

    python tools/build_book.py build [--all] [--builder html] [PATH]
    python tools/build_book.py pdf [--all] [PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["JB_FLAGS", "LATEX_OPTIONS", "PDF_NAME", "ROOT", "build_command", "build_pdf", "main", "pdf_path"]

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


PDF_NAME = "cytokines.pdf"
"""File name of the PDF edition (``latex.latex_documents.targetname`` in ``_config.yml``, as .pdf)."""

LATEX_OPTIONS = "-interaction=nonstopmode -halt-on-error -file-line-error"
"""pdflatex options (``LATEXOPTS`` of Sphinx's LaTeX Makefile): stop at the first LaTeX error
with its file and line, instead of waiting for input."""


def pdf_path(path: Path | str = ROOT) -> Path:
    """Where ``make pdf`` puts the PDF edition: ``_build/pdf/cytokines.pdf``."""
    return Path(path) / "_build" / "pdf" / PDF_NAME


def build_pdf(path: Path | str = ROOT, *, full: bool = False, capture: bool = False) -> subprocess.CompletedProcess:
    """Build the PDF edition (Jupyter Book's ``pdflatex`` builder) and copy it to :func:`pdf_path`.

    Sphinx writes ``_build/latex/cytokines.tex`` with the project's flags (warnings as
    errors, nitpicky), Jupyter Book runs latexmk and pdflatex on it
    (``_build/latex/cytokines.pdf``), and the PDF is copied to ``_build/pdf/``.

    Parameters
    ----------
    path : path-like
        The book's root folder.
    full : bool
        Re-read every page (``--all``) so that every warning is reported.
    capture : bool
        Capture the build's output as text (for the tests) instead of printing it.

    Returns
    -------
    subprocess.CompletedProcess
        The build; its ``returncode`` is 0 only if the PDF was written.
    """
    env = {**os.environ, "LATEXOPTS": os.environ.get("LATEXOPTS", LATEX_OPTIONS)}
    proc = subprocess.run(build_command(path, full=full, builder="pdflatex"), cwd=path, env=env,
                          capture_output=capture, text=True, encoding="utf-8", errors="replace", check=False)
    built = Path(path) / "_build" / "latex" / PDF_NAME
    target = pdf_path(path)
    target.unlink(missing_ok=True)
    if proc.returncode == 0 and built.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)
    elif proc.returncode == 0:
        proc.returncode = 1
    return proc


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(description="Build the book with the project's flags.")
    parser.add_argument("command", choices=["build", "pdf"])
    parser.add_argument("path", nargs="?", default=str(ROOT))
    parser.add_argument("--all", action="store_true", help="rebuild every page")
    parser.add_argument("--builder", default="html")
    args = parser.parse_args(argv)
    if args.command == "pdf":
        status = build_pdf(args.path, full=args.all).returncode
        print(f"The PDF is in {pdf_path(args.path)}" if status == 0 else "The PDF build failed (see above).")
        return status
    return subprocess.call(build_command(args.path, full=args.all, builder=args.builder))


if __name__ == "__main__":
    sys.exit(main())
