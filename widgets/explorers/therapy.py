"""Chapter 6 explorers: cytokines as medicines and as drug targets.

* :func:`target_engagement_explorer` -- the fraction of a cytokine left free by a
  neutralising antibody, against antibody concentration, for a chosen antibody
  affinity and cytokine concentration (4 x 3 = 12 frames), from
  :func:`widgets.models.target_engagement.free_fraction`.
* :func:`dosing_explorer` -- antibody and free cytokine over four doses, for a chosen
  half-life and dosing interval (3 x 3 = 9 frames), from
  :func:`widgets.models.target_engagement.dosing_course` (the pharmacokinetic model of
  Chapter 4).
* :func:`jak_explorer` -- choose a JAK inhibitor (or a hypothetical inhibitor of one
  JAK) and see which signalling complexes of the catalog it blocks (18 frames), from
  :mod:`widgets.models.jak_coverage` and :func:`widgets.catalog.tables.complexes`.
* :func:`approvals_explorer` -- cumulative approvals from the drug table, grouped by
  mechanism, molecule type or target class (3 frames), from
  :mod:`widgets.models.approvals`.
"""

from __future__ import annotations

import html

import pandas as pd

from widgets import catalog
from widgets.explorers.core import Control, Frame, FrameExplorer, rows_table
from widgets.figures.therapy import (
    approvals_over_time_figure,
    dosing_interval_figure,
    free_fraction_figure,
    jak_tiles_figure,
)
from widgets.models import approvals, jak_coverage
from widgets.models.target_engagement import antibody_for_free_fraction, dosing_course
from widgets.parameters import value
from widgets.units import pM_to_ng_per_ml

__all__ = [
    "ANTIBODY_RANGE_PM",
    "DOSING_HALF_LIFE_DAYS",
    "DOSING_INTERVAL_DAYS",
    "DOSING_SETTINGS",
    "APPROVAL_GROUPINGS",
    "APPROVAL_MAX_GROUPS",
    "HYPOTHETICAL_PREFIX",
    "ENGAGEMENT_CYTOKINE_GRID_PM",
    "ENGAGEMENT_KD_GRID_PM",
    "ENGAGEMENT_TARGETS",
    "antibody_ug_per_ml",
    "approvals_explorer",
    "approvals_frame",
    "dosing_explorer",
    "dosing_frame",
    "drug_table_with_classes",
    "inhibitor_options",
    "jak_explorer",
    "jak_frame",
    "target_engagement_explorer",
    "target_engagement_frame",
]

DOSING_HALF_LIFE_DAYS: tuple[float, ...] = (3.0, 7.0, 21.0)
"""Antibody half-lives offered by :func:`dosing_explorer`, days: a protein without FcRn
rescue (illustrative), a weakened Fc, and the order of magnitude of IgG."""

DOSING_INTERVAL_DAYS: tuple[float, ...] = (14.0, 28.0, 56.0)
"""Dosing intervals offered by :func:`dosing_explorer`, days."""

DOSING_SETTINGS: dict[str, float] = {"peak_per_dose_pM": 1e5, "cytokine_pM": 10.0, "kd_pM": 100.0,
                                     "n_doses": 4, "target_free_fraction": 0.01}
"""The hypothetical antibody of :func:`dosing_explorer`: each dose adds 100 nM; the cytokine
is at 10 pM and the antibody's K_D is 100 pM."""

HYPOTHETICAL_PREFIX = "only "
"""Menu values of :func:`jak_explorer` that stand for a hypothetical one-JAK inhibitor."""

APPROVAL_GROUPINGS: tuple[tuple[str, str], ...] = tuple(
    (f"by {label}", column) for column, label in approvals.GROUPINGS.items()
)
"""Menu entries of :func:`approvals_explorer`: (label, column of the drug table)."""

APPROVAL_MAX_GROUPS = 6
"""Lines per frame of :func:`approvals_explorer`; smaller groups are added up as "other"."""

ENGAGEMENT_KD_GRID_PM: tuple[float, ...] = (1.0, 10.0, 100.0, 1000.0)
"""Antibody dissociation constants offered by the target-engagement explorer, pM."""

ENGAGEMENT_CYTOKINE_GRID_PM: tuple[float, ...] = (1.0, 100.0, 10_000.0)
"""Total cytokine concentrations offered by the target-engagement explorer, pM: a serum
level, an inflamed tissue and a local hot spot, in round decades (illustrative)."""

ENGAGEMENT_TARGETS: tuple[float, ...] = (0.5, 0.1, 0.01)
"""Free fractions tabulated under each frame."""

ANTIBODY_RANGE_PM: tuple[float, float] = (1.0, 1e7)
"""Antibody axis of the frames, pM (1 pM to 10 µM)."""


def antibody_ug_per_ml(antibody_pM: float) -> float:
    """An antibody concentration in µg/mL, for an IgG of the book's order-of-magnitude mass.

    Uses ``igg_mass_kDa`` (about 150 kDa) from the therapy parameter table.

    Examples
    --------
    >>> round(antibody_ug_per_ml(6667.0), 2)
    1.0
    """
    return float(pM_to_ng_per_ml(antibody_pM, value("igg_mass_kDa"))) / 1000.0


def _format_pM(conc_pM: float) -> str:
    if conc_pM >= 1e6:
        return f"{conc_pM / 1e6:.3g} µM"
    if conc_pM >= 1e3:
        return f"{conc_pM / 1e3:.3g} nM"
    return f"{conc_pM:.3g} pM"


def _engagement_table(kd_pM: float, cytokine_pM: float) -> str:
    rows = []
    for target in ENGAGEMENT_TARGETS:
        ab = float(antibody_for_free_fraction(target, cytokine_pM=cytokine_pM, kd_pM=kd_pM))
        rows.append((f"{target:.0%}", html.escape(_format_pM(ab)), f"{antibody_ug_per_ml(ab):.2g}"))
    return rows_table(rows, columns=("cytokine left free", "antibody needed", "as IgG (µg/mL, approx.)"),
                      align="right")


def target_engagement_frame(*, kd_pM: float, cytokine_pM: float) -> Frame:
    """One frame of :func:`target_engagement_explorer`: curve, alt text and a small table.

    Parameters
    ----------
    kd_pM : float
        Dissociation constant of the antibody (one site per antibody), pM.
    cytokine_pM : float
        Total cytokine concentration, pM.

    Examples
    --------
    >>> frame = target_engagement_frame(kd_pM=100, cytokine_pM=1)
    >>> "1% free at 9.9 nM" in frame.alt
    True
    """
    half = float(antibody_for_free_fraction(0.5, cytokine_pM=cytokine_pM, kd_pM=kd_pM))
    one = float(antibody_for_free_fraction(0.01, cytokine_pM=cytokine_pM, kd_pM=kd_pM))
    fig = free_fraction_figure(
        cytokine_pM=cytokine_pM, kd_pM=kd_pM, context_kds_pM=ENGAGEMENT_KD_GRID_PM,
        antibody_range_pM=ANTIBODY_RANGE_PM, target_free_fraction=0.01,
    )
    others = ", ".join(f"{k:g}" for k in ENGAGEMENT_KD_GRID_PM if k != kd_pM)
    alt = (
        f"Fraction of {cytokine_pM:g} pM cytokine left free against total antibody concentration "
        f"from 1 pM to 10 µM, both on log axes. The bold curve, for an antibody with K_D = "
        f"{kd_pM:g} pM, stays near 1 while the antibody is scarce, then falls: half the cytokine "
        f"is free at {_format_pM(half)} antibody and 1% free at {_format_pM(one)} "
        f"(about {antibody_ug_per_ml(one):.2g} µg/mL of IgG). A dashed line marks 1% free; grey "
        f"curves show antibodies with K_D = {others} pM."
    )
    return Frame(fig, alt, _engagement_table(kd_pM, cytokine_pM))


def target_engagement_explorer() -> FrameExplorer:
    """Free cytokine against antibody concentration, for a chosen K_D and cytokine level.

    Returns
    -------
    FrameExplorer
        4 affinities x 3 cytokine concentrations = 12 frames.

    Examples
    --------
    >>> target_engagement_explorer()
    FrameExplorer(kd_pM: 4 values, cytokine_pM: 3 values; 12 frames)
    """
    return FrameExplorer(
        target_engagement_frame,
        [
            Control("kd_pM", ENGAGEMENT_KD_GRID_PM, label="Antibody K_D", unit="pM", default=100.0),
            Control("cytokine_pM", ENGAGEMENT_CYTOKINE_GRID_PM, label="Total cytokine", unit="pM",
                    default=1.0),
        ],
        title="How much antibody does it take to neutralise a cytokine?",
    )


# --------------------------------------------------------------------------- JAK coverage
def inhibitor_options() -> tuple[tuple[str, str], ...]:
    """Menu entries of :func:`jak_explorer`: each approved inhibitor, then one-JAK hypotheticals.

    Examples
    --------
    >>> inhibitor_options()[0]
    ('tofacitinib (JAK1, JAK3; weaker: JAK2)', 'tofacitinib')
    >>> inhibitor_options()[-1]
    ('hypothetical: TYK2 only', 'only TYK2')
    """
    out = []
    for inn in jak_coverage.inhibitors():
        prof = jak_coverage.profile(inn)
        primary = [j for j in jak_coverage.JAKS if prof.get(j) == "primary"]
        weaker = [j for j in jak_coverage.JAKS if prof.get(j) == "secondary"]
        label = f"{inn} ({', '.join(primary)}" + (f"; weaker: {', '.join(weaker)})" if weaker else ")")
        out.append((label, inn))
    out += [(f"hypothetical: {jak} only", f"{HYPOTHETICAL_PREFIX}{jak}") for jak in jak_coverage.JAKS]
    return tuple(out)


def _profile_for(choice: str) -> dict[str, str]:
    if choice.startswith(HYPOTHETICAL_PREFIX):
        return jak_coverage.jak_profile([choice[len(HYPOTHETICAL_PREFIX):]])
    return jak_coverage.profile(choice)


def _jak_details(choice: str) -> str:
    if choice.startswith(HYPOTHETICAL_PREFIX):
        return ('<p style="font-size:0.9em">A hypothetical drug that inhibits only '
                f"{html.escape(choice[len(HYPOTHETICAL_PREFIX):])}, completely: no approved drug is this "
                "selective at every dose.</p>")
    sel = jak_coverage.selectivity()
    rows = sel[sel["inn"] == choice]
    drug = catalog.drugs().set_index("inn").loc[choice]
    table = rows_table(
        [(html.escape(r.jak), html.escape(r.level), f'<a href="{html.escape(r.evidence, quote=True)}">source</a>',
          html.escape(r.note)) for r in rows.itertuples()],
        columns=("JAK", "level", "page read", "note"), align=("right", "right", "right", "left"),
    )
    caption = (f"{html.escape(choice)}: first approved {int(drug['first_approval_year'])} "
               f"({html.escape(str(drug['first_approval_agency']))}) for {html.escape(drug['indications'])}. "
               "Selectivity levels are approximate.")
    return f'<p style="margin:0.5rem 0 0;font-size:0.9em">{caption}</p>' + table


def jak_frame(*, inhibitor: str) -> Frame:
    """One frame of :func:`jak_explorer`: the catalog's JAK complexes coloured by coverage.

    Parameters
    ----------
    inhibitor : str
        An inhibitor of :func:`widgets.models.jak_coverage.inhibitors`, or ``"only JAK1"``
        (and so on) for a hypothetical one-JAK inhibitor.

    Examples
    --------
    >>> frame = jak_frame(inhibitor="only JAK3")
    >>> frame.alt.startswith("Tiles for the 50 signalling complexes") and "JAK1 + JAK3" in frame.alt
    True
    """
    prof = _profile_for(inhibitor)
    table = jak_coverage.coverage_by_jak_set(catalog.complexes(), {"x": prof})
    groups = {label: list(names) for label, names in table["complexes"].items()}
    status = table["x"].to_dict()
    name = inhibitor if not inhibitor.startswith(HYPOTHETICAL_PREFIX) else (
        f"a hypothetical inhibitor of {inhibitor[len(HYPOTHETICAL_PREFIX):]} alone")
    fig = jak_tiles_figure(groups, status, title=name)
    n_total = sum(len(v) for v in groups.values())
    counts = {level: sum(len(groups[g]) for g, s in status.items() if s == level)
              for level in jak_coverage.COVERAGE_LEVELS}
    parts = []
    for level in ("blocked", "partly blocked", "spared"):
        sets = [g for g, s in status.items() if s == level]
        if sets:
            parts.append(f"{level}: {counts[level]} complexes using {'; '.join(sets)}")
    spared = [n for g, s in status.items() if s == "spared" for n in groups[g]]
    alt = (f"Tiles for the {n_total} signalling complexes of the catalog that use JAKs, grouped by the "
           f"JAKs they use and coloured by what {name} does to them. " + ". ".join(parts) + ". "
           + (f"Spared complexes: {', '.join(spared)}." if spared else "No complex is spared."))
    return Frame(fig, alt, _jak_details(inhibitor))


def jak_explorer(default: str = "upadacitinib") -> FrameExplorer:
    """Choose a JAK inhibitor and see which signalling complexes of the catalog it blocks.

    Returns
    -------
    FrameExplorer
        One frame per approved JAK inhibitor and per hypothetical one-JAK inhibitor.

    Examples
    --------
    >>> jak_explorer()
    FrameExplorer(inhibitor: 18 values; 18 frames)
    """
    return FrameExplorer(
        jak_frame,
        [Control("inhibitor", inhibitor_options(), label="JAK inhibitor", default=default)],
        title="Which cytokine signals does a JAK inhibitor block?",
    )


# --------------------------------------------------------------------------- approvals over time
def drug_table_with_classes() -> pd.DataFrame:
    """The drug table with its ``target_class`` column (from the catalog's receptor classes).

    Examples
    --------
    >>> drug_table_with_classes().set_index("inn").loc["maraviroc", "target_class"]
    'chemokine or complement receptor'
    """
    rec = catalog.receptors()
    classes = dict(zip(rec["symbol"], rec["receptor_class"].astype(str)))
    drugs = catalog.drugs()
    drugs["molecule_type"] = drugs["molecule_type"].astype(str)
    drugs["mechanism"] = drugs["mechanism"].astype(str)
    return approvals.with_target_class(drugs, classes)


def approvals_frame(*, by: str) -> Frame:
    """One frame of :func:`approvals_explorer`: cumulative approvals grouped by one column.

    Examples
    --------
    >>> approvals_frame(by="mechanism").alt[:59]
    'Cumulative number of approved medicines in the drug table, '
    """
    drugs = drug_table_with_classes()
    counts = approvals.cumulative_approvals(drugs, by, max_groups=APPROVAL_MAX_GROUPS)
    label = approvals.GROUPINGS.get(by, by)
    fig = approvals_over_time_figure(counts, title=f"grouped by {label}", highlight=str(counts.columns[0]))
    grouped = drugs.assign(_group=drugs[by].where(drugs[by].isin(counts.columns), "other"))
    first = grouped.sort_values(["first_approval_year", "inn"]).groupby("_group", sort=False).first()
    described = "; ".join(
        f"{group}: {int(counts[group].iloc[-1])} (first {first.loc[group, 'inn']}, "
        f"{int(first.loc[group, 'first_approval_year'])})" for group in counts.columns
    )
    alt = (f"Cumulative number of approved medicines in the drug table, {counts.index[0]} to "
           f"{counts.index[-1]}, one stepped line for each group (grouped by {label}), the largest group drawn "
           f"thick. "
           f"Totals and first approvals: {described}.")
    frame = pd.DataFrame({
        "group": list(counts.columns),
        "medicines": [int(counts[g].iloc[-1]) for g in counts.columns],
        "first approved": [f"{first.loc[g, 'inn']} ({int(first.loc[g, 'first_approval_year'])})"
                           for g in counts.columns],
        "by 2000": [int(counts.loc[counts.index <= 2000, g].iloc[-1]) if (counts.index <= 2000).any() else 0
                    for g in counts.columns],
    })
    details = rows_table([[html.escape(str(v)) for v in row] for row in frame.itertuples(index=False)],
                         columns=[html.escape(c) for c in frame.columns], align="right")
    return Frame(fig, alt, details)


def approvals_explorer(default: str = "molecule_type") -> FrameExplorer:
    """Forty years of approvals from the drug table, grouped three ways.

    Examples
    --------
    >>> approvals_explorer()
    FrameExplorer(by: 3 values; 3 frames)
    """
    return FrameExplorer(
        approvals_frame,
        [Control("by", APPROVAL_GROUPINGS, label="Group the medicines", default=default)],
        title="Approvals of cytokine medicines over time",
    )


# --------------------------------------------------------------------------- dosing interval
def dosing_frame(*, half_life_days: float, interval_days: float) -> Frame:
    """One frame of :func:`dosing_explorer`: antibody and free cytokine over four doses.

    Examples
    --------
    >>> frame = dosing_frame(half_life_days=21, interval_days=28)
    >>> "100% of the time" in frame.alt
    True
    """
    cfg = DOSING_SETTINGS
    course = dosing_course(peak_per_dose_pM=cfg["peak_per_dose_pM"], interval_h=interval_days * 24,
                           n_doses=int(cfg["n_doses"]), half_life_h=half_life_days * 24,
                           cytokine_pM=cfg["cytokine_pM"], kd_pM=cfg["kd_pM"],
                           target_free_fraction=cfg["target_free_fraction"])
    t_days = course.t_h / 24
    fig = dosing_interval_figure(t_days, course.antibody_pM, course.free,
                                 dose_days=[d / 24 for d in course.dose_times_h],
                                 target_free_fraction=cfg["target_free_fraction"])
    n = int(cfg["n_doses"])
    last_trough = float(course.antibody_pM[-1])
    share = course.fraction_of_time_at_target
    worst = float(course.free.max())
    alt = (f"Two panels over {n} intravenous doses given every {interval_days:g} days to an antibody with a "
           f"half-life of {half_life_days:g} days; each dose adds 100 nM. Top: the antibody concentration on a "
           f"log scale jumps at each dose and falls in between, to {_format_pM(last_trough)} at the end of the "
           f"last interval. Bottom: the fraction of a 10 pM cytokine left free (antibody K_D 100 pM), with a "
           f"dashed line at 1 %; it stays at or below 1 % for {share:.0%} of the time and "
           + ("all of the cytokine is free again before each new dose." if worst > 0.99 else
              f"reaches at most {worst:.2g} just before a dose."))
    rows = [("antibody needed for 1 % free", _format_pM(course.needed_pM)),
            ("antibody at the end", _format_pM(last_trough)),
            ("time at or below 1 % free", f"{share:.0%}"),
            ("highest free fraction", f"{worst:.2g}")]
    details = rows_table([(html.escape(a), html.escape(b)) for a, b in rows], align=("left", "right"))
    return Frame(fig, alt, details)


def dosing_explorer() -> FrameExplorer:
    """Antibody and free cytokine over repeated doses, for a chosen half-life and interval.

    Examples
    --------
    >>> dosing_explorer()
    FrameExplorer(half_life_days: 3 values, interval_days: 3 values; 9 frames)
    """
    return FrameExplorer(
        dosing_frame,
        [Control("half_life_days", DOSING_HALF_LIFE_DAYS, label="Antibody half-life", unit="days", default=21.0),
         Control("interval_days", DOSING_INTERVAL_DAYS, label="Dosing interval", unit="days", default=28.0)],
        title="How often must the antibody be given?",
    )
