"""Chapter 3 explorers: how fast a receptor fills, and an IL-13 signal with and without brakes.

* :func:`binding_explorer` -- receptor occupancy against time after a cytokine is
  added, for a chosen K_D and cytokine concentration (6 x 4 = 24 frames), under the
  illustrative association rate constant of :mod:`widgets.models.kinetics`.
* :func:`raia_explorer` -- pSTAT5 and SOCS3 over two hours in the IL-13 model of
  Raia et al. (2011), for a chosen dose, with or without SOCS3 feedback and with a
  chosen strength of JAK2 inhibition (4 x 2 x 5 = 40 frames). Removing the feedback
  and inhibiting JAK2 are explorations beyond the paper.
* :func:`raia_live_explorer` -- the same model integrated in the reader's browser
  (:mod:`widgets.explorers.live`): continuous dose, JAK2 inhibition, SOCS3 brake and
  SOCS3 degradation, and the feedback switch.
"""

from __future__ import annotations

import html

from widgets.explorers.core import Control, Frame, FrameExplorer, rows_table
from widgets.explorers.live import LiveExplorer, Panel, Peak, Reference, Series, Slider, Switch, TimeGrid, ValueAt
from widgets.figures.signalling import binding_time_course_figure, raia_time_course_figure
from widgets.figures.style import PALETTE
from widgets.models.kinetics import binding_summary, named_affinities_pM
from widgets.models.raia2011 import (
    DEFAULT_PARAMETERS,
    EXPERIMENTAL_IL13_LEVELS,
    IL13_DOSE_UNIT,
    OBSERVABLE_UNITS,
    TIME_COURSE_MIN,
    time_course,
)
from widgets.models.raia2011 import MODEL as raia_model
from widgets.units import format_minutes

__all__ = [
    "BINDING_KD_GRID_PM",
    "BINDING_LIGAND_GRID_PM",
    "FEEDBACK_OPTIONS",
    "JAK2_INHIBITION_GRID",
    "RAIA_DOSE_GRID",
    "binding_explorer",
    "binding_frame",
    "raia_explorer",
    "raia_frame",
    "raia_live_explorer",
]

BINDING_KD_GRID_PM: tuple[float, ...] = tuple(sorted({1.0, 10.0, 100.0, 1000.0, *named_affinities_pM()}))
"""K_D values of the binding explorer, in pM: decades plus every measured single value
(19 and 420 pM, TNF on TNFR1 and TNFR2)."""

BINDING_LIGAND_GRID_PM: tuple[float, ...] = (1, 10, 100, 1000)
"""Cytokine concentrations of the binding explorer, in pM."""

RAIA_DOSE_GRID: tuple[float, ...] = (1.0, *(level for level in EXPERIMENTAL_IL13_LEVELS if level > 0))
"""IL-13 doses of the Raia explorer: a low dose, then the doses of the experiments."""

FEEDBACK_OPTIONS: tuple[tuple[str, bool], ...] = (("on (published model)", True), ("off (exploration)", False))
"""Menu entries of the SOCS3 feedback control."""

JAK2_INHIBITION_GRID: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75, 0.9)
"""Strengths of the modelled JAK inhibitor, as fractional reduction of JAK2 phosphorylation."""

# ---------------------------------------------------------------------------------
# Binding explorer
# ---------------------------------------------------------------------------------


def binding_frame(*, kd_pM: float, ligand_pM: float) -> Frame:
    """One frame of :func:`binding_explorer`: the curve, its alt text and its numbers.

    Examples
    --------
    >>> binding_frame(kd_pM=19, ligand_pM=10).alt[:72]
    'Fraction of receptors bound against time after adding 10 pM cytokine to '
    """
    s = binding_summary(kd_pM, ligand_pM)
    name = named_affinities_pM().get(float(kd_pM))
    kd_words = f"K_D = {kd_pM:g} pM" + (f" ({name})" if name else "")
    alt = (
        f"Fraction of receptors bound against time after adding {ligand_pM:g} pM cytokine to a "
        f"receptor with {kd_words}, on a log time axis from 0.1 min to a week: the bold "
        f"S-shaped curve levels off at {s.theta_eq:.2f} of receptors bound and reaches 95 % of "
        f"that level after {format_minutes(s.t95_min)}. Grey curves show the same receptor at "
        f"the other concentrations; higher concentrations level off higher and sooner."
    )
    details = rows_table([
        ("k<sub>off</sub> = K<sub>D</sub> · k<sub>on</sub> (assumed k<sub>on</sub>)",
         f"{s.koff_per_s:.2g} s<sup>-1</sup>"),
        ("half-life of a bound complex", format_minutes(s.half_life_min)),
        ("occupancy at equilibrium", f"{s.theta_eq:.2f}"),
        ("time to 95 % of equilibrium", format_minutes(s.t95_min)),
    ])
    fig = binding_time_course_figure(kd_pM, ligand_pM, context_ligands_pM=BINDING_LIGAND_GRID_PM)
    return Frame(fig, alt, details)


def binding_explorer() -> FrameExplorer:
    """Receptor occupancy over time for a chosen K_D and cytokine concentration.

    Assumes one illustrative association rate constant (10^7 M^-1 s^-1) for every
    receptor, so that a lower K_D means a slower k_off.

    Returns
    -------
    FrameExplorer
        Two sliders (K_D in pM, concentration in pM), 24 precomputed frames.

    Examples
    --------
    >>> binding_explorer()
    FrameExplorer(kd_pM: 6 values, ligand_pM: 4 values; 24 frames)
    """
    return FrameExplorer(
        binding_frame,
        [
            Control("kd_pM", BINDING_KD_GRID_PM, label="Dissociation constant K_D", unit="pM", default=19),
            Control("ligand_pM", BINDING_LIGAND_GRID_PM, label="Cytokine concentration", unit="pM", default=10),
        ],
        title="How long does binding take? Move the sliders",
    )


# ---------------------------------------------------------------------------------
# Raia et al. 2011 explorer
# ---------------------------------------------------------------------------------


def raia_frame(*, il13_dose: float, socs3_feedback: bool, jak2_inhibition: float) -> Frame:
    """One frame of :func:`raia_explorer`: both panels, the alt text and a table of numbers.

    Examples
    --------
    >>> raia_frame(il13_dose=20, socs3_feedback=True, jak2_inhibition=0.0).alt[:60]
    'Two panels over 0 to 120 min after IL-13 at 20 ng/mL, SOCS3 '
    """
    tc = time_course(il13_dose, socs3_feedback=socs3_feedback, jak2_inhibition=jak2_inhibition)
    ref = time_course(il13_dose)
    up, us = OBSERVABLE_UNITS["pSTAT5"], OBSERVABLE_UNITS["SOCS3"]
    end = tc.pstat5_nM[-1]
    if end < 0.97 * tc.peak_nM:
        shape = (f"rises to a peak of {tc.peak_nM:.0f} {up} at {tc.peak_time_min:.0f} min, then declines to "
                 f"{end:.0f} {up} by 120 min")
    else:
        shape = f"rises and levels off, reaching {end:.0f} {up} at 120 min without a decline"
    feedback_label = dict((v, k) for k, v in FEEDBACK_OPTIONS)[socs3_feedback]
    alt = (
        f"Two panels over 0 to 120 min after IL-13 at {il13_dose:g} {IL13_DOSE_UNIT}, SOCS3 feedback "
        f"{feedback_label}, JAK2 inhibition {jak2_inhibition * 100:g} %. Left: phosphorylated STAT5 {shape}. "
        f"Right: SOCS3 protein rises steadily to {tc.socs3_nM[-1]:.0f} {us}. "
        f"A grey dashed curve shows the published model at the same dose when the settings differ from it."
    )
    u = html.escape(up)
    details = rows_table([
        ("pSTAT5 peak", f"{tc.peak_nM:.0f} {u} at {tc.peak_time_min:.0f} min",
         f"{ref.peak_nM:.0f} {u} at {ref.peak_time_min:.0f} min"),
        ("pSTAT5 at 30 min", f"{tc.pstat5_at(30):.0f} {u}", f"{ref.pstat5_at(30):.0f} {u}"),
        ("pSTAT5 at 120 min", f"{end:.0f} {u}", f"{ref.pstat5_nM[-1]:.0f} {u}"),
    ], columns=("", "this setting", "published model"))
    fig = raia_time_course_figure(il13_dose, socs3_feedback=socs3_feedback, jak2_inhibition=jak2_inhibition)
    return Frame(fig, alt, details)


def raia_explorer() -> FrameExplorer:
    """pSTAT5 and SOCS3 after IL-13, with SOCS3 feedback on or off and a JAK2 inhibitor.

    The model is that of Raia et al. (2011) as implemented in
    :mod:`widgets.models.raia2011`. Switching the feedback off and inhibiting JAK2
    are explorations beyond the paper.

    Returns
    -------
    FrameExplorer
        A dose slider, a feedback menu and an inhibition slider; 40 frames.

    Examples
    --------
    >>> raia_explorer()
    FrameExplorer(il13_dose: 4 values, socs3_feedback: 2 values, jak2_inhibition: 5 values; 40 frames)
    """
    return FrameExplorer(
        raia_frame,
        [
            Control("il13_dose", RAIA_DOSE_GRID, label="IL-13 dose", unit=IL13_DOSE_UNIT, default=20),
            Control("socs3_feedback", FEEDBACK_OPTIONS, label="SOCS3 feedback", default=True),
            Control("jak2_inhibition", JAK2_INHIBITION_GRID, label="JAK2 inhibition", default=0.0,
                    fmt="{:.0%}"),
        ],
        title="IL-13 signalling with and without brakes: move the controls",
    )


# ---------------------------------------------------------------------------------
# The Raia et al. 2011 model, live
# ---------------------------------------------------------------------------------


def raia_live_explorer() -> LiveExplorer:
    """The IL-13 model of Raia et al. (2011), integrated in the reader's browser.

    Continuous controls for the IL-13 dose and three explorations beyond the paper: a
    JAK inhibitor (fractional reduction of JAK2 phosphorylation), the strength of the
    SOCS3 brake (``JAK2_p_inhibition``, with a switch that removes it) and the SOCS3
    degradation rate. Two panels (pSTAT5, SOCS3) over two hours; a dashed curve shows
    the published model at the same dose.

    Returns
    -------
    LiveExplorer

    Examples
    --------
    >>> ex = raia_live_explorer()
    >>> ex.summary_text()
    'pSTAT5 peaks at 99.3 nM at 53 min; pSTAT5 at 120 min: 86 nM; SOCS3 at 120 min: 252 nM.'
    """
    p = DEFAULT_PARAMETERS
    brake, decay = p["JAK2_p_inhibition"].value, p["SOCS3_degradation"].value
    return LiveExplorer(
        raia_model,
        title="IL-13 signalling with and without brakes (Raia et al. 2011 model, computed in your browser)",
        controls=[
            Slider("il13_dose", "IL-13 dose", 0.1, 100.0, IL13_DOSE_UNIT, log=True),
            Slider("jak2_inhibition", "JAK2 inhibition (exploration)", 0.0, 95.0, "%", scale=0.01, step=1.0),
            Switch("socs3_feedback", "SOCS3 feedback on (off: an exploration beyond the paper)"),
            Slider("JAK2_p_inhibition", "Strength of the SOCS3 brake", brake / 10, brake * 10, "per nM SOCS3",
                   log=True),
            Slider("SOCS3_degradation", "SOCS3 degradation rate", decay / 10, decay * 10, "per min", log=True),
        ],
        values={"il13_dose": 20.0},
        panels=[
            Panel("Phosphorylated STAT5: the signal", f"pSTAT5 ({OBSERVABLE_UNITS['pSTAT5']})",
                  (Series("pSTAT5", "pSTAT5 at your setting", PALETTE[0]),), mark_peak=True),
            Panel("SOCS3 protein: the brake", f"SOCS3 ({OBSERVABLE_UNITS['SOCS3']})",
                  (Series("SOCS3", "SOCS3 at your setting", PALETTE[4]),)),
        ],
        summary=[
            Peak("pSTAT5", "pSTAT5", OBSERVABLE_UNITS["pSTAT5"]),
            ValueAt("pSTAT5", 120.0, "pSTAT5", OBSERVABLE_UNITS["pSTAT5"]),
            ValueAt("SOCS3", 120.0, "SOCS3", OBSERVABLE_UNITS["SOCS3"]),
        ],
        time=TimeGrid(float(TIME_COURSE_MIN[-1]), TIME_COURSE_MIN.size, "time after IL-13 (min)"),
        reference=Reference("published model at the same dose", keep=("il13_dose",)),
        default_view=(raia_frame, {"il13_dose": 20.0, "socs3_feedback": True, "jak2_inhibition": 0.0}),
    )
