"""widgets.models.serum: the sourced table of serum cytokine levels, and Chapter 5's sourced numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets import parameters
from widgets.models import serum

HEADER = "\t".join(serum.SERUM_COLUMNS)


def _table(tmp_path: Path, *lines: str, header: str = HEADER) -> Path:
    path = tmp_path / "levels.tsv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def test_published_il6_values() -> None:
    # Leisman et al. 2020, abstract: pooled mean IL-6 (pg/mL) and 95 % CI.
    table = serum.summary("IL-6")
    assert table.loc["severe or critical COVID-19", ["mean", "ci_lower", "ci_upper"]].tolist() == [36.7, 21.6, 62.3]
    assert table.loc["cytokine release syndrome (CAR-T)", "mean"] == 3110.5
    assert table.loc["sepsis", "n"] == 5320
    assert table.loc["ARDS without COVID-19", "mean"] == 460
    # Said et al. 2021, abstract: healthy adults 5.186 pg/mL (4.631-5.740), 3166 values.
    assert table.loc["healthy adults", ["mean", "ci_lower", "ci_upper", "n"]].tolist() == [5.186, 4.631, 5.74, 3166]


def test_order_and_intervals() -> None:
    table = serum.summary()
    assert list(table.index) == list(serum.conditions())
    assert table["mean"].is_monotonic_increasing
    assert (table["ci_lower"] < table["mean"]).all() and (table["mean"] < table["ci_upper"]).all()
    assert set(table["unit"]) == {"pg/mL"}


def test_fold_over_healthy() -> None:
    assert serum.fold_over_healthy("healthy adults") == 1.0
    assert serum.fold_over_healthy("sepsis") == pytest.approx(983.6 / 5.186)
    # The point of Leisman et al.: COVID-19 sits far below sepsis and CRS.
    assert serum.fold_over_healthy("severe or critical COVID-19") < serum.fold_over_healthy("sepsis") / 20


def test_unknown_names() -> None:
    with pytest.raises(KeyError, match="IL-6"):
        serum.summary("IL6")
    with pytest.raises(KeyError, match="sepsis"):
        serum.fold_over_healthy("sepsi")


def test_sources_are_in_the_bibliography(book_bib_keys: set[str]) -> None:
    assert set(serum.serum_levels()["source"]) <= book_bib_keys
    table = parameters.validate()
    inflammation = parameters.parameter_table("inflammation")
    missing = {n: table[n].source for n in inflammation.index if not set(table[n].bib_keys) <= book_bib_keys}
    assert not missing


def test_serum_levels_returns_a_copy() -> None:
    a = serum.serum_levels()
    a.loc[0, "value"] = -1
    assert serum.serum_levels().loc[0, "value"] > 0


@pytest.mark.parametrize(
    ("line", "match"),
    [
        ("sepsis\tIL-6\tmedian\t1\tpg/mL\t3\tx\tabstract", "statistic"),
        ("sepsis\tIL-6\tpooled mean\tmany\tpg/mL\t3\tx\tabstract", "not a number"),
        ("sepsis\tIL-6\tpooled mean\t-1\tpg/mL\t3\tx\tabstract", "> 0"),
        ("sepsis\tIL-6\tpooled mean\tnan\tpg/mL\t3\tx\tabstract", "> 0"),
        ("sepsis\tIL-6\tpooled mean\t1\tpg/mL\t0\tx\tabstract", "whole number"),
        ("sepsis\tIL-6\tpooled mean\t1\tpg/mL\t3\t\tabstract", "empty"),
    ],
)
def test_bad_rows_refused(tmp_path: Path, line: str, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        serum.serum_levels(_table(tmp_path, line))


def test_bad_header_and_repeats_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="header"):
        serum.serum_levels(_table(tmp_path, header=HEADER.replace("locator", "page")))
    row = "sepsis\tIL-6\tpooled mean\t1\tpg/mL\t3\tx\tabstract"
    with pytest.raises(ValueError, match="repeated"):
        serum.serum_levels(_table(tmp_path, row, row))


def test_incomplete_or_mixed_condition_refused(tmp_path: Path) -> None:
    path = _table(tmp_path, "sepsis\tIL-6\tpooled mean\t1\tpg/mL\t3\tx\tabstract")
    with pytest.raises(ValueError, match="missing"):
        serum.summary("IL-6", path=path)
    rows = [f"sepsis\tIL-6\t{s}\t{v}\t{u}\t3\tx\tabstract"
            for s, v, u in zip(serum.STATISTICS, (2, 1, 3), ("pg/mL", "pg/mL", "ng/mL"))]
    with pytest.raises(ValueError, match="mixed units"):
        serum.summary("IL-6", path=_table(tmp_path, *rows))


def test_every_source_has_a_citation_that_matches_the_bibliography(book_bib_entries) -> None:
    from figure_archives import short_citation  # the book's author-year form (book/_ext)

    sources = set(serum.serum_levels()["source"])
    assert sources <= set(serum.CITATIONS)
    for key, shown in serum.CITATIONS.items():
        assert shown == short_citation(book_bib_entries[key]), key
