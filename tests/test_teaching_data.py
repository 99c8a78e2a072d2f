"""Every chapter's teaching data is complete: sidecar, exercise metadata, objectives, checks and quizzes.

These rules hold for every chapter in ``_toc.yml`` (a new chapter inherits them): the
instructor guide, the student edition and the self-checks all read the same data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from instructor_guide import chapters as guide_chapters
from instructor_guide import toc_chapters

from widgets.chapter_data import validate
from widgets.checks import STATUSES
from widgets.checks import labels as check_labels

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = toc_chapters(ROOT)
IDS = [p.stem for p in NOTEBOOKS]
GUIDE = {ch.stem: ch for ch in guide_chapters(ROOT)}

_SHOW_QUIZ = re.compile(r"show_quiz\(\s*[\"']([^\"']+)[\"']\s*,\s*[\"']([^\"']+)[\"']\s*\)")
_CHECK_CALL = re.compile(r"check\(\s*[\"'](ex-[\w-]+)[\"']")


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _output_text(cell: dict) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append("".join(out.get("text", "")))
        parts.append("".join(out.get("data", {}).get("text/plain", "")))
    return "".join(parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_chapter_has_a_valid_sidecar(path: Path) -> None:
    sidecar = path.with_suffix(".yml")
    assert sidecar.exists(), f"{path.name} needs its sidecar {sidecar.name} (see widgets/chapter_data.py)"
    data = validate(sidecar)
    assert data.summary, "the summary feeds the map of the book"
    assert data.misconceptions, "the instructor guide lists each chapter's misconceptions"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_exercise_has_metadata_and_only_real_objectives(path: Path) -> None:
    chapter = GUIDE[path.stem]
    data = validate(path.with_suffix(".yml"))
    in_notebook = [e.label for e in chapter.exercises]
    assert in_notebook, f"{path.name} has no exercises"
    assert len(set(in_notebook)) == len(in_notebook), "exercise labels repeat"
    assert set(data.exercises) == set(in_notebook), (
        f"metadata without an exercise: {sorted(set(data.exercises) - set(in_notebook))}; "
        f"exercises without metadata: {sorted(set(in_notebook) - set(data.exercises))}")
    n = len(chapter.objectives)
    assert 3 <= n <= 6, f"{path.name} has {n} learning objectives (3-6 expected)"
    for label, meta in data.exercises.items():
        bad = [o for o in meta.objectives if not 1 <= o <= n]
        assert not bad, f"{label} names objective(s) {bad}, but the chapter has objectives 1-{n}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_objective_is_tested_by_an_exercise(path: Path) -> None:
    chapter = GUIDE[path.stem]
    tested = {o for e in chapter.exercises for o in e.objectives}
    untested = [i for i in range(1, len(chapter.objectives) + 1) if i not in tested]
    assert not untested, f"objective(s) {untested} of {path.name} are tested by no exercise"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_code_exercise_has_a_check_that_accepts_its_solution(path: Path) -> None:
    data = validate(path.with_suffix(".yml"))
    registered = set(check_labels())
    code_exercises = sorted(label for label, meta in data.exercises.items() if meta.code)
    missing = [label for label in code_exercises if label not in registered]
    assert not missing, f"computational exercises without a check in widgets/checks: {missing}"
    # each check is called in its exercise's solution, and the stored output of that call
    # (nbval re-runs it) says the solution's own answer is right
    solution_calls: dict[str, list[str]] = {}
    for cell in _cells(path):
        if cell["cell_type"] == "code" and "solution" in cell.get("metadata", {}).get("tags", []):
            for label in _CHECK_CALL.findall(_source(cell)):
                solution_calls.setdefault(label, []).append(_output_text(cell))
    for label in code_exercises:
        assert label in solution_calls, f"the solution of {label} does not call check({label!r}, ...)"
        assert all("✔ Right" in out for out in solution_calls[label]), (
            f"the check of {label} does not accept the solution's own answer: {solution_calls[label]}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_code_exercise_offers_a_check_cell_that_runs(path: Path) -> None:
    """Outside the solutions, each computational exercise has a cell a student fills in and runs:
    ``your_answer = None`` then ``check(label, your_answer)``, with ``check`` imported before it."""
    data = validate(path.with_suffix(".yml"))
    code_exercises = {label for label, meta in data.exercises.items() if meta.code}
    student_cells: dict[str, str] = {}
    imported = False
    for cell in _cells(path):
        if cell["cell_type"] != "code" or "solution" in cell.get("metadata", {}).get("tags", []):
            continue
        source = _source(cell)
        imported = imported or "from widgets.checks import check" in source
        live = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("#"))
        for label in _CHECK_CALL.findall(live):
            assert imported, f"{path.name}: the check cell of {label} runs before check is imported"
            student_cells[label] = live
    missing = sorted(code_exercises - set(student_cells))
    assert not missing, f"{path.name}: no runnable check cell for {missing}"
    for label, live in student_cells.items():
        assert "your_answer = None" in live and f'check("{label}", your_answer)' in live, (
            f"{path.name}: the check cell of {label} should be 'your_answer = None' then "
            f"'check(\"{label}\", your_answer)'")


def test_every_check_belongs_to_an_exercise_and_is_tested_with_wrong_answers() -> None:
    exercises = {e.label for ch in GUIDE.values() for e in ch.exercises}
    orphans = sorted(set(check_labels()) - exercises)
    assert not orphans, f"checks for exercises that do not exist: {orphans}"
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_checks_ch*.py"))
    untested = sorted(label for label in check_labels() if f'"{label}"' not in tests)
    assert not untested, f"checks with no test of right and wrong answers in tests/test_checks_ch*.py: {untested}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_quizzes_are_shown_and_every_shown_quiz_exists(path: Path) -> None:
    data = validate(path.with_suffix(".yml"))
    assert sum(len(q) for q in data.quizzes.values()) >= 5, "at least 5 self-check questions per chapter"
    shown = [m for cell in _cells(path) if cell["cell_type"] == "code" for m in _SHOW_QUIZ.findall(_source(cell))]
    assert all(stem == path.stem for stem, _ in shown), f"show_quiz names another chapter: {shown}"
    shown_ids = [quiz for _, quiz in shown]
    assert sorted(shown_ids) == sorted(set(shown_ids)), "a quiz is shown twice"
    assert set(shown_ids) == set(data.quizzes), (
        f"quizzes never shown: {sorted(set(data.quizzes) - set(shown_ids))}; "
        f"shown but not in the sidecar: {sorted(set(shown_ids) - set(data.quizzes))}")


def test_question_ids_are_unique_across_the_book() -> None:
    ids = [q.id for p in NOTEBOOKS for q in validate(p.with_suffix(".yml")).questions]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_an_unanswered_check_says_what_to_do() -> None:
    from widgets.checks import check

    for label in check_labels():
        verdict = check(label, None)
        assert verdict.status == "unanswered" and not verdict.passed
        assert "replace None by your answer" in str(verdict)


@pytest.mark.parametrize("status", STATUSES)
def test_a_verdict_shows_as_html_that_names_its_status(status: str) -> None:
    """The notebook output carries its colour inline (Jupyter has no book stylesheet) and its
    status as data-status, which book.css uses to give the border the theme's colours."""
    from widgets.checks import Verdict

    shown = Verdict("ex-ch0-demo", status, "a <b>message</b> & more")._repr_html_()
    assert f'data-status="{status}"' in shown
    assert 'role="status"' in shown and "border-left:4px solid #" in shown
    assert "a &lt;b&gt;message&lt;/b&gt; &amp; more" in shown
