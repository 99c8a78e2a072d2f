"""Addresses a reader follows out of the book are well formed (checked offline).

Every DOI in the bibliography has the DOI syntax (``10.<registrant>/<suffix>``, in the
character set Crossref recommends, with no resolver prefix or trailing punctuation),
and every evidence address in the catalog is a single, well-formed http(s) URL (an
address is kept as its source gives it: a few older sources are only known by an
http:// address, and changing one is a check against the network, not a format fix).
Whether they resolve is what ``make linkcheck`` checks, against the network, outside CI.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from widgets import catalog
from widgets.models import jak_coverage

# Crossref's pattern for modern DOIs (it matches all but a few legacy ones); pybtex
# gives the field with BibTeX braces removed
DOI = re.compile(r"10\.\d{4,9}/[-._;()/:A-Z0-9]+", re.IGNORECASE)
HOST = re.compile(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", re.IGNORECASE)


WEB = ("https", "http")
"""The schemes an evidence address may have."""


def url_problem(address: str, *, schemes: tuple[str, ...] = WEB) -> str | None:
    """Why ``address`` is not one well-formed URL with one of ``schemes``, or None.

    >>> url_problem("https://pmc.ncbi.nlm.nih.gov/articles/PMC6771721/table/jdv15653-tbl-0001") is None
    True
    >>> url_problem("ftp://www.fda.gov/x"), url_problem("https://a b.org"), url_problem("https://localhost/x")
    ("scheme 'ftp' is not https or http", 'contains white space', "host 'localhost' is not a domain name")
    >>> url_problem("http://www.fda.gov/x", schemes=("https",))
    "scheme 'http' is not https"
    """
    if any(c.isspace() for c in address):
        return "contains white space"
    parts = urlsplit(address)
    if parts.scheme not in schemes:
        return f"scheme {parts.scheme!r} is not {' or '.join(schemes)}"
    if parts.username or parts.password or parts.port:
        return "has credentials or a port"
    if not HOST.fullmatch(parts.hostname or ""):
        return f"host {parts.hostname!r} is not a domain name"
    if ";" in address:
        return "contains ';' (a list of addresses?)"
    return None


def test_every_doi_in_the_bibliography_is_well_formed(book_bib_entries) -> None:
    bad = {key: entry.fields["doi"] for key, entry in book_bib_entries.items()
           if "doi" in entry.fields and not DOI.fullmatch(entry.fields["doi"])}
    assert not bad, f"DOIs not of the form 10.NNNN/suffix (no https://doi.org/ prefix): {bad}"


def test_a_doi_does_not_end_in_punctuation(book_bib_entries) -> None:
    # allowed by the character set, but almost always copied with the sentence around it
    bad = {key: entry.fields["doi"] for key, entry in book_bib_entries.items()
           if entry.fields.get("doi", "").endswith((".", ",", ";", ":", "/"))}
    assert not bad, bad


def test_every_url_in_the_bibliography_is_https(book_bib_entries) -> None:
    urls = {key: entry.fields["url"] for key, entry in book_bib_entries.items() if "url" in entry.fields}
    bad = {key: (url, problem) for key, url in urls.items() if (problem := url_problem(url, schemes=("https",)))}
    assert not bad, bad


def test_every_catalog_evidence_address_is_one_well_formed_url() -> None:
    checked = 0
    bad = []
    for name in catalog.TABLES:
        if "evidence" not in catalog.COLUMNS[name]:
            continue
        table = getattr(catalog, name)()
        for label, address in zip(table.iloc[:, 0], table["evidence"], strict=True):
            checked += 1
            problem = url_problem(address)
            if problem:
                bad.append(f"{name}.tsv, {label}: {address!r}: {problem}")
    assert checked >= 50, "the drug table should have an evidence address on every row"
    assert not bad, "\n".join(bad)


def test_every_jak_selectivity_evidence_address_is_a_well_formed_url() -> None:
    # One source here (ruxolitinib, an ASH Education Program page) is only known by its
    # http:// address; https is required as soon as its https address is checked.
    table = jak_coverage.selectivity()
    bad = [f"{row.inn} {row.jak}: {row.evidence!r}: {problem}" for row in table.itertuples()
           if (problem := url_problem(row.evidence))]
    assert not bad, "\n".join(bad)
    http = sorted({row.evidence for row in table.itertuples() if row.evidence.startswith("http://")})
    assert len(http) <= 1, f"new http:// evidence addresses (use https): {http}"


@pytest.mark.parametrize("address", ["https://www.fda.gov/a; https://www.ema.europa.eu/b", "www.fda.gov/x",
                                     "https://pubmed.ncbi.nlm.nih.gov/19834627/ ", "https://user:pw@fda.gov/x"])
def test_the_url_check_rejects_common_mistakes(address: str) -> None:
    assert url_problem(address)


@pytest.mark.parametrize("address", ["https://doi.org/10.1038/x", "10.1038/nature 12", "doi:10.1038/x"])
def test_the_doi_pattern_rejects_common_mistakes(address: str) -> None:
    assert not DOI.fullmatch(address)
