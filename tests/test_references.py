"""book/references.bib: the nine seed works are there, and every entry is complete."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIB = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
ENTRIES = {
    m.group(2): m.group(0)
    for m in re.finditer(r"@(\w+)\{([^,\s]+),(.*?)\n\}", BIB, re.S)
}
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


def field(entry: str, name: str) -> str | None:
    m = re.search(rf"\b{name}\s*=\s*[{{\"](.*?)[}}\"]\s*,?\s*$", entry, re.M | re.I)
    return m.group(1) if m else None


def test_keys_are_unique() -> None:
    keys = re.findall(r"@\w+\{([^,\s]+),", BIB)
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert len(ENTRIES) == len(keys)


def test_the_nine_seed_works_with_their_dois() -> None:
    for key, doi in SEED_DOIS.items():
        assert key in ENTRIES, key
        assert (field(ENTRIES[key], "doi") or "").lower() == doi.lower(), key


def test_every_entry_is_complete() -> None:
    problems = []
    for key, entry in ENTRIES.items():
        for name in ("author", "title", "year"):
            if not field(entry, name):
                problems.append(f"{key}: no {name}")
        if not (field(entry, "journal") or field(entry, "publisher") or field(entry, "booktitle")):
            problems.append(f"{key}: no journal, publisher or book title")
        doi = field(entry, "doi")
        if not doi:
            problems.append(f"{key}: no doi")
        elif not re.fullmatch(r"10\.\d{4,9}/\S+", doi):
            problems.append(f"{key}: malformed doi {doi!r}")
    assert not problems, "\n".join(problems)
