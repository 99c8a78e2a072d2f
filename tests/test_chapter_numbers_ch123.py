"""Numbers from the clinical and historical sources that Chapters 1-3 state in their prose.

Each number is stored once, with its source and locator, in
``widgets/data/parameters/clinical.tsv``; this test checks that the chapter prints the
stored value, so text and data cannot drift apart.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from widgets.parameters import parameter, value

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"


def _markdown(stem: str) -> str:
    nb = json.loads((ROOT / "chapters" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return re.sub(r"\s+", " ", text.replace(NBSP, " "))


# (chapter, parameter, how the chapter writes it)
STATED = [
    ("01-what-are-cytokines", "il17a_mass_magyari_table_kDa", "lists IL-17A at {:.0f} kDa"),
    ("01-what-are-cytokines", "il17f_mass_magyari_table_kDa", "IL-17F at {:.0f} kDa without saying"),
    ("02-families-of-cytokines", "tnf_lta_sequence_identity_percent", "about {:.0f} % of their amino acid"),
    ("02-families-of-cytokines", "tnf_lta_sequence_homology_review_percent", "the shared sequence at {:.0f} %"),
    ("02-families-of-cytokines", "ifnl1_to_ifnl3_identity_min_percent", "more than {:.0f} % identical"),
    ("02-families-of-cytokines", "ifnl4_ifnl3_identity_percent", "IFN-λ4 is only {:.0f} % identical to IFN-λ3"),
    ("02-families-of-cytokines", "ccr5_study_women", "in {:,.0f} women"),
    ("02-families-of-cytokines", "ccr5_delta32_heterozygote_odds_ratio", "(odds ratio {:.2f})"),
    ("03-how-cytokines-signal", "oral_surveillance_median_follow_up_y", "a median of {:.1f} years"),
    ("03-how-cytokines-signal", "oral_surveillance_mace_tofacitinib_percent", "in {:.1f} % of those on tofacitinib"),
    ("03-how-cytokines-signal", "oral_surveillance_mace_tnf_inhibitor_percent", "and {:.1f} % of those on a TNF"),
    ("03-how-cytokines-signal", "oral_surveillance_cancer_tofacitinib_percent", "a cancer in {:.1f} %"),
    ("03-how-cytokines-signal", "oral_surveillance_cancer_tnf_inhibitor_percent", "and {:.1f} % (hazard ratios"),
    ("03-how-cytokines-signal", "oral_surveillance_mace_hazard_ratio", "(hazard ratios {:.2f}"),
    ("03-how-cytokines-signal", "oral_surveillance_cancer_hazard_ratio", "and {:.2f});"),
    ("03-how-cytokines-signal", "covid_autoantibody_patients", "at least {:.0f} of"),
    ("03-how-cytokines-signal", "covid_critical_patients_tested", "of {:.0f} patients with"),
    ("03-how-cytokines-signal", "covid_mild_tested", "none of {:.0f} people with mild"),
    ("03-how-cytokines-signal", "covid_healthy_with_autoantibodies", "them, {:.0f} of"),
    ("03-how-cytokines-signal", "covid_healthy_tested", "of {:,.0f} healthy people"),
    ("03-how-cytokines-signal", "covid_autoantibody_men", "and {:.0f} of the"),
    ("03-how-cytokines-signal", "stat1_gof_patients_min", "more than {:.0f} patients are known"),
    ("03-how-cytokines-signal", "stat1_gof_discovery_year", "{:.0f}, make STAT1 hard"),
    ("03-how-cytokines-signal", "jak2_v617f_pv_min_percent", "more than {:.0f} % of patients with polycythaemia vera"),
    ("03-how-cytokines-signal", "jak2_v617f_et_pmf_percent", "in about {:.0f} % of those with essential"),
]


@pytest.mark.parametrize("stem, name, pattern", STATED, ids=[s[1] for s in STATED])
def test_the_chapter_states_the_stored_value(stem: str, name: str, pattern: str) -> None:
    stated = pattern.format(value(name))
    assert stated in _markdown(stem), f"{stem} should say {stated!r} ({parameter(name).source})"


def test_acute_phase_threshold_is_a_quarter() -> None:
    assert value("acute_phase_change_min_percent") == 25
    assert "at least a quarter during inflammation" in _markdown("01-what-are-cytokines")


def test_every_clinical_source_is_in_the_bibliography() -> None:
    from widgets.parameters import parameter_table

    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"@\w+\{([^,\s]+),", bib))
    sources = set(parameter_table("clinical")["source"])
    assert sources <= keys, sorted(sources - keys)


def test_chapter3_states_the_reach_of_the_jak_inhibitors_in_the_drug_table() -> None:
    """The paragraph after the drug-table cell of Chapter 3 summarises what that cell prints."""
    from widgets import catalog

    def reach(targets: tuple[str, ...]) -> set[str]:
        return set().union(*(set(catalog.using_jak(jak)["ligand"]) for jak in targets))

    drugs = catalog.drugs()
    inhibitors = list(drugs[drugs["mechanism"] == "kinase inhibitor"].itertuples())
    broad = [len(reach(d.targets)) for d in inhibitors if set(d.targets) & {"JAK1", "JAK2", "TYK2"}]
    narrow = [d for d in inhibitors if not set(d.targets) & {"JAK1", "JAK2", "TYK2"}]
    assert [d.inn for d in narrow] == ["ritlecitinib"]
    gamma_c = set(catalog.using_receptor("IL2RG", roles="signalling")["ligand"])
    assert reach(narrow[0].targets) == gamma_c and len(gamma_c) == 6
    text = _markdown("03-how-cytokines-signal")
    assert f"each reach at least {min(broad)} cytokines" in text
    assert ("ritlecitinib, which of the four JAKs blocks only JAK3 (it also inhibits kinases of the TEC "
            "family), is confined to the six cytokines that signal through γc") in text
    assert "TEC kinase family" in drugs.set_index("inn").loc["ritlecitinib", "note"]
    assert min(len(reach((jak,))) for jak in ("JAK1", "JAK2")) > 20
    assert "JAK1 and JAK2, by contrast, each serve more than twenty cytokines of the catalog" in text


def test_chapter1_masses_of_the_lightest_and_heaviest_chains() -> None:
    """ex-ch1-sizes: the solution's lightest and heaviest chains, and the chemokine comparison
    (chemokines 8-14 kDa, zlotnik2000), from the catalog's sourced masses."""
    from widgets import catalog

    masses = catalog.cytokines().dropna(subset=["mass_kDa_low"]).set_index("name")
    lightest = masses["mass_kDa_low"].idxmin()
    assert lightest == "IL-15"
    low, high = masses.loc["IL-15", ["mass_kDa_low", "mass_kDa_high"]]
    assert masses["mass_kDa_low"].min() >= 14  # none below the top of the chemokine range
    text = _markdown("01-what-are-cytokines")
    assert f"The lightest is IL-15 ({low:.0f}–{high:.0f} kDa)" in text
    assert ("None of them is lighter than a chemokine (8–14 kDa) {cite:p}`zlotnik2000`; IL-15 only reaches "
            "the top of that range") in text


def test_chapter2_il12_family_subunits_and_the_users_of_gp130_and_il6r() -> None:
    """ex-ch2-classify and ex-ch2-gp130: what the solutions say of subunits and chains is what
    the catalog's complexes say."""
    from widgets import catalog

    complexes = catalog.complexes()
    subunits = complexes.set_index("ligand")["ligand_subunits"].map(set)
    assert subunits["IL-27"] == {"IL27", "EBI3"}
    assert not subunits["IL-27"] & (subunits["IL-12"] | subunits["IL-23"])
    assert set(complexes[subunits.map(lambda s: "EBI3" in s).to_numpy()]["ligand"]) == {"IL-27", "IL-35"}
    gp130 = catalog.using_receptor("IL6ST", roles="signalling")
    family = set(catalog.family_members("IL-6 family")["hgnc_symbol"])
    assert family - set(gp130["symbol"]) == {"IL31"}
    assert {"IL-27", "IL-35"} <= set(gp130["ligand"])
    assert set(catalog.using_receptor("IL6R")["ligand"]) == {"IL-6"}
    text = _markdown("02-families-of-cytokines")
    assert ("although it shares neither of them with IL-12 or IL-23 "
            "(in the catalog EBI3 is shared only with IL-35)") in text
    assert "In the catalog, IL-6R is used by IL-6 alone." in text


def test_chapter2_cheat_sheet_row_for_il12_is_the_p35_row_shared_with_il35() -> None:
    from widgets import catalog

    subunits = catalog.complexes().set_index("ligand")["ligand_subunits"].map(set)
    p35 = catalog.lookup("IL-12")["hgnc_symbol"]
    assert p35 == "IL12A" and p35 in subunits["IL-35"]
    assert ("For IL-12 the sources and actions are those of the catalog's row for its p35 chain, which IL-35 "
            "shares, so they name both cytokines.") in _markdown("02-families-of-cytokines")


def test_the_gp130_solution_counts_the_catalog_users_by_family() -> None:
    from widgets import catalog

    users = catalog.using_receptor("IL6ST", roles="signalling")
    family = catalog.cytokines().set_index("hgnc_symbol")["family"].astype(str)
    counts = users.groupby(users["symbol"].map(family))["ligand"].nunique().to_dict()
    assert counts == {"IL-6 family": 7, "IL-12 family": 2}
    assert ("nine cytokines use gp130 in a signalling complex: seven of the IL-6 family and two of the "
            "IL-12 family") in _markdown("02-families-of-cytokines")


def test_the_size_range_chapter_1_states_is_the_catalogs() -> None:
    from widgets import catalog

    cyt = catalog.cytokines()
    heaviest = float(cyt["mass_kDa_high"].max())
    tnf = float(catalog.lookup("TNF")["mass_kDa_high"])
    assert heaviest == 26 and tnf == 17
    text = _markdown("01-what-are-cytokines")
    assert f"one chain of about 8 to {heaviest:.0f} kDa, below 30 kDa" in text
    assert f"three chains of {tnf:.0f} kDa each, about {3 * tnf:.0f} kDa in all" in text


def test_the_family_counts_chapter_2_states_are_the_catalogs() -> None:
    """The γc, βc and IL-17 family paragraphs count members; the catalog holds the same ones."""
    from widgets import catalog

    words = {3: "three", 6: "six"}
    gamma_c = sorted(set(catalog.using_receptor("IL2RG", roles="signalling")["ligand"]))
    beta_c = sorted(set(catalog.using_receptor("CSF2RB", roles="signalling")["ligand"]))
    il17 = list(catalog.family_members("IL-17 family")["name"])
    assert gamma_c == ["IL-15", "IL-2", "IL-21", "IL-4", "IL-7", "IL-9"]
    assert beta_c == ["GM-CSF", "IL-3", "IL-5"]
    text = _markdown("02-families-of-cytokines")
    assert "The receptors of IL-2, IL-4, IL-7, IL-9, IL-15 and IL-21 all contain" in text
    assert f"All {words[len(gamma_c)]} fold as four-helix bundles" in text
    assert f"same in all {words[len(beta_c)]} receptors" in text
    assert f"The IL-17 family has {words[len(il17)]} members, IL-17A through IL-17F" in text


def test_chapter_1_says_which_masses_the_catalog_leaves_blank() -> None:
    """Chapter 1 names the two masses of magyari2014's Table 1 that the catalog does not
    take (IL-17A, IL-17F: the table does not say one chain or the assembled protein); the
    catalog indeed leaves them blank and takes every other interleukin mass from that table."""
    from widgets import catalog

    cyt = catalog.cytokines().set_index("name")
    assert cyt.loc[["IL-17A", "IL-17F"], "mass_kDa_low"].isna().all()
    interleukins = cyt[cyt.index.str.startswith("IL-") & cyt["mass_kDa_low"].notna()]
    assert len(interleukins) == 10
    assert interleukins["mass_source"].str.startswith("magyari2014").all()
    text = _markdown("01-what-are-cytokines")
    il17a, il17f = value("il17a_mass_magyari_table_kDa"), value("il17f_mass_magyari_table_kDa")
    assert (f"the review behind the interleukin values lists IL-17A at {il17a:.0f} kDa and IL-17F at "
            f"{il17f:.0f} kDa without saying whether that is one chain or the assembled protein "
            "{cite:p}`magyari2014`, and the catalog leaves those two blank") in text
