"""Teaching data kept beside each chapter: summary, quizzes, exercise metadata.

Every chapter notebook ``chapters/NN-name.ipynb`` has a sidecar file
``chapters/NN-name.yml`` that holds what instructors and tools need to read
without parsing prose:

.. code-block:: yaml

    summary: One line for the map of the book on the front page.
    prerequisites:
      - Chapter 1 (receptor occupancy, ng/mL to pM)
    misconceptions:
      - wrong: A cytokine acts wherever it is detected.
        right: Range is set by diffusion and consumption; serum levels are a diluted read-out.
    exercises:
      ex-ch4-screening:              # the exercise's :label:
        objectives: [2]              # numbers of the learning objectives it tests
        type: calculation            # concept | calculation | data | clinical case | experimental design
        code: true                   # does it need Python?
        minutes: 15                  # estimated time for a student
    quizzes:
      diffusion:                     # quiz id; the chapter shows it with show_quiz(...)
        - id: ch4-diffusion-1
          type: choice               # choice | truefalse | numeric
          prompt: Which travels 100 µm faster, ...?
          options:
            - text: ...
              correct: true
              feedback: Why this is right.
            - text: ...
              correct: false
              feedback: Why this is wrong, and what to think about instead.
        - id: ch4-diffusion-2
          type: numeric
          prompt: How long (in s) does ...?
          answer: 17
          tolerance: 3               # absolute, in the unit
          unit: s
          feedback_correct: ...
          feedback_wrong: ...

A ``truefalse`` question has exactly two options, ``True`` and ``False``. Text may
contain inline Markdown-free HTML entities only; it is escaped when shown.

:func:`load` reads and validates one sidecar; :func:`validate` raises a
:class:`ValueError` naming the file and the question or exercise at fault.

Examples
--------
>>> data = load("01-what-are-cytokines")
>>> data.summary[:40]
'What cytokines are, who makes and reads '
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from widgets.models._checks import unknown_name

__all__ = [
    "EXERCISE_TYPES",
    "QUESTION_TYPES",
    "ChapterData",
    "Exercise",
    "Option",
    "Question",
    "chapter_dir",
    "load",
    "validate",
]

EXERCISE_TYPES: tuple[str, ...] = ("concept", "calculation", "data", "clinical case", "experimental design")
"""Allowed values of an exercise's ``type``."""

QUESTION_TYPES: tuple[str, ...] = ("choice", "truefalse", "numeric")
"""Allowed values of a quiz question's ``type``."""

_SIDECAR_PATTERN = "[0-9][0-9]-*.yml"


def chapter_dir() -> Path:
    """The folder of the chapter sidecars (and, in a checkout, of the notebooks).

    The first of these that holds sidecars: the current folder (a notebook runs with
    its own folder as the working directory in the book build, JupyterLab and
    Binder); the repository's ``chapters/`` next to an editable package; the copy in
    ``widgets/sidecars/`` that ``setup.py`` packs into a wheel (Colab's
    ``pip install git+...``). With none of them, the repository's ``chapters/``, so
    that :func:`load` names the path it looked for.

    Examples
    --------
    >>> sorted(p.name for p in chapter_dir().glob("01-*.yml"))
    ['01-what-are-cytokines.yml']
    """
    package = Path(__file__).resolve().parent
    candidates = (Path.cwd(), package.parent / "chapters", package / "sidecars")
    for folder in candidates:
        if any(folder.glob(_SIDECAR_PATTERN)):
            return folder
    return candidates[1]


@dataclass(frozen=True)
class Option:
    """One answer option of a choice or true/false question."""

    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    """One self-check question."""

    id: str
    type: str
    prompt: str
    options: tuple[Option, ...] = ()
    answer: float | None = None
    tolerance: float | None = None
    unit: str = ""
    feedback_correct: str = ""
    feedback_wrong: str = ""


@dataclass(frozen=True)
class Exercise:
    """Metadata of one exercise."""

    label: str
    objectives: tuple[int, ...]
    type: str
    code: bool
    minutes: float


@dataclass(frozen=True)
class ChapterData:
    """Everything a chapter's sidecar holds."""

    stem: str
    summary: str
    prerequisites: tuple[str, ...]
    misconceptions: tuple[tuple[str, str], ...]
    exercises: dict[str, Exercise] = field(default_factory=dict)
    quizzes: dict[str, tuple[Question, ...]] = field(default_factory=dict)

    def quiz(self, quiz_id: str) -> tuple[Question, ...]:
        """The questions of one quiz.

        Raises
        ------
        KeyError
            If the chapter has no quiz of that id.
        """
        if quiz_id not in self.quizzes:
            raise unknown_name(f"quiz of {self.stem}", quiz_id, list(self.quizzes))
        return self.quizzes[quiz_id]

    @property
    def questions(self) -> list[Question]:
        """Every question of every quiz, in order."""
        return [q for qs in self.quizzes.values() for q in qs]


def _text(where: str, value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: {what} must be non-empty text, got {value!r}")
    return value.strip()


def _question(where: str, raw: Any) -> Question:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: a question must be a mapping, got {raw!r}")
    qid = _text(where, raw.get("id"), "id")
    where = f"{where} question {qid!r}"
    kind = raw.get("type")
    if kind not in QUESTION_TYPES:
        raise ValueError(f"{where}: type must be one of {list(QUESTION_TYPES)}, got {kind!r}")
    prompt = _text(where, raw.get("prompt"), "prompt")
    if kind == "numeric":
        extra = set(raw) - {"id", "type", "prompt", "answer", "tolerance", "unit", "feedback_correct", "feedback_wrong"}
        if extra:
            raise ValueError(f"{where}: unknown keys {sorted(extra)}")
        numbers: dict[str, float] = {}
        for name in ("answer", "tolerance"):
            v = raw.get(name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise ValueError(f"{where}: {name} must be a finite number, got {v!r}")
            numbers[name] = float(v)
        answer, tol = numbers["answer"], numbers["tolerance"]
        if tol <= 0:
            raise ValueError(f"{where}: tolerance must be > 0, got {tol!r}")
        return Question(qid, kind, prompt, answer=float(answer), tolerance=float(tol),
                        unit=str(raw.get("unit", "")),
                        feedback_correct=_text(where, raw.get("feedback_correct"), "feedback_correct"),
                        feedback_wrong=_text(where, raw.get("feedback_wrong"), "feedback_wrong"))
    extra = set(raw) - {"id", "type", "prompt", "options"}
    if extra:
        raise ValueError(f"{where}: unknown keys {sorted(extra)}")
    raw_options = raw.get("options")
    if not isinstance(raw_options, list) or len(raw_options) < 2:
        raise ValueError(f"{where}: options must be a list of at least 2 options")
    options = []
    for k, o in enumerate(raw_options, start=1):
        if not isinstance(o, dict) or set(o) != {"text", "correct", "feedback"}:
            raise ValueError(f"{where} option {k}: needs exactly text, correct and feedback, got {o!r}")
        if not isinstance(o["correct"], bool):
            raise ValueError(f"{where} option {k}: correct must be true or false, got {o['correct']!r}")
        text = str(o["text"]).strip() if isinstance(o["text"], (str, bool)) else o["text"]
        options.append(Option(_text(f"{where} option {k}", text, "text"), o["correct"],
                              _text(f"{where} option {k}", o["feedback"], "feedback")))
    if not any(o.correct for o in options):
        raise ValueError(f"{where}: no option is marked correct")
    if len({o.text for o in options}) != len(options):
        raise ValueError(f"{where}: two options have the same text")
    if kind == "truefalse":
        if sorted(o.text for o in options) != ["False", "True"]:
            raise ValueError(f"{where}: a truefalse question has exactly the options True and False")
        if sum(o.correct for o in options) != 1:
            raise ValueError(f"{where}: exactly one of True and False is correct")
    return Question(qid, kind, prompt, options=tuple(options))


def validate(path: Path | str) -> ChapterData:
    """Read and check one sidecar file.

    Rules: ``summary`` is one line; ``prerequisites`` and ``misconceptions`` are
    lists; every exercise has objectives (positive integers), a type from
    :data:`EXERCISE_TYPES`, ``code`` true or false and ``minutes`` > 0; every
    question has a unique id, a type from :data:`QUESTION_TYPES`, a prompt and, for
    choice questions, at least two options with feedback for each and at least one
    correct; numeric questions have an answer, a positive tolerance and feedback
    for right and wrong answers.

    Raises
    ------
    ValueError
        Naming the file and the entry at fault.
    """
    path = Path(path)
    name = path.name
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ValueError(f"{name}: must be a mapping")
    extra = set(raw) - {"summary", "prerequisites", "misconceptions", "exercises", "quizzes"}
    if extra:
        raise ValueError(f"{name}: unknown keys {sorted(extra)}")
    summary = _text(name, raw.get("summary"), "summary")
    if "\n" in summary:
        raise ValueError(f"{name}: summary must be one line")
    prereq = raw.get("prerequisites") or []
    if not isinstance(prereq, list):
        raise ValueError(f"{name}: prerequisites must be a list")
    misconceptions = []
    for k, m in enumerate(raw.get("misconceptions") or [], start=1):
        if not isinstance(m, dict) or set(m) != {"wrong", "right"}:
            raise ValueError(f"{name}: misconception {k} needs exactly 'wrong' and 'right'")
        misconceptions.append((_text(name, m["wrong"], "wrong"), _text(name, m["right"], "right")))
    exercises = {}
    for label, e in (raw.get("exercises") or {}).items():
        where = f"{name} exercise {label!r}"
        if not isinstance(e, dict) or set(e) != {"objectives", "type", "code", "minutes"}:
            raise ValueError(f"{where}: needs exactly objectives, type, code and minutes")
        objs = e["objectives"]
        if (not isinstance(objs, list) or not objs
                or not all(isinstance(o, int) and not isinstance(o, bool) and o > 0 for o in objs)):
            raise ValueError(f"{where}: objectives must be a non-empty list of objective numbers, got {objs!r}")
        if e["type"] not in EXERCISE_TYPES:
            raise ValueError(f"{where}: type must be one of {list(EXERCISE_TYPES)}, got {e['type']!r}")
        if not isinstance(e["code"], bool):
            raise ValueError(f"{where}: code must be true or false, got {e['code']!r}")
        if isinstance(e["minutes"], bool) or not isinstance(e["minutes"], (int, float)) or e["minutes"] <= 0:
            raise ValueError(f"{where}: minutes must be a number > 0, got {e['minutes']!r}")
        exercises[str(label)] = Exercise(str(label), tuple(objs), e["type"], e["code"], float(e["minutes"]))
    quizzes: dict[str, tuple[Question, ...]] = {}
    seen: set[str] = set()
    for quiz_id, questions in (raw.get("quizzes") or {}).items():
        where = f"{name} quiz {quiz_id!r}"
        if not isinstance(questions, list) or not questions:
            raise ValueError(f"{where}: must be a non-empty list of questions")
        parsed = tuple(_question(where, q) for q in questions)
        for q in parsed:
            if q.id in seen:
                raise ValueError(f"{where}: question id {q.id!r} is used twice")
            seen.add(q.id)
        quizzes[str(quiz_id)] = parsed
    return ChapterData(path.stem, summary, tuple(str(p) for p in prereq), tuple(misconceptions), exercises, quizzes)


@functools.cache
def _load(path: str, mtime: float) -> ChapterData:
    return validate(path)


def load(stem: str) -> ChapterData:
    """The validated sidecar of one chapter, by notebook stem.

    Parameters
    ----------
    stem : str
        The notebook's file name without ``.ipynb``, e.g. ``"01-what-are-cytokines"``.

    Raises
    ------
    FileNotFoundError
        If the chapter has no sidecar.
    ValueError
        If the sidecar is invalid (see :func:`validate`).
    """
    path = chapter_dir() / f"{stem}.yml"
    if not path.exists():
        raise FileNotFoundError(f"no sidecar {path} for chapter {stem!r}")
    return _load(str(path), path.stat().st_mtime)
