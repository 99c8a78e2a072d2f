"""The package's docstring examples do not print the answers of the book's self-checked exercises.

The examples are shown on the API reference pages, which the student edition keeps; an
example that prints what ``check`` expects would hand the answer to a student who never
ran the model. A value counts as an answer when it has at least three significant
digits (so 0.5 or 7 are not answers on their own): a docstring's printed output may not
hold two different such values of one exercise, nor the single value of a one-number
exercise (matched within 0.1 %); and no example may show ``check`` calling a given answer
right. Answers one division away from a printed number (a ratio of two printed values)
are beyond this test: write such examples at inputs no exercise uses.
"""

from __future__ import annotations

import doctest
import functools
import importlib
import pkgutil
import re

import widgets
from widgets.checks import _REGISTRY as CHECKS
from widgets.checks import Number, Numbers

_NUMBER = re.compile(r"(?<![\w\\.])-?\d+\.?\d*(?:e-?\d+)?")


@functools.cache
def _doctests() -> tuple[doctest.DocTest, ...]:
    tests: list[doctest.DocTest] = []
    for info in pkgutil.walk_packages(widgets.__path__, "widgets."):
        tests.extend(doctest.DocTestFinder(recurse=True).find(importlib.import_module(info.name)))
    return tuple(tests)


def _doctest_outputs() -> dict[str, list[float]]:
    return {test.name: [float(x) for x in _NUMBER.findall(" ".join(e.want for e in test.examples))]
            for test in _doctests()}


def test_no_docstring_example_shows_a_check_accepting_an_answer() -> None:
    """``check("ex-...", <answer>)`` shown as right would give the answer in its input."""
    shown = [f"{test.name}: {example.source.strip()}"
             for test in _doctests() for example in test.examples
             if re.search(r"check\(\s*[\"']ex-", example.source) and re.search(r"right|✔", example.want)]
    assert not shown, "\n".join(shown)


def _distinctive(value: float) -> bool:
    digits = f"{abs(value):.3g}".split("e")[0].replace(".", "").strip("0")
    return len(digits) >= 3


def test_no_docstring_example_prints_an_exercise_answer() -> None:
    outputs = _doctest_outputs()
    leaks = []
    for label, item in sorted(CHECKS.items()):
        if not isinstance(item, (Number, Numbers)):
            continue
        values = [float(item.expected())] if isinstance(item, Number) else [float(v) for v in item.expected()]
        answers = {float(f"{v:.4g}") for v in values if v and _distinctive(v)}
        if not answers:
            continue
        needed = 1 if isinstance(item, Number) else min(2, len(answers))
        for name, shown in outputs.items():
            hits = {a for a in answers if any(s and abs(s - a) <= 1e-3 * abs(a) for s in shown)}
            if len(hits) >= needed:
                leaks.append(f"{name} prints {sorted(hits)}, the answer of {label}")
    assert not leaks, "\n".join(leaks)
