"""Chapter notebooks: structure, clean stored outputs, exercises and the student edition.

nbval (run by the same pytest command) re-executes each notebook and compares it
with these stored outputs; the checks here make sure the stored outputs come from a
clean top-to-bottom run and that every exercise has its tagged solution.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from student_edition import SOLUTION_TAG, check_solutions, exercise_labels, write_student_edition

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
NOTEBOOKS = CHAPTERS + sorted((ROOT / "book").glob("*.ipynb"))


def test_there_are_chapters() -> None:
    assert CHAPTERS


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def notebook(request):
    return request.param, nbformat.read(request.param, as_version=4)


def test_notebook_is_valid_and_uses_python3(notebook) -> None:
    path, nb = notebook
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3", path.name


def test_one_title(notebook) -> None:
    path, nb = notebook
    titles = [line for c in nb.cells if c.cell_type == "markdown"
              for line in c.source.splitlines() if line.startswith("# ")]
    assert len(titles) == 1, (path.name, titles)


def test_stored_outputs_come_from_a_clean_run(notebook) -> None:
    path, nb = notebook
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts}; re-run it top to bottom with `make execute`"
    )
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"{path.name}: cell {i} stores an error"


def test_no_widget_state_is_stored_in_the_notebook(notebook) -> None:
    """The book build saves widget state into the HTML; the .ipynb stays small."""
    path, nb = notebook
    assert "widgets" not in nb.metadata, f"{path.name}: strip metadata.widgets (make execute does)"


# pandas cuts a long cell to 50 characters and an ellipsis; in a reader's table that hides
# words (Chapter 5's storm table once lost "no anti-cytokine drug proven" this way).
TRUNCATED_CELL = re.compile(r"<td>[^<]*\.\.\.</td>")


def test_tables_show_their_whole_text(notebook) -> None:
    path, nb = notebook
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            html = "".join(output.get("data", {}).get("text/html", ""))
            cut = TRUNCATED_CELL.findall(html)
            assert not cut, (
                f"{path.name}: cell {i} shows truncated table text {cut[:2]}; display it inside "
                'pd.option_context("display.max_colwidth", None)'
            )


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_exercises_have_tagged_solutions(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    assert len(exercise_labels(nb)) >= 5, f"{path.name}: a chapter has at least 5 exercises"
    assert check_solutions(nb) == []
    labels = exercise_labels(nb)
    assert len(labels) == len(set(labels))


def test_student_edition_strips_every_solution(tmp_path: Path) -> None:
    written = write_student_edition(ROOT / "chapters", tmp_path)
    assert [p.name for p in written] == [p.name for p in CHAPTERS]
    for original, student_path in zip(CHAPTERS, written):
        nb = nbformat.read(original, as_version=4)
        student = nbformat.read(student_path, as_version=4)
        assert not any(SOLUTION_TAG in c.metadata.get("tags", []) for c in student.cells)
        assert "{solution" not in "".join(c.source for c in student.cells)
        assert exercise_labels(student) == exercise_labels(nb)
        kept = [c for c in nb.cells if SOLUTION_TAG not in c.metadata.get("tags", [])]
        assert len(student.cells) == len(kept)


CODE_BOX_CHARACTERS = 76  # monospace characters the code box shows at 1280 px before scrolling
PLAIN_SPACE_PERCENT = re.compile(r"\d[ \n]%")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_visible_code_comments_fit_the_code_box(path: Path) -> None:
    """A comment a student reads (check cells and other visible cells) does not scroll."""
    nb = nbformat.read(path, as_version=4)
    hidden = {SOLUTION_TAG, "remove-cell", "remove-input"}
    long_lines = [line for c in nb.cells if c.cell_type == "code" and not hidden & set(c.metadata.get("tags", []))
                  for line in c.source.splitlines()
                  if line.lstrip().startswith("#") and len(line) > CODE_BOX_CHARACTERS]
    assert long_lines == [], f"{path.name}: comment lines over {CODE_BOX_CHARACTERS} characters"


PROSE = CHAPTERS + sorted((ROOT / "chapters").glob("*.yml")) + sorted((ROOT / "book").glob("*.md"))


@pytest.mark.parametrize("path", PROSE, ids=lambda p: p.name)
def test_percent_signs_keep_to_their_numbers(path: Path) -> None:
    """Prose and quiz text join a number to its "%" with a non-breaking space (CONTRIBUTING.md)."""
    if path.suffix == ".ipynb":
        texts = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]
    else:
        texts = [path.read_text(encoding="utf-8")]
    found = [text[max(0, m.start() - 30):m.end()] for text in texts for m in PLAIN_SPACE_PERCENT.finditer(text)]
    assert found == [], f"{path.name}: write U+00A0 between a number and %"


_CODE_NAME = re.compile(r"`([A-Za-z_][A-Za-z0-9_]*_[A-Za-z0-9_]*)(?:\(\))?`")


@pytest.fixture(scope="module")
def package_text() -> str:
    """The source of the package and its data tables, where every name the prose gives must be defined."""
    files = [p for p in (ROOT / "widgets").rglob("*") if p.is_file() and p.suffix in {".py", ".tsv", ".yml"}]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_names_the_prose_tells_readers_to_use_exist(path: Path, package_text: str) -> None:
    """A snake_case name in backticks (function, parameter, column, variable) is in the package or the chapter code.

    A name ending in ``_`` is a prefix ("their names start with ``recovery_tocilizumab_``").
    """
    nb = nbformat.read(path, as_version=4)
    known = package_text + "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    missing = sorted({name for c in nb.cells if c.cell_type == "markdown" for name in _CODE_NAME.findall(c.source)
                      if not re.search(rf"\b{re.escape(name)}" + ("" if name.endswith("_") else r"\b"), known)})
    assert missing == [], f"{path.name}: the prose names {missing}, which nothing defines"
