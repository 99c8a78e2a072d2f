"""Student edition of the book: the same notebooks and web book without the solutions.

Every cell that belongs to a solution carries the cell tag ``solution`` (the
markdown cell that opens a ``{solution}`` or ``{solution-start}`` block, the
code cells of a worked solution, and the cell holding ``{solution-end}``).
Removing those cells leaves the exercises and everything else intact.

``make student`` (``python tools/student_edition.py``) writes, into ``_build/student``:

``notebooks/``
    the chapter notebooks without solutions, with their sidecars (so the self-check
    quizzes work when a student opens a notebook on its own);
``source/``
    the book's sources with those notebooks, no instructor guide, and a configuration
    without links back to the full repository (no repository, issue or launch buttons,
    unless ``--branch`` names a branch that holds the student notebooks);
``html/``
    the student web book built from ``source/`` with the same zero-warning flags;
``pdf/``
    with ``--pdf`` (``make student-pdf``), the student PDF, built from ``source/`` as
    ``make pdf`` builds the full one.

``python tools/student_edition.py chapters OUT`` writes only the notebooks, to ``OUT``.

``python tools/student_edition.py --update-branch student`` makes the git branch
``student`` the student edition of ``HEAD`` (:func:`update_student_branch`), for a hub
or Binder to open; nothing is built and the working tree is not touched.
"""

from __future__ import annotations

import argparse
import copy
import filecmp
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
"""The repository root."""

INSTRUCTOR_ONLY = ("book/instructor-guide", "book/course-plans")
"""Pages and files of the full book that the student edition leaves out."""

ANNOUNCEMENT = "Student edition: every exercise is here; the solutions are not."

SOLUTION_TAG = "solution"
_EXERCISE = re.compile(r"```\{exercise(?:-start)?\}[^\n]*\n(?:[^\n]*\n)*?:label:\s*(\S+)")
_SOLUTION = re.compile(r"```\{solution(?:-start)?\}\s*(\S+)")


def _tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def exercise_labels(nb: Any) -> list[str]:
    """Labels of the exercises in a notebook, in order.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
    ...     "```{exercise} Title\\n:label: ex-1\\n\\nQ?\\n```")])
    >>> exercise_labels(nb)
    ['ex-1']
    """
    return [m for c in nb.cells if c.cell_type == "markdown" for m in _EXERCISE.findall(c.source)]


def solution_targets(nb: Any) -> list[str]:
    """Exercise labels that the notebook's solutions answer, in order."""
    return [m for c in nb.cells if c.cell_type == "markdown" for m in _SOLUTION.findall(c.source)]


def check_solutions(nb: Any) -> list[str]:
    """Problems that would break the student edition; an empty list when all is well.

    Checks that every exercise has exactly one solution, that every solution
    answers an existing exercise, and that every cell inside a solution block
    carries the ``solution`` tag (so that stripping removes all of it).

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("```{exercise} T\\n:label: ex-1\\n\\nQ?\\n```"),
    ...     nbformat.v4.new_markdown_cell("```{solution} ex-1\\n\\nA.\\n```")])
    >>> check_solutions(nb)
    ["cell 1 is part of a solution but is not tagged 'solution'"]
    """
    problems: list[str] = []
    exercises = exercise_labels(nb)
    solutions = solution_targets(nb)
    for label in exercises:
        count = solutions.count(label)
        if count != 1:
            problems.append(f"exercise {label!r} has {count} solutions; expected exactly 1")
    for label in sorted(set(solutions) - set(exercises)):
        problems.append(f"a solution answers {label!r}, which is not an exercise in this notebook")
    inside = False
    for i, cell in enumerate(nb.cells):
        source = cell.source if cell.cell_type == "markdown" else ""
        starts = "{solution}" in source or "{solution-start}" in source
        if starts and "{solution-start}" in source:
            inside = True
        in_solution = starts or inside
        if "{solution-end}" in source:
            in_solution, inside = True, False
        if in_solution and SOLUTION_TAG not in _tags(cell):
            problems.append(f"cell {i} is part of a solution but is not tagged {SOLUTION_TAG!r}")
    return problems


def strip_solutions(nb: Any) -> Any:
    """A copy of the notebook without the cells tagged ``solution``.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("Q?"),
    ...     nbformat.v4.new_code_cell("answer = 42", metadata={"tags": ["solution"]})])
    >>> [c.source for c in strip_solutions(nb).cells]
    ['Q?']
    """
    student = copy.deepcopy(nb)
    student.cells = [c for c in student.cells if SOLUTION_TAG not in _tags(c)]
    return student


def _student_notebook(path: Path) -> Any:
    """The notebook at ``path`` without its solutions; refuse it if :func:`check_solutions` finds problems."""
    nb = nbformat.read(path, as_version=4)
    problems = check_solutions(nb)
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return strip_solutions(nb)


def write_student_edition(source_dir: Path | str, out_dir: Path | str) -> list[Path]:
    """Write a solution-free copy of every notebook in ``source_dir`` to ``out_dir``.

    Parameters
    ----------
    source_dir : path-like
        Folder of instructor notebooks (``chapters``).
    out_dir : path-like
        Where to write the student notebooks; created if missing.

    Returns
    -------
    list of pathlib.Path
        The notebooks written.

    Raises
    ------
    ValueError
        If ``source_dir`` holds no notebooks, or a notebook fails
        :func:`check_solutions` (the message lists the problems).
    """
    source = Path(source_dir)
    notebooks = sorted(source.glob("*.ipynb"))
    if not notebooks:
        raise ValueError(f"source_dir {str(source)!r} holds no .ipynb notebooks")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks:
        target = out / path.name
        nbformat.write(_student_notebook(path), target)
        written.append(target)
    return written


def _write_if_changed(target: Path, text: str) -> None:
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _sync_tree(source: Path, dest: Path, *, skip: tuple[str, ...] = ()) -> None:
    """Copy ``source`` into ``dest``, touching only files that differ (keeps the build incremental)."""
    for path in source.rglob("*"):
        relative = path.relative_to(source)
        if path.is_dir() or any(relative.as_posix().startswith(s) for s in skip) or "__pycache__" in relative.parts:
            continue
        target = dest / relative
        if not target.exists() or not filecmp.cmp(path, target, shallow=False):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


STUDENT_SUBSTITUTIONS: dict[str, str] = {
    "solutions_where": "exercises come without their solutions in this student edition (the full edition has them)",
    "solutions_dropdown": ("In the full edition every exercise is followed by its **solution** in a collapsed "
                           "dropdown, with prose that explains the answer; this student edition leaves the "
                           "solutions out."),
    "solutions_prose": ("The solutions, which explain every answer in prose and give every number a "
                        "calculation obtains, are in the full edition; this student edition leaves them out."),
    "pdf_note": (" That PDF is the full edition, solutions included, so this student edition does not "
                 "link to it; your lecturer may hand out a student PDF without them."),
}
"""The sentences of ``parse.myst_substitutions`` in ``_config.yml`` that the student edition words differently."""


def student_config(config: dict[str, Any], *, branch: str | None = None,
                   online_url: str | None = None) -> dict[str, Any]:
    """The student edition's ``_config.yml``, from the full book's.

    The pages carry no link to the full repository (whose default branch holds the
    solutions) and none to the PDF edition (made from the full book): no repository,
    issue or edit button. Without ``branch`` there are no launch buttons either; with
    ``branch`` (a branch whose ``chapters/`` holds the student notebooks), the launch
    buttons open that branch. The sentences of :data:`STUDENT_SUBSTITUTIONS` replace
    the full edition's. ``online_url``, the address where the student web book will be
    published, is where the student PDF's notes send readers (``pdf_online_url``).

    Examples
    --------
    >>> c = student_config({"title": "T", "repository": {"url": "u", "branch": "main"},
    ...                     "launch_buttons": {"binderhub_url": "b"}, "html": {"use_repository_button": True},
    ...                     "sphinx": {"local_extensions": {"guide_page": "book/_ext", "x": "book/_ext"}}})
    >>> c["title"], c["launch_buttons"]["binderhub_url"], c["html"]["use_repository_button"]
    ('T (student edition)', '', False)
    >>> c["sphinx"]["config"]["pdf_edition_link"], "solutions_where" in c["parse"]["myst_substitutions"]
    (False, True)
    >>> sorted(c["sphinx"]["local_extensions"])
    ['x']
    >>> b = student_config({"repository": {"url": "u"}, "html": {"use_repository_button": True}}, branch="student")
    >>> b["repository"]["branch"], b["html"]["use_repository_button"]
    ('student', False)
    """
    out = copy.deepcopy(config)
    out["title"] = f"{out.get('title', 'Book')} (student edition)"
    html = out.setdefault("html", {})
    html["announcement"] = ANNOUNCEMENT
    extensions = out.setdefault("sphinx", {}).setdefault("local_extensions", {})
    extensions.pop("guide_page", None)  # writes the instructor guide, which this edition leaves out
    sphinx_config = out["sphinx"].setdefault("config", {})
    sphinx_config["pdf_online_url"] = online_url or ""  # where the student PDF's notes send readers
    sphinx_config["pdf_edition_link"] = False  # not even through html.baseurl
    out.setdefault("parse", {}).setdefault("myst_substitutions", {}).update(STUDENT_SUBSTITUTIONS)
    html["use_repository_button"] = False
    html["use_issues_button"] = False
    html["use_edit_page_button"] = False
    if branch:
        out.setdefault("repository", {})["branch"] = branch
    else:
        launch = out.setdefault("launch_buttons", {})
        for key in ("binderhub_url", "jupyterhub_url", "colab_url"):
            launch[key] = ""
        launch["thebe"] = False
    return out


def student_toc(toc: dict[str, Any]) -> dict[str, Any]:
    """The table of contents without the instructor-only pages.

    Examples
    --------
    >>> student_toc({"parts": [{"chapters": [{"file": "book/instructor-guide"}, {"file": "book/glossary"}]}]})
    {'parts': [{'chapters': [{'file': 'book/glossary'}]}]}
    """
    out = copy.deepcopy(toc)
    for part in out.get("parts", []):
        part["chapters"] = [c for c in part.get("chapters", []) if c.get("file") not in INSTRUCTOR_ONLY]
    return out


def write_student_source(root: Path, dest: Path, *, branch: str | None = None,
                         online_url: str | None = None) -> Path:
    """The student edition's book sources in ``dest`` (only changed files are rewritten)."""
    root, dest = Path(root), Path(dest)
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    _write_if_changed(dest / "_config.yml", "# Generated by tools/student_edition.py from ../../_config.yml\n"
                      + yaml.safe_dump(student_config(config, branch=branch, online_url=online_url),
                                       sort_keys=False, allow_unicode=True))
    _write_if_changed(dest / "_toc.yml", "# Generated by tools/student_edition.py from ../../_toc.yml\n"
                      + yaml.safe_dump(student_toc(toc), sort_keys=False, allow_unicode=True))
    _sync_tree(root / "book", dest / "book", skip=tuple(p.removeprefix("book/") for p in INSTRUCTOR_ONLY))
    chapters = dest / "chapters"
    for sidecar in sorted((root / "chapters").glob("*.yml")):
        _write_if_changed(chapters / sidecar.name, sidecar.read_text(encoding="utf-8"))
    for path in sorted((root / "chapters").glob("*.ipynb")):
        _write_if_changed(chapters / path.name, nbformat.writes(_student_notebook(path)) + "\n")
    return dest


STUDENT_PDF_NAME = "cytokines-student-edition.pdf"
"""File name of the student PDF in ``_build/student/pdf/`` (the full edition's is ``cytokines.pdf``)."""


def build_student_edition(root: Path | str = ROOT, out: Path | str | None = None, *,
                          branch: str | None = None, pdf: bool = False, online_url: str | None = None) -> int:
    """Write the student notebooks, sources and web book into ``out`` (default ``_build/student``).

    With ``pdf``, also the student PDF (``make pdf`` on the student sources, which reuses
    the web book's executed notebooks), as ``out/pdf/`` :data:`STUDENT_PDF_NAME`. With
    ``online_url`` (where the student web book will be published), the PDF's notes under
    explorers and quizzes give the addresses of its pages; without it they only say "in
    the online book", since the full edition's pages show the solutions.

    Returns
    -------
    int
        The book build's exit code (0 when it built with no warnings).
    """
    from build_book import build_command, build_pdf, pdf_path

    root = Path(root)
    out = Path(out) if out is not None else root / "_build" / "student"
    notebooks = out / "notebooks"
    write_student_edition(root / "chapters", notebooks)
    for sidecar in sorted((root / "chapters").glob("*.yml")):
        _write_if_changed(notebooks / sidecar.name, sidecar.read_text(encoding="utf-8"))
    source = write_student_source(root, out / "source", branch=branch, online_url=online_url)
    code = subprocess.call(build_command(source), cwd=source)
    if code == 0:
        html = out / "html"
        shutil.rmtree(html, ignore_errors=True)
        shutil.copytree(source / "_build" / "html", html)
    if code == 0 and pdf:
        target = out / "pdf" / STUDENT_PDF_NAME
        target.unlink(missing_ok=True)
        code = build_pdf(source).returncode
        if code == 0:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pdf_path(source), target)
    return code


STUDENT_BRANCH_DROPS = ("tests", "tools/answer_key.py", "book/instructor-guide.md", "book/course-plans.yml")
"""Paths of the full repository that a student branch leaves out: the instructor-only pages,
the answer key's tool and ``tests/`` (whose answer lists hold the solutions' values)."""


STUDENT_BRANCH_NOTE = """> **Student edition.** This branch was made by `tools/student_edition.py --update-branch`
> from commit `{commit}` of the full book: its notebooks have no solutions, and it leaves
> out the instructor guide, the course plans, the answer key's tool and `tests/`, so the
> commands below that need them (`make test`, `make answer-key`, `make student`) do not
> work here. Open the notebooks in `chapters/` (`make lab`, Binder or a JupyterHub).

"""
"""The paragraph a student branch's ``README.md`` opens with (the rest is the full book's README)."""


def _git(root: Path, *args: str, env: dict[str, str] | None = None, text_in: str | None = None,
         strip: bool = True) -> str:
    proc = subprocess.run(["git", *args], cwd=root, env=env, input=text_in, capture_output=True, text=True,
                          encoding="utf-8")
    if proc.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {proc.stderr.strip()}")
    return proc.stdout.strip() if strip else proc.stdout


def update_student_branch(root: Path | str, branch: str, *, source: str = "HEAD") -> tuple[str, bool]:
    """Make ``branch`` the student edition of the commit ``source``, without touching the working tree.

    The branch's tree is ``source``'s with every chapter notebook stripped of its
    solutions, the student ``_config.yml`` (its launch buttons open ``branch``) and
    ``_toc.yml``, and without :data:`STUDENT_BRANCH_DROPS`. Each update is a new commit
    on top of the branch's last one, so students who pulled it (with nbgitpuller, say)
    get the change as a fast-forward; when nothing changed, no commit is made.

    Parameters
    ----------
    root : path-like
        The full repository (a git checkout).
    branch : str
        The student branch, created if missing; never the branch checked out in ``root``.
    source : str
        The commit to make the student edition of (default ``HEAD``).

    Returns
    -------
    tuple of (str, bool)
        The branch's commit, and whether this call made it.

    Raises
    ------
    ValueError
        If ``branch`` is not a valid branch name, is the full book's branch (``repository.branch``
        of ``_config.yml``, so ``main`` is never overwritten) or is checked out in ``root``.
    RuntimeError
        If a git command fails (the message is git's).
    """
    root = Path(root)
    try:
        _git(root, "check-ref-format", "--branch", branch)
    except RuntimeError:
        raise ValueError(f"branch {branch!r} is not a valid branch name") from None
    commit = _git(root, "rev-parse", "--verify", f"{source}^{{commit}}")
    full = yaml.safe_load(_git(root, "show", f"{commit}:_config.yml", strip=False)) or {}
    if branch == (full.get("repository") or {}).get("branch", "main"):
        raise ValueError(f"branch {branch!r} is the full book's branch (repository.branch); name a student branch")
    if _git(root, "rev-parse", "--abbrev-ref", "HEAD") == branch:
        raise ValueError(f"branch {branch!r} is checked out in {root}; update it from another branch (main)")
    worktrees = _git(root, "worktree", "list", "--porcelain").split("\n\n")
    elsewhere = [w.splitlines()[0].removeprefix("worktree ") for w in worktrees if f"branch refs/heads/{branch}" in w]
    if elsewhere:
        raise ValueError(f"branch {branch!r} is checked out in the worktree {elsewhere[0]}; "
                         "check out another branch there first")
    ref = f"refs/heads/{branch}"
    parent = subprocess.run(["git", "rev-parse", "--verify", "-q", ref], cwd=root, capture_output=True,
                            text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(tmp) / "index")}
        _git(root, "read-tree", commit, env=env)
        _git(root, "rm", "--cached", "-r", "-q", "--ignore-unmatch", "--", *STUDENT_BRANCH_DROPS, env=env)

        def put(path: str, text: str) -> None:
            blob = _git(root, "hash-object", "-w", "--stdin", text_in=text)
            _git(root, "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=env)

        def read(path: str) -> str:
            return _git(root, "show", f"{commit}:{path}", strip=False)

        for path in _git(root, "ls-tree", "--name-only", commit, "chapters/").splitlines():
            if path.endswith(".ipynb"):
                nb = nbformat.reads(read(path), as_version=4)
                problems = check_solutions(nb)
                if problems:
                    raise ValueError(f"{path}: " + "; ".join(problems))
                put(path, nbformat.writes(strip_solutions(nb)) + "\n")
        put("README.md", STUDENT_BRANCH_NOTE.format(commit=commit[:12]) + read("README.md"))
        header = f"# Generated by tools/student_edition.py from {{}} of {commit[:12]}\n"
        put("_config.yml", header.format("_config.yml") + yaml.safe_dump(
            student_config(yaml.safe_load(read("_config.yml")), branch=branch), sort_keys=False, allow_unicode=True))
        put("_toc.yml", header.format("_toc.yml") + yaml.safe_dump(
            student_toc(yaml.safe_load(read("_toc.yml"))), sort_keys=False, allow_unicode=True))
        tree = _git(root, "write-tree", env=env)
    if parent and _git(root, "rev-parse", f"{parent}^{{tree}}") == tree:
        return parent, False
    message = (f"Student edition of {commit[:12]}: solutions stripped, no instructor pages, answer key or tests\n\n"
               f"Written by tools/student_edition.py --update-branch {branch}; do not edit this branch by hand.")
    new = _git(root, "commit-tree", tree, *(["-p", parent] if parent else []), "-m", message)
    _git(root, "update-ref", ref, new, *([parent] if parent else []))
    return new, True


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source_dir", nargs="?", help="only write notebooks: folder of instructor notebooks")
    parser.add_argument("out_dir", nargs="?", help="only write notebooks: where to write them")
    parser.add_argument("--branch", default=None,
                        help="a branch whose chapters/ holds the student notebooks: the student site's "
                             "repository and launch buttons point at it (default: no such buttons)")
    parser.add_argument("--pdf", action="store_true",
                        help=f"also build the student PDF, into _build/student/pdf/{STUDENT_PDF_NAME} (needs TeX Live)")
    parser.add_argument("--online-url", metavar="URL", default=None,
                        help="where you will publish the student web book: the student PDF's notes under explorers "
                             "and quizzes then give its page addresses (default: none)")
    parser.add_argument("--update-branch", metavar="BRANCH", default=None,
                        help="only make BRANCH (created if missing) the student edition of HEAD, as a new commit; "
                             "push it yourself")
    args = parser.parse_args(argv)
    if args.update_branch:
        commit, made = update_student_branch(ROOT, args.update_branch)
        what = "updated" if made else "already up to date"
        print(f"Branch {args.update_branch} {what} at {commit[:12]}; publish it with: "
              f"git push origin {args.update_branch}")
        return 0
    if args.source_dir:
        if not args.out_dir:
            parser.error("give both source_dir and out_dir, or neither")
        for path in write_student_edition(args.source_dir, args.out_dir):
            print(path)
        return 0
    code = build_student_edition(ROOT, branch=args.branch, pdf=args.pdf, online_url=args.online_url)
    if code == 0:
        parts = "html/, notebooks/ and pdf/" if args.pdf else "html/ and notebooks/"
        print(f"Student edition in {ROOT / '_build' / 'student'} ({parts})")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
