"""tools/student_edition.py --update-branch: a student branch made with git, never touching the working tree."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from student_edition import SOLUTION_TAG, STUDENT_BRANCH_DROPS, update_student_branch

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                                reason="needs git and a git checkout of the book")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key, value in {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
                       "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}.items():
        monkeypatch.setenv(key, value)
    repo = tmp_path / "book"
    subprocess.run(["git", "clone", "-q", "--shared", str(ROOT), str(repo)], check=True)
    return repo


def test_the_branch_holds_the_student_edition_of_head(clone: Path) -> None:
    head = git(clone, "rev-parse", "HEAD")
    status = git(clone, "status", "--porcelain")
    commit, made = update_student_branch(clone, "student")
    assert made and git(clone, "rev-parse", "refs/heads/student") == commit
    assert git(clone, "status", "--porcelain") == status and git(clone, "rev-parse", "HEAD") == head
    files = set(git(clone, "ls-tree", "-r", "--name-only", "student").splitlines())
    for dropped in STUDENT_BRANCH_DROPS:
        assert not any(f == dropped or f.startswith(dropped + "/") for f in files), dropped
    assert {"widgets/__init__.py", "requirements.txt", "postBuild", "chapters/01-what-are-cytokines.yml"} <= files
    notebooks = sorted(f for f in files if f.startswith("chapters/") and f.endswith(".ipynb"))
    assert len(notebooks) == 8
    for path in notebooks:
        full = json.loads(git(clone, "show", f"HEAD:{path}"))
        student = json.loads(git(clone, "show", f"student:{path}"))
        assert any(SOLUTION_TAG in c.get("metadata", {}).get("tags", []) for c in full["cells"]), path
        assert not any(SOLUTION_TAG in c.get("metadata", {}).get("tags", []) for c in student["cells"]), path
        assert [c["id"] for c in student["cells"]] == [
            c["id"] for c in full["cells"] if SOLUTION_TAG not in c.get("metadata", {}).get("tags", [])]
    config = yaml.safe_load(git(clone, "show", "student:_config.yml"))
    assert config["repository"]["branch"] == "student"
    assert config["sphinx"]["config"]["pdf_edition_link"] is False
    toc = git(clone, "show", "student:_toc.yml")
    assert "instructor-guide" not in toc and "chapters/08-immune-dictionary" in toc
    readme = git(clone, "show", "student:README.md")
    assert readme.startswith("> **Student edition.**") and head[:12] in readme.split("\n\n")[0]
    assert git(clone, "show", "HEAD:README.md") in readme  # the full README follows the note


def test_an_update_is_a_fast_forward_and_nothing_new_makes_no_commit(clone: Path) -> None:
    first, _ = update_student_branch(clone, "student")
    assert update_student_branch(clone, "student") == (first, False)
    readme = clone / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nA change on main.\n", encoding="utf-8")
    git(clone, "commit", "-q", "-am", "A change on main")
    second, made = update_student_branch(clone, "student")
    assert made and git(clone, "rev-parse", f"{second}^") == first
    assert "A change on main." in git(clone, "show", "student:README.md")


def test_the_full_books_branch_and_the_checked_out_one_are_refused(clone: Path) -> None:
    with pytest.raises(ValueError, match="full book's branch"):
        update_student_branch(clone, "main")
    git(clone, "checkout", "-q", "-b", "student")
    with pytest.raises(ValueError, match="is checked out"):
        update_student_branch(clone, "student")
    with pytest.raises(ValueError, match="not a valid branch name"):
        update_student_branch(clone, "two words")


def test_a_branch_checked_out_in_another_worktree_is_refused(clone: Path, tmp_path: Path) -> None:
    update_student_branch(clone, "student")
    git(clone, "worktree", "add", "-q", str(tmp_path / "elsewhere"), "student")
    with pytest.raises(ValueError, match="checked out in the worktree"):
        update_student_branch(clone, "student")
