"""Reading a built PDF with poppler, shared by ``site/test_pdf.py`` and ``site/test_student_edition.py``."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

BOX_TITLE = re.compile(r"^(?:Solution to )?Exercise \d+\.\d+ \(.+\)$")
"""The title bar of an exercise or solution box, as pdftotext prints it on a line of its own."""


def poppler(name: str) -> str:
    """The path of one of poppler's tools (``pdftotext``, ``pdfinfo``), or fail the test saying how to get it."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (Debian package poppler-utils; .ci/run installs it)", pytrace=False)
    return path


def pdftotext(pdf: Path, *, layout: bool = False) -> str:
    """The PDF's text as ``pdftotext`` prints it (pages end with a form feed; ``layout`` keeps columns)."""
    args = [poppler("pdftotext"), *(["-layout"] if layout else []), "-enc", "UTF-8", str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", check=True).stdout


def box_titles_at_page_foot(pdf: Path, *, lines: int = 2) -> list[str]:
    """Pages whose text ends, within ``lines`` lines above the running foot, with a box title.

    Such a title is cut off from its exercise, which starts on the next page. Each entry
    is ``"page N: <title>"``.
    """
    found = []
    for number, page in enumerate(pdftotext(pdf, layout=True).split("\f"), start=1):
        body = [line.strip() for line in page.splitlines() if line.strip()][:-1]  # the last line is the foot
        found += [f"page {number}: {line}" for line in body[-lines:] if BOX_TITLE.match(line)]
    return found
