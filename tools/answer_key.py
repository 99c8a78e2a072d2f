"""The lecturer's answer key: every exercise, with the answers its self-check accepts.

For each chapter of ``_toc.yml`` and each of its exercises (read as the instructor
guide reads them, :mod:`instructor_guide`) the key gives the exercise's type and
objectives and, for the exercises that check themselves, what the check expects: the
values the package computes (never typed in, so the key cannot disagree with the
checks), their unit, what the list holds (the comment of the chapter's check cell),
and the tolerances for "right" and "close". A written exercise points to its solution
in the online book. The key is for marking: it is written to ``_build/`` by
``make answer-key`` and is part of neither edition of the book.

Usage::

    python tools/answer_key.py             # Markdown, to standard output
    python tools/answer_key.py --csv       # one row per exercise, for a spreadsheet
    python tools/answer_key.py --out DIR   # both, as DIR/answer-key.md and DIR/answer-key.csv
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from instructor_guide import ROOT, Chapter, Exercise, chapters

from widgets.checks import Names, Number, Numbers, get

_CHECK_CALL = re.compile(r"""check\(\s*["'](ex-[\w-]+)["']\s*,\s*your_answer\s*\)""")
_COMMENT_LEAD = re.compile(r"^#\s?(?:Check your answer:\s*)?")


@dataclass(frozen=True)
class Key:
    """One exercise of the key."""

    chapter: int
    exercise: Exercise
    number: str
    """The exercise's number as the book prints it ("Exercise 1.4": chapter, then place in the chapter)."""
    answer: str
    """The expected answer as the key prints it ("" for a written exercise)."""
    form: str
    """What the answer holds, from the comment of the chapter's check cell."""
    unit: str
    right: str
    """The tolerance for "right" ("exact" for counts and names)."""
    close: str
    """The tolerance for "close" ("most of the names" for a list of names)."""
    link: str
    """The exercise (and its solution) in the online book, or "" without an address."""
    values: tuple[float | str, ...]
    """The expected values at full precision (or the names), in the order the check wants them."""


def _number(value: float, exact: bool) -> str:
    """Four significant digits, without an exponent (or a thousands separator) between 0.001 and ten million.

    Examples
    --------
    >>> _number(50000.0, False), _number(2.5e6, False), _number(0.090909, False), _number(25.0, True)
    ('50000', '2500000', '0.09091', '25')
    """
    if exact and float(value).is_integer():
        return f"{int(value)}"
    text = f"{value:.4g}"
    if "e" in text and 1e-3 <= abs(value) < 1e7:
        rounded = float(text)
        return f"{rounded:.{max(0, 3 - math.floor(math.log10(abs(rounded))))}f}"
    return text


def _tolerance(rtol: float) -> str:
    return "exact" if rtol == 0.0 else f"within {rtol:.1%}" if rtol < 0.01 else f"within {rtol:.0%}"


def check_forms(chapter: Chapter) -> dict[str, str]:
    """The comment lines of each check cell of a chapter, as one sentence per exercise label.

    Examples
    --------
    >>> ch = next(c for c in chapters(ROOT) if c.number == 1)
    >>> check_forms(ch)["ex-ch1-modes"]
    'the number of molecules in 1 pL at 1 pM and at 1 nM, as a list'
    """
    nb = json.loads(chapter.path.read_text(encoding="utf-8"))
    forms = {}
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        match = _CHECK_CALL.search(source) if cell["cell_type"] == "code" else None
        if match:
            comments = [_COMMENT_LEAD.sub("", line.strip()) for line in source.splitlines()
                        if line.strip().startswith("#")]
            forms[match.group(1)] = " ".join(c for c in comments if c)
    return forms


def online_address(root: Path = ROOT) -> str:
    """The online book's address from ``_config.yml`` (ending in ``/``), or ``""``."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    base = (((config.get("sphinx") or {}).get("config") or {}).get("pdf_online_url")
            or (config.get("html") or {}).get("baseurl") or "")
    return base.rstrip("/") + "/" if base else ""


def keys(root: Path = ROOT) -> list[Key]:
    """Every exercise of the book, in order, with what its self-check expects."""
    base = online_address(root)
    out = []
    for ch in chapters(root):
        forms = check_forms(ch)
        for place, e in enumerate(ch.exercises, start=1):
            link = f"{base}chapters/{ch.stem}.html#{e.label}" if base else ""
            number = f"Exercise {ch.number}.{place}"
            if not e.checked:
                out.append(Key(ch.number, e, number, "", "", "", "", "", link, ()))
                continue
            item = get(e.label)
            if isinstance(item, Names):
                names = tuple(dict.fromkeys(str(n) for n in item.expected()))
                right = "these names, in any order" + ("; other spellings of a name count" if item.spellings else "")
                close = ("never (one name)" if len(names) == 1 else
                         "overlap ≥ 60 %: right names ÷ (expected + wrong extra names)")
                out.append(Key(ch.number, e, number, ", ".join(names), forms.get(e.label, ""), "", right, close,
                               link, names))
                continue
            if not isinstance(item, (Number, Numbers)):
                raise TypeError(f"{e.label}: the answer key cannot print a {type(item).__name__}")
            values = (float(item.expected()),) if isinstance(item, Number) else tuple(float(v) for v in item.expected())
            exact = item.rtol == 0.0
            out.append(Key(ch.number, e, number, ", ".join(_number(v, exact) for v in values), forms.get(e.label, ""),
                           item.unit, _tolerance(item.rtol), _tolerance(item.close_rtol), link, values))
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(entries: list[Key], root: Path = ROOT) -> str:
    """The key as a Markdown page, one table per chapter."""
    titles = {ch.number: ch.title for ch in chapters(root)}
    out = ["# Answer key", "",
           "For marking. The values are computed by the book's package, as the self-checks compute them; "
           "a number is right within the first tolerance and close within the second. A self-check covers "
           "the part of an exercise that its check cell names (\"what the answer holds\"); the other parts, "
           "and the written exercises, are marked against the solution, whose link is in the last column.",
           ""]
    for number in dict.fromkeys(k.chapter for k in entries):
        out += [f"## Chapter {number}. {titles[number]}", "",
                "| exercise | type | answer | unit | what the answer holds | right | close | solution |",
                "|---|---|---|---|---|---|---|---|"]
        for k in (k for k in entries if k.chapter == number):
            name = f"{k.number}: {k.exercise.title} (`{k.exercise.label}`)"
            where = f"[online]({k.link})" if k.link else "in the full book"
            if k.answer:
                out.append(f"| {_cell(name)} | {k.exercise.type} | {_cell(k.answer)} | {k.unit or '–'} | "
                           f"{_cell(k.form) or '–'} | {_cell(k.right)} | {_cell(k.close)} | {where} |")
            else:
                out.append(f"| {_cell(name)} | {k.exercise.type} | written | – | – | – | – | {where} |")
        out.append("")
    return "\n".join(out)


def table(entries: list[Key]) -> str:
    """The key as CSV, one row per exercise; ``values`` holds the expected values at full precision."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["chapter", "number", "label", "title", "type", "objectives", "answer", "unit", "answer_holds",
                     "right", "close", "values", "solution"])
    for k in entries:
        writer.writerow([k.chapter, k.number, k.exercise.label, k.exercise.title, k.exercise.type,
                         " ".join(str(o) for o in k.exercise.objectives), k.answer, k.unit, k.form, k.right, k.close,
                         "; ".join(v if isinstance(v, str) else repr(v) for v in k.values), k.link])
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", action="store_true", help="print CSV instead of Markdown")
    parser.add_argument("--out", type=Path, help="write answer-key.md and answer-key.csv into this folder")
    args = parser.parse_args(argv)
    entries = keys(ROOT)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "answer-key.md").write_text(markdown(entries) + "\n", encoding="utf-8")
        (args.out / "answer-key.csv").write_text(table(entries), encoding="utf-8")
        print(f"wrote {args.out / 'answer-key.md'} and {args.out / 'answer-key.csv'} ({len(entries)} exercises)")
    else:
        print(table(entries) if args.csv else markdown(entries))


if __name__ == "__main__":
    main()
