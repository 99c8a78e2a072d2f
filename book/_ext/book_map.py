"""Sphinx extension: the front page's map of the book, generated from ``_toc.yml``.

Each chapter's one-line summary is kept beside the chapter, in its sidecar
(``chapters/NN-name.yml``, key ``summary``). At the start of every build this
extension writes ``_build/generated/book-map.md`` (only when its text changed) from the
table of contents and those summaries; ``book/intro.md`` includes it. The map can
therefore never list a chapter that does not exist or miss one that does.
"""

from __future__ import annotations

from pathlib import Path

import yaml

GENERATED = Path("_build") / "generated" / "book-map.md"
"""Where the map is written, relative to the book's root."""

_LINK_BASE = "../"  # the map is included by book/intro.md, one folder below the root


def render_map(root: Path) -> str:
    """The map of the book as MyST Markdown: every part of the table of contents, in order.

    Chapters with a sidecar get their summary after the link; other pages are listed by
    their title (which ``{doc}`` fills in).

    Parameters
    ----------
    root : pathlib.Path
        The book's root folder (where ``_toc.yml`` is).

    Returns
    -------
    str
        Markdown with one bold caption and one list per part.
    """
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    out: list[str] = []
    for part in toc.get("parts", []):
        out += [f"**{part['caption']}**", ""]
        numbered = bool(part.get("numbered"))
        for n, entry in enumerate(part.get("chapters", []), start=1):
            file = entry["file"]
            link = f"{{doc}}`{_LINK_BASE}{file}`"
            sidecar = root / f"{file}.yml"
            summary = ""
            if sidecar.exists():
                summary = str((yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}).get("summary", "")).strip()
            bullet = f"{n}." if numbered else "-"
            out.append(f"{bullet} {link}" + (f": {summary}" if summary else ""))
        out.append("")
    return "\n".join(out)


def write_map(app, config) -> None:  # noqa: ANN001
    """Write the map before the sources are read, if its text changed."""
    from generated_files import write_if_changed  # a sibling module, importable once Sphinx has loaded book/_ext

    root = Path(app.confdir)
    write_if_changed(root / GENERATED, render_map(root))


def setup(app):  # noqa: ANN001, ANN201
    app.connect("config-inited", write_map, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
