"""The instructor guide, generated from the chapters' own data so that it cannot disagree with them.

For every chapter in ``_toc.yml`` it reads the notebook (title, learning objectives,
words of prose, explorers, exercises) and its sidecar (summary, prerequisites,
misconceptions, exercise metadata, quizzes), and the registry of exercise checks
(:mod:`widgets.checks`); the course plans come from ``book/course-plans.yml``, whose
exercises, chapters and section anchors are checked against the chapters. The
result is Markdown that the page ``book/instructor-guide.md`` includes from
``_build/generated/instructor-guide.md``; the Sphinx extension
``book/_ext/guide_page.py`` writes it at the start of every build (it is
generated, never edited, and not kept in git).

Usage::

    python tools/instructor_guide.py            # print the page
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORDS_PER_MINUTE = 200
"""Reading speed used for reading times (myst-parser's default for words-per-minute)."""
MINUTES_PER_EXPLORER = 5
"""Estimated time to make the predictions, use an explorer and read its debrief."""
MINUTES_PER_QUESTION = 1
"""Estimated time per self-check question."""

_EXERCISE = re.compile(r"```\{exercise(?:-start)?\}\s*([^\n]*)\n(?:[^\n]*\n)*?:label:\s*(\S+)")
_OBJECTIVE = re.compile(r"^\s*(\d+)\.\s+(.*?)(?=^\s*\d+\.\s|\Z)", re.S | re.M)
_ROLE = re.compile(r"\{(?:cite:[pt]|term|doc|numref|ref)\}`([^`<]*?)(?:\s*<[^>]*>)?`")
_MARKUP = re.compile(r"[*_`]|```\S*")
_WITHOUT_CODE = re.compile(r"\*Without code:\*")
"""How an exercise opens the part that tells a student without Python where to read the answer."""
_TITLE_TOKENS = ("text", "code_inline", "math_inline")
"""The parts of a heading that make its title text (and so its id) in the build."""


@dataclass
class Exercise:
    """One exercise as the guide shows it."""

    label: str
    title: str
    objectives: tuple[int, ...]
    type: str
    code: bool
    minutes: float
    checked: bool
    without_code: bool = False
    """The exercise needs code but has a *Without code* part (where in the book to read the answer)."""


@dataclass
class Chapter:
    """What the guide knows about one chapter."""

    path: Path
    """The notebook the chapter was read from."""
    number: int
    title: str
    summary: str
    objectives: list[str]
    prerequisites: list[str]
    misconceptions: list[tuple[str, str]]
    words: int
    explorers: int
    quiz_questions: int
    exercises: list[Exercise] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def reading_minutes(self) -> int:
        """Reading time of the prose, rounded up to 5 minutes."""
        return int(math.ceil(self.words / WORDS_PER_MINUTE / 5.0) * 5)

    @property
    def explorer_minutes(self) -> int:
        """Estimated time for the explorers."""
        return self.explorers * MINUTES_PER_EXPLORER

    @property
    def exercise_minutes(self) -> float:
        """Sum of the exercises' estimated times."""
        return sum(e.minutes for e in self.exercises)


def _plain(text: str) -> str:
    """Text without MyST roles and emphasis; inline math (``$K_D$``) is kept as it is."""
    text = _ROLE.sub(lambda m: m.group(1), text)
    parts = re.split(r"(\$[^$]+\$)", text)
    text = "".join(p if p.startswith("$") else _MARKUP.sub("", p) for p in parts)
    return " ".join(text.split())


def _tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def toc_chapters(root: Path = ROOT) -> list[Path]:
    """The chapter notebooks, in the order of ``_toc.yml``."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p.get("caption") == "Chapters")
    return [root / f"{c['file']}.ipynb" for c in part["chapters"]]


def read_chapter(path: Path, number: int, checked: set[str]) -> Chapter:
    """Read one chapter's notebook and sidecar."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    side = path.with_suffix(".yml")
    sidecar = yaml.safe_load(side.read_text(encoding="utf-8")) if side.exists() else {}
    markdown = [("".join(c["source"]), _tags(c)) for c in nb["cells"] if c["cell_type"] == "markdown"]
    title = next(line[2:].strip() for text, _ in markdown for line in text.splitlines() if line.startswith("# "))
    objectives_cell = next(text for text, _ in markdown if "Learning objectives" in text)
    body = objectives_cell.split("\n\n", 2)[-1].rsplit("```", 1)[0]
    objectives = [_plain(m.group(2)) for m in _OBJECTIVE.finditer(body)]
    words = sum(len(_plain(text).split()) for text, tags in markdown if "solution" not in tags)
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    explorers = sum(len(re.findall(r"\w+_explorer\(\)", src)) for src in code)
    quizzes = sidecar.get("quizzes") or {}
    meta = sidecar.get("exercises") or {}
    exercises = []
    for text, _tags_ in markdown:
        found = list(_EXERCISE.finditer(text))
        for k, match in enumerate(found):
            title_text, label = match.groups()
            own_text = text[match.end():found[k + 1].start() if k + 1 < len(found) else len(text)]
            m = meta.get(label, {})
            exercises.append(Exercise(label, _plain(title_text), tuple(m.get("objectives", ())), m.get("type", "?"),
                                      bool(m.get("code", False)), float(m.get("minutes", 0)), label in checked,
                                      bool(_WITHOUT_CODE.search(own_text))))
    return Chapter(path, number, title, sidecar.get("summary", ""), objectives,
                   list(sidecar.get("prerequisites") or []),
                   [(m["wrong"], m["right"]) for m in sidecar.get("misconceptions") or []],
                   words, explorers, sum(len(q) for q in quizzes.values()), exercises)


def chapters(root: Path = ROOT) -> list[Chapter]:
    """Every chapter of the book, read from its notebook and sidecar."""
    sys.path.insert(0, str(root))
    from widgets.checks import labels

    checked = set(labels())
    return [read_chapter(p, int(p.stem[:2]) if p.stem[:2].isdigit() else i, checked)
            for i, p in enumerate(toc_chapters(root), start=1)]


def one_hour_set(chapter: Chapter, budget: float = 60.0) -> list[Exercise]:
    """Exercises for one hour: cover as many objectives as possible, shortest first, mixing types."""
    chosen: list[Exercise] = []
    covered: set[int] = set()
    pool = sorted(chapter.exercises, key=lambda e: (e.minutes, e.label))
    while True:
        spent = sum(e.minutes for e in chosen)
        fits = [e for e in pool if e not in chosen and spent + e.minutes <= budget]
        if not fits:
            break
        types = {e.type for e in chosen}
        best = max(fits, key=lambda e: (len(set(e.objectives) - covered), e.type not in types, -e.minutes))
        if not set(best.objectives) - covered and len(chosen) >= 3:
            break
        chosen.append(best)
        covered |= set(best.objectives)
    return sorted(chosen, key=lambda e: chapter.exercises.index(e))


def one_week_set(chapter: Chapter) -> list[Exercise]:
    """Every exercise of the chapter (the week's homework): all objectives, all types."""
    return list(chapter.exercises)


def _minutes(m: float) -> str:
    return f"{m / 60:.1f} h" if m >= 90 else f"{m:.0f} min"


def _exercise_row(e: Exercise) -> str:
    objectives = ", ".join(str(o) for o in e.objectives) or "–"
    code = ("yes, or *Without code*" if e.without_code else "yes") if e.code else "no"
    return (f"| {{ref}}`{e.label}` | {e.type} | {objectives} | {code} | "
            f"{_minutes(e.minutes)} | {'yes' if e.checked else '–'} |")


def render_chapter(ch: Chapter) -> str:
    """The guide's section for one chapter."""
    out = [f"### {ch.number}. {ch.title}", "", f"{{doc}}`Open the chapter <../chapters/{ch.stem}>`. {ch.summary}", ""]
    total = ch.reading_minutes + ch.explorer_minutes + ch.quiz_questions * MINUTES_PER_QUESTION
    out += [f"- **Reading:** about {ch.reading_minutes} min ({ch.words:,} words); **explorers:** {ch.explorers} "
            f"(about {ch.explorer_minutes} min); **self-check questions:** {ch.quiz_questions} "
            f"(about {ch.quiz_questions * MINUTES_PER_QUESTION} min); in all about {_minutes(total)} before the "
            f"exercises.",
            f"- **Exercises:** {len(ch.exercises)}, about {_minutes(ch.exercise_minutes)} in all; "
            f"{sum(e.checked for e in ch.exercises)} check themselves in a notebook (`check(label, answer)`).",
            ""]
    out += [f'**Figures for slides:** <a href="../figures/{ch.stem}-figures.zip">{ch.stem}-figures.zip</a> '
            "(PNG and SVG of every figure and explorer default view).", ""]
    if ch.prerequisites:
        out += ["**Prerequisites.** " + "; ".join(ch.prerequisites) + ".", ""]
    out += ["**Learning objectives** and the exercises that test them:", ""]
    for i, objective in enumerate(ch.objectives, start=1):
        tested = [e.label for e in ch.exercises if i in e.objectives]
        links = ", ".join(f"{{ref}}`{t}`" for t in tested) or "**none**"
        out.append(f"{i}. {objective} ({links})")
    out += ["", "| exercise | type | objectives | needs code | time | auto-checked |", "|---|---|---|---|---|---|"]
    out += [_exercise_row(e) for e in ch.exercises]
    out.append("")
    if ch.misconceptions:
        out += ["**Misconceptions to watch for.**", ""]
        out += [f"- *{wrong}* {right}" for wrong, right in ch.misconceptions]
        out.append("")
    hour = one_hour_set(ch)
    week = one_week_set(ch)
    out += [f"**A one-hour assignment** ({_minutes(sum(e.minutes for e in hour))}): "
            + ", ".join(f"{{ref}}`{e.label}`" for e in hour) + ".", "",
            f"**A one-week assignment** (about {_minutes(sum(e.minutes for e in week))} of exercises, plus the "
            f"chapter's reading, explorers and self-check questions): "
            + ", ".join(f"{{ref}}`{e.label}`" for e in week) + ".", ""]
    return "\n".join(out)


def _myst_settings(root: Path) -> dict[str, Any]:
    """The book's MyST settings (the ``myst_*`` keys of ``parse`` in ``_config.yml``)."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    return {k: v for k, v in (config.get("parse") or {}).items() if k.startswith("myst_")}


def chapter_sections(path: Path, root: Path = ROOT) -> list[tuple[str, str]]:
    """The sections of a chapter notebook, in order, as (heading, id of the section in the built page).

    Each markdown cell is parsed by myst-parser's Markdown parser with the book's MyST
    extensions, as myst-nb does in the build; a heading at the top level of a cell makes a
    section (MyST makes one nested in a list or a directive a rubric, not a section). Its id
    is the one docutils gives it in the build: ``docutils.nodes.make_id`` of the
    normalised heading text (its plain text, inline code and inline maths, as MyST puts
    them in the title), so "TGF-β family receptors are serine/threonine kinases" becomes
    ``tgf-family-receptors-are-serine-threonine-kinases``. A heading whose id is already
    taken (by an earlier heading that differs from it only in letters that ``make_id``
    drops, such as γ and β) gets a numbered id that depends on the rest of the page; its id
    is given as ``""``, since no link can rely on it.

    The headings are not run through docutils itself, because the guide is written while
    Sphinx is loading the book's extensions, whose directives need a Sphinx build to run;
    ``tests/test_instructor_guide.py`` checks that docutils gives the same ids.
    """
    from docutils.nodes import fully_normalize_name, make_id
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    extensions = set(_myst_settings(root).get("myst_enable_extensions") or ())
    md = create_md_parser(MdParserConfig(enable_extensions=extensions), RendererHTML)
    nb = json.loads(path.read_text(encoding="utf-8"))
    sections: list[tuple[str, str]] = []
    taken: set[str] = set()
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        tokens = md.parse("".join(cell["source"]))
        for heading, inline in zip(tokens, tokens[1:]):
            if heading.type != "heading_open" or heading.level != 0:
                continue
            title = "".join(t.content for t in inline.children or () if t.type in _TITLE_TOKENS)
            ident = make_id(fully_normalize_name(title))
            sections.append((title, "" if not ident or ident in taken else ident))
            taken.add(ident)
    return sections


def check_anchors(where: str, link: str, sections: list[tuple[str, str]]) -> None:
    """Refuse a course-plan link ``stem#Heading; Other heading`` whose headings are not sections of the chapter.

    Each part after ``#`` (parts are separated by ``;``) must name a section of the
    chapter with a stable id: by its heading (case and spacing aside) or by its id.
    """
    from docutils.nodes import fully_normalize_name

    stem, _, anchor = link.partition("#")
    allowed = "; ".join(f"{title} (#{ident})" for title, ident in sections if ident)
    for part in (p.strip() for p in anchor.split(";")):
        wanted = fully_normalize_name(part)
        hits = [ident for title, ident in sections if wanted in (fully_normalize_name(title), ident)]
        if not hits:
            raise ValueError(f"{where}: {link!r}: {stem} has no section {part!r}; the anchors allowed are: "
                             f"{allowed}")
        if not all(hits):
            raise ValueError(f"{where}: {link!r}: the section {part!r} of {stem} has no stable anchor (its id is "
                             f"taken by an earlier heading); the anchors allowed are: {allowed}")


def unpractised(plan: dict[str, Any], chapter_list: list[Chapter]) -> list[tuple[Chapter, int, list[Exercise]]]:
    """The learning objectives that no exercise of a course plan practises, with the exercises that would.

    Only the chapters the plan reads (whole or in part) count. Each entry is a
    chapter, the number of one of its objectives, and the chapter's exercises that
    test that objective, in the chapter's order.
    """
    stems = {c.split("#")[0] for week in plan["classes"] for c in week["chapters"]}
    chosen = {e for week in plan["classes"] for e in week.get("exercises", [])}
    gaps = []
    for ch in chapter_list:
        if ch.stem not in stems:
            continue
        practised = {o for e in ch.exercises if e.label in chosen for o in e.objectives}
        for number in range(1, len(ch.objectives) + 1):
            if number not in practised:
                gaps.append((ch, number, [e for e in ch.exercises if number in e.objectives]))
    return gaps


def _render_gaps(plan: dict[str, Any], chapter_list: list[Chapter]) -> list[str]:
    """One line per chapter: the objectives a plan leaves out, each with the exercises that test it.

    A chapter the plan reads only in part says so, and the chapters it does not read at
    all are named last.
    """
    links = [c for week in plan["classes"] for c in week["chapters"]]
    whole = {c for c in links if "#" not in c}
    read = {c.split("#")[0] for c in links}
    gaps = unpractised(plan, chapter_list)
    out = []
    if gaps:
        out += ["**Objectives no exercise of this plan practises** (the chapter sections below state them; "
                "the exercises that test each are in brackets):", ""]
    else:
        out += ["Every learning objective of the chapters this plan reads is practised by one of its "
                "exercises.", ""]
    for ch in chapter_list:
        items = []
        for _, objective, tests in (g for g in gaps if g[0] is ch):
            names = ", ".join(f"{{ref}}`{e.label}`" for e in tests) or "no exercise"
            if tests and all(e.code and not e.without_code for e in tests):
                names += "; needs code"
            items.append(f"{objective} ({names})")
        if items:
            part = "" if ch.stem in whole else " (the plan reads only some of its sections)"
            out.append(f"- Chapter {ch.number}{part}: objective{'s' if len(items) > 1 else ''} "
                       + "; ".join(items) + ".")
    unread = [str(ch.number) for ch in chapter_list if ch.stem not in read]
    if unread:
        out += ["", f"Chapter{'s' if len(unread) > 1 else ''} this plan does not read: " + ", ".join(unread) + "."]
    return out + [""]


def render_course_plans(root: Path, chapter_list: list[Chapter], plans_file: Path | None = None) -> str:
    """The course plans of ``book/course-plans.yml``, with their exercises, chapters and anchors checked."""
    path = plans_file or root / "book" / "course-plans.yml"
    if not path.exists():
        return ""
    plans = yaml.safe_load(path.read_text(encoding="utf-8"))
    labels = {e.label for ch in chapter_list for e in ch.exercises}
    stems = {ch.stem: ch for ch in chapter_list}
    sections: dict[str, list[tuple[str, str]]] = {}
    out = ["## Course plans", "", plans.get("intro", "").strip(), ""]
    for plan in plans["plans"]:
        out += [f"### {plan['title']}", "", plan.get("audience", "").strip(), "",
                "| week | class | chapters | explorers and activities | exercises |", "|---|---|---|---|---|"]
        for n, week in enumerate(plan["classes"], start=1):
            where = f"{path.name}, {plan['title']}, class {n}"
            unknown = [e for e in week.get("exercises", []) if e not in labels]
            if unknown:
                raise ValueError(f"{where}: unknown exercises {unknown}")
            missing = [c for c in week["chapters"] if c.split("#")[0] not in stems]
            if missing:
                raise ValueError(f"{where}: unknown chapters {missing}")
            for link in (c for c in week["chapters"] if "#" in c):
                stem = link.split("#")[0]
                if stem not in sections:
                    sections[stem] = chapter_sections(stems[stem].path, root)
                check_anchors(where, link, sections[stem])
            chaps = ", ".join(f"{stems[c.split('#')[0]].number}" + (f" ({c.split('#')[1]})" if "#" in c else "")
                              for c in week["chapters"])
            exercises = ", ".join(f"{{ref}}`{e}`" for e in week.get("exercises", [])) or "–"
            out.append(f"| {week.get('week', '')} | {n}. {week['topic']} | {chaps} | {week.get('activities', '–')} "
                       f"| {exercises} |")
        out.append("")
        out += _render_gaps(plan, chapter_list)
    return "\n".join(out)


def render(root: Path = ROOT) -> str:
    """The generated part of the instructor guide (course plans and one section per chapter)."""
    chapter_list = chapters(root)
    parts = [render_course_plans(root, chapter_list), "## Chapter by chapter", ""]
    parts += [render_chapter(ch) for ch in chapter_list]
    return "\n".join(p for p in parts if p is not None) + "\n"


if __name__ == "__main__":
    print(render())
