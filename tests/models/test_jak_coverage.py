"""JAK-inhibitor coverage: the selectivity table, its validation and the coverage rule."""

from __future__ import annotations

import pandas as pd
import pytest

from widgets.models import jak_coverage as jc

TOY = pd.DataFrame({
    "complex": ["IL-2", "EPO", "IFN-α", "IL-6", "IL-12", "TNF"],
    "jaks": [["JAK1", "JAK3"], ["JAK2", "JAK2"], ["JAK1", "TYK2"], ["JAK1", "JAK2", "TYK2"],
             ["JAK2", "TYK2"], []],
})
"""Toy complexes with their JAKs, as in the signalling literature (not read from the catalog)."""


def _row(**changes: str) -> pd.DataFrame:
    row = {"inn": "toyinib", "jak": "JAK1", "level": "primary", "evidence": "https://example.org/a", "note": ""}
    row.update(changes)
    return pd.DataFrame([row])


# --------------------------------------------------------------------------- the table
def test_table_is_valid_and_sourced() -> None:
    table = jc.selectivity()
    assert list(table.columns) == list(jc.SELECTIVITY_COLUMNS)
    assert set(table["jak"]) <= set(jc.JAKS)
    assert set(table["level"]) <= set(jc.SELECTIVITY_LEVELS)
    assert table["evidence"].str.startswith(("http://", "https://")).all()
    assert not table.duplicated(["inn", "jak"]).any()


def test_every_approved_jak_inhibitor_is_described() -> None:
    # The fourteen JAK inhibitors approved by the FDA, the EMA or the PMDA by 2025.
    expected = {"tofacitinib", "ruxolitinib", "baricitinib", "upadacitinib", "fedratinib", "pacritinib",
                "abrocitinib", "deucravacitinib", "momelotinib", "ritlecitinib", "deuruxolitinib",
                "filgotinib", "peficitinib", "delgocitinib"}
    assert set(jc.inhibitors()) == expected


@pytest.mark.parametrize(("inn", "primary"), [
    ("tofacitinib", {"JAK1", "JAK3"}),
    ("ruxolitinib", {"JAK1", "JAK2"}),
    ("baricitinib", {"JAK1", "JAK2"}),
    ("upadacitinib", {"JAK1"}),
    ("abrocitinib", {"JAK1"}),
    ("filgotinib", {"JAK1"}),
    ("fedratinib", {"JAK2"}),
    ("pacritinib", {"JAK2"}),
    ("ritlecitinib", {"JAK3"}),
    ("deucravacitinib", {"TYK2"}),
    ("peficitinib", set(jc.JAKS)),
])
def test_primary_targets(inn: str, primary: set[str]) -> None:
    assert {jak for jak, level in jc.profile(inn).items() if level == "primary"} == primary


def test_profile_is_case_insensitive_and_suggests() -> None:
    assert jc.profile("Tofacitinib") == jc.profile("tofacitinib")
    with pytest.raises(KeyError, match="did you mean 'ruxolitinib'"):
        jc.profile("ruxolitnib")


@pytest.mark.parametrize(("changes", "message"), [
    ({"inn": "Toyinib"}, "lower case"),
    ({"inn": ""}, "lower case"),
    ({"jak": "JAK5"}, "is not a JAK"),
    ({"level": "tertiary"}, "is not a level"),
    ({"evidence": "example.org"}, "one http"),
    ({"evidence": "https://a.org https://b.org"}, "one http"),
    ({"evidence": "https://a.org;https://b.org"}, "one http"),
    ({"level": "secondary"}, "no primary JAK"),
])
def test_validation_rejects(changes: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        jc.validate_selectivity(_row(**changes), "toy.tsv")


def test_validation_rejects_duplicates_and_names_the_line() -> None:
    table = pd.concat([_row(), _row()], ignore_index=True)
    with pytest.raises(ValueError, match=r"toy.tsv: line 3 \(toyinib\).*JAK1 twice"):
        jc.validate_selectivity(table, "toy.tsv")


# --------------------------------------------------------------------------- the rule
def test_status_levels() -> None:
    assert jc.complex_status(["JAK1", "JAK3"], {"JAK3": "primary"}) == "blocked"
    assert jc.complex_status(["JAK1", "JAK3"], {"JAK3": "secondary"}) == "partly blocked"
    assert jc.complex_status(["JAK1", "JAK3"], {"JAK1": "secondary", "JAK3": "primary"}) == "blocked"
    assert jc.complex_status(["JAK1", "JAK3"], {}) == "spared"
    assert jc.complex_status([], {j: "primary" for j in jc.JAKS}) == "spared"


def test_pan_jak_blocks_every_jak_complex_and_spares_tnf() -> None:
    table = jc.coverage(TOY, ["peficitinib"])
    assert table.loc["TNF", "peficitinib"] == "spared"
    assert (table.drop(index="TNF")["peficitinib"] == "blocked").all()


def test_adding_a_jak_never_spares_more() -> None:
    """Monotonicity: a drug that blocks more JAKs covers at least as much."""
    order = {level: i for i, level in enumerate(jc.COVERAGE_LEVELS)}
    narrow = jc.coverage(TOY, {"x": jc.jak_profile(["JAK1"])})["x"].map(order)
    wide = jc.coverage(TOY, {"x": jc.jak_profile(["JAK1", "JAK2"])})["x"].map(order)
    assert (wide >= narrow).all()


def test_jak1_selective_drug_spares_the_jak2_pair_and_tyk2_drug_spares_gamma_c() -> None:
    assert jc.spared(TOY, "abrocitinib") == ["EPO", "IL-12", "TNF"]
    assert jc.spared(TOY, "deucravacitinib") == ["IL-2", "EPO", "TNF"]
    # upadacitinib's weaker JAK2 inhibition leaves EPO partly blocked, not spared
    assert jc.coverage(TOY, ["upadacitinib"]).loc["EPO", "upadacitinib"] == "partly blocked"


def test_coverage_accepts_strings_and_named_columns() -> None:
    toy = pd.DataFrame({"name": ["IL-2"], "jak": ["JAK1; JAK3"]})
    table = jc.coverage(toy, ["ritlecitinib"], name_column="name", jak_column="jak")
    assert table.loc["IL-2", "ritlecitinib"] == "blocked"


def test_default_selection_is_every_inhibitor() -> None:
    assert list(jc.coverage(TOY).columns) == jc.inhibitors()


def test_errors() -> None:
    with pytest.raises(KeyError, match="unknown column 'jakz'"):
        jc.coverage(TOY, ["tofacitinib"], jak_column="jakz")
    with pytest.raises(KeyError, match="unknown JAK 'JAK4'"):
        jc.jak_profile(["JAK4"])
    with pytest.raises(KeyError, match="unknown JAK inhibitor"):
        jc.coverage(TOY, ["imatinib"])


# --------------------------------------------------------------------------- the catalog's complexes
def test_catalog_jak_complexes_and_their_sets() -> None:
    from widgets import catalog

    jc_table = jc.jak_complexes(catalog.complexes())
    assert len(jc_table) >= 45
    sets = dict(zip(jc_table["complex"], jc_table["jak_set"]))
    assert sets["IL-2 high affinity"] == "JAK1 + JAK3"
    assert sets["IL-4 type I"] == "JAK1 + JAK3" and sets["IL-4 type II"] == "JAK1 + TYK2"
    assert sets["erythropoietin"] == "JAK2" and sets["thrombopoietin"] == "JAK2"
    assert sets["IL-12"] == "JAK2 + TYK2" and sets["IFN-α2"] == "JAK1 + TYK2"


def test_coverage_by_jak_set_matches_coverage_per_complex() -> None:
    from widgets import catalog

    cx = catalog.complexes()
    by_set = jc.coverage_by_jak_set(cx)
    per_complex = jc.coverage(jc.jak_complexes(cx))
    for label, row in by_set.iterrows():
        for name in row["complexes"]:
            assert (per_complex.loc[name] == row.drop("complexes")).all(), (label, name)


def test_what_the_chapter_says_about_selectivity() -> None:
    from widgets import catalog

    complexes = jc.jak_complexes(catalog.complexes())
    # a JAK3-selective drug blocks only the γc complexes (and IL-4 signals on through type II)
    blocked = set(complexes["complex"]) - set(jc.spared(complexes, "ritlecitinib"))
    assert blocked == {"IL-2 high affinity", "IL-2 intermediate affinity", "IL-4 type I", "IL-7", "IL-9",
                       "IL-15", "IL-21"}
    # a JAK1-selective drug spares the JAK2-only receptors (EPO, TPO, GM-CSF) and IL-12/IL-23
    assert {"erythropoietin", "thrombopoietin", "GM-CSF", "IL-12", "IL-23"} <= set(jc.spared(complexes, "abrocitinib"))
    # the allosteric TYK2 inhibitor spares the γc and JAK2-only receptors
    assert {"IL-2 high affinity", "erythropoietin"} <= set(jc.spared(complexes, "deucravacitinib"))
