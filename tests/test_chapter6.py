"""Chapter 6: its text agrees with the package, and its exercises meet the chapter rules.

The numbers the prose quotes from papers are read from the parameter tables, the drug
years from the drug table and the model results from the models, so that a change in any of
them shows up here rather than as a silent disagreement on the page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from student_edition import SOLUTION_TAG, exercise_labels  # tools/ is on the path (tests/conftest.py)

from widgets import catalog
from widgets.chapter_data import load
from widgets.checks import labels as check_labels
from widgets.models import jak_coverage
from widgets.models.target_engagement import antibody_for_free_fraction, neutralisation_time_h
from widgets.parameters import value

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "chapters" / "06-medicines-and-targets.ipynb"


@pytest.fixture(scope="module")
def nb() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


@pytest.fixture(scope="module")
def prose(nb: nbformat.NotebookNode) -> str:
    """All markdown, with line breaks and non-breaking spaces folded to single spaces."""
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def _words(nb: nbformat.NotebookNode) -> int:
    text = "\n".join(c.source for c in nb.cells
                     if c.cell_type == "markdown" and SOLUTION_TAG not in c.metadata.get("tags", []))
    text = re.sub(r"```\{[^}]*\}[^\n]*\n|^:[a-z]+:.*$|\{(cite:[pt]|term|numref)\}`[^`]*`", " ", text, flags=re.M)
    return len(re.findall(r"[^\W\d_][\w'’-]*", text))


# --------------------------------------------------------------------------- structure
def test_length_and_exercises(nb: nbformat.NotebookNode) -> None:
    assert _words(nb) >= 7000
    data = load("06-medicines-and-targets")
    labels = exercise_labels(nb)
    assert len(labels) >= 8
    assert set(labels) == set(data.exercises)
    kinds = [e.type for e in data.exercises.values()]
    assert sum(e.code for e in data.exercises.values()) >= 3
    assert sum(not e.code for e in data.exercises.values()) >= 2
    assert kinds.count("clinical case") >= 2
    assert set().union(*(e.objectives for e in data.exercises.values())) == {1, 2, 3, 4, 5}


def test_every_code_exercise_has_a_check_cell_before_its_solution(nb: nbformat.NotebookNode) -> None:
    data = load("06-medicines-and-targets")
    registered = set(check_labels())
    cells = nb.cells
    for label, exercise in data.exercises.items():
        if not exercise.code:
            continue
        assert label in registered, label
        start = next(i for i, c in enumerate(cells) if f":label: {label}" in c.source)
        after = cells[start + 1]
        assert after.cell_type == "code" and f'check("{label}"' in after.source, label
        assert SOLUTION_TAG not in after.metadata.get("tags", []), label


def test_quizzes_cover_the_main_sections() -> None:
    data = load("06-medicines-and-targets")
    questions = [q for quiz in data.quizzes.values() for q in quiz]
    assert len(data.quizzes) >= 8 and len(questions) >= 8
    assert {q.type for q in questions} == {"choice", "truefalse", "numeric"}


def test_figures_have_captions_alt_text_and_are_referenced(nb: nbformat.NotebookNode, prose: str) -> None:
    figures = [c.metadata["mystnb"] for c in nb.cells if "mystnb" in c.metadata]
    assert len(figures) >= 3
    for fig in figures:
        assert len(fig["figure"]["caption"]) > 80 and len(fig["image"]["alt"]) > 80
        assert f"{{numref}}`{fig['figure']['name']}`" in prose


# --------------------------------------------------------------------------- numbers from papers
def _pct(name: str, digits: int = 0) -> str:
    return f"{abs(value(name)) * 100:.{digits}f} %"


@pytest.mark.parametrize("snippet", [
    lambda: f"Among {value('hd_il2_rcc_patients_count'):.0f} patients with metastatic kidney cancer, "
            f"{_pct('hd_il2_rcc_objective_response_fraction')} had an objective response",
    lambda: f"and {_pct('hd_il2_rcc_complete_response_fraction')} a complete response",
    lambda: f"Among {value('hd_il2_melanoma_patients_count'):.0f} patients with melanoma, "
            f"{_pct('hd_il2_melanoma_objective_response_fraction')} responded and "
            f"{_pct('hd_il2_melanoma_complete_response_fraction')} responded completely",
    lambda: f"{_pct('hd_il2_melanoma_cr_progression_free_fraction')} of the complete responders",
    lambda: f"{value('hd_il2_dose_low_iu_per_kg'):,.0f} or {value('hd_il2_dose_high_iu_per_kg'):,.0f} "
            "international units",
    lambda: f"elimination half-life of about {value('aldesleukin_elimination_half_life_min'):.0f} minutes",
    lambda: "given every eight hours" if value("aldesleukin_dosing_interval_h") == 8 else "",
    lambda: f"{_pct('hd_il2_rcc_treatment_death_fraction')} of the patients with kidney cancer and "
            f"{_pct('hd_il2_melanoma_treatment_death_fraction')} of those with melanoma",
    lambda: f"{value('pivot_io_001_patients_count'):.0f} patients with untreated advanced melanoma",
    lambda: f"the objective response rate was {_pct('pivot_io_001_bempeg_orr_fraction', 1)} with the "
            f"combination and {_pct('pivot_io_001_nivolumab_orr_fraction', 1)} with nivolumab alone",
    lambda: f"randomised {value('oral_surveillance_patients_count'):,.0f} patients with rheumatoid arthritis, "
            f"aged {value('oral_surveillance_min_age_years'):.0f} or more",
    lambda: f"the hazard ratio was {value('oral_surveillance_mace_hr'):.2f} for major adverse cardiovascular",
    lambda: f"and {value('oral_surveillance_cancer_hr'):.2f} for cancers other than",
    lambda: f"({value('oral_surveillance_mace_hr_ci_high'):.2f} and "
            f"{value('oral_surveillance_cancer_hr_ci_high'):.2f}) exceeded the pre-set margin of "
            f"{value('oral_surveillance_noninferiority_margin'):.1f}",
    lambda: f"analysed {value('infliximab_tb_cases_count'):.0f} cases of tuberculosis",
    lambda: f"a median of {value('infliximab_tb_median_onset_weeks'):.0f} weeks after the first infusion",
    lambda: f"randomised trial in {value('secukinumab_crohn_patients_count'):.0f} patients",
    lambda: "including four local fungal infections" if value("secukinumab_crohn_fungal_infections_count") == 4 else "",
    lambda: f"About {value('paradoxical_psoriasis_low_fraction') * 100:.0f}–"
            f"{value('paradoxical_psoriasis_high_fraction') * 100:.0f} % of patients treated with TNF blockers",
    lambda: f"In the ATTACH trial {value('attach_patients_count'):.0f} patients",
    lambda: f"at the higher dose of {value('attach_high_dose_mg_per_kg'):.0f} mg/kg",
    lambda: f"hazard ratio of {value('attach_high_dose_hr'):.2f}",
    lambda: "six healthy young men" if value("tgn1412_volunteers_count") == 6 else "",
    lambda: f"Within {value('tgn1412_onset_min'):.0f} minutes all six",
    lambda: f"{_pct('tocilizumab_crs_response_fraction')} of 45 patients",
    lambda: f"at a dose of {value('tocilizumab_crs_dose_mg_per_kg'):.0f} mg/kg",
    lambda: f"({value('ayers_ifng_signature_genes_count'):.0f} in their first signature",
    lambda: f"nine kinds of cancer in {value('ayers_gep_patients_count'):.0f} patients",
    lambda: f"raised soluble IL-6 receptor by {value('il6r_358ala_sil6r_change_fraction') * 100:.0f} % and serum "
            f"IL-6 by {value('il6r_358ala_il6_change_fraction') * 100:.0f} %, lowered CRP by "
            f"{_pct('il6r_358ala_crp_change_fraction', 1)}",
    lambda: f"coronary heart disease by {_pct('il6r_358ala_chd_risk_change_fraction', 1)}",
    lambda: "four in ten chromosomes" if round(value("il6r_asp358ala_minor_allele_fraction"), 1) == 0.4 else "",
])
def test_prose_quotes_the_parameter_tables(prose: str, snippet) -> None:
    text = snippet()
    assert text and text in prose, text


# --------------------------------------------------------------------------- numbers from the models
def test_prose_quotes_the_target_engagement_model(prose: str) -> None:
    needed = antibody_for_free_fraction(0.01, cytokine_pM=1.0, kd_pM=100.0)
    assert f"1 % free needs {needed / 1000:.1f} nM of antibody" in prose
    t_half = value("igg_half_life_days") * 24
    kw: dict[str, Any] = dict(cytokine_pM=1.0, kd_pM=100.0, target_free_fraction=0.01)
    t100 = neutralisation_time_h(1e5, half_life_h=t_half, **kw) / 24
    t500 = neutralisation_time_h(5e5, half_life_h=t_half, **kw) / 24
    assert f"adds only about {t500 - t100:.0f} days" in prose
    assert f"covers about {t100:.0f} days" in prose
    assert neutralisation_time_h(1e5, half_life_h=6.0, **kw) < 24 and "less than a day" in prose


# --------------------------------------------------------------------------- numbers from the drug table
def test_every_drug_year_in_brackets_matches_the_drug_table(prose: str) -> None:
    years = dict(zip(catalog.drugs()["inn"], catalog.drugs()["first_approval_year"]))
    found = 0
    for inn, year in years.items():
        for match in re.finditer(rf"\b{re.escape(inn)} \((\d{{4}})\)", prose, flags=re.I):
            assert int(match.group(1)) == year, (inn, match.group(0))
            found += 1
    assert found >= 25


@pytest.mark.parametrize(("sentence", "inns"), [
    ("approved by the FDA on the same day in 1986", ["interferon alfa-2a", "interferon alfa-2b"]),
    ("Epoetin alfa, recombinant erythropoietin, followed in 1989", ["epoetin alfa"]),
    ("both approved in 1991", ["filgrastim", "sargramostim"]),
    ("came in 1992", ["aldesleukin"]),
    ("was approved in 1997 to prevent thrombocytopenia", ["oprelvekin"]),
    ("arrived much later, in 2014", ["metreleptin"]),
    ("It was approved in 2024, given into the bladder", ["nogapendekin alfa inbakicept"]),
    ("with daclizumab, an antibody against the IL-2 receptor α chain, in 1997", ["daclizumab"]),
])
def test_history_years(prose: str, sentence: str, inns: list[str]) -> None:
    assert sentence in prose
    year = int(re.findall(r"\d{4}", sentence)[-1])
    d = catalog.drugs().set_index("inn")
    for inn in inns:
        assert d.loc[inn, "first_approval_year"] == year, inn


def test_counts_quoted_in_the_text(prose: str) -> None:
    d = catalog.drugs()
    kinase = d[d["mechanism"] == "kinase inhibitor"]
    assert len(kinase) == 14 and "the drug table now lists fourteen" in prose
    tnf = d[d["targets"].map(lambda t: t[0] == "TNF")]
    assert len(tnf) == 5 and "Five TNF blockers were approved between 1998 and 2009" in prose
    assert tnf["first_approval_year"].min() == 1998 and tnf["first_approval_year"].max() == 2009
    complexes = jak_coverage.jak_complexes(catalog.complexes())
    assert complexes["jak_set"].nunique() == 7 and "five of the seven combinations" in prose
    assert sum("JAK1" in js for js in set(complexes["jaks"])) == 5


def test_the_myeloproliferative_group_is_the_drug_table_s(prose: str) -> None:
    """The four JAK2 inhibitors named for the myeloproliferative neoplasms are exactly the drug
    table's kinase inhibitors with such an indication, and ruxolitinib's list has GVHD too."""
    d = catalog.drugs()
    kinase = d[d["mechanism"] == "kinase inhibitor"].set_index("inn")
    mpn = kinase[kinase["indications"].str.contains("myelofibrosis|polycythaemia")]
    assert sorted(mpn.index) == ["fedratinib", "momelotinib", "pacritinib", "ruxolitinib"]
    assert all("JAK2" in targets for targets in mpn["targets"])
    assert "Four inhibitors of JAK2, ruxolitinib, fedratinib, pacritinib and momelotinib" in prose
    assert "graft-versus-host disease" in kinase.loc["ruxolitinib", "indications"]
    assert "ruxolitinib also treats graft-versus-host disease" in prose


def test_prose_quotes_the_dosing_course(prose: str) -> None:
    from widgets.models.target_engagement import dosing_course

    def course(t_half_days: float, every_days: float):
        return dosing_course(peak_per_dose_pM=1e5, interval_h=every_days * 24, n_doses=4,
                             half_life_h=t_half_days * 24, cytokine_pM=10.0, kd_pM=100.0)

    monthly = course(21, 28)
    assert monthly.fraction_of_time_at_target == pytest.approx(1.0)
    assert round(monthly.antibody_pM.min() / 1000, -1) == 40 and "never falls below about 40 nM" in prose
    assert round(monthly.antibody_pM.min() / monthly.needed_pM) == 4 and "four times what is needed" in prose
    fall = 2 ** (28 / 3)
    assert 200 < fall < 1000 and "falls several hundredfold" in prose
    assert 0.2 < 1 - course(3, 14).fraction_of_time_at_target < 0.3 and "about a quarter of the time" in prose


def test_no_chemokine_receptor_drug_is_approved_for_rheumatoid_arthritis(prose: str) -> None:
    """'none of the chemokine-receptor drugs in the drug table is approved for a common
    inflammatory disease such as rheumatoid arthritis': the drugs on chemokine receptors treat
    HIV, stem-cell mobilisation, WHIM syndrome and T-cell lymphoma."""
    d = catalog.drugs()
    r = catalog.receptors()
    chemokine_receptors = set(r.loc[r["receptor_class"] == "chemokine receptor (GPCR)", "symbol"])
    on_chemokine_receptors = d[d["targets"].map(lambda t: bool(chemokine_receptors & set(t)))]
    assert set(on_chemokine_receptors["inn"]) == {"maraviroc", "plerixafor", "mogamulizumab", "motixafortide",
                                                  "mavorixafor"}
    for indications in on_chemokine_receptors["indications"]:
        assert "arthritis" not in indications and "asthma" not in indications
    assert "none of the chemokine-receptor drugs in the drug table is approved for a common" in prose


def test_the_timeline_solution_counts_agree_with_the_catalog(prose: str) -> None:
    """'Ten cytokine medicines were approved before 2000 ... twelve from 2000 on. Of those
    twelve, ten (five in six) are ... engineered ...; only two, tbo-filgrastim and
    metreleptin, are recombinant copies' (ex-ch6-timeline)."""
    from widgets.checks import check

    assert check("ex-ch6-timeline", [10, 12]).status == "right"
    d = catalog.drugs()
    kinds = {"recombinant cytokine", "pegylated cytokine", "Fc-fused cytokine", "engineered cytokine"}
    medicines = d[(d["mechanism"] == "agonist") & d["molecule_type"].isin(kinds)]
    early = medicines[medicines["first_approval_year"] < 2000]
    late = medicines[medicines["first_approval_year"] >= 2000]
    assert set(early["molecule_type"]) == {"recombinant cytokine"}
    copies = sorted(late.loc[late["molecule_type"] == "recombinant cytokine", "inn"])
    assert (len(early), len(late), len(late) - len(copies)) == (10, 12, 10)
    assert copies == ["metreleptin", "tbo-filgrastim"]
    for sentence in ("Ten cytokine medicines were approved before 2000, every one of them a recombinant "
                     "copy of a natural cytokine, and twelve from 2000 on",
                     "Of those twelve, ten (five in six) are pegylated, Fc-fused or otherwise engineered",
                     "only two, tbo-filgrastim and metreleptin, are recombinant copies"):
        assert sentence in prose, sentence


def test_blockers_are_most_of_the_drug_table(prose: str) -> None:
    """'Others do the reverse: they block a cytokine, its receptor or the kinases that relay its
    signal ...; most of the medicines in the book's drug table are of this kind.'"""
    mechanism = catalog.drugs()["mechanism"]
    blockers = mechanism.isin(["ligand block", "receptor block", "kinase inhibitor"])
    assert blockers.sum() > len(mechanism) / 2, mechanism.value_counts()
    assert "most of the medicines in the book's drug table are of this kind" in prose


def test_the_jak_debrief_matches_the_explorer_s_first_drug(prose: str) -> None:
    """Upadacitinib (the default) spares nothing; abrocitinib and filgotinib spare the JAK2-only receptors."""
    import inspect

    from widgets.explorers.therapy import jak_explorer

    assert inspect.signature(jak_explorer).parameters["default"].default == "upadacitinib"
    complexes = jak_coverage.jak_complexes(catalog.complexes())
    assert jak_coverage.spared(complexes, "upadacitinib") == []
    assert "explorer says that no complex is fully spared" in prose
    for drug in ("abrocitinib", "filgotinib"):
        assert {"erythropoietin", "thrombopoietin", "GM-CSF"} <= set(jak_coverage.spared(complexes, drug))
    assert "abrocitinib and filgotinib, listed with JAK1 alone, spare them" in prose


def test_the_il35_caveat_is_what_the_catalog_records(prose: str) -> None:
    """ex-ch6-jak-spares: IL-35 is given the JAK of IL-12Rβ2 only, although gp130 can carry JAK1."""
    complexes = catalog.complexes().set_index("complex")
    chains = catalog.receptors().set_index("symbol")["jaks"]
    assert tuple(complexes.loc["IL-35", "jaks"]) == tuple(chains["IL12RB2"]) == ("JAK2",)
    assert "JAK1" in chains["IL6ST"] and "IL6ST" in complexes.loc["IL-35", "receptor_chains"]
    assert ("the catalog gives it JAK2, the JAK of its IL-12Rβ2 chain, although its other chain, gp130, "
            "can also carry JAK1") in prose
