"""Chapter 5 explorers: when inflammation heals or kills, a storm's memory, and measured IL-6.

* :func:`reynolds_explorer` -- the acute inflammatory response in the published model
  of Reynolds et al. (2006): initial pathogen load, pathogen growth rate and the
  constant supply of anti-inflammatory mediator (the paper's value, or doubled as an
  exploration beyond the paper); time courses beside the map of outcomes
  (5 x 3 x 2 = 30 frames).
* :func:`reynolds_live_explorer` -- the same model integrated in the reader's browser
  (:mod:`widgets.explorers.live`), with continuous controls and the paper's Fig. 9
  anti-inflammatory intervention.
* :func:`storm_explorer` -- the teaching storm model (made up for teaching):
  amplification strength and the fraction of it blocked; the rate balance beside the
  hysteresis loop (5 x 4 = 20 frames).
* :func:`serum_explorer` -- measured serum IL-6 across conditions, from the sourced
  table of :mod:`widgets.models.serum`, on a log or a linear axis (5 x 2 = 10 frames).
"""

from __future__ import annotations

import html

from widgets.explorers.core import Control, Frame, FrameExplorer, rows_table
from widgets.explorers.live import (
    LiveExplorer,
    Outcome,
    Panel,
    Peak,
    Reference,
    Reset,
    Series,
    Slider,
    Switch,
    TimeGrid,
    ValueAt,
)
from widgets.figures.inflammation import reynolds_frame_figure, serum_levels_figure, storm_frame_figure
from widgets.figures.style import PALETTE
from widgets.models import reynolds2006 as rey
from widgets.models import serum, storm
from widgets.parameters import value

__all__ = [
    "REYNOLDS_K_PG_GRID_PER_H",
    "REYNOLDS_OUTCOME_RULES",
    "REYNOLDS_PATHOGEN0_GRID",
    "REYNOLDS_S_C_OPTIONS",
    "SERUM_SCALE_OPTIONS",
    "STORM_AMPLIFICATION_GRID",
    "STORM_BLOCK_GRID",
    "reynolds_explorer",
    "reynolds_frame",
    "reynolds_live_explorer",
    "serum_explorer",
    "serum_frame",
    "storm_explorer",
    "storm_frame",
]

REYNOLDS_PATHOGEN0_GRID: tuple[float, ...] = (0.5, 1.0, 1.25, 1.5, 2.0)
"""Initial pathogen loads of the Reynolds explorer, in 10^6 per cc (the paper's 1 and 1.5 included)."""

REYNOLDS_K_PG_GRID_PER_H: tuple[float, ...] = (0.3, 0.45, 0.6)
"""Pathogen growth rates of the Reynolds explorer, in per h (the paper's 0.3 and 0.6 included)."""

_S_C_PAPER = float(rey.DEFAULT_PARAMETERS["s_c"].value)
REYNOLDS_S_C_OPTIONS: tuple[tuple[str, float], ...] = (
    ("paper's value", _S_C_PAPER),
    ("doubled (exploration)", 2 * _S_C_PAPER),
)
"""Menu of the constant anti-inflammatory supply s_c, in C_A-units per h."""

STORM_AMPLIFICATION_GRID: tuple[float, ...] = (1.0, 2.0, 3.0, 4.0, 5.0)
"""Amplification strengths V of the storm explorer, in a.u. per h (teaching values)."""

STORM_BLOCK_GRID: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75)
"""Fractions of the amplification blocked in the storm explorer."""

SERUM_SCALE_OPTIONS: tuple[tuple[str, bool], ...] = (("logarithmic", True), ("linear", False))
"""Menu of the concentration axis of the serum explorer."""

def _fmt(x: float) -> str:
    return f"{x:.2g}" if abs(x) < 0.1 else f"{x:.2f}"


# ---------------------------------------------------------------------------------
# Reynolds et al. (2006)
# ---------------------------------------------------------------------------------


def reynolds_frame(*, pathogen0: float, k_pg: float, s_c: float) -> Frame:
    """One frame of :func:`reynolds_explorer`: time courses, outcome map, alt text and numbers.

    Examples
    --------
    >>> reynolds_frame(pathogen0=1.5, k_pg=0.3, s_c=0.0125).alt[:60]
    'Reynolds model, initial pathogen 1.5 million per cc, growth '
    """
    params = {"k_pg": k_pg, "s_c": s_c}
    long_run = rey.simulate(pathogen0=pathogen0, parameters=params)
    result = rey.classify_outcome(long_run)
    shown = rey.simulate(pathogen0=pathogen0, parameters=params, t_end_h=250.0, t_eval_h=[i * 0.5 for i in range(501)])
    t_peak, p_peak = shown.peak("P")
    end = long_run.final
    supply = "the paper's value" if s_c == _S_C_PAPER else f"{s_c / _S_C_PAPER:g} times the paper's value"
    fate = {
        "health": "the pathogen is cleared and damage, activated phagocytes and the anti-inflammatory mediator "
                  "all return to rest",
        "aseptic death": "the pathogen is cleared, but activated phagocytes and tissue damage stay high: the "
                         "inflammation keeps itself going",
        "septic death": "the pathogen is never cleared and every variable stays high",
    }[result]
    alt = (
        f"Reynolds model, initial pathogen {pathogen0:g} million per cc, growth rate {k_pg:g} per h, "
        f"anti-inflammatory supply at {supply}. Outcome: {result}; {fate}. Four small panels over 250 h: "
        f"pathogen peaks at {p_peak:.2g} at {t_peak:.0f} h; after 500 h activated phagocytes are "
        f"{_fmt(end['N'])}, damage {_fmt(end['D'])}, anti-inflammatory mediator {_fmt(end['CA'])}. "
        f"A map on the right colours every pair of load (0.2 to 3) and growth rate (0.1 to 1 per h) by its "
        f"outcome, with this pair marked."
    )
    details = rows_table([
        ("outcome (at 500 h)", html.escape(result)),
        ("pathogen peak", f"{p_peak:.2g} × 10<sup>6</sup>/cc at {t_peak:.0f} h"),
        ("at 500 h: P, N*, D, C<sub>A</sub>",
         ", ".join(_fmt(end[s]) for s in rey.STATES)),
    ])
    fig = reynolds_frame_figure(pathogen0=pathogen0, k_pg=k_pg, s_c=s_c)
    return Frame(fig, alt, details)


def reynolds_explorer() -> FrameExplorer:
    """The acute inflammatory response of Reynolds et al. (2006): load, growth rate, anti-inflammation.

    Returns
    -------
    FrameExplorer
        Two sliders (initial pathogen load; growth rate) and a menu (anti-inflammatory
        supply); 30 frames.

    Examples
    --------
    >>> reynolds_explorer()
    FrameExplorer(pathogen0: 5 values, k_pg: 3 values, s_c: 2 values; 30 frames)
    """
    return FrameExplorer(
        reynolds_frame,
        [
            Control("pathogen0", REYNOLDS_PATHOGEN0_GRID, label="Initial pathogen load P(0)", unit="× 10⁶ per cc",
                    default=1.0),
            Control("k_pg", REYNOLDS_K_PG_GRID_PER_H, label="Pathogen growth rate k_pg", unit="per h", default=0.3),
            Control("s_c", REYNOLDS_S_C_OPTIONS, label="Anti-inflammatory supply s_c", default=_S_C_PAPER),
        ],
        title="Heal or die? Move the controls (Reynolds et al. 2006 model)",
    )


# ---------------------------------------------------------------------------------
# The teaching storm model
# ---------------------------------------------------------------------------------


def storm_frame(*, amplification_per_h: float, block: float) -> Frame:
    """One frame of :func:`storm_explorer`.

    Examples
    --------
    >>> storm_frame(amplification_per_h=3.0, block=0.0).alt[:52]
    'Teaching storm model, amplification V = 3 a.u. per h'
    """
    states = storm.steady_states(amplification_per_h=amplification_per_h, block=block)
    stable = [s.level for s in states if s.stable]
    unstable = [s.level for s in states if not s.stable]
    # Where the level goes under this block, from rest and from an established storm.
    basal = storm.TEACHING_PARAMETERS["basal_per_h"] / storm.TEACHING_PARAMETERS["clearance_per_h"]
    rest = storm.simulate(level0=basal, block=block, amplification_per_h=amplification_per_h, t_end_h=96.0).final
    v_down, v_up = storm.bistable_window()
    has_storm = amplification_per_h > v_down  # the untreated model has a storm state
    if has_storm:
        storm_level = storm.steady_states(amplification_per_h=amplification_per_h)[-1].level
        from_storm = storm.simulate(level0=storm_level, block=block, amplification_per_h=amplification_per_h,
                                    t_end_h=96.0).final
        storm_words = (f"started from an untreated storm ({storm_level:.2f} a.u.) it settles at "
                       f"{from_storm:.2f} a.u")
    else:
        storm_words = "at this V the untreated model has no storm state"
    needed = storm.block_to_end_storm(amplification_per_h=amplification_per_h)
    if len(stable) == 2:
        shape = (f"two stable states, at {stable[0]:.2f} and {stable[1]:.2f} a.u., separated by a threshold at "
                 f"{unstable[0]:.2f}")
    else:
        shape = f"one stable state, at {stable[0]:.2f} a.u"
    alt = (
        f"Teaching storm model, amplification V = {amplification_per_h:g} a.u. per h, {block:.0%} of it blocked "
        f"(effective {(1 - block) * amplification_per_h:.2g}). Left: production and clearance cross at {shape}. "
        f"Right: the S-shaped curve of steady states against effective amplification, bistable between "
        f"{v_down:.2f} and {v_up:.2f}, with this setting marked. "
        f"Started from the basal level ({basal:.2f} a.u.) it settles at {rest:.2f} a.u.; {storm_words}."
    )
    details = rows_table([
        ("steady states (a.u.)", ", ".join(f"{s.level:.2f} ({'stable' if s.stable else 'unstable'})"
                                           for s in states)),
        (f"from the basal level ({basal:.2f}), settles at", f"{rest:.2f} a.u."),
        ("from an untreated storm, settles at", f"{from_storm:.2f} a.u." if has_storm else "no storm state"),
        ("block that ends a storm at this V", "none needed" if needed == 0 else f"{needed:.0%}"),
    ])
    fig = storm_frame_figure(amplification_per_h=amplification_per_h, block=block)
    return Frame(fig, alt, details)


def storm_explorer() -> FrameExplorer:
    """The teaching storm model (made up for teaching): amplification and a fractional block.

    Returns
    -------
    FrameExplorer
        Two sliders; 20 frames.

    Examples
    --------
    >>> storm_explorer()
    FrameExplorer(amplification_per_h: 5 values, block: 4 values; 20 frames)
    """
    return FrameExplorer(
        storm_frame,
        [
            Control("amplification_per_h", STORM_AMPLIFICATION_GRID, label="Amplification strength V",
                    unit="a.u. per h", default=3.0),
            Control("block", STORM_BLOCK_GRID, label="Fraction of amplification blocked", default=0.0,
                    fmt="{:.0%}"),
        ],
        title="A storm with a memory: move the sliders (teaching model)",
    )


# ---------------------------------------------------------------------------------
# Measured serum IL-6
# ---------------------------------------------------------------------------------


def serum_frame(*, highlight: str, log_scale: bool) -> Frame:
    """One frame of :func:`serum_explorer`.

    Examples
    --------
    >>> serum_frame(highlight="sepsis", log_scale=True).alt[:42]
    'Serum IL-6 in 5 groups, on a logarithmic a'
    """
    table = serum.summary("IL-6")
    row = table.loc[highlight]
    unit = row["unit"]
    listing = "; ".join(f"{c} {m:,.0f} {unit}" if m >= 100 else f"{c} {m:.3g} {unit}"
                        for c, m in zip(table.index, table["mean"]))
    fold = serum.fold_over_healthy(highlight)
    alt = (
        f"Serum IL-6 in {len(table)} groups, on a {'logarithmic' if log_scale else 'linear'} axis, as pooled "
        f"means with 95% confidence intervals: {listing}. Highlighted: {highlight}, {row['mean']:.4g} {unit} "
        f"(95% CI {row['ci_lower']:.4g} to {row['ci_upper']:.4g}; n = {row['n']:,})"
        + ("." if highlight == serum.HEALTHY else f", {fold:,.0f} times the healthy mean.")
        + ("" if log_scale else " On the linear axis the three lowest groups crowd together at zero.")
    )
    details = rows_table([
        ("pooled mean", f"{row['mean']:.4g} {html.escape(unit)}"),
        ("95% confidence interval", f"{row['ci_lower']:.4g} to {row['ci_upper']:.4g} {html.escape(unit)}"),
        ("n pooled", f"{row['n']:,}"),
        ("times the healthy mean", f"{fold:,.1f}"),
        ("source", f"{html.escape(serum.CITATIONS.get(row['source'], row['source']))} "
                   f"({html.escape(row['locator'])})"),
    ])
    fig = serum_levels_figure(highlight=highlight, log_scale=log_scale)
    return Frame(fig, alt, details)


def serum_explorer() -> FrameExplorer:
    """Measured serum IL-6 across conditions, from the sourced table, on a log or linear axis.

    Returns
    -------
    FrameExplorer
        A menu of conditions and a menu of axis scales; 10 frames.

    Examples
    --------
    >>> serum_explorer()
    FrameExplorer(highlight: 5 values, log_scale: 2 values; 10 frames)
    """
    return FrameExplorer(
        serum_frame,
        [
            Control("highlight", serum.conditions("IL-6"), label="Highlight", default="sepsis"),
            Control("log_scale", SERUM_SCALE_OPTIONS, label="Concentration axis", default=True),
        ],
        title="How high is high? Serum IL-6 across conditions",
    )


# ---------------------------------------------------------------------------------
# Reynolds et al. (2006), live
# ---------------------------------------------------------------------------------

REYNOLDS_OUTCOME_RULES: tuple[tuple[str, str, float], ...] = (
    ("septic death", "P", rey.PATHOGEN_CLEARED),
    ("aseptic death", "D", rey.DAMAGE_RESOLVED),
)
"""The rules of :func:`widgets.models.reynolds2006.classify_outcome` as data, for the page."""


def reynolds_live_explorer() -> LiveExplorer:
    """The acute inflammatory response of Reynolds et al. (2006), integrated in the reader's browser.

    Continuous controls for the initial pathogen load, the pathogen's growth rate and
    the constant supply of anti-inflammatory mediator (changing s_c is an exploration
    beyond the paper), and the paper's Fig. 9 intervention: a switch that resets the
    anti-inflammatory mediator at 10 h to a chosen level. Four panels over 250 h; the
    outcome is judged at 500 h as :func:`widgets.models.reynolds2006.classify_outcome`
    does.

    Returns
    -------
    LiveExplorer

    Examples
    --------
    >>> reynolds_live_explorer().summary_numbers()["outcome::0"]
    'health'
    """
    units = {**rey.STATE_UNITS, "P": "× 10⁶ per cc"}
    names = {"P": "Pathogen", "N": "Activated phagocytes", "D": "Tissue damage", "CA": "Anti-inflammatory mediator"}
    # axes reach at least these values (state units), so that a response that stays near zero looks like it
    tops = {"P": 1.0, "N": 0.1, "D": 1.0, "CA": 0.2}
    s_c = _S_C_PAPER
    reset_h = value("reynolds2006_fig9_reset_time_h")
    return LiveExplorer(
        rey.MODEL,
        title="Heal or die? (Reynolds et al. 2006 model, computed in your browser)",
        controls=[
            Slider("pathogen0", "Initial pathogen load P(0)", 0.1, 10.0, "× 10⁶ per cc", log=True),
            Slider("k_pg", "Pathogen growth rate k_pg", 0.05, 1.2, "per h", step=0.01),
            Slider("s_c", "Anti-inflammatory supply s_c", s_c / 10, s_c * 10, "C_A-units per h", log=True),
            Switch("treat", f"Reset the anti-inflammatory mediator at {reset_h:g} h (the paper's Fig. 9)"),
            Slider("ca_level", f"C_A level set at {reset_h:g} h", 0.0, 1.0, "C_A-units", step=0.01, enables="treat"),
        ],
        values={"pathogen0": rey.SCENARIOS["health"]["pathogen0"], "treat": 0.0,
                "ca_level": value("reynolds2006_fig9_ca_normal_ca_units")},
        resets=[Reset(reset_h, "CA", "ca_level", when="treat")],
        panels=[Panel(f"{names[s]} ({s if s != 'N' else 'N*'})", units[s], (Series(s, names[s].lower(), colour),),
                      y_min_top=tops[s])
                for s, colour in zip(rey.STATES, (PALETTE[1], PALETTE[0], PALETTE[3], PALETTE[2]))],
        summary=[
            Outcome(REYNOLDS_OUTCOME_RULES, "health", label="Outcome at 500 h"),
            Peak("P", "Pathogen", units["P"]),
            ValueAt("D", 24.0, "damage", units["D"]),
            Peak("D", "damage", units["D"]),
            ValueAt("N", 500.0, "activated phagocytes", units["N"]),
        ],
        time=TimeGrid(500.0, 1001, "time (h)", plot_end=250.0),
        reference=Reference("the paper's values, same initial load", keep=("pathogen0",)),
        default_view=(reynolds_frame, {"pathogen0": 1.0, "k_pg": rey.SCENARIOS["health"]["k_pg"], "s_c": s_c}),
    )
