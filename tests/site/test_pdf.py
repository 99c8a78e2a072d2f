"""The PDF edition (``make pdf``): it builds with zero warnings and holds the whole book.

The PDF is built once per session with :func:`build_book.build_pdf` (the same command as
``make pdf``) and read with poppler's ``pdfinfo`` and ``pdftotext``.
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from pdf_pages import box_titles_at_page_foot, pdftotext, poppler

ROOT = Path(__file__).resolve().parents[2]
SPHINX_WARNING = re.compile(r"(WARNING|ERROR|CRITICAL):")
PAGES = range(200, 1200)
"""A sane page count: the book printed 513 pages with eight chapters (see README.md, "PDF edition")."""

pytestmark = pytest.mark.build


@dataclass(frozen=True)
class PdfBuild:
    returncode: int
    log: str
    pdf: Path


@pytest.fixture(scope="module")
def pdf_build() -> PdfBuild:
    from build_book import build_pdf, pdf_path  # tools/build_book.py: what `make pdf` runs

    proc = build_pdf(ROOT, capture=True)
    log = proc.stdout + proc.stderr
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "test-pdf.log").write_text(log)
    return PdfBuild(proc.returncode, log, pdf_path(ROOT))


@pytest.fixture(scope="module")
def pdf(pdf_build: PdfBuild) -> Path:
    if pdf_build.returncode != 0 or not pdf_build.pdf.exists():
        pytest.fail("the PDF did not build; see _build/test-pdf.log", pytrace=False)
    return pdf_build.pdf


@pytest.fixture(scope="module")
def pdf_text(pdf: Path) -> str:
    """The PDF's text, with ligatures, quotes and white space normalised."""
    text = unicodedata.normalize("NFKC", pdftotext(pdf)).translate(str.maketrans("‘’“”", "''\"\""))
    return " ".join(text.split())


def chapter_titles() -> dict[str, str]:
    """The ``#`` title of every page in ``_toc.yml``, by file."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    titles = {}
    for file in [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]:
        notebook = ROOT / f"{file}.ipynb"
        if notebook.exists():
            lines = [line for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
                     if cell["cell_type"] == "markdown" for line in "".join(cell["source"]).splitlines()]
        else:
            lines = (ROOT / f"{file}.md").read_text(encoding="utf-8").splitlines()
        titles[file] = next(line[2:].strip() for line in lines if line.startswith("# "))
    return titles


def test_the_pdf_builds_without_warnings(pdf_build: PdfBuild) -> None:
    warnings = [line for line in pdf_build.log.splitlines() if SPHINX_WARNING.search(line)]
    assert pdf_build.returncode == 0, "\n".join(warnings[-30:]) or pdf_build.log[-3000:]
    assert not warnings, "\n".join(warnings)


def test_latex_resolved_every_reference(pdf: Path) -> None:
    """The last pdflatex run left no undefined or doubly defined label and no missing character."""
    log = (ROOT / "_build" / "latex" / "cytokines.log").read_text(encoding="latin-1")
    problems = re.findall(r"^(?:LaTeX|Package \w+) Warning: (?:Reference|Hyper reference|Citation|Label|There were)"
                          r".*$|^Missing character.*$", log, re.M)
    assert not problems, problems[:20]


def test_nothing_runs_off_a_page(pdf: Path) -> None:
    """No box taller than the page (LaTeX cannot break a signature line or a verbatim line: it is cut off)."""
    log = (ROOT / "_build" / "latex" / "cytokines.log").read_text(encoding="latin-1")
    too_high = [float(h) for h in re.findall(r"^Overfull \\vbox \((\d+(?:\.\d+)?)pt too high\)", log, re.M)]
    assert max(too_high, default=0.0) < 20.0, sorted(too_high)[-5:]


def test_the_page_count_is_sane(pdf: Path) -> None:
    info = subprocess.run([poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    assert pages in PAGES, pages


def test_every_chapter_title_and_the_bibliography_are_in_the_text(pdf_text: str) -> None:
    """Each page of the table of contents is a chapter, in order, under its title (headings print in capitals)."""
    titles = chapter_titles()
    root = next(iter(titles))
    assert pdf_text.startswith(titles.pop(root))  # the title page; the root page's text is "About this book"
    missing = [title for title in titles.values() if " ".join(title.split()) not in pdf_text]
    assert not missing
    headings = ["ABOUT THIS BOOK"] + [" ".join(title.upper().split()) for title in titles.values()]
    found = [pdf_text.find(heading) for heading in headings]
    assert -1 not in found, [h for h, at in zip(headings, found) if at < 0]
    assert found == sorted(found), "chapters out of order"
    assert "Bibliography" in pdf_text
    assert re.search(r"\[\d+\] \S", pdf_text), "no numbered bibliography entries"


def test_no_broken_reference_marker(pdf_text: str) -> None:
    at = pdf_text.find("??")
    assert at < 0, pdf_text[max(0, at - 200):at + 50]


def test_unanswered_checks_print_no_output(pdf_text: str) -> None:
    """No chapter prints the "No answer yet" output of a check cell; the API reference may
    (the docstring of ``widgets.checks.check`` shows that message as its example)."""
    opening = (ROOT / "book" / "api.md").read_text(encoding="utf-8").split("\n\n")[1]  # the page's first paragraph
    api = pdf_text.find(" ".join(opening.replace("`", "").split()[:8]))
    assert api > 0, "the API reference page is missing from the PDF"
    chapters, reference = pdf_text[:api], pdf_text[api:]
    at = chapters.find("No answer yet")
    assert at < 0, f"a reader of the PDF cannot run a check cell: {chapters[max(0, at - 300):at + 80]}"
    assert 'check("ex-ch1-occupancy", your_answer)' in chapters  # the cell itself stays
    assert "No answer yet (ex-ch1-occupancy)" in reference  # control: the message is spelled as searched


def test_no_exercise_title_is_left_alone_at_a_page_foot(pdf: Path) -> None:
    """An exercise or solution box keeps its title with its first lines (pdf_edition's needspace)."""
    assert box_titles_at_page_foot(pdf) == []


def test_explorers_print_their_default_view_with_a_note(pdf_text: str) -> None:
    notes = re.findall(r"Shown here at its default settings; move its controls in the online book", pdf_text)
    assert notes
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    base = config["sphinx"]["config"].get("pdf_online_url")
    if base:  # the note gives the chapter's address (pdftotext may break it at a slash)
        joined = re.sub(r"\s+", "", pdf_text)
        assert f"{base.rstrip('/')}/chapters/01-what-are-cytokines.html" in joined


def test_no_html_only_output_prints_as_garbage(pdf_text: str) -> None:
    """No repr or HTML of a widget in the chapters (the API reference's examples may show reprs)."""
    assert "Check your understanding" in pdf_text
    chapters = pdf_text[:pdf_text.index("API REFERENCE")]
    for junk in ("Quiz('", "FrameExplorer(", "IPython.core.display", "<script", "<div", "VBox(", "init_notebook_mode"):
        assert junk not in chapters, junk


def test_greek_letters_and_units_come_out_right(pdf_text: str) -> None:
    for text in ("IFN-γ", "TGF-β", "IL-1β", "µm", "≈", "≥"):
        assert unicodedata.normalize("NFKC", text) in pdf_text, text  # NFKC, as pdf_text: µ (micro) is μ (mu)
