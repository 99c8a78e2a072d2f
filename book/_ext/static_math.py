"""Sphinx extension: mathematics typeset once, at build time, instead of in every reader's browser.

MathJax in the page costs every reader 260 kB (compressed) of script and, measured with
``make bench-lighthouse``, up to two seconds of main-thread work while the page loads.
The book's mathematics is fixed text, so this extension typesets it when the page is
written: each ``\\(...\\)`` and ``\\[...\\]`` that Sphinx puts in a ``math`` element is
converted by MathJax itself (the ``mathjax`` npm package pinned in ``package.json``,
run by Node.js) to SVG that takes the text colour (light and dark mode), with MathML
beside it for screen readers (MathJax's assistive MathML); MathJax's script is then
left off the page. A TeX error is a build warning (so the ``-W`` build fails).
``_static/book-math.css`` holds the few rules that MathJax would otherwise inject.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]


def _find_mathjax() -> Path:
    """The checkout's ``node_modules/mathjax``: the nearest one above this file.

    The student edition builds from a copy of the book under ``_build/student/source``,
    whose ``book/_ext`` is a copy of this folder, so the folder two levels up is not
    always the checkout.
    """
    for folder in Path(__file__).resolve().parents:
        if (folder / "node_modules" / "mathjax" / "es5").is_dir():
            return folder / "node_modules" / "mathjax"
    return ROOT / "node_modules" / "mathjax"


MATHJAX = _find_mathjax()
CSS_FILE = "book-math.css"

_NODE_SCRIPT = r"""
const path = process.argv[1];
const readline = require("readline");
require(path).init({
  loader: {paths: {mathjax: path + "/es5"}, load: ["input/tex-full", "output/svg", "a11y/assistive-mml"]},
  svg: {fontCache: "local"},
  startup: {typeset: false},
}).then((MathJax) => {
  const adaptor = MathJax.startup.adaptor;
  process.stdout.write(JSON.stringify({css: adaptor.textContent(MathJax.svgStylesheet())}) + "\n");
  readline.createInterface({input: process.stdin}).on("line", (line) => {
    const {tex, display} = JSON.parse(line);
    let out;
    try {
      const node = MathJax.tex2svg(tex, {display});
      out = {html: adaptor.outerHTML(node)};
    } catch (err) {
      out = {error: String(err.message || err)};
    }
    process.stdout.write(JSON.stringify(out) + "\n");
  });
}).catch((err) => { process.stdout.write(JSON.stringify({error: String(err)}) + "\n"); process.exit(1); });
"""

_MATH_ELEMENT = re.compile(r'(<(span|div) class="math notranslate nohighlight"[^>]*>)(.*?)(</\2>)', re.S)
_DELIMITED = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.S)
_TEX_ERROR = re.compile(r'data-mml-node="merror"|mathcolor="red"')


class MathJaxProcess:
    """One Node.js process running MathJax, converting TeX to SVG line by line."""

    def __init__(self) -> None:
        node = shutil.which("node")
        if node is None or not (MATHJAX / "es5" / "node-main.js").exists():
            raise RuntimeError("static_math needs Node.js and node_modules/mathjax (run `make setup`)")
        self._proc = subprocess.Popen([node, "-e", _NODE_SCRIPT, str(MATHJAX)], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
        first = self._read()
        if "css" not in first:
            raise RuntimeError(f"MathJax did not start: {first}")
        self.css: str = first["css"]

    def _read(self) -> dict[str, Any]:
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError("the MathJax process ended")
        return json.loads(line)

    def convert(self, tex: str, *, display: bool) -> str:
        """SVG (and assistive MathML) for one TeX expression; raises ValueError on a TeX error."""
        assert self._proc.stdin is not None
        self._proc.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        self._proc.stdin.flush()
        out = self._read()
        if "error" in out:
            raise ValueError(out["error"])
        if _TEX_ERROR.search(out["html"]):
            raise ValueError("TeX error (undefined control sequence or bad syntax)")
        return out["html"]

    def close(self) -> None:
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        self._proc.wait(timeout=30)


def typeset(body: str, convert: Any, *, where: str = "") -> tuple[str, int]:
    """Replace the delimited TeX inside Sphinx's ``math`` elements by ``convert(tex, display=...)``.

    Returns the new HTML and the number of expressions converted.

    Examples
    --------
    >>> typeset('<span class="math notranslate nohighlight">\\\\(a &lt; b\\\\)</span>',
    ...         lambda tex, display: f"[{tex}|{display}]")
    ('<span class="math notranslate nohighlight">[a < b|False]</span>', 1)
    """
    count = 0

    def element(match: re.Match[str]) -> str:
        nonlocal count

        def expression(m: re.Match[str]) -> str:
            nonlocal count
            display = m.group(2) is not None
            tex = html.unescape(m.group(2) if display else m.group(1)).strip()
            try:
                out = convert(tex, display=display)
            except ValueError as err:
                logger.warning("could not typeset %r%s: %s", tex, f" in {where}" if where else "", err)
                return m.group(0)
            count += 1
            return out

        return match.group(1) + _DELIMITED.sub(expression, match.group(3)) + match.group(4)

    return _MATH_ELEMENT.sub(element, body), count


def _is_mathjax(script: Any) -> bool:
    filename = str(getattr(script, "filename", "") or "")
    body = str((getattr(script, "attributes", {}) or {}).get("body", ""))
    return filename.endswith("tex-chtml.js") or "mathjax" in filename.lower() or body.startswith("window.MathJax")


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Typeset the page's mathematics and leave MathJax off the page."""
    if getattr(app.builder, "format", "") != "html":
        return
    body = context.get("body")
    if body and "math notranslate" in body:
        if getattr(app, "_book_mathjax", None) is None:
            app._book_mathjax = MathJaxProcess()
        context["body"], _ = typeset(body, app._book_mathjax.convert, where=pagename)
    scripts = context.get("script_files")
    if scripts:
        context["script_files"] = [s for s in scripts if not _is_mathjax(s)]


def finish(app: Any, exception: Exception | None) -> None:
    process = getattr(app, "_book_mathjax", None)
    if getattr(app.builder, "format", "") == "html":
        css = process.css if process is not None else ""
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        target = static / CSS_FILE
        if css or not target.exists():
            target.write_text("/* MathJax's rules for its SVG output (book/_ext/static_math.py) */\n" + css,
                              encoding="utf-8")
    if process is not None:
        process.close()
        app._book_mathjax = None


def setup(app):  # noqa: ANN001, ANN201
    app.add_css_file(CSS_FILE)
    # after sphinx.ext.mathjax (500) has added its scripts, before the book's de-duplication (900)
    app.connect("html-page-context", page_context, priority=850)
    app.connect("build-finished", finish)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
