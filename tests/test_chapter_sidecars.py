"""Sidecars of Chapters 1-3 agree with their notebooks: exercises, objectives, checks, quizzes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from widgets import checks
from widgets.chapter_data import validate

ROOT = Path(__file__).resolve().parents[1]
STEMS = ["01-what-are-cytokines", "02-families-of-cytokines", "03-how-cytokines-signal"]


def _markdown(stem: str) -> str:
    nb = json.loads((ROOT / "chapters" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def _objectives(text: str) -> list[int]:
    block = text[text.index("Learning objectives"):]
    block = block[:block.index("```")] if "```" in block else block  # up to the closing fence
    return [int(n) for n in re.findall(r"^(\d+)\. \*\*", block, flags=re.M)]


@pytest.mark.parametrize("stem", STEMS)
def test_sidecar_is_valid_and_lists_exactly_the_notebook_exercises(stem: str) -> None:
    data = validate(ROOT / "chapters" / f"{stem}.yml")
    labels = set(re.findall(r":label: (ex-ch\d-[\w-]+)", _markdown(stem)))
    assert labels == set(data.exercises), (sorted(labels ^ set(data.exercises)))


@pytest.mark.parametrize("stem", STEMS)
def test_every_learning_objective_has_an_exercise(stem: str) -> None:
    data = validate(ROOT / "chapters" / f"{stem}.yml")
    objectives = _objectives(_markdown(stem))
    assert 3 <= len(objectives) <= 6
    tested = {o for e in data.exercises.values() for o in e.objectives}
    assert set(objectives) <= tested, set(objectives) - tested
    assert tested <= set(objectives), "an exercise names an objective the chapter does not have"


@pytest.mark.parametrize("stem", STEMS)
def test_every_computational_exercise_has_a_check(stem: str) -> None:
    data = validate(ROOT / "chapters" / f"{stem}.yml")
    computational = {label for label, e in data.exercises.items()
                     if e.code and e.type in ("calculation", "data")}
    assert computational <= set(checks.labels()), sorted(computational - set(checks.labels()))


@pytest.mark.parametrize("stem", STEMS)
def test_each_chapter_has_a_clinical_case_and_enough_quiz_questions(stem: str) -> None:
    data = validate(ROOT / "chapters" / f"{stem}.yml")
    assert any(e.type == "clinical case" for e in data.exercises.values())
    assert len(data.questions) >= 8
    kinds = {q.type for q in data.questions}
    assert {"choice", "truefalse"} <= kinds


@pytest.mark.parametrize("stem", STEMS)
def test_check_cells_follow_their_exercise(stem: str) -> None:
    nb = json.loads((ROOT / "chapters" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    cells = nb["cells"]
    for k, cell in enumerate(cells):
        src = "".join(cell["source"])
        m = re.search(r'check\("(ex-ch\d-[\w-]+)"', src)
        if cell["cell_type"] != "code" or not m:
            continue
        if "solution" in cell.get("metadata", {}).get("tags", []):
            continue  # a solution ends by checking its own answer (tests/test_teaching_data.py)
        previous = "".join(cells[k - 1]["source"])
        assert f":label: {m.group(1)}" in previous, f"check cell for {m.group(1)} must follow its exercise"
