"""book/references.bib: the nine seed works are there and cited in the chapters; every entry is complete (pybtex)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

SEED_DOIS = {
    "cui2023": "10.1038/s41586-023-06816-9",
    "duque2014": "10.3389/fimmu.2014.00491",
    "gulati2016": "10.15406/moji.2016.04.00121",
    "kany2019": "10.3390/ijms20236008",
    "lin2019": "10.1146/annurev-immunol-042718-041447",
    "morris2018": "10.1002/pro.3519",
    "rahman2023": "10.1016/j.cyto.2023.156268",
    "samadi2023": "10.1016/j.prp.2023.154732",
    "storjord2020": "10.4045/tidsskr.18.0961",
}
DOI_RE = re.compile(r"10\.\d{4,9}/\S+")
NO_DOI_URL_RE = re.compile(r"https://(pmc\.ncbi\.nlm\.nih\.gov/articles/PMC\d+|pubmed\.ncbi\.nlm\.nih\.gov/\d+)/")


@pytest.fixture(scope="module")
def entries(book_bib_entries):
    return book_bib_entries


def test_keys_are_unique_across_files(entries) -> None:
    # reading the files raises on a repeated key
    assert len(entries) > 50


def test_the_nine_seed_works_with_their_dois(entries) -> None:
    for key, doi in SEED_DOIS.items():
        assert key in entries, key
        assert entries[key].fields.get("doi", "").lower() == doi.lower(), key


def test_the_nine_seed_works_are_cited_in_the_chapters() -> None:
    """Each seed work supports text in a chapter (a {cite} role names it), not only the bibliography."""
    chapters = Path(__file__).resolve().parents[1] / "chapters"
    prose = "\n".join(
        "".join(cell["source"])
        for path in sorted(chapters.glob("*.ipynb"))
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
        if cell["cell_type"] == "markdown"
    )
    cited = {key.strip() for keys in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", prose) for key in keys.split(",")}
    assert set(SEED_DOIS) <= cited, sorted(set(SEED_DOIS) - cited)


def test_every_entry_is_complete(entries) -> None:
    problems = []
    for key, entry in entries.items():
        if not entry.persons.get("author"):
            problems.append(f"{key}: no author")
        for name in ("title", "year"):
            if not entry.fields.get(name):
                problems.append(f"{key}: no {name}")
        if not any(entry.fields.get(f) for f in ("journal", "publisher", "booktitle")):
            problems.append(f"{key}: no journal, publisher or book title")
        doi = entry.fields.get("doi", "")
        if "doi" not in entry.fields and NO_DOI_URL_RE.fullmatch(entry.fields.get("url", "")):
            # a work with no DOI found: its PubMed or PMC record instead, said in a note
            if not entry.fields.get("note", "").startswith("No DOI"):
                problems.append(f"{key}: an entry without a DOI needs a note starting 'No DOI'")
        elif not DOI_RE.fullmatch(doi):
            problems.append(f"{key}: missing or malformed doi {doi!r}")
    assert not problems, "\n".join(problems)


def test_each_work_is_listed_once(entries) -> None:
    """Two keys for one paper would print it twice in the bibliography (compared by DOI)."""
    by_doi: dict[str, list[str]] = {}
    for key, entry in entries.items():
        doi = entry.fields.get("doi", "").lower()
        if doi:
            by_doi.setdefault(doi, []).append(key)
    assert not {doi: keys for doi, keys in by_doi.items() if len(keys) > 1}
