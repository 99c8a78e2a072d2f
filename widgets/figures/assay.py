"""Figures for Chapter 7, "Measuring cytokines".

* :func:`standard_curve_figure` -- a fitted standard curve with its standards, one
  sample read off the curve with its confidence interval, and (optionally) the
  precision profile with the limits of quantification beside it.
* :func:`weighting_figure` -- the same plate fitted with and without weights, and
  the relative residuals that show why weighting matters.
* :func:`dose_response_fit_figure` -- a fitted 4PL over a published dataset.
* :func:`censoring_figure` -- a sample with values below the limit of detection, and
  how substitution and maximum likelihood estimate its geometric mean.
* :func:`hook_figure` -- signal against analyte in a one-step and a two-step
  sandwich assay, with a sample on the falling branch of the hook.

Every function draws; the numbers come from :mod:`widgets.models.assay`,
:mod:`widgets.models.censored` and :mod:`widgets.models.sandwich`. Each returns a
:class:`matplotlib.figure.Figure` made without pyplot, with fixed margins.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter
from numpy.typing import ArrayLike

from widgets.figures.style import LOG_TICKS, MUTED, OKABE_ITO, PALETTE, book_style
from widgets.models.assay import BackCalculation, LogisticFit, PrecisionProfile
from widgets.models.censored import CensoredLognormalFit, EstimatorComparison

__all__ = [
    "censoring_figure",
    "dose_response_fit_figure",
    "hook_figure",
    "standard_curve_figure",
    "weighting_figure",
]

_BLUE, _VERM, _GREEN, _ORANGE, _PURPLE = (OKABE_ITO[k] for k in
                                          ("blue", "vermillion", "bluish green", "orange", "reddish purple"))
_SHADE = "#eef4fa"


def _num(x: float) -> str:
    """A concentration for a label: 3 significant digits, thousands separated ('10,000')."""
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.3g}"


def _zero_position(conc: np.ndarray) -> float:
    """Where to draw zero-concentration points on a log axis: a factor 3 left of the lowest standard."""
    positive = conc[conc > 0]
    return float(positive.min()) / 3.0


def _log_x(ax: Axes, lo: float, hi: float, *, zero_at: float | None = None) -> None:
    ax.set_xscale("log")
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_formatter(LOG_TICKS)
    ax.xaxis.set_minor_formatter(NullFormatter())
    if zero_at is not None:
        ax.axvline(zero_at * 1.8, color="#cccccc", lw=0.8, ls=(0, (2, 2)))
        ticks = [t for t in ax.get_xticks() if lo <= t <= hi and t > zero_at * 2]
        ax.set_xticks([zero_at, *ticks])
        ax.set_xticklabels(["0", *[LOG_TICKS(t) for t in ticks]])


def standard_curve_figure(
    fit: LogisticFit,
    *,
    back: BackCalculation | None = None,
    profile: PrecisionProfile | None = None,
    limits: tuple[float, float] | None = None,
    max_cv: float | None = None,
    concentration_unit: str = "pg/mL",
    signal_label: str = "Signal (optical density)",
    title: str | None = None,
) -> Figure:
    """A standard curve (left) and, if given, its precision profile (right).

    Parameters
    ----------
    fit : LogisticFit
        The fitted curve; its standards are drawn as points (zero standards at "0").
    back : BackCalculation, optional
        One sample to read off the curve: a horizontal line at its signal, a point at
        its back-calculated concentration and the confidence interval as a bar.
    profile : PrecisionProfile, optional
        CV of back-calculated concentration across the range (right panel).
    limits : (float, float), optional
        LLOQ and ULOQ to shade (the range of quantification).
    max_cv : float, optional
        The CV limit to draw as a line on the profile (a fraction).
    concentration_unit, signal_label : str
        Axis labels.
    title : str, optional
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
        Two axes (the curve, then the precision profile), or one without ``profile``.

    Examples
    --------
    >>> from widgets.models.assay import fit_logistic, simulated_plate
    >>> fit = fit_logistic(*simulated_plate(seed=1)[:2], weights="1/y^2")
    >>> fig = standard_curve_figure(fit, back=fit.back_calculate(1.0, n_replicates=2))
    >>> len(fig.axes)
    1
    """
    x, y = np.asarray(fit.concentration), np.asarray(fit.response)
    zero_at = _zero_position(x)
    positive = x[x > 0]
    lo, hi = zero_at / 1.6, float(positive.max()) * 4.0
    grid = np.logspace(np.log10(zero_at * 2.0), np.log10(hi), 300)
    with book_style():
        fig = Figure(figsize=(8.6, 4.2) if profile is not None else (7.0, 4.2))
        if profile is not None:
            ax = fig.add_axes((0.08, 0.14, 0.40, 0.72))
            ax2 = fig.add_axes((0.59, 0.14, 0.38, 0.72))
        else:
            ax = fig.add_axes((0.11, 0.14, 0.85, 0.72))
            ax2 = None
        if limits is not None and np.all(np.isfinite(limits)):
            for a in (ax, ax2):
                if a is not None:
                    a.axvspan(limits[0], limits[1], color=_SHADE, zorder=0)
        ax.plot(grid, np.asarray(fit.predict(grid)), color=_BLUE, lw=2.2, label=f"fitted {fit.model}")
        xs = np.where(x > 0, x, zero_at)
        ax.plot(xs, y, "o", ms=5, mfc="white", mec="#333333", mew=1.2, label="standards", zorder=3)
        if back is not None:
            signal, conc = float(back.response[0]), float(back.concentration[0])
            ax.axhline(signal, color=_VERM, lw=1.2, ls=(0, (4, 2)))
            if np.isfinite(conc):
                ax.plot([conc], [signal], "D", color=_VERM, ms=7, zorder=4, label="sample")
                ax.plot([back.lower[0], back.upper[0]], [signal, signal], color=_VERM, lw=5, alpha=0.45,
                        solid_capstyle="butt", zorder=3)
                ax.annotate(f"{conc:.3g} {concentration_unit}\n{back.level:.0%} CI {back.lower[0]:.3g}–"
                            f"{back.upper[0]:.3g}", xy=(conc, signal), xytext=(8, 10), textcoords="offset points",
                            fontsize=9, color=_VERM)
            else:
                ax.text(0.03, 0.93, "sample outside the curve:\nno concentration", transform=ax.transAxes,
                        color=_VERM, fontsize=9, va="top")
        _log_x(ax, lo, hi, zero_at=zero_at)
        ax.set_xlabel(f"Concentration ({concentration_unit})")
        ax.set_ylabel(signal_label)
        ax.legend(loc="upper left", fontsize=9)
        if ax2 is not None and profile is not None:
            cv = np.asarray(profile.cv) * 100
            ax2.plot(profile.concentration, cv, color=_GREEN, lw=2.2)
            if max_cv is not None:
                ax2.axhline(max_cv * 100, color=MUTED, lw=1.2, ls=(0, (4, 2)))
                ax2.text(profile.concentration[0] * 1.1, max_cv * 100 * 1.04, f"{max_cv:.0%} CV limit",
                         fontsize=9, color="#555555", va="bottom")
            if back is not None and np.isfinite(back.concentration[0]):
                ax2.plot([back.concentration[0]], [back.cv[0] * 100], "D", color=_VERM, ms=7, zorder=4)
            _log_x(ax2, profile.concentration[0], profile.concentration[-1])
            finite = cv[np.isfinite(cv)]
            ax2.set_ylim(0, min(100.0, float(finite.max()) * 1.05) if finite.size else 100.0)
            ax2.set_xlabel(f"Concentration ({concentration_unit})")
            ax2.set_ylabel("CV of back-calculated concentration (%)")
            ax2.set_title("Precision profile", fontsize=11)
        if title:
            fig.suptitle(title, fontsize=12, y=0.97)
    return fig


def weighting_figure(
    fits: Mapping[str, LogisticFit],
    *,
    study: pd.DataFrame | None = None,
    concentration_unit: str = "pg/mL",
) -> Figure:
    """One plate fitted in different ways (left) and, on the right, either the relative
    residuals of that plate or the typical error of each scheme over many simulated plates.

    Parameters
    ----------
    fits : mapping of label to LogisticFit
        Fits of the same standards (two or three).
    study : pandas.DataFrame, optional
        Output of :func:`widgets.models.assay.weighting_study`; its ``scheme`` values
        are matched to the fits by order (``none``, ``1/y``, ``1/y^2``).

    Returns
    -------
    matplotlib.figure.Figure
        Two axes: the fitted plate, then the residuals (no ``study``) or the study's errors.

    Examples
    --------
    >>> from widgets.models.assay import fit_logistic, simulated_plate
    >>> x, y, _ = simulated_plate(seed=2)
    >>> fig = weighting_figure({"unweighted": fit_logistic(x, y), "1/y²": fit_logistic(x, y, weights="1/y^2")})
    >>> len(fig.axes)
    2
    """
    first = next(iter(fits.values()))
    x, y = np.asarray(first.concentration), np.asarray(first.response)
    zero_at = _zero_position(x)
    lo, hi = zero_at / 1.6, float(x.max()) * 4.0
    grid = np.logspace(np.log10(zero_at * 2.0), np.log10(hi), 300)
    xs = np.where(x > 0, x, zero_at)
    with book_style():
        fig = Figure(figsize=(8.6, 4.2))
        ax = fig.add_axes((0.08, 0.14, 0.40, 0.74))
        ax2 = fig.add_axes((0.59, 0.14, 0.38, 0.74))
        ax.plot(xs, y, "o", ms=5, mfc="white", mec="#333333", mew=1.2, zorder=3, label="standards")
        styles = ["-", (0, (5, 2)), (0, (1, 1.5))]
        offsets = np.linspace(-0.06, 0.06, len(fits))
        for k, (label, f) in enumerate(fits.items()):
            colour = PALETTE[k]
            ax.plot(grid, np.asarray(f.predict(grid)), color=colour, ls=styles[k % 3], lw=2.0, label=label)
            if study is None:
                rel = (y - np.asarray(f.predict(x))) / np.asarray(f.predict(x)) * 100
                ax2.plot(xs * 10 ** offsets[k], rel, "o", color=colour, ms=5, label=label)
            else:
                scheme = {"none": "none", "1/y": "1/y", "1/y^2": "1/y^2"}[f.weights] if f.weights != "user" else None
                part = study[study["scheme"] == scheme]
                ax2.plot(part["nominal"], part["median_abs_relative_error"] * 100, "o", color=colour,
                         ls=styles[k % 3], lw=1.6, ms=5, label=label)
        _log_x(ax, lo, hi, zero_at=zero_at)
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(LOG_TICKS)
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.set_xlabel(f"Concentration ({concentration_unit})")
        ax.set_ylabel("Signal (optical density, log scale)")
        ax.legend(loc="upper left", fontsize=9)
        if study is None:
            ax2.axhline(0, color="#555555", lw=1)
            _log_x(ax2, lo, hi, zero_at=zero_at)
            ax2.set_ylabel("Residual (% of fitted signal)")
            ax2.set_xlabel(f"Concentration ({concentration_unit})")
        else:
            ax2.set_xscale("log")
            ax2.xaxis.set_major_formatter(LOG_TICKS)
            ax2.xaxis.set_minor_formatter(NullFormatter())
            ax2.set_ylim(0, None)
            ax2.set_ylabel("Typical error of back-calculated\nconcentration (%, median)")
            ax2.set_xlabel(f"Nominal concentration ({concentration_unit})")
            ax2.set_title(f"{int(study.attrs.get('n_plates', 0)) or 'many'} simulated plates", fontsize=10)
        ax2.legend(loc="upper left", fontsize=9)
    return fig


def dose_response_fit_figure(
    fit: LogisticFit, *, xlabel: str, ylabel: str, reference: Mapping[str, float] | None = None
) -> Figure:
    """A 4PL fitted to a published dataset, with the fitted EC50 marked.

    Parameters
    ----------
    fit : LogisticFit
        The fit (its data are drawn).
    xlabel, ylabel : str
        Axis labels with units.
    reference : mapping, optional
        Published parameter values to list beside the fitted ones.

    Returns
    -------
    matplotlib.figure.Figure
        One axes: the data, the 4PL fit and its EC50.

    Examples
    --------
    >>> from widgets.models.assay import fit_logistic, simulated_plate
    >>> fit = fit_logistic(*simulated_plate(seed=1)[:2])
    >>> dose_response_fit_figure(fit, xlabel="x", ylabel="y").axes[0].get_xlabel()
    'x'
    """
    x, y = np.asarray(fit.concentration), np.asarray(fit.response)
    zero_at = _zero_position(x)
    lo, hi = zero_at / 1.6, float(x.max()) * 3.0
    grid = np.logspace(np.log10(zero_at * 2.0), np.log10(hi), 300)
    with book_style():
        fig = Figure(figsize=(7.0, 4.2))
        ax = fig.add_axes((0.10, 0.14, 0.56, 0.80))
        ax.plot(np.where(x > 0, x, zero_at), y, "o", ms=5, mfc="white", mec="#333333", mew=1.2, zorder=3,
                label="data")
        ax.plot(grid, np.asarray(fit.predict(grid)), color=_BLUE, lw=2.2, label="fitted 4PL")
        e = fit.params["ec50"]
        ax.axvline(e, color=_ORANGE, lw=1.2, ls=(0, (4, 2)))
        _log_x(ax, lo, hi, zero_at=zero_at)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.legend(loc="best", fontsize=9)
        lines = ["parameter   fitted" + ("   published" if reference else "")]
        for name in ("bottom", "top", "ec50", "slope"):
            row = f"{name:<10}{fit.params[name]:>9.5f}"
            if reference and name in reference:
                row += f"{reference[name]:>11.5f}"
            lines.append(row)
        fig.text(0.69, 0.80, "\n".join(lines), family="monospace", fontsize=8.5, va="top")
    return fig


def censoring_figure(
    values: ArrayLike,
    *,
    limit_of_detection: float,
    fit: CensoredLognormalFit,
    comparison: EstimatorComparison,
    unit: str = "pg/mL",
) -> Figure:
    """A censored sample (left) and the estimates of its geometric mean by each method (right).

    Parameters
    ----------
    values : sequence of float
        One simulated sample (``nan`` below the LOD).
    limit_of_detection : float
        The LOD.
    fit : CensoredLognormalFit
        Maximum-likelihood fit of ``values`` (its curve is drawn over the histogram).
    comparison : EstimatorComparison
        Estimates from many simulated samples with the same truth and LOD.
    unit : str
        Concentration unit.

    Returns
    -------
    matplotlib.figure.Figure
        Two axes: the histogram of the sample, then the estimates by method.

    Examples
    --------
    >>> from widgets.models.censored import compare_estimators, fit_lognormal_censored, simulated_censored_sample
    >>> x = simulated_censored_sample(60, geometric_mean=2.0, geometric_sd=3.0, limit_of_detection=1.0, seed=1)
    >>> cmp = compare_estimators(n=60, geometric_mean=2.0, geometric_sd=3.0, limit_of_detection=1.0, n_repeats=10)
    >>> len(censoring_figure(x, limit_of_detection=1.0, fit=fit_lognormal_censored(x, 1.0), comparison=cmp).axes)
    2
    """
    v = np.asarray(values, dtype=float)
    observed = v[~np.isnan(v)]
    n_cens = int(np.isnan(v).sum())
    gm, gsd = comparison.geometric_mean, comparison.geometric_sd
    lo = np.log10(gm) - 3.2 * np.log10(gsd)
    hi = np.log10(gm) + 3.2 * np.log10(gsd)
    bins = np.linspace(lo, hi, 26)
    width = bins[1] - bins[0]
    with book_style():
        fig = Figure(figsize=(8.6, 4.2))
        ax = fig.add_axes((0.08, 0.14, 0.42, 0.74))
        ax2 = fig.add_axes((0.62, 0.14, 0.35, 0.74))
        log_lod = np.log10(limit_of_detection)
        ax.axvspan(lo, log_lod, color="#f3f3f3", zorder=0)
        edges = np.asarray(bins, dtype=float).tolist()
        ax.hist(np.log10(observed), bins=edges, color=_BLUE, alpha=0.85, label="measured")
        ax.axvline(log_lod, color=_VERM, lw=2)
        ax.text(log_lod - 0.03 * (hi - lo), ax.get_ylim()[1] * 0.92, f"{n_cens} of {v.size}\nbelow LOD",
                ha="right", va="top", fontsize=9, color=_VERM)
        grid = np.linspace(lo, hi, 200)
        z = (grid * np.log(10) - fit.mu_log) / fit.sigma_log
        dens = np.exp(-0.5 * z**2) / (fit.sigma_log * np.sqrt(2 * np.pi))
        ax.plot(grid, dens * v.size * width * np.log(10), color=_ORANGE, lw=2, label="ML log-normal fit")
        ticks = np.arange(np.ceil(lo), np.floor(hi) + 1)
        ax.set_xticks(ticks)
        ax.set_xticklabels([LOG_TICKS(10.0 ** t) for t in ticks])
        ax.set_xlim(lo, hi)
        ax.set_xlabel(f"Concentration ({unit}, log scale)")
        ax.set_ylabel("Number of values")
        ax.legend(loc="upper right", fontsize=9)
        methods = ["ML", "LOD/sqrt2", "LOD/2", "LOD"]
        labels = ["maximum\nlikelihood", "LOD/√2", "LOD/2", "LOD"]
        colours = [_ORANGE, _GREEN, _PURPLE, MUTED]
        for k, m in enumerate(methods):
            est = comparison.estimates[m]
            est = est[np.isfinite(est)] / gm
            if est.size:
                q1, med, q3 = np.percentile(est, [10, 50, 90])
                ax2.plot([q1, q3], [k, k], color=colours[k], lw=6, alpha=0.5, solid_capstyle="butt")
                ax2.plot([med], [k], "o", color=colours[k], ms=8)
        ax2.axvline(1.0, color="#333333", lw=1.2)
        ax2.set_xscale("log")
        ax2.xaxis.set_minor_formatter(NullFormatter())
        ax2.set_xlim(0.25, 4.0)
        ax2.set_xticks([0.25, 0.5, 1, 2, 4])
        ax2.set_xticklabels(["¼", "½", "1", "2", "4"])
        ax2.set_yticks(range(len(methods)))
        ax2.set_yticklabels(labels, fontsize=9)
        ax2.set_ylim(-0.6, len(methods) - 0.4)
        ax2.invert_yaxis()
        ax2.set_xlabel("Estimated / true geometric mean")
        ax2.set_title(f"{comparison.n_repeats} simulated samples", fontsize=10)
    return fig


def hook_figure(
    analyte_pM: ArrayLike,
    *,
    one_step: ArrayLike,
    two_step: ArrayLike,
    sample_pM: float | None = None,
    apparent_pM: float | None = None,
) -> Figure:
    """Sandwich signal against analyte for one-step and two-step assays, with a sample.

    Parameters
    ----------
    analyte_pM : sequence of float
        Analyte concentrations (> 0), pM.
    one_step, two_step : sequence of float
        Sandwich concentrations (pM) of the two formats at those concentrations.
    sample_pM : float, optional
        A sample's true concentration, marked on the one-step curve.
    apparent_pM : float, optional
        The concentration a lab would read for that sample from the rising branch.

    Returns
    -------
    matplotlib.figure.Figure
        One axes: signal against analyte (log scale) for both formats.

    Examples
    --------
    >>> import numpy as np
    >>> g = np.logspace(0, 6, 10)
    >>> hook_figure(g, one_step=g / (1 + g / 100) ** 2, two_step=g / (1 + g / 100)).axes[0].get_xscale()
    'log'
    """
    a = np.asarray(analyte_pM, dtype=float)
    s1, s2 = np.asarray(one_step, dtype=float), np.asarray(two_step, dtype=float)
    with book_style():
        fig = Figure(figsize=(7.0, 4.2))
        ax = fig.add_axes((0.11, 0.14, 0.85, 0.74))
        ax.plot(a, s2, color=MUTED, lw=2, ls=(0, (5, 2)), label="two-step (wash before detection)")
        ax.plot(a, s1, color=_BLUE, lw=2.4, label="one-step (all together)")
        ax.set_ylim(0, max(s1.max(), s2.max()) * 1.18)
        peak = int(np.argmax(s1))
        ax.axvspan(a[peak], a[-1], color="#fbeee6", zorder=0)
        ax.text(a[peak] * 1.5, s2.max() * 1.02, "hook region", fontsize=9, color=_VERM, va="bottom")
        if sample_pM is not None:
            sig = float(np.interp(np.log(sample_pM), np.log(a), s1))
            ax.plot([sample_pM], [sig], "D", color=_VERM, ms=8, zorder=4, label="sample")
            if apparent_pM is not None and np.isfinite(apparent_pM) and abs(np.log(apparent_pM / sample_pM)) > 0.05:
                ax.plot([apparent_pM], [sig], "o", mfc="white", mec=_VERM, mew=2, ms=8, zorder=4)
                ax.annotate("", xy=(apparent_pM, sig), xytext=(sample_pM, sig),
                            arrowprops={"arrowstyle": "->", "color": _VERM, "lw": 1.4})
                ax.text(np.sqrt(apparent_pM * sample_pM), sig + 0.03 * ax.get_ylim()[1] + 0.02 * s2.max(),
                        f"a {_num(sample_pM)} pM sample reads as {_num(apparent_pM)} pM", ha="center", fontsize=9,
                        color=_VERM)
        _log_x(ax, a[0], a[-1])
        ax.set_xlabel("Analyte in the well (pM)")
        ax.set_ylabel("Sandwiches formed (pM), ∝ signal")
        ax.legend(loc="upper left", fontsize=9)
    return fig
