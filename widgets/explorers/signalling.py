"""Chapter 3 explorers: how fast a receptor fills, and an IL-13 signal with and without brakes.

Both explorers are :class:`~widgets.explorers.core.FrameExplorer` objects: every
frame is computed once in Python and the controls switch frames in the browser,
so they work in the static book without a kernel.

* :func:`binding_explorer` -- receptor occupancy against time after a cytokine is
  added, for a chosen K_D and cytokine concentration (6 x 4 = 24 frames).
* :func:`raia_explorer` -- pSTAT5 and SOCS3 over two hours in the IL-13 model of
  Raia et al. (2011), for a chosen dose, with or without SOCS3 feedback and with a
  chosen strength of JAK2 inhibition (4 x 2 x 5 = 40 frames). Removing the feedback
  and inhibiting JAK2 are explorations beyond the paper.
"""

from __future__ import annotations

import html

import numpy as np

from widgets.explorers.core import FrameExplorer, Parameter
from widgets.figures.signalling import (
    IL13_DOSE_UNIT,
    NAMED_AFFINITIES_PM,
    format_minutes,
    binding_summary,
    binding_time_course_figure,
    raia_time_course,
    raia_time_course_figure,
)
from widgets.models.raia2011 import OBSERVABLE_UNITS

__all__ = [
    "BINDING_KD_GRID_PM",
    "BINDING_LIGAND_GRID_PM",
    "FEEDBACK_OPTIONS",
    "JAK2_INHIBITION_GRID_PCT",
    "RAIA_DOSE_GRID",
    "binding_alt",
    "binding_details",
    "binding_explorer",
    "raia_alt",
    "raia_details",
    "raia_explorer",
]

BINDING_KD_GRID_PM: tuple[float, ...] = (1, 10, 19, 100, 420, 1000)
"""K_D values of the binding explorer, in pM; 19 and 420 pM are TNF on TNFR1 and TNFR2."""

BINDING_LIGAND_GRID_PM: tuple[float, ...] = (1, 10, 100, 1000)
"""Cytokine concentrations of the binding explorer, in pM."""

RAIA_DOSE_GRID: tuple[float, ...] = (1, 4, 20, 80)
"""IL-13 doses of the Raia explorer (4, 20 and 80 are the doses of the experiments)."""

FEEDBACK_OPTIONS: tuple[str, ...] = ("on (published model)", "off (exploration)")
"""Choices of the SOCS3 feedback menu."""

JAK2_INHIBITION_GRID_PCT: tuple[float, ...] = (0, 25, 50, 75, 90)
"""Strengths of the modelled JAK inhibitor, in % reduction of JAK2 phosphorylation."""

# Inline styles: the details tables must read well without any page stylesheet.
_TABLE = ' style="margin:0.4em auto;border-collapse:collapse;font-size:0.9em"'
_CELL = ' style="padding:0.15em 0.9em;text-align:left"'


# ---------------------------------------------------------------------------------
# Binding explorer
# ---------------------------------------------------------------------------------


def _kd_words(kd_pM: float) -> str:
    name = NAMED_AFFINITIES_PM.get(float(kd_pM))
    return f"K_D = {kd_pM:g} pM" + (f" ({name})" if name else "")


def binding_alt(kd_pM: float, ligand_pM: float) -> str:
    """Alt text for one frame of :func:`binding_explorer`.

    Examples
    --------
    >>> binding_alt(19, 10)[:72]
    'Fraction of receptors bound against time after adding 10 pM cytokine to '
    """
    s = binding_summary(kd_pM, ligand_pM)
    return (
        f"Fraction of receptors bound against time after adding {ligand_pM:g} pM cytokine to a "
        f"receptor with {_kd_words(kd_pM)}, on a log time axis from 0.1 min to a week: the bold "
        f"S-shaped curve levels off at {s['theta_eq']:.2f} of receptors bound and reaches 95 % of "
        f"that level after {format_minutes(s['t95_min'])}. Grey curves show the same receptor at "
        f"the other concentrations; higher concentrations level off higher and sooner."
    )


def binding_details(kd_pM: float, ligand_pM: float) -> str:
    """A small HTML table of the numbers behind one binding frame.

    Examples
    --------
    >>> "<table" in binding_details(19, 10)
    True
    """
    s = binding_summary(kd_pM, ligand_pM)
    rows = [
        ("k<sub>off</sub> = K<sub>D</sub> · k<sub>on</sub>", f"{s['koff_per_s']:.2g} s<sup>-1</sup>"),
        ("half-life of a bound complex", format_minutes(s["half_life_min"])),
        ("occupancy at equilibrium", f"{s['theta_eq']:.2f}"),
        ("time to 95 % of equilibrium", format_minutes(s["t95_min"])),
    ]
    body = "".join(f"<tr><td{_CELL}>{k}</td><td{_CELL}>{v}</td></tr>" for k, v in rows)
    return f'<table class="explorer-table"{_TABLE}><tbody>{body}</tbody></table>'


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
    >>> binding_explorer()  # doctest: +SKIP
    FrameExplorer(kd_pM: 6 values, ligand_pM: 4 values; 24 frames)
    """
    return FrameExplorer(
        lambda kd_pM, ligand_pM: binding_time_course_figure(
            kd_pM, ligand_pM, context_ligands_pM=BINDING_LIGAND_GRID_PM
        ),
        [
            Parameter("kd_pM", BINDING_KD_GRID_PM, label="Dissociation constant K_D", unit="pM", default=19),
            Parameter("ligand_pM", BINDING_LIGAND_GRID_PM, label="Cytokine concentration", unit="pM",
                      default=10),
        ],
        alt=binding_alt,
        details=binding_details,
        title="How long does binding take? Move the sliders",
    )


# ---------------------------------------------------------------------------------
# Raia et al. 2011 explorer
# ---------------------------------------------------------------------------------


def _raia_settings(socs3_feedback: str, jak2_inhibition_pct: float) -> tuple[bool, float]:
    if socs3_feedback not in FEEDBACK_OPTIONS:
        raise ValueError(f"socs3_feedback must be one of {FEEDBACK_OPTIONS}, got {socs3_feedback!r}")
    return socs3_feedback == FEEDBACK_OPTIONS[0], float(jak2_inhibition_pct) / 100.0


def _raia_numbers(il13_dose: float, socs3_feedback: str, jak2_inhibition_pct: float) -> dict[str, float]:
    feedback, inhibition = _raia_settings(socs3_feedback, jak2_inhibition_pct)
    t, p, s = raia_time_course(float(il13_dose), feedback, inhibition)
    i = int(np.argmax(p))
    return {"peak": float(p[i]), "t_peak": float(t[i]), "p30": float(np.interp(30.0, t, p)), "p120": float(p[-1]),
            "socs3_120": float(s[-1])}


def raia_alt(il13_dose: float, socs3_feedback: str, jak2_inhibition_pct: float) -> str:
    """Alt text for one frame of :func:`raia_explorer`.

    Examples
    --------
    >>> raia_alt(20, FEEDBACK_OPTIONS[0], 0)[:60]
    'Two panels over 0 to 120 min after IL-13 at 20 ng/mL, SOCS3 '
    """
    n = _raia_numbers(il13_dose, socs3_feedback, jak2_inhibition_pct)
    up, us = OBSERVABLE_UNITS["pSTAT5"], OBSERVABLE_UNITS["SOCS3"]
    if n["p120"] < 0.97 * n["peak"]:
        shape = (f"rises to a peak of {n['peak']:.0f} {up} at {n['t_peak']:.0f} min, then declines to "
                 f"{n['p120']:.0f} {up} by 120 min")
    else:
        shape = f"rises and levels off, reaching {n['p120']:.0f} {up} at 120 min without a decline"
    return (
        f"Two panels over 0 to 120 min after IL-13 at {il13_dose:g} {IL13_DOSE_UNIT}, SOCS3 feedback "
        f"{socs3_feedback}, JAK2 inhibition {jak2_inhibition_pct:g} %. Left: phosphorylated STAT5 {shape}. "
        f"Right: SOCS3 protein rises steadily to {n['socs3_120']:.0f} {us}. "
        f"A grey dashed curve shows the published model at the same dose when the settings differ from it."
    )


def raia_details(il13_dose: float, socs3_feedback: str, jak2_inhibition_pct: float) -> str:
    """A small HTML table of the numbers behind one Raia frame.

    Examples
    --------
    >>> "peak" in raia_details(20, FEEDBACK_OPTIONS[0], 0)
    True
    """
    n = _raia_numbers(il13_dose, socs3_feedback, jak2_inhibition_pct)
    ref = _raia_numbers(il13_dose, FEEDBACK_OPTIONS[0], 0)
    up = html.escape(OBSERVABLE_UNITS["pSTAT5"])
    rows = [
        ("pSTAT5 peak", f"{n['peak']:.0f} {up} at {n['t_peak']:.0f} min",
         f"{ref['peak']:.0f} {up} at {ref['t_peak']:.0f} min"),
        ("pSTAT5 at 30 min", f"{n['p30']:.0f} {up}", f"{ref['p30']:.0f} {up}"),
        ("pSTAT5 at 120 min", f"{n['p120']:.0f} {up}", f"{ref['p120']:.0f} {up}"),
    ]
    head = f"<tr><th{_CELL}></th><th{_CELL}>this setting</th><th{_CELL}>published model</th></tr>"
    body = "".join(f"<tr><td{_CELL}>{a}</td><td{_CELL}>{b}</td><td{_CELL}>{c}</td></tr>" for a, b, c in rows)
    return f'<table class="explorer-table"{_TABLE}><thead>{head}</thead><tbody>{body}</tbody></table>'


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
    >>> raia_explorer()  # doctest: +SKIP
    FrameExplorer(il13_dose: 4 values, socs3_feedback: 2 values, jak2_inhibition_pct: 5 values; 40 frames)
    """

    def figure(il13_dose: float, socs3_feedback: str, jak2_inhibition_pct: float):
        feedback, inhibition = _raia_settings(socs3_feedback, jak2_inhibition_pct)
        return raia_time_course_figure(il13_dose, socs3_feedback=feedback, jak2_inhibition=inhibition)

    return FrameExplorer(
        figure,
        [
            Parameter("il13_dose", RAIA_DOSE_GRID, label="IL-13 dose", unit=IL13_DOSE_UNIT, default=20),
            Parameter("socs3_feedback", FEEDBACK_OPTIONS, label="SOCS3 feedback", default=FEEDBACK_OPTIONS[0]),
            Parameter("jak2_inhibition_pct", JAK2_INHIBITION_GRID_PCT, label="JAK2 inhibition", unit="%",
                      default=0),
        ],
        alt=raia_alt,
        details=raia_details,
        title="IL-13 signalling with and without brakes: move the controls",
    )
