"""Every sourced number of Chapter 7 (widgets/data/parameters/assay.tsv) cites a work in references.bib."""

from __future__ import annotations

from widgets.parameters import parameter, parameter_table, value


def test_every_assay_parameter_has_a_checkable_source(book_bib_keys: set[str]) -> None:
    for name, row in parameter_table("assay").iterrows():
        assert row["locator"], name
        keys = parameter(name).bib_keys  # empty unless the source is a list of bib keys
        assert keys and set(keys) <= book_bib_keys, f"{name}: {row['source']!r} not in references.bib"


def test_the_numbers_chapter_7_quotes_from_other_tables() -> None:
    """Chapter 7 uses the aldesleukin label values of pharmacokinetics.tsv and notes that the
    HLH-2004 sCD25 criterion (inflammation.tsv) equals the adult rule-out level of hayden2017."""
    assert value("aldesleukin_mass_Da") == 15300
    activity = value("aldesleukin_vial_MIU_per_ml") * 1e6 / value("aldesleukin_vial_mg_per_ml")
    assert round(activity / 1e6, 1) == 16.4
    assert value("hlh2004_scd25_U_per_mL") == value("sil2r_hlh_rule_out_u_per_ml") == 2400
    assert value("hlh2004_criteria_needed_count") == 5
