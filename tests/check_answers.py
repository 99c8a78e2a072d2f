"""The two tests every chapter's exercise checks share (a helper module, not a test module).

A chapter's test module lists the solution's answers and typical mistakes, then binds
the two tests by name so that pytest collects them there::

    test_solution_answer_is_right, test_typical_mistake_is_not_right = answer_tests(SOLUTIONS, MISTAKES)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pytest

from widgets.checks import check


def answer_tests(
    solutions: Mapping[str, object], mistakes: Mapping[str, Sequence[object]]
) -> tuple[Callable[[str], None], Callable[[str, object], None]]:
    """A test that each solution's answer is right, and one that each typical mistake is not."""

    @pytest.mark.parametrize("label", sorted(solutions))
    def test_solution_answer_is_right(label: str) -> None:
        assert check(label, solutions[label]).status == "right"

    @pytest.mark.parametrize("label, answer", [(k, a) for k, answers in mistakes.items() for a in answers])
    def test_typical_mistake_is_not_right(label: str, answer: object) -> None:
        assert check(label, answer).status != "right"

    return test_solution_answer_is_right, test_typical_mistake_is_not_right
