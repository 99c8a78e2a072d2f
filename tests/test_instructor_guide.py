"""The instructor guide is generated from the chapters and counts every chapter and every exercise."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from instructor_guide import (
    WORDS_PER_MINUTE,
    chapter_sections,
    chapters,
    check_anchors,
    one_hour_set,
    one_week_set,
    render,
    render_course_plans,
    toc_chapters,
    unpractised,
)

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


def test_each_plan_names_the_objectives_its_exercises_leave_out() -> None:
    for plan in PLANS:
        read = {x.split("#")[0] for c in plan["classes"] for x in c["chapters"]}
        chosen = [e for c in plan["classes"] for e in c.get("exercises", [])]
        assert len(chosen) == len(set(chosen)), f"{plan['title']} sets an exercise twice"
        expected = {(ch.number, i) for ch in CHAPTERS if ch.stem in read for i in range(1, len(ch.objectives) + 1)
                    if not any(i in EXERCISES[e].objectives for e in chosen if e.startswith(f"ex-ch{ch.number}-"))}
        gaps = unpractised(plan, CHAPTERS)
        assert {(ch.number, i) for ch, i, _ in gaps} == expected, plan["title"]
        for ch, i, tests in gaps:
            assert tests == [e for e in ch.exercises if i in e.objectives]
        text = GUIDE[GUIDE.index(f"### {plan['title']}"):]
        text = text[:text.index("\n### ", 1)]
        lines = [line for line in text.splitlines() if line.startswith("- Chapter ")]
        assert [int(line.split()[2].rstrip(":")) for line in lines] == sorted({n for n, _ in expected})
        whole = {x for c in plan["classes"] for x in c["chapters"] if "#" not in x}
        for ch, i, tests in gaps:
            line = next(x for x in lines if re.match(rf"- Chapter {ch.number}[ :]", x))
            assert f"{i} (" + ", ".join(f"{{ref}}`{e.label}`" for e in tests) in line, line
            assert ("reads only some of its sections" in line) == (ch.stem not in whole), line
        unread = [str(ch.number) for ch in CHAPTERS if ch.stem not in read]
        if unread:
            assert f"this plan does not read: {', '.join(unread)}." in text
        else:
            assert "does not read" not in text


def test_a_plan_that_practises_every_objective_says_so(tmp_path: Path) -> None:
    ch = next(c for c in CHAPTERS if c.number == 1)
    plan = {"plans": [{"title": "Everything in Chapter 1", "classes": [
        {"week": 1, "topic": "t", "chapters": [ch.stem], "exercises": [e.label for e in ch.exercises]}]}]}
    path = tmp_path / "course-plans.yml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    text = render_course_plans(ROOT, CHAPTERS, path)
    assert "Every learning objective of the chapters this plan reads is practised" in text
    assert "- Chapter " not in text


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
    named = named[:named.index("where in the book the same answer can be read off")]
    assert set(re.findall(r"`(ex-ch\d-[\w-]+)`", named)) == routes, "the guide's list of Without code routes"


def test_the_plan_without_programming_sets_no_exercise_that_needs_code() -> None:
    plan = next(p for p in PLANS if "four-week" in p["title"].lower())
    assert "No programming" in plan["audience"]
    needs_code = [e for c in plan["classes"] for e in c.get("exercises", [])
                  if EXERCISES[e].code and not EXERCISES[e].without_code]
    assert not needs_code, f"exercises that need code and have no *Without code* part: {needs_code}"
    for label in re.findall(r"ex-ch\d-[\w-]+", plan["audience"]):
        assert EXERCISES[label].without_code, label


# --------------------------------------------------------------------------- section anchors of the plans
def _notebook(stem: str) -> Path:
    return ROOT / "chapters" / f"{stem}.ipynb"


def test_section_ids_are_those_of_the_built_page() -> None:
    """Ids as the build gives them (read off built pages of Chapters 2 and 3, where the β-chain section is #id48)."""
    ch3 = dict(chapter_sections(_notebook("03-how-cytokines-signal")))
    assert ch3["How cytokines signal"] == "how-cytokines-signal"  # the page title is a section too
    assert ch3["TGF-β family receptors are serine/threonine kinases"] == \
        "tgf-family-receptors-are-serine-threonine-kinases"
    assert ch3["Which cytokine uses which JAK and STAT"] == "which-cytokine-uses-which-jak-and-stat"
    ch2 = chapter_sections(_notebook("02-families-of-cytokines"))
    assert ("The common γ-chain family", "the-common-chain-family") in ch2
    assert ("The common β-chain family", "") in ch2, "make_id drops γ and β: the second heading gets an idN"


_DOCUTILS_SECTIONS = """
import json, re, sys
from pathlib import Path
import yaml
from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser
root = Path(sys.argv[1])
parse = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))["parse"]
settings = {k: v for k, v in parse.items() if k.startswith("myst_")}
settings.update(doctitle_xform=False, auto_id_prefix="id", report_level=5, halt_level=5, warning_stream=False)
out = {}
for path in sys.argv[2:]:
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    text = "\\n\\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    doc = publish_doctree(text, parser=Parser(), settings_overrides=settings)
    out[Path(path).stem] = [[s[0].astext(), "" if re.fullmatch(r"id\\d+", s["ids"][0]) else s["ids"][0]]
                            for s in doc.findall(nodes.section)]
print(json.dumps(out))
"""


def test_section_ids_are_those_docutils_gives() -> None:
    """myst-parser's docutils renderer, run on the whole chapter, gives every section the same id.

    It runs in a fresh interpreter: in one that has loaded Sphinx extensions (as the build
    has when it writes the guide), their directives would need a Sphinx build to run.
    """
    paths = toc_chapters(ROOT)
    result = subprocess.run([sys.executable, "-c", _DOCUTILS_SECTIONS, str(ROOT), *map(str, paths)],
                            capture_output=True, text=True, check=True)
    expected = json.loads(result.stdout)
    for path in paths:
        assert [list(s) for s in chapter_sections(path)] == expected[path.stem], path.stem


def test_every_anchor_of_the_course_plans_names_a_section() -> None:
    links = [link for plan in PLANS for c in plan["classes"] for link in c["chapters"] if "#" in link]
    assert len(links) >= 3
    for link in links:
        stem, _, anchor = link.partition("#")
        sections = chapter_sections(_notebook(stem))
        check_anchors("test", link, sections)
        titles = {title for title, ident in sections if ident}
        assert {part.strip() for part in anchor.split(";")} <= titles, link  # named exactly by heading


def test_an_anchor_may_be_the_id_and_ignores_case() -> None:
    sections = chapter_sections(_notebook("06-medicines-and-targets"))
    check_anchors("test", "06-medicines-and-targets#small-molecules-the-jak-inhibitors", sections)
    check_anchors("test", "06-medicines-and-targets#Key points;  back to the clinic", sections)


def _plans_with(tmp_path: Path, link: str) -> Path:
    plan = {"plans": [{"title": "A test plan", "classes": [
        {"week": 1, "topic": "t", "chapters": [link], "exercises": ["ex-ch6-jak2"]}]}]}
    path = tmp_path / "course-plans.yml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    return path


def test_a_wrong_anchor_is_refused(tmp_path: Path) -> None:
    link = "06-medicines-and-targets#Key points; Small molecules: the JAK inhibitor"
    with pytest.raises(ValueError) as err:
        render_course_plans(ROOT, CHAPTERS, _plans_with(tmp_path, link))
    message = str(err.value)
    assert "A test plan, class 1" in message and repr(link) in message
    assert "no section 'Small molecules: the JAK inhibitor'" in message
    assert "the anchors allowed are: " in message
    assert "Small molecules: the JAK inhibitors (#small-molecules-the-jak-inhibitors)" in message
    assert "Key points (#key-points)" in message
    good = render_course_plans(ROOT, CHAPTERS, _plans_with(tmp_path, link + "s"))
    assert "6 (Key points; Small molecules: the JAK inhibitors)" in good


def test_an_anchor_without_a_stable_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="has no stable anchor"):
        render_course_plans(ROOT, CHAPTERS, _plans_with(tmp_path, "02-families-of-cytokines#The common β-chain family"))
