"""Every sourced number of Chapter 7 (widgets/data/parameters/assay.tsv) cites a work in references.bib."""

from __future__ import annotations

import re
from pathlib import Path

from widgets.parameters import parameter_table

BIB = (Path(__file__).resolve().parents[2] / "book" / "references.bib").read_text(encoding="utf-8")
KEYS = set(re.findall(r"@\w+\{([^,\s]+),", BIB))
# Sources without a DOI (so not in references.bib) are named in full in the table instead.
NO_DOI = ("PubMed 18852857", "DailyMed label")


def test_every_assay_parameter_has_a_checkable_source() -> None:
    table = parameter_table("assay")
    for name, row in table.iterrows():
        assert row["locator"], name
        if row["source"].startswith(NO_DOI):
            continue
        for key in row["source"].split(";"):
            assert key.strip() in KEYS, f"{name}: {key} not in references.bib"
