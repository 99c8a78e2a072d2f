"""Sphinx extension: pages that paint before their explorers and icons have loaded.

Measured with ``make bench-lighthouse`` (README, "Performance and accessibility"). Five
changes to what Jupyter Book 1 and its theme put on a page:

1. **Explorer frames are files.** myst-nb saves each explorer's widget state in the
   page, with every frame as a base64 ``data:`` image (about 1 MB of a chapter page,
   which barely compresses). Here each frame is written once to ``_images/frames/``
   (named by its content) and the state points at it, with its pixel size (no layout
   shift) and ``loading="lazy"``: a reader downloads the frames that are shown, not
   the whole grid. The notebooks themselves keep their frames (JupyterLab, Binder).
2. **The widget state comes last.** myst-nb puts that state in ``<head>``, so the
   browser reads it all before the text; here it is written after the page's content
   (the widget manager reads it once the page has loaded, wherever it is).
3. **No Font Awesome script.** The theme loads Font Awesome's 1.4 MB script, which
   replaces every ``<i class="fa-...">`` with an inline SVG; the theme's stylesheet
   draws the same icons from the web fonts. The template ``templates/layout.html``
   drops the script, and :func:`subset_icon_fonts` writes, after each build, web fonts
   that hold only the icons the site uses (a few kB instead of 270 kB), which
   ``book.css`` declares after the theme's.
4. **Figures load lazily.** Every image of a page but the first gets ``loading="lazy"``.
5. **No search index on every page.** The theme loads Sphinx's search scripts and the
   whole search index (300 kB) on every page, render-blocking, for its
   "search as you type" option, which the book does not use; the search page loads
   them itself.

The widget manager and require.js are loaded by ``book.js`` when an explorer comes near
the screen (``nb_ipywidgets_js`` is empty in ``_config.yml``); mathematics is typeset at
build time (``static_math.py``).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

FRAME_FOLDER = "_images/frames"
"""Folder of the explorer frames inside the built site."""
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
ICON_FONTS = {"fa-solid-900": "solid", "fa-regular-400": "regular", "fa-brands-400": "brands"}
"""Font Awesome fonts shipped by the theme, by file stem."""
ICON_FONT_FOLDER = "_static/fonts"
"""Where the subset icon fonts go (``book.css`` points at them)."""

_FRAME_SRC = re.compile(r'src="data:image/(png|webp);base64,([A-Za-z0-9+/=]+)"')
_ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
_ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:before,?)+)\{content:"\\(f[0-9a-f]{3}|e[0-9a-f]{3})"\}')


def externalise_frames(html: str, write: Any) -> str:
    """Replace each ``data:`` frame image in a widget's HTML by a file URL.

    ``write(data, suffix)`` stores the bytes and returns ``(url, width, height)``.

    Examples
    --------
    >>> frame = '<img class="explorer-frame" src="data:image/png;base64,iVBORw==" alt="x">'
    >>> externalise_frames(frame, lambda data, suffix: (f"f.{suffix}", 7, 4))
    '<img class="explorer-frame" src="f.png" width="7" height="4" loading="lazy" decoding="async" alt="x">'
    """
    import base64

    def replace(match: re.Match[str]) -> str:
        url, width, height = write(base64.b64decode(match.group(2)), match.group(1))
        size = f' width="{width}" height="{height}"' if width and height else ""
        return f'src="{url}"{size} loading="lazy" decoding="async"'

    return _FRAME_SRC.sub(replace, html)


def _frame_writer(outdir: Path, pathto: Any) -> Any:
    folder = outdir / FRAME_FOLDER
    folder.mkdir(parents=True, exist_ok=True)

    def write(data: bytes, suffix: str) -> tuple[str, int, int]:
        from PIL import Image  # Pillow comes with matplotlib

        name = f"{hashlib.sha256(data).hexdigest()[:20]}.{suffix}"
        target = folder / name
        if not target.exists():
            target.write_bytes(data)
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
        return pathto(f"{FRAME_FOLDER}/{name}", 1), width, height

    return write


def late_widget_state(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Move the saved widget state out of ``<head>``, with its frames as files.

    The template writes ``context["book_widget_state"]`` after the page's content.
    """
    from myst_nb.core.render import sanitize_script_content

    scripts = context.get("script_files") or []
    keep: list[Any] = []
    states: list[Any] = []
    for script in scripts:
        attributes = getattr(script, "attributes", {}) or {}
        (states if attributes.get("type") == WIDGET_STATE else keep).append(script)
    if not states:
        return
    context["script_files"] = keep
    write = _frame_writer(Path(app.outdir), context["pathto"])
    tags = []
    for script in states:
        state = json.loads(script.attributes["body"].replace("<\\/", "</"))
        for model in state.get("state", {}).values():
            value = model.get("state", {}).get("value")
            if model.get("model_name") == "HTMLModel" and isinstance(value, str) and "data:image/" in value:
                model["state"]["value"] = externalise_frames(value, write)
        body = sanitize_script_content(json.dumps(state))
        tags.append(f'<script type="{WIDGET_STATE}">{body}</script>')
    context["book_widget_state"] = "\n".join(tags)


_IMG = re.compile(r"<img\b(?![^>]*\bloading=)")


def lazy_images(body: str) -> str:
    """Add ``loading="lazy"`` to every image of a page but the first (which may be on screen).

    Examples
    --------
    >>> lazy_images('<img src="a.png"><p><img src="b.png" alt=""><img loading="eager" src="c.png">')
    '<img src="a.png"><p><img loading="lazy" decoding="async" src="b.png" alt=""><img loading="eager" src="c.png">'
    """
    seen = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        return match.group(0) if seen == 1 else '<img loading="lazy" decoding="async"'

    return _IMG.sub(replace, body)


def page_images(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Figures below the first load as the reader reaches them."""
    if context.get("body"):
        context["body"] = lazy_images(context["body"])


def icon_codepoints(theme_css: str) -> dict[str, int]:
    """Font Awesome class name -> code point, from the theme's stylesheet.

    Examples
    --------
    >>> icon_codepoints('.fa-bars:before,.fa-navicon:before{content:"\\\\f0c9"}')
    {'fa-bars': 61641, 'fa-navicon': 61641}
    """
    out: dict[str, int] = {}
    for selectors, code in _ICON_RULE.findall(theme_css):
        for name in re.findall(r"\.(fa-[a-z0-9-]+):before", selectors):
            out[name] = int(code, 16)
    return out


def used_icons(outdir: Path) -> set[str]:
    """Every ``fa-...`` class named in the built pages and the theme's own scripts."""
    names: set[str] = set()
    files = [p for p in outdir.rglob("*.html") if "_sources" not in p.parts]
    files += [p for p in (outdir / "_static" / "scripts").glob("*.js") if p.name != "fontawesome.js"]
    for path in files:
        names.update(_ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def css_icons(static: Path) -> set[int]:
    r"""Icon code points that stylesheets draw themselves (admonition titles, external links ...).

    Those are Private Use Area characters written into ``content:`` values or custom
    properties (``--pst-icon-...``), literally or as ``"\f0eb"``; the ``.fa-...:before``
    rules, which list every icon Font Awesome has, are left out.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.css").write_text('.fa-bars:before{content:"\\f0c9"}x{--i:"\uf0eb";content:"\\f107"}')
    >>> sorted(hex(c) for c in css_icons(folder))
    ['0xf0eb', '0xf107']
    """
    out: set[int] = set()
    for path in static.rglob("*.css"):
        if "vendor" in path.relative_to(static).parts:
            continue
        text = _ICON_RULE.sub("", path.read_text(encoding="utf-8", errors="replace"))
        out.update(ord(c) for c in text if 0xE000 <= ord(c) <= 0xF8FF)
        out.update(int(code, 16) for code in re.findall(r'"\\([ef][0-9a-f]{3})"', text))
    return out


def subset_icon_fonts(app: Any, exception: Exception | None) -> None:
    """Write Font Awesome fonts that hold only the icons the site uses (WOFF, a few kB each)."""
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    from fontTools import subset  # comes with matplotlib

    outdir = Path(app.outdir)
    css = outdir / "_static" / "styles" / "pydata-sphinx-theme.css"
    webfonts = outdir / "_static" / "vendor" / "fontawesome" / "webfonts"
    if not css.exists() or not webfonts.is_dir():
        return
    codes = icon_codepoints(css.read_text(encoding="utf-8"))
    # the space too: an icon element holding a blank would otherwise fetch the whole font
    used = {codes[name] for name in used_icons(outdir) if name in codes}
    unicodes = sorted(used | css_icons(outdir / "_static") | {0x20, 0xA0})
    target = outdir / ICON_FONT_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    for stem in ICON_FONTS:
        font = subset.load_font(str(webfonts / f"{stem}.ttf"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        subset.save_font(font, str(target / f"{stem}.woff"), options)


def add_templates(app: Any, config: Any) -> None:
    """Put ``templates/`` (the theme's layout, see :mod:`page_speed`) on the template path."""
    folder = str(Path(__file__).with_name("templates"))
    if folder not in config.templates_path:
        config.templates_path.append(folder)


def setup(app):  # noqa: ANN001, ANN201
    app.connect("config-inited", add_templates)
    app.connect("html-page-context", late_widget_state, priority=800)
    app.connect("html-page-context", page_images, priority=800)
    app.connect("build-finished", subset_icon_fonts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
