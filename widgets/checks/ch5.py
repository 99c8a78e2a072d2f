"""Checks for the computational exercises of Chapter 5, "Cytokines in health and disease".

Every expected value is computed by the package when the check runs: from the
Reynolds et al. (2006) model, from the teaching storm model (made up for teaching),
from the sourced table of serum IL-6 levels and from the sourced trial counts.
"""

from __future__ import annotations

from widgets.checks import Number, Numbers, register
from widgets.models import reynolds2006, serum, storm
from widgets.models.trials import absolute_risk_reduction_points, number_needed_to_treat
from widgets.parameters import value

THRESHOLD_K_PG_PER_H = 0.3
"""Pathogen growth rate of ex-ch5-threshold (the paper's Fig. 5a-b), in per h."""

BLOCK_AMPLIFICATION_PER_H = 4.0
"""Amplification strength of ex-ch5-block (teaching model), in a.u. per h."""


def _recovery_arms() -> tuple[tuple[float, float], tuple[float, float]]:
    """(deaths, patients) with usual care and with tocilizumab in RECOVERY (recovery2021, abstract)."""
    usual = (value("recovery_tocilizumab_control_deaths_count"), value("recovery_tocilizumab_control_patients_count"))
    toci = (value("recovery_tocilizumab_deaths_count"), value("recovery_tocilizumab_patients_count"))
    return usual, toci


register(Number(
    "ex-ch5-threshold",
    lambda: reynolds2006.health_threshold_pathogen0(parameters={"k_pg": THRESHOLD_K_PG_PER_H}, rtol=1e-4),
    unit="10^6 per cc",
    rtol=0.01,
    close_rtol=0.1,
    hint="Bisect on P(0) between a load that heals (1.0) and one that does not (1.5), "
         "classifying each run with classify_outcome.",
))

register(Number(
    "ex-ch5-block",
    lambda: storm.block_to_end_storm(amplification_per_h=BLOCK_AMPLIFICATION_PER_H),
    unit="fraction between 0 and 1",
    rtol=0.02,
    close_rtol=0.15,
    hint="The storm state vanishes when (1 - b) V falls below the lower end of the bistable "
         "window; answer as a fraction, not a percentage.",
))

register(Numbers(
    "ex-ch5-clearance",
    lambda: list(storm.bistable_window(extra_clearance_per_h=storm.TEACHING_PARAMETERS["clearance_per_h"])),
    unit="a.u. per h",
    rtol=0.02,
    close_rtol=0.15,
    hint="Doubling clearance means adding extra_clearance_per_h equal to the clearance already there; "
         "give the lower end of the window first.",
    what="window ends",
))

register(Numbers(
    "ex-ch5-il6",
    lambda: [serum.fold_over_healthy(c) for c in ("severe or critical COVID-19", "sepsis",
                                                  "cytokine release syndrome (CAR-T)")],
    rtol=0.02,
    close_rtol=0.2,
    hint="Divide each pooled mean by the pooled mean of healthy adults, in the order COVID-19, sepsis, CRS.",
    what="ratios",
))

register(Numbers(
    "ex-ch5-recovery",
    lambda: [absolute_risk_reduction_points(control=_recovery_arms()[0], treated=_recovery_arms()[1]),
             number_needed_to_treat(control=_recovery_arms()[0], treated=_recovery_arms()[1])],
    rtol=0.03,
    close_rtol=0.2,
    hint="Work in percentages of each arm: usual care minus tocilizumab, then 100 divided by that difference.",
    what="answers",
))
