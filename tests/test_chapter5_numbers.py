"""Chapter 5: the numbers in the prose agree with the sourced tables and the models.

Each number below is formatted from the package (a sourced parameter, the serum table
or a model result) and must appear in the chapter's text as written, so a change of
a value in the data shows up here as a failing test.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from widgets.models import reynolds2006 as rey
from widgets.models import serum, storm
from widgets.models.trials import absolute_risk_reduction_points, number_needed_to_treat, risk_percent
from widgets.parameters import value

ROOT = Path(__file__).resolve().parents[1]
NB = nbformat.read(ROOT / "chapters" / "05-health-and-disease.ipynb", as_version=4)
TEXT = re.sub(r"\s+", " ", " ".join(c.source for c in NB.cells if c.cell_type == "markdown"))


def v(name: str, fmt: str = "{:g}") -> str:
    return fmt.format(value(name))


def _risk(arm: str) -> str:
    return f"{100 * value(arm + '_deaths_count') / value(arm + '_patients_count'):.1f}"


SOURCED = [
    (v("sepsis_cases_2017_million", "{:.1f}") + " million cases", "Rudd et al. 2020"),
    (v("sepsis_deaths_2017_million", "{:.1f}") + " million sepsis-related deaths", "Rudd et al. 2020"),
    (v("sepsis_share_of_global_deaths_2017_percent", "{:.1f}") + " % of all deaths", "Rudd et al. 2020"),
    ("rise of " + v("sepsis3_sofa_increase_points") + " points or more", "Sepsis-3"),
    ("mortality above " + v("sepsis3_sofa2_hospital_mortality_percent") + " %", "Sepsis-3"),
    ("at least " + v("hlh2004_criteria_needed_count") + " of 8", "HLH-2004"),
    ("1. fever; 2. an enlarged spleen", "HLH-2004 (fever, with no temperature threshold)"),
    ("ferritin of " + v("hlh2004_ferritin_ug_per_L") + " µg/L or more", "HLH-2004"),
    (v("hlh2004_scd25_U_per_mL") + " U/mL or more", "HLH-2004"),
    ("triglycerides of " + v("hlh2004_triglycerides_mmol_per_L", "{:.1f}") + " mmol/L or more", "HLH-2004"),
    ("fibrinogen of " + v("hlh2004_fibrinogen_g_per_L") + " g/L or less", "HLH-2004"),
    ("haemoglobin below " + v("hlh2004_haemoglobin_g_per_L") + " g/L", "HLH-2004"),
    ("platelets below " + v("hlh2004_platelets_1e9_per_L") + " × 10⁹/L", "HLH-2004"),
    ("neutrophils below " + v("hlh2004_neutrophils_1e9_per_L", "{:.1f}") + " × 10⁹/L", "HLH-2004"),
    ("fever (" + v("astct_crs_fever_degC") + " °C or more;", "ASTCT"),
    ("(up to " + v("astct_crs_low_flow_oxygen_L_per_min") + " L/min)", "ASTCT"),
    ("Within " + v("tgn1412_onset_min") + " minutes", "TGN1412"),
    ("within " + v("tgn1412_critical_illness_h_low") + " to " + v("tgn1412_critical_illness_h_high") + " hours",
     "TGN1412"),
    (v("car_t_crs_tocilizumab_responders_count") + " of " + v("car_t_crs_tocilizumab_patients_count"), "FDA"),
    ("from " + _risk("recovery_dexamethasone_control") + " % with usual care to " + _risk("recovery_dexamethasone")
     + " %", "RECOVERY dexamethasone"),
    (v("norasept2_patients_count", "{:.0f}") + " patients with septic shock", "NORASEPT II"),
    ("rate ratio " + v("recovery_dexamethasone_rate_ratio"), "RECOVERY dexamethasone"),
    ("(" + v("recovery_dexamethasone_ventilated_percent") + " % against "
     + v("recovery_dexamethasone_ventilated_control_percent") + " %)", "RECOVERY dexamethasone"),
    ("(" + v("recovery_dexamethasone_no_oxygen_percent") + " % against "
     + v("recovery_dexamethasone_no_oxygen_control_percent", "{:.1f}") + " %)", "RECOVERY dexamethasone"),
    ("CRP of at least " + v("recovery_tocilizumab_crp_mg_per_L") + " mg/L", "RECOVERY tocilizumab"),
    ("(rate ratio " + v("recovery_tocilizumab_rate_ratio") + ")", "RECOVERY tocilizumab"),
    (v("recovery_tocilizumab_on_steroids_percent") + " % of patients also on corticosteroids", "RECOVERY"),
    ("most of whom (" + v("emapalumab_previously_treated_count") + " of " + v("emapalumab_trial_patients_count")
     + ") had already received conventional therapy", "Locatelli 2020"),
    (v("emapalumab_previously_treated_transplant_percent") + " % of those could then go on to transplantation",
     "Locatelli 2020"),
    (f"{value('cantos_patients_count'):,.0f} patients", "CANTOS"),
    ("CRP of " + v("cantos_entry_hscrp_mg_per_L") + " mg/L or more", "CANTOS"),
    ("hazard ratio " + v("cantos_150mg_hazard_ratio"), "CANTOS"),
    ("hazard ratio " + v("cantos_lung_cancer_300mg_hazard_ratio"), "CANTOS"),
    ("hazard ratio " + v("cantos_lung_cancer_mortality_300mg_hazard_ratio"), "CANTOS"),
    ("About " + v("il6r_asp358ala_minor_allele_frequency_percent") + " %", "IL6R"),
    ("by " + v("il6r_358ala_il6_change_percent") + " %", "IL6R"),
    ("CRP falls by " + f"{-value('il6r_358ala_crp_change_percent'):g}" + " %", "IL6R"),
    ("falls by " + f"{-value('il6r_358ala_chd_risk_change_percent'):g}" + " %", "IL6R"),
    (v("norasept2_tnf_antibody_mortality_percent") + " % died", "NORASEPT II"),
    (v("norasept2_placebo_mortality_percent") + " % with placebo", "NORASEPT II"),
    ("Of " + v("bastard2020_patients_tested_count") + " patients", "Bastard 2020"),
    ("at least " + v("bastard2020_patients_with_autoantibodies_count") + " had neutralising", "Bastard 2020"),
    (v("bastard2020_healthy_with_autoantibodies_count") + " of 1227 healthy", "Bastard 2020"),
    (v("bastard2020_men_among_positive_count") + " of the 101 were men", "Bastard 2020"),
    ("study of " + v("nomid_anakinra_patients_count") + " patients", "NOMID"),
    ("from " + v("nomid_serum_amyloid_a_before_mg_per_L") + " to " + v("nomid_serum_amyloid_a_after_mg_per_L")
     + " mg/L", "NOMID"),
    ("about " + v("obesity_tnf_mrna_fold") + " times as much TNF", "Hotamisligil 1995"),
    (v("risankizumab_pasi90_week16_percent", "{:.1f}") + " % of patients", "UltIMMa-1"),
    (v("ustekinumab_pasi90_week16_percent", "{:.1f}") + " % with ustekinumab", "UltIMMa-1"),
    (v("spesolimab_clear_pustules_week1_percent") + " % of treated patients", "Effisayil 1"),
    ("against " + v("spesolimab_placebo_clear_pustules_week1_percent") + " % with placebo", "Effisayil 1"),
]


@pytest.mark.parametrize(("snippet", "source"), SOURCED, ids=[s for s, _ in SOURCED])
def test_sourced_number_appears_in_the_text(snippet: str, source: str) -> None:
    assert snippet in TEXT, f"{source}: {snippet!r} not in the chapter text"


def test_serum_ratios_in_the_text() -> None:
    table = serum.summary()
    covid = table.loc["severe or critical COVID-19", "mean"]
    assert round(table.loc["sepsis", "mean"] / covid) == 27 and "a twenty-seventh" in TEXT
    assert round(table.loc["cytokine release syndrome (CAR-T)", "mean"] / covid) == 85 and "an eighty-fifth" in TEXT
    assert round(serum.fold_over_healthy("severe or critical COVID-19")) == 7 and "about seven times" in TEXT
    assert table.loc["cytokine release syndrome (CAR-T)", "n"] == 72 and "only 72 patients" in TEXT


def test_reynolds_numbers_in_the_text() -> None:
    health = rey.simulate(pathogen0=1.0, parameters={"k_pg": 0.3}, t_eval_h=range(0, 501))
    assert round(health.peak("D")[1], 1) == 3.4 and "about 3.4 units" in TEXT
    aseptic = rey.simulate(pathogen0=1.5, parameters={"k_pg": 0.3})
    assert round(aseptic.final["N"], 1) == 0.6 and round(aseptic.final["D"]) == 17
    septic = rey.simulate(pathogen0=1.0, parameters={"k_pg": 0.6}, t_eval_h=range(0, 501))
    t_peak, p_peak = septic.peak("P")
    assert (round(p_peak), t_peak) == (8, 16.0) and "near 8 at 16 hours" in TEXT
    threshold = rey.health_threshold_pathogen0(parameters={"k_pg": 0.3})
    assert 1.0 < threshold < 1.25  # "the threshold lies between 1 and 1.25"
    assert round(value("reynolds2006_k_pg_septic_saddle_node_per_h"), 2) == 0.51 and "about 0.51 per h" in TEXT


def test_storm_numbers_in_the_text() -> None:
    v_down, v_up = storm.bistable_window()
    assert (round(v_down, 1), round(v_up, 1)) == (1.6, 3.8)
    assert "$V$ ≈ 3.8" in TEXT and "$V$ ≈ 1.6" in TEXT
    assert round(storm.threshold_level(amplification_per_h=3.0), 2) == 0.45 and "about 0.45 a.u." in TEXT
    assert round(100 * storm.block_to_end_storm(amplification_per_h=3.0)) == 48 and "a block of about 48 %" in TEXT
    low = storm.steady_states(amplification_per_h=5.0, block=0.25)
    assert round(low[0].level, 2) == 0.28 and round(low[-1].level, 1) == 3.9


def test_no_temperature_given_for_the_hlh2004_fever_criterion() -> None:
    # HLH-2004 (Henter et al. 2007) lists "fever" without a threshold; 38.5 degC belongs to
    # later adaptations of the criteria and must not be attributed to HLH-2004.
    assert "38.5" not in TEXT


def test_recovery_tocilizumab_numbers_in_the_text() -> None:
    toci = (value("recovery_tocilizumab_deaths_count"), value("recovery_tocilizumab_patients_count"))
    usual = (value("recovery_tocilizumab_control_deaths_count"), value("recovery_tocilizumab_control_patients_count"))
    assert f"from {risk_percent(*usual):.0f} % to {risk_percent(*toci):.0f} %" in TEXT
    arr = absolute_risk_reduction_points(control=usual, treated=toci)
    assert f"about {arr:.1f} percentage points" in TEXT
    assert f"about {number_needed_to_treat(control=usual, treated=toci):.0f} patients had to be treated" in TEXT


def test_serum_fold_changes_and_crs_interval_in_the_text() -> None:
    folds = [serum.fold_over_healthy(c) for c in
             ("severe or critical COVID-19", "sepsis", "cytokine release syndrome (CAR-T)")]
    assert [round(folds[0]), round(folds[1], -1), round(folds[2], -2)] == [7, 190, 600]
    assert "About 7, 190 and 600 times" in TEXT
    crs = serum.summary().loc["cytokine release syndrome (CAR-T)"]
    assert (round(crs["ci_lower"], -1), round(crs["ci_upper"], -3)) == (630, 15000)
    assert "from about 630 to 15 000 pg/mL" in TEXT


def test_more_reynolds_numbers_in_the_text() -> None:
    health = rey.simulate(pathogen0=1.0, parameters={"k_pg": 0.3}, t_eval_h=[i / 10 for i in range(0, 5001)])
    assert round(health.peak("D")[0]) == 32 and "some 32 hours after the infection began" in TEXT
    threshold = rey.health_threshold_pathogen0(parameters={"k_pg": 0.3})
    assert round(threshold, 2) == 1.04 and "about 1.04 million per cc" in TEXT
    p0, k_pg = value("reynolds2006_fig9_pathogen0_1e6_per_cc"), value("reynolds2006_fig9_k_pg_per_h")
    at_10 = rey.simulate(pathogen0=p0, parameters={"k_pg": k_pg}, t_eval_h=[0, 10]).CA[-1]
    assert round(at_10, 2) == 0.30 and "from 0.125 to about 0.30" in TEXT
    outcomes = {ca: rey.classify_outcome(rey.simulate_ca_reset(pathogen0=p0, ca_level=ca, parameters={"k_pg": k_pg}))
                for ca in (0.2, 0.24, 0.3, 0.36)}
    assert outcomes == {0.2: "aseptic death", 0.24: "health", 0.3: "health", 0.36: "septic death"}
    assert "to 0.2 or less" in TEXT and "to 0.36 or more" in TEXT


def test_more_storm_numbers_in_the_text() -> None:
    v_down, v_up = storm.bistable_window()
    high = storm.steady_states(amplification_per_h=3.0)[-1].level
    assert round(high, 1) == 3.1 and "storm state near 3.1" in TEXT
    assert (1 - 0.25) * 5.0 == 3.75 and "brings the effective amplification to 3.75" in TEXT
    assert f"about {v_down:.2f} a.u. per h" in TEXT and f"$b > 1 - {v_down:.3f}/4" in TEXT
    assert round(1 - v_down / 4, 2) == 0.61 and "\\approx 0.61" in TEXT
    assert f"at about {v_up:.2f})" in TEXT and round(100 * (1 - v_up / 4)) == 5 and "a block of about 5 %" in TEXT
    k = storm.TEACHING_PARAMETERS["clearance_per_h"]
    after = storm.bistable_window(extra_clearance_per_h=k)
    assert (round(after[0], 1), round(after[1])) == (3.5, 30) and "to about 3.5–30 a.u. per h" in TEXT
    default = storm.TEACHING_PARAMETERS["amplification_per_h"]
    assert round(after[1] / default) == 10 and f"ten times its default of {default:g}" in TEXT
    assert round(after[1] / v_up) == 8 and f"about eight times the old upper edge of {v_up:.1f}" in TEXT


def test_il23_antibodies_in_bowel_disease_agree_with_the_catalog() -> None:
    """'antibodies to IL-23 (risankizumab, guselkumab and mirikizumab, which bind p19, and
    ustekinumab, which binds the p40 ...) are approved for Crohn's disease and ulcerative colitis'."""
    from widgets import catalog

    drugs = catalog.drugs().set_index("inn")
    for inn, target in (("risankizumab", "IL23A"), ("guselkumab", "IL23A"), ("mirikizumab", "IL23A"),
                        ("ustekinumab", "IL12B")):
        assert drugs.loc[inn, "targets"] == (target,), inn
        assert {"Crohn disease", "ulcerative colitis"} <= set(drugs.loc[inn, "indications"].split("; ")), inn
    assert "risankizumab, guselkumab and mirikizumab, which bind p19, and ustekinumab" in TEXT
    assert "the IL-17A antibody secukinumab failed in a randomised trial in Crohn's disease" in TEXT


def test_the_axes_quiz_feedback_rounds_the_trial_result_honestly() -> None:
    """The sidecar's 'three in four patients on risankizumab reached PASI 90' is the 75.3 % of UltIMMa-1."""
    sidecar = (ROOT / "chapters" / "05-health-and-disease.yml").read_text(encoding="utf-8")
    assert "three in four patients on risankizumab reached PASI" in sidecar
    assert round(value("risankizumab_pasi90_week16_percent") / 25) == 3  # nearest quarter: 3/4


# Each pair: (sentence in the chapter, {INN: indications, "; "-separated, that the catalog's
# drug table must list for it}).
APPROVALS_IN_THE_TEXT = (
    ("romiplostim and eltrombopag, are approved to raise the platelet count in chronic immune thrombocytopenia",
     {"romiplostim": "chronic immune thrombocytopenia", "eltrombopag": "chronic immune thrombocytopenia"}),
    ("belimumab, which is approved for systemic lupus erythematosus",
     {"belimumab": "systemic lupus erythematosus"}),
    ("Anakinra and the IL-1β antibody canakinumab are now approved for these syndromes",
     {"anakinra": "cryopyrin-associated periodic syndromes (NOMID)",
      "canakinumab": "cryopyrin-associated periodic syndromes"}),
    ("(mepolizumab, reslizumab, benralizumab) and against the epithelial alarm cytokine TSLP (tezepelumab) "
     "are approved for severe asthma",
     {"mepolizumab": "severe eosinophilic asthma", "reslizumab": "severe eosinophilic asthma",
      "benralizumab": "severe eosinophilic asthma", "tezepelumab": "severe asthma"}),
    ("IL-17A antibodies are also approved for ankylosing spondylitis and axial spondyloarthritis",
     {"secukinumab": "ankylosing spondylitis", "ixekizumab": "axial spondyloarthritis"}),
    ("tocilizumab and sarilumab and of JAK inhibitors, each of which is approved for rheumatoid arthritis",
     {"tocilizumab": "rheumatoid arthritis", "sarilumab": "rheumatoid arthritis"}),
    ("The JAK inhibitor ruxolitinib is approved for two of these neoplasms, myelofibrosis and polycythaemia vera",
     {"ruxolitinib": "myelofibrosis; polycythaemia vera"}),
)


@pytest.mark.parametrize(("sentence", "indications"), APPROVALS_IN_THE_TEXT, ids=lambda x: str(x)[:30])
def test_approvals_the_text_names_are_in_the_catalog(sentence: str, indications: dict[str, str]) -> None:
    """Chapter 5 says 'approved for ...' and points to the catalog: the drug table must agree."""
    from widgets import catalog

    assert sentence in TEXT
    drugs = catalog.drugs().set_index("inn")
    for inn, wanted in indications.items():
        assert set(wanted.split("; ")) <= set(drugs.loc[inn, "indications"].split("; ")), (inn, wanted)


def test_jak_inhibitors_approved_for_rheumatoid_arthritis_exist_in_the_catalog() -> None:
    from widgets import catalog

    drugs = catalog.drugs()
    jakinibs = drugs[drugs["mechanism"] == "kinase inhibitor"]
    assert any("rheumatoid arthritis" in i.split("; ") for i in jakinibs["indications"])
