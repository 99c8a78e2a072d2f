"""Sphinx extension: write the instructor guide's tables from the chapters' data at each build.

``tools/instructor_guide.py`` renders the course plans and the chapter-by-chapter
sections from the notebooks, their sidecars, the exercise checks and
``book/course-plans.yml``; this extension writes the result to
``_build/generated/instructor-guide.md`` (only if its text changed) when the
configuration is read, and ``book/instructor-guide.md`` includes it. The guide can
therefore never disagree with the chapters.
"""

from __future__ import annotations

import sys
from pathlib import Path

GENERATED = Path("_build") / "generated" / "instructor-guide.md"


def write_guide(app, config) -> None:  # noqa: ANN001
    root = Path(app.confdir)
    sys.path.insert(0, str(root / "tools"))
    import instructor_guide

    text = instructor_guide.render(root)
    target = root / GENERATED
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def setup(app):  # noqa: ANN001, ANN201
    app.connect("config-inited", write_guide, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
