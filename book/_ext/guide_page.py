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
    from generated_files import write_if_changed  # a sibling module, importable once Sphinx has loaded book/_ext

    root = Path(app.confdir)
    sys.path.insert(0, str(root / "tools"))
    import instructor_guide

    write_if_changed(root / GENERATED, instructor_guide.render(root))


def setup(app):  # noqa: ANN001, ANN201
    app.connect("config-inited", write_guide, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
