"""Check the addresses readers follow out of the book against the network (``make linkcheck``).

Sphinx's linkcheck builder (the first half of ``make linkcheck``) checks every link in
the pages, the bibliography's DOIs included. The catalog's evidence addresses are table
cells, not links, so they are checked here, with the other addresses the book's data
hold: every DOI of ``book/references.bib`` (through https://doi.org/), every ``url`` of
the bibliography, every ``evidence`` address of the catalog tables and of the JAK
selectivity table. LinkChecker (pinned in requirements-dev.in) fetches each one once
(``--recursion-level 0``: it does not crawl the sites).

This needs a network and is never run in CI; whether the addresses are well formed is
tested offline (``tests/test_identifiers.py``). A publisher that refuses robots (403)
or a slow host shows as an error here without the address being wrong: read the report.

Usage::

    python tools/external_links.py            # check them all (exit 1 if any fails)
    python tools/external_links.py --list     # only print them, with where each comes from
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

__all__ = ["addresses", "main"]


def addresses(root: Path = ROOT) -> dict[str, list[str]]:
    """{address: [where it comes from, ...]} of every address held in the book's data.

    Examples
    --------
    >>> found = addresses()
    >>> all(a.startswith(("https://", "http://")) for a in found)
    True
    >>> any(where.startswith("book/references.bib") for places in found.values() for where in places)
    True
    """
    sys.path.insert(0, str(root / "book" / "_ext"))
    import bibliography  # the book's reader of references.bib (book/_ext/bibliography.py)

    from widgets import catalog
    from widgets.models import jak_coverage

    found: dict[str, list[str]] = {}

    def add(address: str, where: str) -> None:
        found.setdefault(address.strip(), []).append(where)

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    for bib in config["bibtex_bibfiles"]:
        for key, entry in bibliography.entries([root / bib]).items():
            if "doi" in entry.fields:
                add(f"https://doi.org/{entry.fields['doi']}", f"{bib}: {key} (doi)")
            if "url" in entry.fields:
                add(entry.fields["url"], f"{bib}: {key} (url)")
    for name in catalog.TABLES:
        if "evidence" in catalog.COLUMNS[name]:
            table = getattr(catalog, name)()
            for label, address in zip(table.iloc[:, 0], table["evidence"], strict=True):
                add(address, f"widgets/data/{name}.tsv: {label}")
    for row in jak_coverage.selectivity().itertuples():
        add(row.evidence, f"JAK selectivity: {row.inn} {row.jak}")
    return found


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print the addresses and where they come from; no network")
    args = parser.parse_args(argv)
    found = addresses()
    if args.list:
        for address, places in sorted(found.items()):
            print(address, "  <-", "; ".join(places))
        return 0
    print(f"checking {len(found)} addresses from the bibliography and the catalog against the network")
    linkchecker = Path(sys.executable).with_name("linkchecker")
    command = [str(linkchecker) if linkchecker.exists() else "linkchecker", "--stdin", "--recursion-level", "0",
               "--check-extern", "--no-status", "--timeout", "30"]
    proc = subprocess.run(command, input="\n".join(sorted(found)), text=True)
    if proc.returncode:
        print("Where the failing addresses come from: python tools/external_links.py --list")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
