"""The book's own Sphinx extensions (book/_ext), tested without a build."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import execution_cache
import self_check
from docutils import nodes


def _app(tmp_path: Path) -> SimpleNamespace:
    out = tmp_path / "_build" / "html"
    out.mkdir(parents=True)
    return SimpleNamespace(config=SimpleNamespace(nb_execution_cache_path=""), outdir=str(out))


def test_the_execution_cache_is_cleared_exactly_when_the_package_changes(tmp_path: Path, monkeypatch) -> None:
    app = _app(tmp_path)
    cache = execution_cache.cache_path(app)
    assert cache == tmp_path / "_build" / ".jupyter_cache"
    cache.mkdir()
    (cache / "entry").write_text("old outputs")
    execution_cache.check_fingerprint(app)  # first build with the extension: no stamp yet
    assert not cache.exists() and app.cytokines_widgets_changed
    cache.mkdir()
    (cache / "entry").write_text("fresh outputs")
    execution_cache.check_fingerprint(app)  # nothing changed
    assert (cache / "entry").exists() and not app.cytokines_widgets_changed
    from widgets.explorers import cache as frame_cache

    monkeypatch.setattr(frame_cache, "fingerprint_of", lambda folder: "edited widgets/")
    execution_cache.check_fingerprint(app)  # an edit in widgets/
    assert not cache.exists() and app.cytokines_widgets_changed


def test_every_notebook_is_outdated_after_a_change(tmp_path: Path) -> None:
    app = _app(tmp_path)
    app.cytokines_widgets_changed = True
    env = SimpleNamespace(found_docs={"chapters/01", "book/intro"},
                          doc2path=lambda d: f"{d}.ipynb" if d.startswith("chapters") else f"{d}.md")
    assert execution_cache.outdated_notebooks(app, env, set(), set(), set()) == ["chapters/01"]
    app.cytokines_widgets_changed = False
    assert execution_cache.outdated_notebooks(app, env, set(), set(), set()) == []


def test_inline_quiz_assets_are_removed_from_pages() -> None:
    doctree = nodes.section()
    raw = nodes.raw("", '<div class="self-check">Q</div><style class="self-check-inline">x</style>'
                        '<script class="self-check-inline">y</script>', format="html")
    doctree += raw
    self_check.strip_inline(None, doctree, "chapters/01")
    (only,) = list(doctree.findall(nodes.raw))
    assert only.astext() == '<div class="self-check">Q</div>'
