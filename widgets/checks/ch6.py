"""Checks for the computational exercises of Chapter 6, "Cytokines as medicines and drug targets".

Every expected value is computed by the package when the check runs: the target-engagement
model, the catalog's complexes with the JAK-selectivity table, and the drug table.
"""

from __future__ import annotations

from typing import Any

from widgets.checks import Names, Numbers, register
from widgets.checks._synonyms import cytokine_spellings
from widgets.parameters import value

__all__: list[str] = []


def _one_percent() -> list[float]:
    from widgets.models.target_engagement import antibody_for_free_fraction

    return [float(antibody_for_free_fraction(0.01, cytokine_pM=10.0, kd_pM=50.0, binding_sites=n)) for n in (1, 2)]


def _interval() -> list[float]:
    from widgets.models.target_engagement import neutralisation_time_h

    half_life_h = value("igg_half_life_days") * 24
    kw: dict[str, Any] = dict(cytokine_pM=10.0, kd_pM=50.0, target_free_fraction=0.01)
    runs = [(200_000.0, half_life_h), (400_000.0, half_life_h), (200_000.0, 7 * 24.0)]
    return [float(neutralisation_time_h(peak, half_life_h=t_half, **kw)) / 24 for peak, t_half in runs]


def _clearance() -> list[float]:
    from widgets.models.target_engagement import steady_state_cytokine_pM

    kw: dict[str, Any] = dict(nonspecific_clearance_per_h=0.25, receptor_clearance_per_h=0.75)
    untreated = float(steady_state_cytokine_pM(1.0, **kw))
    return [float(steady_state_cytokine_pM(1.0, receptor_free_fraction=f, **kw)) / untreated for f in (0.1, 0.0)]


def _spared_by_jak1_selective() -> list[str]:
    from widgets import catalog
    from widgets.models import jak_coverage

    return jak_coverage.spared(jak_coverage.jak_complexes(catalog.complexes()), "abrocitinib")


def _timeline() -> list[float]:
    from widgets import catalog

    drugs = catalog.drugs()
    kinds = {"recombinant cytokine", "pegylated cytokine", "Fc-fused cytokine", "engineered cytokine"}
    medicines = drugs[(drugs["mechanism"] == "agonist") & drugs["molecule_type"].isin(kinds)]
    before = int((medicines["first_approval_year"] < 2000).sum())
    return [before, len(medicines) - before]


register(Numbers(
    "ex-ch6-one-percent",
    _one_percent,
    unit="pM",
    rtol=0.02,
    hint="Use antibody_for_free_fraction(0.01, cytokine_pM=..., kd_pM=...); the second answer sets "
         "binding_sites=2. Keep everything in pM.",
    what="antibody concentrations",
))

register(Numbers(
    "ex-ch6-interval",
    _interval,
    unit="days",
    rtol=0.03,
    hint="The time is the half-life times log2(peak / antibody needed); neutralisation_time_h returns hours.",
    what="durations",
))

register(Numbers(
    "ex-ch6-clearance",
    _clearance,
    rtol=0.02,
    hint="Divide steady_state_cytokine_pM with the blocker by the level without it; a receptor "
         "occupancy of 90 % leaves a free fraction of 0.1.",
    what="fold changes",
))

register(Names(
    "ex-ch6-jak-spares",
    _spared_by_jak1_selective,
    hint="Take jak_coverage.jak_complexes(catalog.complexes()) and ask jak_coverage.spared(...) for "
         "abrocitinib; a complex is spared only if none of its JAKs is inhibited.",
    what="complexes",
    spellings=cytokine_spellings,
))

register(Numbers(
    "ex-ch6-timeline",
    _timeline,
    rtol=0.0,
    close_rtol=0.2,
    hint="Keep the agonists whose molecule_type is a recombinant, pegylated, Fc-fused or engineered "
         "cytokine, then count first_approval_year < 2000 and the rest.",
    what="counts",
    source="the catalog",
))
