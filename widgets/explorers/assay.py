"""Chapter 7 explorers: a standard curve, values below the limit of detection, and the hook effect.

* :func:`standard_curve_explorer` -- a SIMULATED ELISA plate at a chosen assay noise,
  and a sample at a chosen concentration read off the fitted curve: its back-calculated
  concentration, confidence interval and place on the precision profile
  (4 x 7 = 28 frames).
* :func:`censoring_explorer` -- SIMULATED log-normal cytokine levels with a chosen
  fraction below the limit of detection: how substituting LOD/2 or LOD/sqrt2 biases the
  geometric mean, compared with maximum likelihood (5 x 2 = 10 frames).
* :func:`hook_explorer` -- an equilibrium model of a one-step and a two-step sandwich
  assay with illustrative antibody amounts and affinities: where a sample's signal
  falls and what concentration the lab would report (3 x 6 = 18 frames).

Everything shown is computed by :mod:`widgets.models.assay`, :mod:`widgets.models.censored`
and :mod:`widgets.models.sandwich`; nothing here is measured data.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from widgets.explorers.core import Control, Frame, FrameExplorer, rows_table
from widgets.figures.assay import censoring_figure, hook_figure, standard_curve_figure
from widgets.models.assay import fit_logistic, logistic_curve, precision_profile, simulated_plate
from widgets.models.censored import (
    EstimatorComparison,
    compare_estimators,
    fit_lognormal_censored,
    simulated_censored_sample,
)
from widgets.models.sandwich import SandwichAssay
from widgets.parameters import value

__all__ = [
    "CENSORED_FRACTION_GRID",
    "CENSORING_GSD_GRID",
    "HOOK_DETECTION_GRID_PM",
    "HOOK_SAMPLE_GRID_PM",
    "PLATE_CV_GRID",
    "SAMPLE_GRID_PG_PER_ML",
    "TOY_SANDWICH",
    "censoring_comparison",
    "censoring_explorer",
    "censoring_frame",
    "hook_explorer",
    "hook_frame",
    "standard_curve_explorer",
    "standard_curve_frame",
]

PLATE_CV_GRID: tuple[float, ...] = (0.03, 0.06, 0.12, 0.2)
"""CV of a well's signal on the simulated plate (fractions)."""

SAMPLE_GRID_PG_PER_ML: tuple[float, ...] = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
"""True concentrations of the simulated sample, pg/mL."""

CENSORED_FRACTION_GRID: tuple[float, ...] = (0.1, 0.3, 0.5, 0.7, 0.85)
"""Expected fractions of values below the limit of detection."""

CENSORING_GSD_GRID: tuple[float, ...] = (2.0, 4.0)
"""True geometric SDs of the simulated cytokine levels."""

HOOK_DETECTION_GRID_PM: tuple[float, ...] = (100.0, 1000.0, 10000.0)
"""Detection antibody concentrations of the toy sandwich assay, pM."""

HOOK_SAMPLE_GRID_PM: tuple[float, ...] = (10.0, 100.0, 1e3, 1e4, 1e5, 1e6)
"""True analyte concentrations in the well, pM."""

TOY_SANDWICH: dict[str, float] = {"capture_pM": 100.0, "kd_capture_pM": 100.0, "kd_detection_pM": 100.0}
"""Illustrative capture-site concentration and affinities (made up for teaching; no real kit)."""

_SIMULATED_GM_PG_PER_ML = 2.0  # made-up geometric mean of the simulated population
_N_PER_SAMPLE = 60
_N_REPEATS = 200
_PROFILE_GRID = np.logspace(-0.5, 4.0, 181)
_REPLICATES = 2

def _num(x: float) -> str:
    return "—" if not math.isfinite(x) else (f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.3g}")


def _pct(x: float) -> str:
    return "—" if not math.isfinite(x) else f"{x * 100:.0f} %"


def _fmt(x: float) -> str:
    return "—" if not math.isfinite(x) else f"{x:.3g}"


# ---------------------------------------------------------------------------------
# (a) Standard curve
# ---------------------------------------------------------------------------------


def standard_curve_frame(*, cv: float, sample_pg_per_ml: float) -> Frame:
    """One frame of :func:`standard_curve_explorer`.

    Examples
    --------
    >>> standard_curve_frame(cv=0.06, sample_pg_per_ml=30.0).alt[:60]
    'Simulated ELISA standard curve with 6 % noise per well (fitt'
    """
    x, y, _ = simulated_plate(seed=7, cv=cv)
    fit = fit_logistic(x, y, weights="1/y^2")
    truth = {"bottom": 0.05, "top": 2.6, "ec50": 150.0, "slope": 1.0}  # the simulated_plate defaults
    signal = float(logistic_curve(sample_pg_per_ml, **truth))
    back = fit.back_calculate(signal, n_replicates=_REPLICATES)
    max_cv = value("lba_precision_cv_max_fraction")
    profile = precision_profile(fit, _PROFILE_GRID, n_replicates=_REPLICATES)
    lloq, uloq = profile.limits(max_cv)
    conc = float(back.concentration[0])
    if math.isfinite(conc):
        read = (f"the sample (true {sample_pg_per_ml:g} pg/mL, signal {signal:.3f}) reads as {conc:.3g} pg/mL, "
                f"95 % interval {back.lower[0]:.3g} to {back.upper[0]:.3g}, CV {_pct(float(back.cv[0]))}")
    else:
        read = f"the sample's signal {signal:.3f} lies outside the fitted curve and has no concentration"
    inside = math.isfinite(lloq) and lloq <= sample_pg_per_ml <= uloq
    alt = (f"Simulated ELISA standard curve with {_pct(cv)} noise per well (fitted 4PL, weights 1/y^2), in "
           f"duplicate: {read}. Right: precision profile, CV below {_pct(max_cv)} from {_fmt(lloq)} to "
           f"{_fmt(uloq)} pg/mL (shaded); the sample is {'inside' if inside else 'outside'} that range.")
    details = rows_table([
        ("true sample concentration", f"{sample_pg_per_ml:g} pg/mL"),
        ("back-calculated (mean of 2 wells)", f"{_fmt(conc)} pg/mL"),
        ("95 % interval", f"{_fmt(float(back.lower[0]))} – {_fmt(float(back.upper[0]))} pg/mL"),
        ("CV of the result", _pct(float(back.cv[0]))),
        (f"range with CV ≤ {_pct(max_cv)} (LLOQ – ULOQ)", f"{_fmt(lloq)} – {_fmt(uloq)} pg/mL"),
    ])
    fig = standard_curve_figure(fit, back=back, profile=profile, limits=(lloq, uloq), max_cv=max_cv)
    return Frame(fig, alt, details)


def standard_curve_explorer() -> FrameExplorer:
    """A simulated ELISA plate: back-calculation, its interval and the precision profile.

    Returns
    -------
    FrameExplorer
        Two sliders (noise per well; sample concentration), 28 frames.

    Examples
    --------
    >>> standard_curve_explorer()  # doctest: +SKIP
    FrameExplorer(cv: 4 values, sample_pg_per_ml: 7 values; 28 frames)
    """
    return FrameExplorer(
        standard_curve_frame,
        [
            Control("cv", PLATE_CV_GRID, label="Noise per well (CV)", unit="", default=0.06, fmt="{:.0%}"),
            Control("sample_pg_per_ml", SAMPLE_GRID_PG_PER_ML, label="True sample concentration",
                    unit="pg/mL", default=30.0),
        ],
        title="Reading a sample off a standard curve (simulated plate)",
    )


# ---------------------------------------------------------------------------------
# (b) Values below the limit of detection
# ---------------------------------------------------------------------------------


def _lod_for_fraction(fraction: float, gsd: float) -> float:
    return _SIMULATED_GM_PG_PER_ML * math.exp(float(stats.norm.ppf(fraction)) * math.log(gsd))


def censoring_comparison(fraction_below: float, geometric_sd: float) -> tuple[float, EstimatorComparison]:
    """The limit of detection and the estimator comparison that one censoring frame shows.

    Examples
    --------
    >>> lod, comparison = censoring_comparison(0.5, 2.0)
    >>> round(lod, 2), round(comparison.median_ratio("ML"), 2)
    (2.0, 1.02)
    """
    lod = _lod_for_fraction(fraction_below, geometric_sd)
    return lod, compare_estimators(n=_N_PER_SAMPLE, geometric_mean=_SIMULATED_GM_PG_PER_ML,
                                   geometric_sd=geometric_sd, limit_of_detection=lod,
                                   n_repeats=_N_REPEATS, seed=100)


def censoring_frame(*, fraction_below: float, geometric_sd: float) -> Frame:
    """One frame of :func:`censoring_explorer`.

    Examples
    --------
    >>> censoring_frame(fraction_below=0.5, geometric_sd=2.0).alt[:62]
    'Simulated cytokine levels, true geometric mean 2 pg/mL and geo'
    """
    lod, comparison = censoring_comparison(fraction_below, geometric_sd)
    sample = simulated_censored_sample(_N_PER_SAMPLE, geometric_mean=_SIMULATED_GM_PG_PER_ML,
                                       geometric_sd=geometric_sd, limit_of_detection=lod, seed=3)
    fit = fit_lognormal_censored(sample, lod)
    ratios = {m: comparison.median_ratio(m) for m in ("ML", "LOD/sqrt2", "LOD/2", "LOD")}
    alt = (f"Simulated cytokine levels, true geometric mean {_SIMULATED_GM_PG_PER_ML:g} pg/mL and geometric SD "
           f"{geometric_sd:g}, limit of detection {lod:.2g} pg/mL so that about {_pct(fraction_below)} of values "
           f"are below it. Left: histogram of one sample of {_N_PER_SAMPLE} with {int(np.isnan(sample).sum())} "
           f"values below the LOD. Right: over {_N_REPEATS} simulated samples the median estimate divided by "
           f"the truth is {ratios['ML']:.2f} for maximum likelihood, {ratios['LOD/sqrt2']:.2f} for LOD/√2, "
           f"{ratios['LOD/2']:.2f} for LOD/2 and {ratios['LOD']:.2f} for LOD.")
    details = rows_table(
        [(name, f"{ratios[key]:.2f}") for key, name in
         (("ML", "maximum likelihood"), ("LOD/sqrt2", "substitute LOD/√2"), ("LOD/2", "substitute LOD/2"),
          ("LOD", "substitute LOD"))],
        columns=("method", "median estimate / truth"),
    )
    fig = censoring_figure(sample, limit_of_detection=lod, fit=fit, comparison=comparison)
    return Frame(fig, alt, details)


def censoring_explorer() -> FrameExplorer:
    """Substitution against maximum likelihood as the censored fraction grows (simulated data).

    Returns
    -------
    FrameExplorer
        A slider (fraction below the LOD) and a menu (spread of the levels), 10 frames.

    Examples
    --------
    >>> censoring_explorer()  # doctest: +SKIP
    FrameExplorer(fraction_below: 5 values, geometric_sd: 2 values; 10 frames)
    """
    return FrameExplorer(
        censoring_frame,
        [
            Control("fraction_below", CENSORED_FRACTION_GRID, label="Fraction below the LOD", unit="",
                    default=0.5, fmt="{:.0%}"),
            Control("geometric_sd", (("narrow (GSD 2)", 2.0), ("wide (GSD 4)", 4.0)), label="Spread of the levels",
                    default=2.0),
        ],
        title="Geometric means from values below the limit of detection (simulated)",
    )


# ---------------------------------------------------------------------------------
# (c) Hook effect
# ---------------------------------------------------------------------------------

_HOOK_GRID_PM = np.logspace(-1, 8, 181)


def hook_frame(*, detection_pM: float, sample_pM: float) -> Frame:
    """One frame of :func:`hook_explorer`.

    Examples
    --------
    >>> hook_frame(detection_pM=1000.0, sample_pM=1e5).alt[:58]
    'One-step (solid) and two-step (dashed) sandwich assay mode'
    """
    assay = SandwichAssay(detection_pM=detection_pM, **TOY_SANDWICH)
    one = np.asarray(assay.signal(_HOOK_GRID_PM))
    two = np.asarray(assay.signal(_HOOK_GRID_PM, protocol="two-step"))
    onset = assay.hook_onset_pM()
    apparent = assay.apparent_concentration_pM(sample_pM)
    diluted = {f: assay.apparent_concentration_pM(sample_pM / f) * f for f in (10, 100, 1000)}
    alt = (f"One-step (solid) and two-step (dashed) sandwich assay model with {detection_pM:g} pM detection "
           f"antibody: the one-step signal peaks at about {_num(onset)} pM analyte and falls beyond it, the "
           f"two-step signal levels off. A sample of {_num(sample_pM)} pM reads as {_num(apparent)} pM in the "
           f"one-step assay; corrected for dilution it reads as {_num(diluted[10])} pM after 1:10, "
           f"{_num(diluted[100])} pM after 1:100 and {_num(diluted[1000])} pM after 1:1000.")
    details = rows_table([
        ("true concentration in the well", f"{_num(sample_pM)} pM"),
        ("reported by the one-step assay", f"{_num(apparent)} pM"),
        *((f"reported after 1:{f:,} dilution (× {f:,})", f"{_num(v)} pM") for f, v in diluted.items()),
        ("one-step signal peaks at", f"{_num(onset)} pM"),
    ])
    fig = hook_figure(_HOOK_GRID_PM, one_step=one, two_step=two, sample_pM=sample_pM, apparent_pM=apparent)
    return Frame(fig, alt, details)


def hook_explorer() -> FrameExplorer:
    """The hook effect in an illustrative one-step sandwich assay.

    Returns
    -------
    FrameExplorer
        Two sliders (detection antibody; sample concentration), 18 frames.

    Examples
    --------
    >>> hook_explorer()  # doctest: +SKIP
    FrameExplorer(detection_pM: 3 values, sample_pM: 6 values; 18 frames)
    """
    return FrameExplorer(
        hook_frame,
        [
            Control("detection_pM", HOOK_DETECTION_GRID_PM, label="Detection antibody", unit="pM",
                    default=1000.0),
            Control("sample_pM", HOOK_SAMPLE_GRID_PM, label="Analyte in the sample", unit="pM", default=1e5),
        ],
        title="The hook effect in a one-step sandwich assay (model)",
    )
