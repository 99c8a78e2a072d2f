"""The instructor guide is generated from the chapters and counts every chapter and every exercise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from instructor_guide import WORDS_PER_MINUTE, chapters, one_hour_set, one_week_set, render, toc_chapters

ROOT = Path(__file__).resolve().parents[1]
GUIDE = render(ROOT)
CHAPTERS = chapters(ROOT)
EXERCISES = {e.label: e for ch in CHAPTERS for e in ch.exercises}
PLANS = yaml.safe_load((ROOT / "book" / "course-plans.yml").read_text(encoding="utf-8"))["plans"]


def section(ch) -> str:
    start = GUIDE.index(f"### {ch.number}. {ch.title}")
    nxt = GUIDE.find("\n### ", start + 1)
    return GUIDE[start:] if nxt == -1 else GUIDE[start:nxt]


def test_every_chapter_of_the_toc_has_a_section() -> None:
    assert [ch.stem for ch in CHAPTERS] == [p.stem for p in toc_chapters(ROOT)]
    for ch in CHAPTERS:
        assert f"### {ch.number}. {ch.title}" in GUIDE
        assert f"../chapters/{ch.stem}" in section(ch)


@pytest.mark.parametrize("ch", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_every_exercise_is_counted_and_listed(ch) -> None:
    text = section(ch)
    assert f"**Exercises:** {len(ch.exercises)}," in text
    for e in ch.exercises:
        assert f"{{ref}}`{e.label}`" in text
    rows = [line for line in text.splitlines() if line.startswith("| {ref}`ex-")]
    assert len(rows) == len(ch.exercises), "one table row per exercise"
    checked = sum(e.checked for e in ch.exercises)
    assert f"{checked} check themselves" in text
    assert checked == sum(e.code for e in ch.exercises), "every exercise that needs code checks itself"


@pytest.mark.parametrize("ch", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_objectives_reading_time_misconceptions_and_assignments(ch) -> None:
    text = section(ch)
    for i, objective in enumerate(ch.objectives, start=1):
        assert f"{i}. {objective} (" in text
    assert "**none**" not in text, "an objective that no exercise tests"
    assert ch.reading_minutes >= ch.words / WORDS_PER_MINUTE
    assert f"about {ch.reading_minutes} min ({ch.words:,} words)" in text
    assert "**Misconceptions to watch for.**" in text
    assert f'href="../figures/{ch.stem}-figures.zip"' in text  # written by book/_ext/figure_archives.py
    hour, week = one_hour_set(ch), one_week_set(ch)
    assert 0 < sum(e.minutes for e in hour) <= 60
    assert len({t for e in hour for t in [e.type]}) >= min(2, len({e.type for e in ch.exercises}))
    assert week == ch.exercises
    assert "**A one-hour assignment**" in text and "**A one-week assignment**" in text


def test_course_plans_for_the_two_audiences() -> None:
    plans = yaml.safe_load((ROOT / "book" / "course-plans.yml").read_text(encoding="utf-8"))["plans"]
    titles = [p["title"].lower() for p in plans]
    assert any("four-week" in t and "medical" in t for t in titles), titles
    assert any("eight-week" in t and "biomedical" in t for t in titles), titles
    labels = {e.label for ch in CHAPTERS for e in ch.exercises}
    stems = {ch.stem for ch in CHAPTERS}
    for plan in plans:
        weeks = {c["week"] for c in plan["classes"]}
        assert weeks == set(range(1, (4 if "four-week" in plan["title"].lower() else 8) + 1)), plan["title"]
        used = set()
        for c in plan["classes"]:
            assert c["chapters"] and {x.split("#")[0] for x in c["chapters"]} <= stems
            assert set(c.get("exercises", [])) <= labels
            used |= {x.split("#")[0] for x in c["chapters"]}
        assert "## Course plans" in GUIDE and f"### {plan['title']}" in GUIDE
    covered = {x.split("#")[0] for p in plans for c in p["classes"] for x in c["chapters"]}
    assert covered == stems, f"chapters in no course plan: {sorted(stems - covered)}"


def test_the_guide_says_how_to_hand_out_the_book() -> None:
    page = (ROOT / "book" / "instructor-guide.md").read_text(encoding="utf-8")
    for needle in ("Binder", "nbgitpuller", "tools/hub_links.py", "Colab", "make student", "Figures for slides"):
        assert needle in page
    assert not re.search(r"jupyterhub\.example", page)


# --------------------------------------------------------------------------- routes without code
def test_without_code_parts_are_found_and_shown() -> None:
    routes = {label for label, e in EXERCISES.items() if e.without_code}
    assert {"ex-ch1-sizes", "ex-ch2-jak3", "ex-ch3-ruxolitinib", "ex-ch6-jak-spares", "ex-ch6-timeline"} <= routes
    for label in routes:
        assert EXERCISES[label].code, f"{label} needs no code, so it needs no *Without code* part"
        row = next(line for line in GUIDE.splitlines() if line.startswith(f"| {{ref}}`{label}` |"))
        assert "| yes, or *Without code* |" in row, row
    page = (ROOT / "book" / "instructor-guide.md").read_text(encoding="utf-8")
    named = page[page.index('"Needs code: yes"'):]
    named = named[:named.index("*Without code*")]
    assert set(re.findall(r"`(ex-ch\d-[\w-]+)`", named)) <= routes, "the guide names a route that does not exist"


def test_the_plan_without_programming_sets_no_exercise_that_needs_code() -> None:
    plan = next(p for p in PLANS if "four-week" in p["title"].lower())
    assert "No programming" in plan["audience"]
    needs_code = [e for c in plan["classes"] for e in c.get("exercises", [])
                  if EXERCISES[e].code and not EXERCISES[e].without_code]
    assert not needs_code, f"exercises that need code and have no *Without code* part: {needs_code}"
    for label in re.findall(r"ex-ch\d-[\w-]+", plan["audience"]):
        assert EXERCISES[label].without_code, label
