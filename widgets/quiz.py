"""Self-check quizzes that work in the static book, in JupyterLab and in Binder, with no kernel.

The questions are data in each chapter's sidecar (``chapters/NN-name.yml``, see
:mod:`widgets.chapter_data`). :func:`show_quiz` renders one quiz as accessible HTML:
one ``<form>`` per question with a ``<fieldset>`` and ``<legend>``, real radio
buttons or a labelled number box, a *Check answer* button and an ``aria-live``
region where the feedback appears ("Correct." or "Not quite." and why), so the
result is never shown by colour alone. A small script (``quiz_assets/self-check.js``)
does the checking in the browser; numbers accept ``e`` notation, the minus sign and a
decimal comma, and are compared with the question's tolerance.

In a notebook the output carries its own copy of the script and style (JupyterLab
runs scripts in trusted outputs); in the book, the extension ``book/_ext/self_check.py``
removes those copies and serves the two files once from the site. Where no script runs
(an untrusted notebook, JavaScript off, the PDF) each question keeps a collapsed
*Show the answer* section with every explanation.

The container of each quiz has the class ``self-check``; each question is a
``form.self-check-question``.

Examples
--------
>>> import tempfile, textwrap
>>> from widgets.chapter_data import validate
>>> with tempfile.TemporaryDirectory() as d:
...     _ = (Path(d) / "09-demo.yml").write_text(textwrap.dedent('''
...         summary: A demonstration.
...         quizzes:
...           units:
...             - id: demo-1
...               type: numeric
...               prompt: How many pM is 1 ng/mL of a 20 kDa protein?
...               answer: 50
...               tolerance: 1
...               unit: pM
...               feedback_correct: 1000 / 20 = 50.
...               feedback_wrong: Divide 1000 by the mass in kDa.
...         '''))
...     quiz = Quiz(validate(Path(d) / "09-demo.yml"), "units")
>>> html = quiz._repr_html_()
>>> html.count('class="self-check"'), 'aria-live="polite"' in html, quiz
(1, True, Quiz('09-demo', 'units': 1 questions))
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from widgets.chapter_data import ChapterData, Question, load

__all__ = ["ASSET_DIR", "Quiz", "render_question", "show_quiz"]

ASSET_DIR = Path(__file__).resolve().parent / "quiz_assets"
"""Folder of ``self-check.js`` and ``self-check.css`` (served by the book from ``_static``):
``quiz_assets`` beside this module.

:meta hide-value:
"""

_DOLLAR = re.compile(r"(?<![\\$])\$([^$\n]+?)\$(?!\$)")
_CODE = re.compile(r"`([^`]+)`")
_STRONG = re.compile(r"\*\*([^*]+)\*\*")
_EM = re.compile(r"(?<![*\w])\*([^*\s][^*]*)\*(?![*\w])")


def _text(source: str) -> str:
    """Escape author text, then allow `code`, **bold**, *italic* and $maths$ (as \\( \\))."""
    out = html.escape(str(source), quote=False)
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _STRONG.sub(r"<strong>\1</strong>", out)
    out = _EM.sub(r"<em>\1</em>", out)
    return _DOLLAR.sub(lambda m: "\\(" + m.group(1) + "\\)", out)


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def render_question(q: Question) -> str:
    """The HTML form of one question.

    Examples
    --------
    >>> from widgets.chapter_data import Option, Question
    >>> q = Question("q1", "truefalse", "IL-6 acts only locally.",
    ...              (Option("True", False, "It also reaches the liver."), Option("False", True, "Right.")))
    >>> html = render_question(q)
    >>> html.count('type="radio"'), "data-correct" in html
    (2, True)
    """
    fid = f"sc-{q.id}"
    attrs = f'class="self-check-question mathjax_process" id="{_attr(fid)}" data-kind="{q.type}"'
    if q.type == "numeric":
        attrs = (f'class="self-check-question mathjax_process" id="{_attr(fid)}" data-kind="numeric" '
                 f'data-answer="{q.answer!r}" data-abs-tol="{q.tolerance!r}" data-rel-tol="0"')
        unit = f" ({_attr(q.unit)})" if q.unit else ""
        body = (f'<label for="{_attr(fid)}-x">Your answer{unit}</label> '
                f'<input type="text" id="{_attr(fid)}-x" inputmode="decimal" autocomplete="off" size="12">')
        shown = f"{q.answer:g}" + (f" {_attr(q.unit)}" if q.unit else "")
        reveal = (f'<p>Answer: {shown} (within {q.tolerance:g}). <span data-for="correct">'
                  f'{_text(q.feedback_correct)}</span></p>'
                  f'<p>If your answer was different: <span data-for="wrong">{_text(q.feedback_wrong)}</span></p>')
    else:
        options = "".join(
            f'<label><input type="radio" name="{_attr(fid)}" value="{i}"{" data-correct" if o.correct else ""}> '
            f"{_text(o.text)}</label>"
            for i, o in enumerate(q.options))
        body = f'<div class="self-check-options">{options}</div>'
        right = "; ".join(_text(o.text) for o in q.options if o.correct)
        reveal = f"<p>Answer: {right}</p>" + "".join(
            f'<p>{_text(o.text)}: <span data-for="{i}">{_text(o.feedback)}</span></p>' for i, o in enumerate(q.options))
    return (f'<form {attrs} novalidate><fieldset><legend>{_text(q.prompt)}</legend>{body}'
            '<div><button type="submit">Check answer</button></div>'
            '<p class="self-check-feedback" role="status" aria-live="polite"></p></fieldset>'
            f'<details class="self-check-answer"><summary>Show the answer</summary>{reveal}</details></form>')


def _assets() -> str:
    css = (ASSET_DIR / "self-check.css").read_text(encoding="utf-8")
    js = (ASSET_DIR / "self-check.js").read_text(encoding="utf-8")
    return f'<style class="self-check-inline">{css}</style><script class="self-check-inline">{js}</script>'


class Quiz:
    """One quiz of a chapter, shown as HTML by Jupyter and by the book.

    Attributes
    ----------
    chapter : ChapterData
        The chapter's sidecar.
    quiz_id : str
        Which quiz.
    questions : tuple of Question
        Its questions.
    """

    def __init__(self, chapter: ChapterData, quiz_id: str) -> None:
        self.chapter = chapter
        self.quiz_id = quiz_id
        self.questions = chapter.quiz(quiz_id)

    def _repr_html_(self) -> str:
        title_id = f"sc-{self.chapter.stem}-{self.quiz_id}"
        n = len(self.questions)
        forms = "".join(render_question(q) for q in self.questions)
        return (f'<div class="self-check" role="group" aria-labelledby="{_attr(title_id)}" '
                f'data-quiz="{_attr(self.quiz_id)}">'
                f'<p class="self-check-title" id="{_attr(title_id)}">Check your understanding '
                f'({n} question{"s" if n != 1 else ""})</p>{forms}</div>{_assets()}')

    def __repr__(self) -> str:
        return f"Quiz({self.chapter.stem!r}, {self.quiz_id!r}: {len(self.questions)} questions)"


def show_quiz(chapter: str, quiz_id: str) -> Quiz:
    """The self-check quiz ``quiz_id`` of a chapter, for a notebook cell to display.

    Parameters
    ----------
    chapter : str
        The chapter notebook's stem, e.g. ``"04-near-and-far"``.
    quiz_id : str
        A key under ``quizzes`` in the chapter's sidecar.

    Raises
    ------
    FileNotFoundError
        If the chapter has no sidecar.
    KeyError
        If the sidecar has no such quiz (with suggestions).
    ValueError
        If the sidecar is invalid.
    """
    return Quiz(load(chapter), quiz_id)
