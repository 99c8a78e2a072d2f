"""The sourced numbers that Chapter 7's prose quotes agree with its parameter table.

Each assertion reads a value from ``widgets/data/parameters/assay.tsv`` (or another
table), formats it as the chapter writes it, and checks that the chapter's markdown
states it, so that a correction to the table cannot silently leave the text behind.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from widgets.parameters import value

ROOT = Path(__file__).resolve().parents[1]
NB = nbformat.read(ROOT / "chapters" / "07-measuring-cytokines.ipynb", as_version=4)
TEXT = " ".join(" ".join(c.source.split()) for c in NB.cells if c.cell_type == "markdown")


def _int(name: str) -> str:
    return f"{round(value(name)):,}"


def _share(part: str, whole: str) -> int:
    return round(100 * value(part) / value(whole))


def _percent(name: str, digits: int = 0) -> str:
    return f"{value(name) * 100:.{digits}f} %"


@pytest.mark.parametrize(
    "phrase",
    [
        # IGRA (jonsson2017)
        lambda: f"cut-off of {value('quantiferon_cutoff_iu_per_ml'):.2f} IU/mL",
        lambda: (f"from {value('quantiferon_borderline_low_iu_per_ml'):.2f} to "
                 f"{value('quantiferon_borderline_high_iu_per_ml'):.2f} IU/mL"),
        lambda: f"{_int('quantiferon_routine_results_count')} routine results",
        lambda: f"about {_share('quantiferon_borderline_results_count', 'quantiferon_routine_results_count')} % of",
        lambda: _percent("quantiferon_retest_below_borderline_low_band_fraction"),
        lambda: _percent("quantiferon_retest_below_borderline_high_band_fraction", 1),
        # sIL-2R in HLH (hayden2017; henter2007 via inflammation.tsv)
        lambda: f"In {_int('sil2r_hlh_cohort_count')} adults",
        lambda: f"{value('sil2r_hlh_auc'):.2f}, against {value('ferritin_hlh_auc'):.2f} for ferritin",
        lambda: f"{_int('sil2r_hlh_rule_out_u_per_ml')} U/mL or less",
        lambda: f"above {_int('sil2r_hlh_rule_in_u_per_ml')} U/mL",
        lambda: (f"{_int('sil2r_adult_reference_low_u_per_ml')} to "
                 f"{_int('sil2r_adult_reference_high_u_per_ml')} U/mL"),
        # pre-analytics (webb1998; jackman2011)
        lambda: f"about {round(value('vegf_serum_adult_pg_per_ml'))} pg/mL",
        lambda: f"about {round(value('vegf_plasma_adult_pg_per_ml'))} pg/mL in plasma",
        lambda: f"{_int('jackman2011_mediators_unchanged_count')} of {_int('jackman2011_mediators_count')} soluble",
        lambda: (f"between {value('jackman2011_change_min_percent_per_day'):g} % and "
                 f"{value('jackman2011_change_max_percent_per_day'):g} % per day"),
        # platforms
        lambda: f"down to {value('digital_elisa_psa_lowest_fg_per_ml'):g} fg/mL",
        lambda: f"{_int('somascan_2010_proteins_count')} proteins",
        lambda: f"median limit of detection of {value('somascan_2010_median_lod_pM'):g} pM",
        lambda: f"median CV of {_percent('somascan_2010_median_cv_fraction')}",
        lambda: f"consumed {value('pea_96plex_sample_ul'):g} µL of sample",
        lambda: f"all {_int('breen2011_cytokines_count')} cytokines",
        # CRS (teachey2016), statistics (hornung1990), IL-2 standard (wadhwa2013)
        lambda: f"In {_int('teachey2016_patients_count')} patients",
        lambda: f"peak levels of {_int('teachey2016_cytokines_associated_count')} cytokines",
        lambda: f"GSD of about {value('hornung1990_high_skew_gsd'):g} or more",
        lambda: f"activity of {_int('il2_who_2nd_is_iu_per_ampoule')} IU per ampoule",
    ],
)
def test_the_prose_quotes_the_table(phrase) -> None:
    text = phrase()
    assert text in TEXT, f"Chapter 7 does not say {text!r}"


# --------------------------------------------------------------------------- solutions' numbers
def test_the_plate_exercise_solution_quotes_its_plate() -> None:
    """ex-ch7-fit: the three readings, the plate's own range of quantification and the 500 pg/mL standard."""
    from widgets.models.assay import fit_logistic, quantification_range, replicate_precision, simulated_plate

    conc, od, _blanks = simulated_plate(seed=21)
    fit = fit_logistic(conc, od, weights="1/y^2")
    readings = fit.back_calculate([0.25, 0.90, 1.80], n_replicates=2)
    low, mid, high = (round(float(c)) for c in readings.concentration)
    assert f"read about {low}, {mid} and {round(high, -1)} pg/mL" in TEXT
    table = replicate_precision(fit, conc[conc > 0], od[conc > 0])
    lloq, uloq = quantification_range(table)
    assert f"from {lloq:.1f} to {uloq:g} pg/mL" in TEXT
    assert low < lloq < mid < uloq < high  # report the middle one only
    recovery_500 = float(table.loc[table["nominal"] == 500, "recovery"].iloc[0])
    assert round(3 * recovery_500) == 2 and "only about two thirds of its value" in TEXT
    lower, upper = readings.lower[1], readings.upper[1]
    assert f"interval of {round(lower)} to {round(upper)} pg/mL" in TEXT
    assert f"(about {round(readings.lower[2], -1):.0f} to {round(readings.upper[2], -1):.0f} pg/mL)" in TEXT


def test_the_detection_exercise_solution_quotes_its_limits() -> None:
    from widgets.models.assay import detection_limits, fit_logistic, simulated_plate

    conc, od, blanks = simulated_plate(seed=21)
    limits = detection_limits(fit_logistic(conc, od, weights="1/y^2"), blanks)
    assert (f"The limit of blank is about {limits.lob_concentration:.1f} pg/mL and the limit of detection "
            f"about {limits.lod_3sd_concentration:.1f} pg/mL") in TEXT
    assert f"lowest standard of {conc[conc > 0].min():.1f} pg/mL" in TEXT


def test_the_censored_sample_solution_quotes_its_estimates() -> None:
    from widgets.models.censored import fit_lognormal_censored, simulated_censored_sample, substitution_estimate

    levels = simulated_censored_sample(50, geometric_mean=3.0, geometric_sd=2.5, limit_of_detection=2.5, seed=8)
    ml = fit_lognormal_censored(levels, 2.5)
    half = substitution_estimate(levels, 2.5, rule="LOD/2")
    assert f"about {ml.geometric_mean:.2f} pg/mL by maximum likelihood" in TEXT
    assert f"about {half.geometric_mean:.2f} pg/mL by LOD/2" in TEXT
    lo, hi = ml.geometric_mean_ci
    assert f"about {lo:.1f} to {hi:.1f} pg/mL, which contains the true 3.0" in TEXT
    assert lo < 3.0 < hi


def test_the_censoring_debrief_says_where_each_substitution_rule_is_closer() -> None:
    """Narrow distribution: LOD/√2 closer up to 30 % censored, LOD/2 from half (the explorer's frames)."""
    from widgets.explorers.assay import censoring_comparison

    def error(fraction: float, rule: str) -> float:
        return abs(censoring_comparison(fraction, 2.0)[1].median_ratio(rule) - 1)

    assert "LOD/√2 is the closer of the two while 30 % or fewer of the values are censored" in TEXT
    for fraction in (0.1, 0.3):
        assert error(fraction, "LOD/sqrt2") < error(fraction, "LOD/2")
    for fraction in (0.5, 0.7, 0.85):
        assert error(fraction, "LOD/2") < error(fraction, "LOD/sqrt2")
