"""Checks for the computational exercises of Chapter 7, "Measuring cytokines".

Every expected value is computed by the package from the same simulated data the
exercise names, so a check cannot disagree with the model it tests.
"""

from __future__ import annotations

from widgets.checks import Numbers, register
from widgets.models.assay import (
    detection_limits,
    fit_logistic,
    quantification_range,
    replicate_precision,
    simulated_plate,
)
from widgets.models.censored import fit_lognormal_censored, simulated_censored_sample, substitution_estimate
from widgets.parameters import value
from widgets.units import iu_per_ml_to_pg_per_ml, pg_per_ml_to_pM

__all__: list[str] = []

FIT_SAMPLE_OD: tuple[float, ...] = (0.25, 0.90, 1.80)
"""Mean ODs of the three samples of ex-ch7-fit."""


def _fit21():  # noqa: ANN202
    conc, od, blanks = simulated_plate(seed=21)
    return fit_logistic(conc, od, weights="1/y^2"), blanks


def _fit_answer() -> list[float]:
    fit, _ = _fit21()
    return list(fit.back_calculate(list(FIT_SAMPLE_OD), n_replicates=2).concentration)


def _lloq_answer() -> list[float]:
    conc, od, _ = simulated_plate(seed=5, replicates=5, n_standards=9, cv=0.08)
    fit = fit_logistic(conc, od, weights="1/y^2")
    return list(quantification_range(replicate_precision(fit, conc[conc > 0], od[conc > 0])))


def _detection_answer() -> list[float]:
    fit, blanks = _fit21()
    lim = detection_limits(fit, blanks)
    return [lim.lob_concentration, lim.lod_3sd_concentration]


def _censored_answer() -> list[float]:
    levels = simulated_censored_sample(50, geometric_mean=3.0, geometric_sd=2.5, limit_of_detection=2.5, seed=8)
    return [fit_lognormal_censored(levels, 2.5).geometric_mean,
            substitution_estimate(levels, 2.5, rule="LOD/2").geometric_mean]


def _units_answer() -> list[float]:
    activity = value("aldesleukin_vial_MIU_per_ml") * 1e6 / value("aldesleukin_vial_mg_per_ml")
    pg = iu_per_ml_to_pg_per_ml(100.0, specific_activity_iu_per_mg=activity)
    return [float(pg), float(pg_per_ml_to_pM(pg, mass_kDa=value("aldesleukin_mass_Da") / 1000))]


register(Numbers(
    "ex-ch7-fit", _fit_answer, unit="pg/mL", rtol=0.03, close_rtol=0.25,
    hint="Fit with weights='1/y^2' and back-calculate the mean ODs with n_replicates=2; "
         "give concentrations in pg/mL in the order of the ODs.",
    what="concentrations",
))
register(Numbers(
    "ex-ch7-lloq", _lloq_answer, unit="pg/mL", rtol=0.01, close_rtol=0.5,
    hint="Use replicate_precision on the non-zero standards, then quantification_range with its defaults.",
    what="limits",
))
register(Numbers(
    "ex-ch7-detection", _detection_answer, unit="pg/mL", rtol=0.05, close_rtol=0.3,
    hint="detection_limits(fit, blanks) gives lob_concentration and lod_3sd_concentration.",
    what="limits",
))
register(Numbers(
    # the two estimates differ by under 1 %, so "right" needs two decimals and the order
    # [ML, LOD/2]: a swapped answer, or one estimate given twice, is only close
    "ex-ch7-censored", _censored_answer, unit="pg/mL", rtol=0.004, close_rtol=0.2,
    hint="fit_lognormal_censored(values, 2.5).geometric_mean, then substitution_estimate(..., rule='LOD/2'); "
         "give both with two decimals, the maximum-likelihood estimate first.",
    what="geometric means",
))
register(Numbers(
    "ex-ch7-units", _units_answer, rtol=0.02, close_rtol=0.25,
    hint="Specific activity = IU per mL / mg per mL; pg/mL = IU/mL / (IU/mg) x 1e9; pM = pg/mL / kDa.",
    what="values (pg/mL, pM)",
))
