"""Page-level checks of a built PDF, shared by ``site/test_pdf.py`` and ``site/test_student_edition.py``."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

BOX_TITLE = re.compile(r"^(?:Solution to )?Exercise \d+\.\d+ \(.+\)$")
"""The title bar of an exercise or solution box, as pdftotext prints it on a line of its own."""


def box_titles_at_page_foot(pdf: Path, *, lines: int = 2) -> list[str]:
    """Pages whose text ends, within ``lines`` lines above the running foot, with a box title.

    Such a title is cut off from its exercise, which starts on the next page. Each entry
    is ``"page N: <title>"``.
    """
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is not installed (Debian package poppler-utils; .ci/run installs it)", pytrace=False)
    text = subprocess.run([tool, "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          encoding="utf-8", check=True).stdout
    found = []
    for number, page in enumerate(text.split("\f"), start=1):
        body = [line.strip() for line in page.splitlines() if line.strip()][:-1]  # the last line is the foot
        found += [f"page {number}: {line}" for line in body[-lines:] if BOX_TITLE.match(line)]
    return found
