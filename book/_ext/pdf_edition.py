"""Sphinx extension: the PDF edition of the book (``make pdf``, the LaTeX builder with pdflatex).

The PDF is built by Jupyter Book's ``pdflatex`` builder, that is Sphinx's own LaTeX
writer (``latex: use_jupyterbook_latex: false`` in ``_config.yml``), so citations,
numbered figures and the bibliography are Sphinx's. This extension only acts on the
LaTeX builder; the HTML site is not touched. It

- sets ``latex_elements``: the characters the chapters use that pdflatex's UTF-8 input
  does not know by default (Greek letters, ≈, ≥, superscript minus, the ✘ of the
  exercise checks) are mapped to glyphs of packages in Debian's
  ``texlive-latex-extra`` and ``texlive-fonts-recommended``; any other character stops
  the build with "Unicode character ... not set up for use with LaTeX", so a missing
  one is never dropped silently (add it to :data:`UNICODE_TO_LATEX`);
- under every explorer (whose default frame the LaTeX writer prints, from the
  ``image/png`` of its output) adds a line saying that it is interactive in the online
  book, with the page's address when ``pdf_online_url`` (or ``html_baseurl``) is set;
- prints each self-check quiz (HTML that only a browser can use) as its questions in
  plain text, with the address of the page where they can be answered;
- prints other HTML-only outputs as a table when they are a plain HTML table, drops
  them when they show nothing (script set-up), and otherwise prints a short line that
  points to the online book;
- leaves out the "No answer yet" output of every unanswered check cell (the cell's code,
  which says what to do in a notebook, stays);
- keeps the title of an exercise, solution or note box with its first lines (a box that
  would start in the last few lines of a page starts on the next one);
- turns links to files that only the site serves (``../_static/data/*.csv``) into
  addresses on the online book, or into plain text when no address is configured;
- gives the PDF the book's structure: the front page becomes an unnumbered chapter,
  the parts of the table of contents become part lines in the PDF's contents, only
  the numbered part is numbered (so "Chapter 3" is the same chapter online and on
  paper), and the bibliography is printed in the Bibliography chapter rather than
  after the index.

For every builder it also adds the role ``{pdf-edition}`text```: a link to the published
PDF, at the online book's address under the LaTeX target's name as ``.pdf`` (where
``.github/workflows/book.yml`` puts it), so that a page can point readers to it without
writing the address again. Without an online address, or with ``pdf_edition_link:
false`` (the student edition), the text stays plain.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
NOTE_CLASS = "pdfnote"
"""Class of the notes this extension adds (printed small and italic, see :data:`PREAMBLE`)."""

_GREEK = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
          "final-sigma sigma tau upsilon phi chi psi omega").split()
_UPPER_LATIN = {"alpha": "A", "beta": "B", "epsilon": "E", "zeta": "Z", "eta": "H", "iota": "I",
                "kappa": "K", "mu": "M", "nu": "N", "omicron": "O", "rho": "P", "tau": "T", "chi": "X"}


def _greek() -> dict[str, str]:
    """Upright Greek letters from upgreek (Adobe Symbol metrics, matching the Times-like text)."""
    out: dict[str, str] = {}
    for i, name in enumerate(_GREEK):
        lower = chr(0x3B1 + i)
        macro = {"final-sigma": "varsigma", "omicron": None}.get(name, name)
        out[lower] = "o" if macro is None else rf"\ensuremath{{\up{macro}}}"
        if name == "final-sigma":
            continue
        upper = chr(0x391 + i)
        out[upper] = _UPPER_LATIN.get(name) or rf"\ensuremath{{\Up{name}}}"
    return out


UNICODE_TO_LATEX: dict[str, str] = {
    **_greek(),
    "≈": r"\ensuremath{\approx}",
    "≥": r"\ensuremath{\geq}",
    "≤": r"\ensuremath{\leq}",
    "≠": r"\ensuremath{\neq}",
    "∞": r"\ensuremath{\infty}",
    "√": r"\ensuremath{\surd}",  # LOD/√2 (Chapter 7)
    "∝": r"\ensuremath{\propto}",
    "⇒": r"\ensuremath{\Rightarrow}",
    "↔": r"\ensuremath{\leftrightarrow}",
    "⊣": r"\ensuremath{\dashv}",  # an inhibition arrow
    "−": r"\ensuremath{-}",  # MINUS SIGN
    "⁺": r"\textsuperscript{+}",
    "⁻": r"\textsuperscript{\ensuremath{-}}",
    "✓": r"\ding{51}",
    "✔": r"\ding{52}",
    "✗": r"\ding{55}",
    "✘": r"\ding{56}",
    "✚": r"\ding{58}",
    "★": r"\ding{72}",
    "●": r"\ding{108}",
    "■": r"\ding{110}",
    "▲": r"\ding{115}",
    "◆": r"\ding{117}",
}
"""Characters pdflatex's ``inputenc`` does not map by default, and what prints them."""

PREAMBLE = "\n".join([
    r"% --- book/_ext/pdf_edition.py ---",
    r"\usepackage[Symbol]{upgreek}% upright Greek (texlive-latex-extra; Symbol font: texlive-fonts-recommended)",
    r"\usepackage{pifont}% dingbats: the check marks of the exercise checks",
    *(rf"\DeclareUnicodeCharacter{{{ord(ch):04X}}}{{{tex}}}" for ch, tex in UNICODE_TO_LATEX.items()),
    rf"\newcommand{{\DUrole{NOTE_CLASS}}}[1]{{{{\small\itshape #1}}}}",
    r"% citations in figure captions are links: keep \hyperlink intact in the caption's moving argument",
    r"\AtBeginDocument{\MakeRobust\hyperlink}",
    r"% the contents are called Contents (Sphinx names them after the first toctree's caption)",
    r"\addto\captionsenglish{\renewcommand{\contentsname}{Contents}}",
    r"% the bibliography is printed inside the Bibliography chapter: no second chapter heading",
    r"\makeatletter",
    r"\renewenvironment{sphinxthebibliography}[1]",
    r"  {\let\chapter\@gobbletwo\begin{thebibliography}{#1}}{\end{thebibliography}}",
    r"\makeatother",
    r"% a code block inside an exercise, solution or note box is never boxed whole: Sphinx 7.4",
    r"% boxes it when it seems to fit, but measures the page before the outer box, which then",
    r"% cannot split it at the page end and prints it over the footer. Unboxed, it breaks.",
    r"\usepackage{etoolbox}",
    r"\makeatletter",
    r"\patchcmd{\endsphinxVerbatim}{\pagetotal+\pagedepth>\pagegoal}{\pagetotal+\pagedepth>\z@}{}",
    r"  {\PackageError{cytokines}{sphinxVerbatim has changed: check book/_ext/pdf_edition.py}{}}",
    r"\makeatother",
    r"% an exercise, solution or note box starts on a new page unless its title and a few lines",
    r"% of its text fit (needspace comes with Sphinx's sphinxlatexliterals.sty)",
    r"\BeforeBeginEnvironment{sphinxadmonition}{\needspace{6\baselineskip}}",
])
"""LaTeX preamble added to ``latex_elements['preamble']``."""

LATEX_ELEMENTS: dict[str, str] = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "classoptions": ",openany,oneside",
    "preamble": PREAMBLE,
    # Sphinx takes admonition icons from fontawesome5 when that happens to be installed
    # (texlive-fonts-extra, 1.4 GB): without icons the PDF is the same on every machine
    "sphinxsetup": "iconpackage=none",
    "tocdepth": r"\setcounter{tocdepth}{1}",  # contents: parts, chapters and their sections
    "printindex": "",  # an index of API names only; the PDF's contents and the glossary do that job
}
"""Defaults for ``latex_elements`` (a key set in ``_config.yml`` wins)."""


# ---------------------------------------------------------------------------------------------
# configuration


def set_latex_elements(app, config) -> None:  # noqa: ANN001
    """Merge :data:`LATEX_ELEMENTS` under the configured ``latex_elements``."""
    configured = dict(config.latex_elements or {})
    merged = {**LATEX_ELEMENTS, **configured}
    if "preamble" in configured:
        merged["preamble"] = PREAMBLE + "\n" + configured["preamble"]
    config.latex_elements = merged
    if config.latex_domain_indices is True:
        config.latex_domain_indices = False  # no "Python Module Index" chapter after the bibliography


def online_url(config: Any) -> str:
    """The online book's address, ending in ``/``, or ``""`` if the configuration gives none."""
    base = (config.pdf_online_url or config.html_baseurl or "").strip()
    return base.rstrip("/") + "/" if base else ""


def pdf_edition_url(config: Any) -> str:
    """Address of the published PDF edition, or ``""`` without an online address or a LaTeX target.

    Also ``""`` when ``pdf_edition_link`` is false: an edition that has no PDF of its
    own (the student edition, whose readers must not be sent to the full book's PDF)
    links to none, whatever its ``html_baseurl``.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> config = SimpleNamespace(pdf_online_url="https://example.org/book", html_baseurl="", pdf_edition_link=True,
    ...                          latex_documents=[("book/intro", "cytokines.tex", "Title", "", "manual")])
    >>> pdf_edition_url(config)
    'https://example.org/book/cytokines.pdf'
    >>> config.pdf_edition_link = False
    >>> pdf_edition_url(config)
    ''
    """
    if not getattr(config, "pdf_edition_link", True):
        return ""
    base = online_url(config)
    documents = config.latex_documents or []
    return f"{base}{Path(documents[0][1]).with_suffix('.pdf').name}" if base and documents else ""


PDF_LINK_CLASS = "pdf-edition"
"""Class of the links the ``pdf-edition`` role makes (their address is set by :class:`PdfEditionLinks`)."""


def pdf_edition_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
                     options: Any = None, content: Any = None) -> tuple[list[nodes.Node], list[Any]]:
    """``{pdf-edition}`text```: a link to the published PDF; the address is filled in when the page is written."""
    return [nodes.reference(rawtext, text, refuri="", classes=[PDF_LINK_CLASS])], []


class PdfEditionLinks(SphinxPostTransform):
    """Give the ``pdf-edition`` links their address, or make them plain text without one.

    A post-transform, because Jupyter Book sets ``latex_documents`` (the PDF's name)
    only after the extensions' set-up, and the pages are parsed before that matters.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        set_pdf_links(self.document, pdf_edition_url(self.config))


def set_pdf_links(document: nodes.Node, url: str) -> None:
    """Point every ``pdf-edition`` link of ``document`` to ``url``; without one, leave their text only.

    Examples
    --------
    >>> para = nodes.paragraph("", "", *pdf_edition_role("", "", "the PDF", 0, None)[0])
    >>> set_pdf_links(para, "https://example.org/book/cytokines.pdf")
    >>> para[0]["refuri"]
    'https://example.org/book/cytokines.pdf'
    >>> para = nodes.paragraph("", "", *pdf_edition_role("", "", "the PDF", 0, None)[0])
    >>> set_pdf_links(para, "")
    >>> para.pformat().split()
    ['<paragraph>', 'the', 'PDF']
    """
    for ref in list(document.findall(nodes.reference)):
        if PDF_LINK_CLASS in ref["classes"]:
            _relink(ref, url)


def _relink(ref: nodes.reference, uri: str) -> None:
    """Point ``ref`` to ``uri``, or replace it by its text when there is no address."""
    if uri:
        ref["refuri"] = uri
    else:
        ref.parent.replace(ref, nodes.Text(ref.astext()))


def page_url(config: Any, docname: str) -> str:
    """Address of a page of the online book (``""`` without a configured base address)."""
    base = online_url(config)
    return f"{base}{docname}.html" if base else ""


# ---------------------------------------------------------------------------------------------
# small node builders


def _note(*children: nodes.Node) -> nodes.paragraph:
    para = nodes.paragraph(classes=[NOTE_CLASS])
    para += nodes.inline("", "", *children, classes=[NOTE_CLASS])
    return para


def _link(url: str, text: str | None = None) -> nodes.reference:
    return nodes.reference("", text or url, refuri=url, internal=False)


def _online(config: Any, docname: str, lead: str) -> nodes.paragraph:
    """A note: ``lead`` + " in the online book", then ": <page address>" when one is configured."""
    url = page_url(config, docname)
    if not url:
        return _note(nodes.Text(f"{lead} in the online book."))
    return _note(nodes.Text(f"{lead} in the online book: "), _link(url), nodes.Text("."))


_INLINE = re.compile(r"`([^`]+)`|\*\*([^*]+)\*\*|(?<![*\w])\*([^*\s][^*]*)\*(?![*\w])|(?<![\\$])\$([^$\n]+?)\$(?!\$)")


def inline_nodes(text: str) -> list[nodes.Node]:
    """Author text of a quiz (as in :mod:`widgets.quiz`: `code`, **bold**, *italic*, $maths$) as nodes.

    Examples
    --------
    >>> [n.astext() for n in inline_nodes("Is $K_D$ in **pM**?")]
    ['Is ', 'K_D', ' in ', 'pM', '?']
    """
    out: list[nodes.Node] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            out.append(nodes.Text(text[pos:m.start()]))
        code, strong, em, math = m.groups()
        if code is not None:
            out.append(nodes.literal(code, code))
        elif strong is not None:
            out.append(nodes.strong(strong, strong))
        elif em is not None:
            out.append(nodes.emphasis(em, em))
        else:
            out.append(nodes.math(math, math))
        pos = m.end()
    if pos < len(text):
        out.append(nodes.Text(text[pos:]))
    return out


_INSTRUCTION = re.compile(r"(?i)(?:[:;,]\s+|(?<=\?)\s+)(?:move|choose|drag|pick)\b[^(]*?(?=\s*\(|$)")


def explorer_lead(title: str) -> str:
    """The start of the note under an explorer, from its title without the instruction to move controls.

    Examples
    --------
    >>> explorer_lead("Receptor occupancy: move the sliders")
    'Explorer: Receptor occupancy. Shown here at its default settings; move its controls'
    >>> explorer_lead("Heal or die? Move the controls (Reynolds et al. 2006 model)")[:52]
    'Explorer: Heal or die? (Reynolds et al. 2006 model).'
    >>> explorer_lead("")
    'This explorer is shown here at its default settings; move its controls'
    """
    name = _INSTRUCTION.sub("", title).strip()
    if not name:
        return "This explorer is shown here at its default settings; move its controls"
    stop = "" if name.endswith(("?", ".", "!")) else "."
    return f"Explorer: {name}{stop} Shown here at its default settings; move its controls"


# ---------------------------------------------------------------------------------------------
# self-check quizzes


_QUIZ = re.compile(r'<div class="self-check"[^>]*aria-labelledby="sc-(?P<label>[^"]+)"[^>]*data-quiz="(?P<quiz>[^"]+)"')


def quiz_nodes(markup: str, config: Any, docname: str) -> list[nodes.Node] | None:
    """The questions of a self-check quiz's HTML output as plain-text nodes (``None`` if not a quiz)."""
    from widgets.chapter_data import load

    match = _QUIZ.search(markup)
    if match is None:
        return None
    quiz_id = html.unescape(match["quiz"])
    label = html.unescape(match["label"])
    stem = label[: -len(quiz_id) - 1] if label.endswith("-" + quiz_id) else docname.rsplit("/", 1)[-1]
    questions = load(stem).quiz(quiz_id)
    n = len(questions)
    out: list[nodes.Node] = [nodes.rubric("", f"Check your understanding ({n} question{'s' if n != 1 else ''})")]
    items = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for q in questions:
        item = nodes.list_item()
        prompt = nodes.paragraph()
        prompt += inline_nodes(q.prompt)
        if q.type == "truefalse":
            prompt += nodes.Text(" True or false?")
        elif q.type == "numeric":
            prompt += nodes.Text(f" (Answer as a number{', in ' + q.unit if q.unit else ''}.)")
        item += prompt
        if q.type == "choice":
            options = nodes.enumerated_list(enumtype="loweralpha", prefix="(", suffix=")")
            for option in q.options:
                para = nodes.paragraph()
                para += inline_nodes(option.text)
                options += nodes.list_item("", para)
            item += options
        items += item
    out.append(items)
    out.append(_online(config, docname, "Answer these questions, with feedback on every answer,"))
    return out


# ---------------------------------------------------------------------------------------------
# plain HTML tables


class _TableParser(HTMLParser):
    """Rows of one plain ``<table>`` (cells of text, ``<code>``, ``<strong>``, ``<em>``, ``<a>``)."""

    _INLINE = {"code": nodes.literal, "strong": nodes.strong, "b": nodes.strong, "em": nodes.emphasis,
               "i": nodes.emphasis}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[bool, list[list[nodes.Node]]]] = []
        self.plain = True
        self._tables = 0
        self._cell: list[nodes.Node] | None = None
        self._stack: list[nodes.Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table":
            self._tables += 1
            self.plain &= self._tables == 1
        elif tag == "tr":
            self.rows.append((False, []))
        elif tag in ("td", "th"):
            self.plain &= bool(self.rows) and not {"colspan", "rowspan"} & set(attributes)
            self._cell = []
            if self.rows:
                self.rows[-1] = (self.rows[-1][0] or tag == "th", self.rows[-1][1] + [self._cell])
        elif tag in self._INLINE and self._cell is not None:
            self._stack.append(self._INLINE[tag]())
        elif tag == "a" and self._cell is not None:
            self._stack.append(nodes.reference("", "", refuri=attributes.get("href") or "", internal=False))
        elif tag in ("script", "style", "img", "svg", "input", "form"):
            self.plain = False

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._cell = None
        elif (tag in self._INLINE or tag == "a") and self._stack:
            node = self._stack.pop()
            self._add(node)

    def handle_data(self, data: str) -> None:
        if self._cell is None:
            if data.strip() and not self._tables:
                self.plain = False  # text outside the table
            return
        self._add(nodes.Text(re.sub(r"\s+", " ", data)))

    def _add(self, node: nodes.Node) -> None:
        if self._stack and node is not self._stack[-1]:
            self._stack[-1] += node
        elif self._cell is not None:
            self._cell.append(node)


def html_table(markup: str) -> nodes.table | None:
    """A plain HTML table (no scripts, no merged cells) as a docutils table, else ``None``.

    Examples
    --------
    >>> t = html_table("<table><tr><th>a</th><th>b</th></tr><tr><td><code>x</code></td><td>1</td></tr></table>")
    >>> t.astext().split()
    ['a', 'b', 'x', '1']
    >>> html_table("<div>text</div>") is None
    True
    """
    parser = _TableParser()
    parser.feed(markup)
    parser.close()
    rows = [(head, cells) for head, cells in parser.rows if cells]
    if not parser.plain or not rows:
        return None
    width = max(len(cells) for _, cells in rows)
    table = nodes.table(classes=["colwidths-given"])
    group = nodes.tgroup(cols=width)
    table += group
    for weight in _column_weights([cells for _, cells in rows], width):
        group += nodes.colspec(colwidth=weight)

    def row(cells: list[list[nodes.Node]]) -> nodes.row:
        out = nodes.row()
        for i in range(width):
            para = nodes.paragraph()
            para += cells[i] if i < len(cells) else []
            out += nodes.entry("", para)
        return out

    head_rows = [cells for head, cells in rows if head]
    if head_rows and rows[0][0]:
        thead = nodes.thead()
        thead += [row(cells) for cells in head_rows[:1]]
        group += thead
        rows = rows[1:]
    tbody = nodes.tbody()
    tbody += [row(cells) for _, cells in rows]
    group += tbody
    return table


def _column_weights(rows: list[list[list[nodes.Node]]], width: int) -> list[int]:
    """Relative column widths (percent): wide enough for the longest word, else by the mean text length.

    Words in ``<code>`` count a fifth more (typewriter type is wider).
    """
    longest, total = [1.0] * width, [0.0] * width
    for cells in rows:
        for i, cell in enumerate(cells[:width]):
            words = [len(w) * (1.2 if isinstance(n, nodes.literal) else 1.0)
                     for n in cell for w in n.astext().split()]
            longest[i] = max([longest[i], *words])
            total[i] += sum(len(n.astext()) for n in cell)
    weights = [max(longest[i] + 2, min(45.0, total[i] / len(rows))) for i in range(width)]
    return [max(5, round(100 * w / sum(weights))) for w in weights]


def visible_text(markup: str) -> str:
    """What an HTML output shows as text (scripts and styles removed).

    Examples
    --------
    >>> visible_text("<script>var a = 1;</script><style>p {}</style><p>Hi <b>there</b></p>")
    'Hi there'
    """
    markup = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", markup, flags=re.S | re.I)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip().replace(" ,", ",")


# ---------------------------------------------------------------------------------------------
# the transforms


def _docname(node: nodes.Node, default: str) -> str:
    """The document a node of the assembled LaTeX tree comes from.

    Sphinx marks every section it inlines with its ``docname``; the root page's own
    sections have none (and the inlined pages' top nodes keep a stale ``parent``, so the
    walk stops at the nearest marked section).
    """
    parent: nodes.Node | None = node
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file) or (isinstance(parent, nodes.section) and "docname" in parent):
            return parent["docname"]
        parent = parent.parent
    return default


def _executed_cells(app, docname: str) -> list[dict[str, Any]]:  # noqa: ANN001
    """The executed cells of a notebook page, with their outputs' metadata (``[]`` if unknown).

    With ``execute_notebooks: cache`` the notebook that myst-nb saves in
    ``_build/jupyter_execute`` is the source notebook, not the executed one, so the
    outputs come from the execution cache (the same lookup myst-nb makes), else from
    that saved notebook.
    """
    store: dict[str, list[dict[str, Any]]] = app.__dict__.setdefault("_pdf_edition_cells", {})
    if docname in store:
        return store[docname]
    cells: list[dict[str, Any]] = []
    source = Path(app.env.doc2path(docname))
    cache_dir = Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    if source.suffix == ".ipynb" and cache_dir.is_dir():
        import nbformat
        from jupyter_cache import get_cache

        try:
            _, merged = get_cache(str(cache_dir)).merge_match_into_notebook(nbformat.read(source, as_version=4))
            cells = merged.cells
        except KeyError:  # not in the cache (executed some other way)
            cells = []
    saved = Path(app.env.mystnb_config.output_folder) / f"{docname}.ipynb"
    if not cells and saved.exists():
        cells = json.loads(saved.read_text(encoding="utf-8"))["cells"]
    store[docname] = cells
    return cells


def _mime(bundle: nodes.Element, mime_type: str) -> nodes.Element | None:
    return next((c for c in bundle.children if isinstance(c, nodes.Element) and c.get("mime_type") == mime_type),
                None)


_UNANSWERED_CHECK = re.compile(r'class="exercise-check"[^>]*data-status="unanswered"')
"""The output of a check cell that has not been answered (``your_answer = None``), which the PDF leaves out."""
_NO_SCRIPT_MESSAGE = "you should not see this message"
"""What itables' set-up cell shows where its script does not run (its own words): nothing to print."""

_OBJECT_REPR = re.compile(r"^<[\w.]+ object(?: at 0x[0-9a-f]+)?>$")


class PdfOutputs(SphinxPostTransform):
    """Explorer notes, quizzes as text and HTML-only outputs, before myst-nb picks a mime type."""

    builders = ("latex",)
    default_priority = 3  # myst-nb's SelectMimeType runs at 4

    def run(self, **kwargs: Any) -> None:
        from widgets.explorers.core import EXPLORER_METADATA

        config = self.config
        root = config.root_doc
        counts = {"explorers": 0, "quizzes": 0, "tables": 0, "dropped": 0, "notes": 0}
        for bundle in list(self.document.findall(nodes.container)):
            if bundle.get("nb_element") != "mime_bundle" or bundle.parent is None:
                continue
            types = [c.get("mime_type") for c in bundle.children if isinstance(c, nodes.Element)]
            docname = _docname(bundle, root)
            if WIDGET_VIEW in types and "image/png" in types:
                title = self._explorer_title(bundle, docname, EXPLORER_METADATA)
                if title is not None:
                    note = _online(config, docname, explorer_lead(title))
                    bundle.parent.insert(bundle.parent.index(bundle) + 1, note)
                    counts["explorers"] += 1
                continue
            if "text/html" not in types or {"image/png", "image/jpeg", "application/pdf", "text/latex"} & set(types):
                continue
            markup = _mime(bundle, "text/html").astext()  # type: ignore[union-attr]
            quiz = quiz_nodes(markup, config, docname)
            plain = _mime(bundle, "text/plain")
            if _UNANSWERED_CHECK.search(markup):
                bundle.parent.remove(bundle)  # "No answer yet": a reader of paper cannot run the cell
                counts["dropped"] += 1
            elif quiz is not None:
                bundle.replace_self(quiz)
                counts["quizzes"] += 1
            elif plain is not None and not _OBJECT_REPR.match(plain.astext().strip()):
                continue  # a meaningful text form (a DataFrame, an exercise check): the PDF prints it
            elif (table := html_table(markup)) is not None:
                bundle.replace_self(table)
                counts["tables"] += 1
            elif not (text := visible_text(markup)) or _NO_SCRIPT_MESSAGE in text:
                bundle.parent.remove(bundle)
                counts["dropped"] += 1
            else:
                kind = "table" if "<table" in markup else "output"
                bundle.replace_self(_online(config, docname, f"This interactive {kind} is shown"))
                counts["notes"] += 1
        logger.info("pdf_edition: %s", ", ".join(f"{v} {k}" for k, v in counts.items()))

    def _explorer_title(self, bundle: nodes.Element, docname: str, key: str) -> str | None:
        """The explorer's title from its output metadata, ``""`` if unknown, ``None`` if not an explorer."""
        cell = bundle.parent
        while cell is not None and cell.get("nb_element") != "cell_code":
            cell = cell.parent
        if cell is None or cell.get("cell_index") is None:
            return ""
        cells = _executed_cells(self.app, docname)
        index = int(cell["cell_index"])
        if index >= len(cells):
            return ""  # no executed notebook: a widget view with a default frame is an explorer
        outputs = [o for o in cells[index].get("outputs", []) if WIDGET_VIEW in o.get("data", {})]
        found = [o.get("metadata", {}).get(key) for o in outputs]
        if any(m is not None for m in found):
            return str(next(m for m in found if m is not None).get("title", ""))
        return None if outputs and all("image/png" in o.get("data", {}) for o in outputs) else ""


class PdfStructure(SphinxPostTransform):
    """Front matter, numbered chapters, back matter, the bibliography's place and site-only links."""

    builders = ("latex",)
    default_priority = 800  # after Sphinx's BibliographyTransform (750) and reference resolution

    def run(self, **kwargs: Any) -> None:
        config = self.config
        root = config.root_doc
        self._site_links(root)
        self._exercise_references()
        self._unique_labels(root)
        self._front_page(root)
        self._parts(root)
        self._bibliography()
        for annotation in list(self.document.findall(addnodes.desc_annotation)):
            shorten_value(annotation)

    def _site_links(self, root: str) -> None:
        """Relative links to files of the site: absolute addresses, or text without a base address."""
        base = online_url(self.config)
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            if not uri or uri.startswith(("#", "%")) or urlparse(uri).scheme or ref.get("refid"):
                continue
            docname = _docname(ref, root)
            _relink(ref, base and base + posixpath.normpath(posixpath.join(posixpath.dirname(docname), uri)))

    def _exercise_references(self) -> None:
        """``{numref}`` to an exercise: link to the label sphinx-exercise writes, with the number as text.

        sphinx-exercise labels an exercise ``exercise:<label>`` in LaTeX, while Sphinx's numbered
        reference asks LaTeX for ``\\ref{<docname>:<label>}`` (which does not exist: "??"). The
        reference's text already holds the number Sphinx gave the exercise ("Exercise 1.8"), the
        same number its heading shows.
        """
        from sphinx.util.texescape import escape

        registry = getattr(self.env, "sphinx_exercise_registry", {})
        for ref in list(self.document.findall(addnodes.number_reference)):
            label = ref.get("refid") or ref.get("refuri", "").rpartition("#")[2]
            if label in registry:
                latex = rf"\hyperref[exercise:{label}]{{{escape(ref.astext())}}}"
                ref.replace_self(nodes.raw("", latex, format="latex"))

    def _unique_labels(self, root: str) -> None:
        """Drop repeated ids within one page (numpydoc's "Examples" headings of several docstrings).

        HTML never sees them (each docstring is parsed on its own); in the one LaTeX file
        they would be labels defined twice.
        """
        seen: set[tuple[str, str]] = set()
        for node in self.document.findall(lambda n: isinstance(n, (nodes.section, nodes.rubric))):
            ids = node.get("ids")
            if not ids:
                continue
            docname = _docname(node, root)
            node["ids"] = [i for i in ids if (docname, i) not in seen]
            seen.update((docname, i) for i in ids)

    def _front_page(self, root: str) -> None:
        """The root page's text and sections become one unnumbered chapter, "About this book"."""
        top = next(iter(self.document.findall(nodes.section)), None)
        if top is None:
            return
        start = 1 if top.children and isinstance(top.children[0], nodes.title) else 0
        own = []
        for child in top.children[start:]:
            if isinstance(child, (addnodes.start_of_file, nodes.raw)) or child.get("nb_element") == "toctree":
                break
            if isinstance(child, nodes.compound) and any(True for _ in child.findall(addnodes.start_of_file)):
                break
            own.append(child)
        if not own:
            return
        chapter = nodes.section(ids=["about-this-book"], names=["about this book"], docname=root)
        chapter += nodes.title("", "About this book")
        for child in own:
            top.remove(child)
            chapter += child
        top.insert(start, chapter)

    def _parts(self, root: str) -> None:
        """Part lines in the contents; chapter numbers only in numbered parts, counted from 1."""
        toctrees = list(self.env.get_doctree(root).findall(addnodes.toctree))
        first: dict[str, tuple[str, bool]] = {}
        for toctree in toctrees:
            files = [str(f) for f in toctree.get("includefiles", [])]
            if files:
                first[files[0]] = (toctree.get("caption") or "", bool(toctree.get("numbered")))
        latex = [r"\edef\CytokinesSecnumdepth{\the\value{secnumdepth}}\setcounter{secnumdepth}{-1}"]
        self.document.children[0].insert(0, nodes.raw("", "\n".join(latex) + "\n", format="latex"))
        for sof in list(self.document.findall(addnodes.start_of_file)):
            part = first.get(sof["docname"])
            if part is None:
                continue
            caption, numbered = part
            commands = [r"\cleardoublepage\phantomsection"]
            if caption:
                commands.append(rf"\addcontentsline{{toc}}{{part}}{{{_tex_escape(caption)}}}")
            commands.append(r"\setcounter{secnumdepth}{\CytokinesSecnumdepth}\setcounter{chapter}{0}" if numbered
                            else r"\setcounter{secnumdepth}{-1}")
            sof.parent.insert(sof.parent.index(sof), nodes.raw("", "\n".join(commands) + "\n", format="latex"))

    def _bibliography(self) -> None:
        """Move the bibliography that Sphinx gathers at the end into the Bibliography page."""
        from sphinx.builders.latex.nodes import thebibliography

        bibliography = next(iter(self.document.findall(thebibliography)), None)
        if bibliography is None:
            return
        if "cite" not in self.env.domains:
            return  # sphinxcontrib-bibtex not loaded: leave Sphinx's placement
        docnames = {key.docname for key in self.env.get_domain("cite").bibliographies}  # type: ignore[attr-defined]
        for sof in self.document.findall(addnodes.start_of_file):
            if sof["docname"] in docnames:
                section = next(iter(sof.findall(nodes.section)), sof)
                bibliography.parent.remove(bibliography)
                section += bibliography
                return


LONG_VALUE = 100
"""Longest value printed in full after a constant's name in the API reference (characters)."""

_CLOSING = {"(": ")", "[": "]", "{": "}"}


def shorten_value(annotation: nodes.Element, limit: int = LONG_VALUE) -> bool:
    """Shorten the ``= value`` of a documented constant when it is longer than ``limit``.

    autodoc prints a constant's ``repr`` in its signature line, which LaTeX cannot break
    across pages: a parameter table's ``mappingproxy({...})`` of a few thousand characters
    runs off the bottom of the page. The PDF keeps its outer brackets
    (``= mappingproxy({...})``); the HTML page is not touched.

    Returns whether the value was shortened.

    Examples
    --------
    >>> from sphinx import addnodes
    >>> value = "mappingproxy({" + ", ".join(f"'k{i}': {i}" for i in range(50)) + "})"
    >>> annotation = addnodes.desc_annotation(value, "", addnodes.desc_sig_punctuation("", "="), nodes.Text(value))
    >>> shorten_value(annotation), annotation.astext()
    (True, '=mappingproxy({...})')
    >>> shorten_value(addnodes.desc_annotation("3", "", nodes.Text("3")))
    False
    """
    texts = [n for n in annotation.children if isinstance(n, nodes.Text)]
    if not any(isinstance(n, addnodes.desc_sig_punctuation) and n.astext() == "=" for n in annotation.children):
        return False
    if len(texts) != 1 or len(texts[0]) <= limit:
        return False
    value = str(texts[0])
    opening = re.match(r"[\w.]*[(\[{]*", value).group(0)  # type: ignore[union-attr]
    brackets = "".join(_CLOSING[c] for c in reversed(opening) if c in _CLOSING)
    annotation.replace(texts[0], nodes.Text(f"{opening}...{brackets}"))
    return True


def _tex_escape(text: str) -> str:
    return re.sub(r"([#$%&_{}])", r"\\\1", text)


def setup(app):  # noqa: ANN001, ANN201
    app.add_config_value("pdf_online_url", "", "env", [str])
    app.add_config_value("pdf_edition_link", True, "env", [bool])
    app.connect("config-inited", set_latex_elements, priority=800)
    app.add_role("pdf-edition", pdf_edition_role)
    app.add_post_transform(PdfEditionLinks)
    app.add_post_transform(PdfOutputs)
    app.add_post_transform(PdfStructure)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
