"""Links that open each chapter on your own JupyterHub, through nbgitpuller.

nbgitpuller (installed on the hub) clones or updates the book's repository in each
student's home folder and opens the chosen notebook; a link has the form
``<hub>/hub/user-redirect/git-pull?repo=<repository>&branch=<branch>&urlpath=lab/tree/<folder>/<notebook>``
(see https://nbgitpuller.readthedocs.io/en/latest/link.html). The repository and the
branch are read from ``_config.yml`` (``repository.url``, ``repository.branch``).

Usage::

    python tools/hub_links.py https://hub.example.edu          # one link per chapter
    python tools/hub_links.py https://hub.example.edu --branch student  # a branch with the student notebooks
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import yaml

ROOT = Path(__file__).resolve().parents[1]

__all__ = ["chapter_links", "nbgitpuller_link"]


def nbgitpuller_link(hub: str, repo: str, branch: str, notebook: str) -> str:
    """One nbgitpuller link.

    Examples
    --------
    >>> nbgitpuller_link("https://hub.example.edu/", "https://github.com/org/book", "main",
    ...                  "chapters/01-x.ipynb")
    'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fbook&branch=main&urlpath=lab%2Ftree%2Fbook%2Fchapters%2F01-x.ipynb'
    """
    folder = repo.rstrip("/").split("/")[-1].removesuffix(".git")
    query = urlencode({"repo": repo, "branch": branch, "urlpath": f"lab/tree/{folder}/{notebook}"}, quote_via=quote,
                      safe="")
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def chapter_links(hub: str, *, branch: str | None = None, root: Path = ROOT) -> list[tuple[str, str]]:
    """``(notebook, link)`` for every chapter in ``_toc.yml``."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    repo = config["repository"]["url"]
    branch = branch or config["repository"].get("branch", "main")
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    chapters = next(p for p in toc["parts"] if p.get("caption") == "Chapters")["chapters"]
    return [(f"{c['file']}.ipynb", nbgitpuller_link(hub, repo, branch, f"{c['file']}.ipynb")) for c in chapters]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hub", help="address of your JupyterHub, e.g. https://hub.example.edu")
    parser.add_argument("--branch", default=None, help="branch to pull (default: the book's branch)")
    args = parser.parse_args(argv)
    for notebook, link in chapter_links(args.hub, branch=args.branch):
        print(f"{notebook}\n  {link}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
