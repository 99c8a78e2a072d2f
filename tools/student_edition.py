"""Student edition of the chapters: the same notebooks without the solutions.

Every cell that belongs to a solution carries the cell tag ``solution`` (the
markdown cell that opens a ``{solution}`` or ``{solution-start}`` block, the
code cells of a worked solution, and the cell holding ``{solution-end}``).
Removing those cells leaves the exercises and everything else intact.

Run from the repository root::

    python tools/student_edition.py chapters _build/student

Instructors can hand out the notebooks in ``_build/student``; the book itself
keeps the solutions, hidden in drop-downs.
"""

from __future__ import annotations

import argparse
import copy
import re
from pathlib import Path
from typing import Any

import nbformat

SOLUTION_TAG = "solution"
_EXERCISE = re.compile(r"```\{exercise(?:-start)?\}[^\n]*\n(?:[^\n]*\n)*?:label:\s*(\S+)")
_SOLUTION = re.compile(r"```\{solution(?:-start)?\}\s*(\S+)")


def _tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def exercise_labels(nb: Any) -> list[str]:
    """Labels of the exercises in a notebook, in order.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
    ...     "```{exercise} Title\\n:label: ex-1\\n\\nQ?\\n```")])
    >>> exercise_labels(nb)
    ['ex-1']
    """
    return [m for c in nb.cells if c.cell_type == "markdown" for m in _EXERCISE.findall(c.source)]


def solution_targets(nb: Any) -> list[str]:
    """Exercise labels that the notebook's solutions answer, in order."""
    return [m for c in nb.cells if c.cell_type == "markdown" for m in _SOLUTION.findall(c.source)]


def check_solutions(nb: Any) -> list[str]:
    """Problems that would break the student edition; an empty list when all is well.

    Checks that every exercise has exactly one solution, that every solution
    answers an existing exercise, and that every cell inside a solution block
    carries the ``solution`` tag (so that stripping removes all of it).

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("```{exercise} T\\n:label: ex-1\\n\\nQ?\\n```"),
    ...     nbformat.v4.new_markdown_cell("```{solution} ex-1\\n\\nA.\\n```")])
    >>> check_solutions(nb)
    ["cell 1 is part of a solution but is not tagged 'solution'"]
    """
    problems: list[str] = []
    exercises = exercise_labels(nb)
    solutions = solution_targets(nb)
    for label in exercises:
        count = solutions.count(label)
        if count != 1:
            problems.append(f"exercise {label!r} has {count} solutions; expected exactly 1")
    for label in sorted(set(solutions) - set(exercises)):
        problems.append(f"a solution answers {label!r}, which is not an exercise in this notebook")
    inside = False
    for i, cell in enumerate(nb.cells):
        source = cell.source if cell.cell_type == "markdown" else ""
        starts = "{solution}" in source or "{solution-start}" in source
        if starts and "{solution-start}" in source:
            inside = True
        in_solution = starts or inside
        if "{solution-end}" in source:
            in_solution, inside = True, False
        if in_solution and SOLUTION_TAG not in _tags(cell):
            problems.append(f"cell {i} is part of a solution but is not tagged {SOLUTION_TAG!r}")
    return problems


def strip_solutions(nb: Any) -> Any:
    """A copy of the notebook without the cells tagged ``solution``.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("Q?"),
    ...     nbformat.v4.new_code_cell("answer = 42", metadata={"tags": ["solution"]})])
    >>> [c.source for c in strip_solutions(nb).cells]
    ['Q?']
    """
    student = copy.deepcopy(nb)
    student.cells = [c for c in student.cells if SOLUTION_TAG not in _tags(c)]
    return student


def write_student_edition(source_dir: Path | str, out_dir: Path | str) -> list[Path]:
    """Write a solution-free copy of every notebook in ``source_dir`` to ``out_dir``.

    Parameters
    ----------
    source_dir : path-like
        Folder of instructor notebooks (``chapters``).
    out_dir : path-like
        Where to write the student notebooks; created if missing.

    Returns
    -------
    list of pathlib.Path
        The notebooks written.

    Raises
    ------
    ValueError
        If ``source_dir`` holds no notebooks, or a notebook fails
        :func:`check_solutions` (the message lists the problems).
    """
    source = Path(source_dir)
    notebooks = sorted(source.glob("*.ipynb"))
    if not notebooks:
        raise ValueError(f"source_dir {str(source)!r} holds no .ipynb notebooks")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        problems = check_solutions(nb)
        if problems:
            raise ValueError(f"{path}: " + "; ".join(problems))
        target = out / path.name
        nbformat.write(strip_solutions(nb), target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: ``python tools/student_edition.py SRC OUT``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source_dir", help="folder of instructor notebooks, e.g. chapters")
    parser.add_argument("out_dir", help="where to write the student notebooks, e.g. _build/student")
    args = parser.parse_args(argv)
    for path in write_student_edition(args.source_dir, args.out_dir):
        print(path)


if __name__ == "__main__":
    main()
