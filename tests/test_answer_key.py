"""The lecturer's answer key (tools/answer_key.py) lists every exercise, and every value it prints is right."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from answer_key import check_forms, keys, main, markdown, online_address, table
from instructor_guide import chapters

from widgets.checks import Names, Number, check, get, labels

ROOT = Path(__file__).resolve().parents[1]
KEYS = keys(ROOT)
CHECKED = [k for k in KEYS if k.exercise.checked]


def test_every_exercise_is_in_the_key_once_in_the_book_order() -> None:
    expected = [(ch.number, e.label) for ch in chapters(ROOT) for e in ch.exercises]
    assert [(k.chapter, k.exercise.label) for k in KEYS] == expected
    assert KEYS[0].number == "Exercise 1.1"  # the build's numbers are checked in tests/site/test_build.py
    assert sorted(k.exercise.label for k in CHECKED) == labels()


@pytest.mark.parametrize("key", CHECKED, ids=lambda k: k.exercise.label)
def test_the_values_and_the_printed_answer_are_right(key) -> None:
    item = get(key.exercise.label)
    values = list(key.values)
    if isinstance(item, Number):
        (value,) = values
        assert check(key.exercise.label, value).status == "right"
    else:
        assert check(key.exercise.label, values).status == "right"
    printed = key.answer.split(", ")
    if isinstance(item, Names):
        assert check(key.exercise.label, key.answer).status == "right"  # the printed line, as a student types it
    else:
        numbers = [float(p) for p in printed]
        answer = numbers[0] if isinstance(item, Number) else numbers
        assert check(key.exercise.label, answer).status == "right", key.answer  # rounding keeps it right
    assert key.form, f"{key.exercise.label}: its check cell says nothing about what the answer holds"
    assert key.right and key.close


def test_a_written_exercise_points_to_its_solution_online() -> None:
    base = online_address(ROOT)
    assert base.startswith("https://") and base.endswith("/")
    written = [k for k in KEYS if not k.exercise.checked]
    assert written
    for k in written:
        assert not k.answer and not k.values
        stem = next(ch.stem for ch in chapters(ROOT) if ch.number == k.chapter)
        assert k.link == f"{base}chapters/{stem}.html#{k.exercise.label}"


def test_the_forms_come_from_the_check_cells() -> None:
    ch = next(c for c in chapters(ROOT) if c.number == 7)
    forms = check_forms(ch)
    assert set(forms) == {e.label for e in ch.exercises if e.checked}
    assert "two decimals" in forms["ex-ch7-censored"]


def test_markdown_and_csv_hold_the_same_key(tmp_path: Path) -> None:
    page = markdown(KEYS, ROOT)
    for k in KEYS:
        assert f"`{k.exercise.label}`" in page
    rows = list(csv.DictReader(io.StringIO(table(KEYS))))
    assert [r["label"] for r in rows] == [k.exercise.label for k in KEYS]
    for row, k in zip(rows, KEYS):
        assert row["answer"] == k.answer and row["solution"] == k.link
        if k.values and not isinstance(get(k.exercise.label), Names):
            assert [float(v) for v in row["values"].split("; ")] == list(k.values)
    main(["--out", str(tmp_path)])
    assert (tmp_path / "answer-key.md").read_text(encoding="utf-8").startswith("# Answer key")
    assert (tmp_path / "answer-key.csv").read_text(encoding="utf-8") == table(KEYS)


def test_the_names_rules_the_key_states_are_the_checks_rules() -> None:
    for k in (k for k in CHECKED if isinstance(get(k.exercise.label), Names)):
        names = list(k.values)
        if len(names) == 1:
            assert k.close == "never (one name)"
            assert check(k.exercise.label, names + ["IL-6"]).status == "wrong"
        else:
            assert k.close.startswith("overlap ≥ 60 %")
            assert check(k.exercise.label, names[::-1]).status == "right"  # any order
            assert check(k.exercise.label, names[1:] + ["not a cytokine"]).status != "right"

