"""The student edition (``make student-pdf``: web book, notebooks and PDF) builds and leaks no solution.

The leak test looks for the solutions' own text everywhere in ``_build/student``: the
pages, the downloadable notebooks and page sources, the search index, the student
notebooks and the student PDF. A solution is represented by its runs of eight words that appear nowhere
else in the book's sources (so phrases shared with the chapter text do not count), and
its words that appear in no student page (for the stemmed search index). The same
probes must be found in the full book, so the test cannot pass by looking in the wrong
place.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from pdf_pages import box_titles_at_page_foot, pdftotext

ROOT = Path(__file__).resolve().parents[2]
STUDENT = ROOT / "_build" / "student"
N = 8  # words per probe

pytestmark = pytest.mark.build

_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
_WORD = re.compile(r"[a-z0-9]+")


_BOUNDARY = re.compile(r"[.!?;:\n]+")
_SOFT_BREAK = re.compile(r"(?<!\n)\n(?!\n)")
"""A line break inside a paragraph of Markdown source, which the reader never sees."""


def words(text: str) -> list[list[str]]:
    """The words of each sentence-like segment (probes never span two sentences or two blocks)."""
    return [_WORD.findall(part.lower()) for part in _BOUNDARY.split(text)]


def ngrams(segments: list[list[str]], n: int = N) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + n]) for tokens in segments for i in range(len(tokens) - n + 1)}


def _cell_text(cell: dict) -> str:
    parts = ["".join(cell.get("source", ""))]
    for out in cell.get("outputs", []):
        parts.append("".join(out.get("text", "")))
        for mime in ("text/plain", "text/markdown", "text/html"):
            parts.append("".join(out.get("data", {}).get(mime, "")))
    return "\n".join(parts)


def notebook_text(path: Path) -> str:
    return "\n".join(_cell_text(c) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])


def file_text(path: Path) -> str:
    """Readable text of a built file: tags stripped from HTML, cells joined for notebooks."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        return notebook_text(path)
    if path.suffix == ".html":
        return html.unescape(_TAGS.sub("\n", raw))
    return html.unescape(raw)


def built_files(folder: Path) -> Iterable[Path]:
    skip = {"vendor", "_sphinx_design_static", "fonts"}
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".ipynb", ".txt", ".md", ".js", ".json"} \
                and not skip & set(path.relative_to(folder).parts):
            yield path


def _solutions_and_rest() -> tuple[dict[str, str], str]:
    """Solution text per chapter, and every other text of the book's sources."""
    solutions: dict[str, str] = {}
    rest: list[str] = []
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        solutions[path.stem] = "\n".join(_cell_text(c) for c in cells if "solution" in c["metadata"].get("tags", []))
        rest += [_cell_text(c) for c in cells if "solution" not in c["metadata"].get("tags", [])]
        rest.append(path.with_suffix(".yml").read_text(encoding="utf-8") if path.with_suffix(".yml").exists() else "")
    rest += [p.read_text(encoding="utf-8") for p in (ROOT / "book").glob("*.md")]
    rest += [notebook_text(p) for p in (ROOT / "book").glob("*.ipynb")]  # the catalog page shows the same data
    rest += [p.read_text(encoding="utf-8") for p in (ROOT / "book").glob("*.bib")]  # titles quoted in solutions
    rest += [p.read_text(encoding="utf-8") for p in (ROOT / "widgets").rglob("*.py")]  # the API page's docstrings
    return solutions, "\n".join(rest)


@pytest.fixture(scope="session")
def probes() -> dict[str, set[tuple[str, ...]]]:
    solutions, rest = _solutions_and_rest()
    # a phrase the chapter text wraps onto two source lines is still shared (a PDF prints it on one)
    shared = ngrams(words(rest)) | ngrams(words(_SOFT_BREAK.sub(" ", rest)))
    out = {stem: ngrams(words(text)) - shared for stem, text in solutions.items()}
    assert all(out.values()), "every chapter has solution text of its own to look for"
    return out


@pytest.fixture(scope="session")
def student_site() -> Path:
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "student_edition.py"), "--pdf"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", errors="replace")
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "student-build.log").write_text(proc.stdout + proc.stderr)
    if proc.returncode != 0:
        pytest.fail("the student edition did not build; see _build/student-build.log", pytrace=False)
    return STUDENT


def _found(folder: Path, probes: set[tuple[str, ...]]) -> dict[str, int]:
    hits: dict[str, int] = {}
    for path in built_files(folder):
        grams = ngrams(words(file_text(path)))
        n = len(probes & grams)
        if n:
            hits[path.relative_to(folder).as_posix()] = n
    return hits


def test_student_edition_has_every_page_and_notebook(student_site: Path) -> None:
    chapters = sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb"))
    for stem in chapters:
        assert (student_site / "html" / "chapters" / f"{stem}.html").exists()
        assert (student_site / "notebooks" / f"{stem}.ipynb").exists()
        assert (student_site / "notebooks" / f"{stem}.yml").exists(), "the quizzes need the sidecar beside the notebook"
    assert not (student_site / "html" / "book" / "instructor-guide.html").exists()
    page = (student_site / "html" / "chapters" / f"{chapters[0]}.html").read_text(encoding="utf-8")
    assert "Student edition" in page
    assert "mybinder.org" not in page and "github.com/cytokines-textbook" not in page, \
        "no button leads to the full repository, whose notebooks hold the solutions"
    assert 'class="self-check"' in page and "exercise" in page


def test_the_probes_find_the_solutions_in_the_full_book(site: Path, probes: dict) -> None:
    for stem, grams in probes.items():
        page = ngrams(words(file_text(site / "chapters" / f"{stem}.html")))
        share = len(grams & page) / len(grams)
        # not all: roles and outputs are written differently in the page than in the notebook
        assert share > 0.5, f"only {share:.0%} of {stem}'s solution probes are in its full page: the probes are wrong"


def test_no_solution_text_anywhere_in_the_student_edition(student_site: Path, probes: dict) -> None:
    for stem, grams in probes.items():
        hits = _found(student_site / "html", grams) | {
            f"notebooks/{k}": v for k, v in _found(student_site / "notebooks", grams).items()}
        assert not hits, f"solution text of {stem} leaks into the student edition: {hits}"


def _index_terms(searchindex: Path) -> set[str]:
    text = searchindex.read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1:text.rindex(")")])
    return set(data["terms"]) | set(data.get("titleterms", {}))


def test_the_search_index_knows_no_word_that_only_solutions_use(site: Path, student_site: Path) -> None:
    from sphinx.search.en import SearchEnglish

    stem = SearchEnglish({}).stem
    solutions, _ = _solutions_and_rest()
    student_words: set[str] = set()
    for path in built_files(student_site / "html"):
        if path.name != "searchindex.js":
            student_words |= {w for segment in words(file_text(path)) for w in segment}
    only_in_solutions = {w for text in solutions.values() for segment in words(text) for w in segment
                         if len(w) > 3 and not w.isdigit()} - student_words
    stems = {stem(w) for w in only_in_solutions} - {stem(w) for w in student_words}
    assert stems, "some words appear only in solutions"
    full = _index_terms(site / "searchindex.js")
    assert len(stems & full) > 0.5 * len(stems), "the full book's index holds the solutions' words"
    leaked = sorted(stems & _index_terms(student_site / "html" / "searchindex.js"))
    assert not leaked, f"the student search index holds words only solutions use: {leaked[:20]}"


def test_the_student_pdf_has_every_exercise_and_no_solution(student_site: Path, probes: dict) -> None:
    from instructor_guide import chapters
    from student_edition import STUDENT_PDF_NAME

    pdf = student_site / "pdf" / STUDENT_PDF_NAME
    assert pdf.exists(), "make student-pdf writes the student PDF"
    text = pdftotext(pdf)
    flat = " ".join(text.replace("-\n", "").split())
    assert "student edition" in flat[:2000].lower()
    for ch in chapters(ROOT):
        for e in ch.exercises:
            title = " ".join(e.title.split())
            assert title.split(" ")[0] in flat, e.label
    exercises = len(re.findall(r"Exercise \d\.\d+", flat))
    assert exercises >= sum(len(ch.exercises) for ch in chapters(ROOT)), exercises
    assert "Solution to Exercise" not in flat
    grams = ngrams(words(text)) | ngrams(words(flat))
    asked = ngrams(words(_exercise_text()))
    assert len(asked & grams) > 0.5 * len(asked), "the PDF's text is read well enough to find the exercises"
    leaked = {stem: sorted(" ".join(x) for x in g & grams) for stem, g in probes.items() if g & grams}
    assert not leaked, f"solution text leaks into the student PDF: {leaked}"


def test_no_exercise_title_is_left_alone_at_a_student_pdf_page_foot(student_site: Path) -> None:
    from student_edition import STUDENT_PDF_NAME

    assert box_titles_at_page_foot(student_site / "pdf" / STUDENT_PDF_NAME) == []


def _exercise_text() -> str:
    """The exercises' own text (the markdown cells that open an exercise), as a positive control."""
    out = []
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] == "markdown" and text.lstrip().startswith("```{exercise"):
                out.append(_SOFT_BREAK.sub(" ", re.sub(r"\{\w+(?::\w+)*\}`[^`]*`|[`*$]", " ", text)))
    return "\n".join(out)

