"""The PDF edition's Sphinx extension (book/_ext/pdf_edition.py), tested without a build.

The build itself is checked in ``tests/site/test_pdf.py`` (marker ``build``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pdf_edition
import pytest
import yaml
from docutils import nodes

from widgets.chapter_data import load
from widgets.quiz import show_quiz

ROOT = Path(__file__).resolve().parents[1]
CONFIG = SimpleNamespace(pdf_online_url="https://example.org/book", html_baseurl="")


def test_a_quiz_prints_as_its_questions_and_the_address_of_its_page() -> None:
    chapter = load("01-what-are-cytokines")
    quiz_id = next(iter(chapter.quizzes))
    printed = pdf_edition.quiz_nodes(show_quiz("01-what-are-cytokines", quiz_id)._repr_html_(), CONFIG,
                                     "chapters/01-what-are-cytokines")
    assert printed is not None
    text = " ".join(n.astext() for n in printed)
    for question in chapter.quiz(quiz_id):
        assert re.sub(r"[*`$]", "", question.prompt) in text
        for option in question.options:
            assert re.sub(r"[*`$]", "", option.text) in text
    assert "https://example.org/book/chapters/01-what-are-cytokines.html" in text
    assert "<" not in text  # no HTML left
    assert pdf_edition.quiz_nodes("<p>not a quiz</p>", CONFIG, "x") is None


def test_without_a_base_address_the_note_names_only_the_online_book() -> None:
    config = SimpleNamespace(pdf_online_url="", html_baseurl="")
    note = pdf_edition._online(config, "chapters/01-x", "This explorer is shown here")
    assert note.astext() == "This explorer is shown here in the online book."
    assert not list(note.findall(nodes.reference))


def test_the_student_edition_links_to_no_pdf_even_with_a_base_address() -> None:
    """A lecturer who sets ``html.baseurl`` for the student site must not bring back the full book's PDF."""
    from student_edition import student_config

    full = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    full.setdefault("html", {})["baseurl"] = "https://example.org/students/"
    documents = [("book/intro", "cytokines.tex", "Title", "", "manual")]

    def sphinx_view(config: dict) -> SimpleNamespace:  # the values Jupyter Book hands to Sphinx
        extra = config["sphinx"].get("config", {})
        return SimpleNamespace(pdf_online_url=extra.get("pdf_online_url", ""), html_baseurl=config["html"]["baseurl"],
                               pdf_edition_link=extra.get("pdf_edition_link", True), latex_documents=documents)

    assert pdf_edition.pdf_edition_url(sphinx_view(full)).endswith("/cytokines.pdf")
    assert pdf_edition.pdf_edition_url(sphinx_view(student_config(full))) == ""
    published = sphinx_view(student_config(full, online_url="https://example.org/students"))
    assert pdf_edition.pdf_edition_url(published) == ""  # still no PDF link
    assert pdf_edition.page_url(published, "chapters/01-x") == "https://example.org/students/chapters/01-x.html"


def test_quiz_text_keeps_code_emphasis_and_maths() -> None:
    kinds = [type(n).__name__ for n in pdf_edition.inline_nodes("`IL6` is **not** *always* $K_D$")]
    assert kinds == ["literal", "Text", "strong", "Text", "emphasis", "Text", "math"]


def test_a_plain_html_table_becomes_a_table_and_anything_else_does_not() -> None:
    table = pdf_edition.html_table(
        '<table class="t"><thead><tr><th>column</th><th>content</th></tr></thead>'
        "<tbody><tr><td><code>name</code></td><td>display name, <em>unique</em></td></tr></tbody></table>")
    assert table is not None
    assert [e.astext() for e in table.findall(nodes.entry)] == ["column", "content", "name", "display name, unique"]
    assert len(list(table.findall(nodes.thead))) == 1 and list(table.findall(nodes.literal))
    assert sum(c["colwidth"] for c in table.findall(nodes.colspec)) in range(98, 103)
    assert pdf_edition.html_table("<table><tr><td>x</td></tr></table><script>draw()</script>") is None
    assert pdf_edition.html_table('<table><tr><td colspan="2">x</td></tr></table>') is None
    assert pdf_edition.html_table("<p>Loading...</p>") is None


def test_explorer_notes_name_the_explorer_without_its_instructions() -> None:
    assert pdf_edition.explorer_lead("Who gets the IL-2?").startswith("Explorer: Who gets the IL-2? Shown here")
    assert pdf_edition.explorer_lead("A storm: move the sliders (teaching model)").startswith(
        "Explorer: A storm (teaching model). Shown")


def _printed_text() -> str:
    """Text of the book's sources that the PDF prints (not removed inputs or outputs, not HTML)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    parts: list[str] = []
    for stem in files:
        notebook = ROOT / f"{stem}.ipynb"
        if not notebook.exists():
            parts.append((ROOT / f"{stem}.md").read_text(encoding="utf-8"))
            continue
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            tags = set(cell.get("metadata", {}).get("tags", []))
            if not {"remove-cell", "remove-input"} & tags:
                parts.append("".join(cell["source"]))
            if not {"remove-cell", "remove-output"} & tags:
                for output in cell.get("outputs", []):
                    parts += ["".join(output.get("text", "")), "".join(output.get("data", {}).get("text/plain", ""))]
        sidecar = notebook.with_suffix(".yml")
        if sidecar.exists():
            parts.append(sidecar.read_text(encoding="utf-8"))
    parts.append((ROOT / "book" / "references.bib").read_text(encoding="utf-8"))
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "widgets").rglob("*.py"))]  # the API page
    parts.append((ROOT / "widgets" / "data" / "README.md").read_text(encoding="utf-8"))  # the data dictionary
    return "\n".join(parts)


def test_every_character_the_book_prints_is_known_to_pdflatex() -> None:
    """A quick check before the slow PDF build: each non-ASCII character has a LaTeX definition.

    Known are LaTeX's own UTF-8 definitions (``utf8.def`` and those for the font encodings
    the PDF loads: T1, TS1, OT1, OMS), Sphinx's escapes and :data:`pdf_edition.UNICODE_TO_LATEX`. A character
    missing here stops the PDF build ("Unicode character ... not set up for use with
    LaTeX"); add it to that table.
    """
    kpsewhich = shutil.which("kpsewhich")
    if kpsewhich is None:
        pytest.skip("TeX Live is not installed (the PDF build test needs it; see README.md, 'The PDF edition')")
    from sphinx.util.texescape import tex_replacements, unicode_tex_replacements

    known = set(pdf_edition.UNICODE_TO_LATEX) | {c for c, _ in tex_replacements + unicode_tex_replacements}
    known |= {"\u00a0", "\u2500", "\u2502", "\u2514", "\u251c", "\u2572"}  # Sphinx's utf8extra
    for encoding in ("utf8.def", "t1enc.dfu", "ts1enc.dfu", "ot1enc.dfu", "omsenc.dfu"):
        path = subprocess.run([kpsewhich, encoding], capture_output=True, text=True, check=True).stdout.strip()
        known |= {chr(int(h, 16)) for h in re.findall(r"\\DeclareUnicodeCharacter\{([0-9A-F]+)\}",
                                                          Path(path).read_text(encoding="latin-1"))}
    unknown = sorted({c for c in _printed_text() if ord(c) > 127} - known)
    assert not unknown, [f"U+{ord(c):04X} {c}" for c in unknown]
