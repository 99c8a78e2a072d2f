"""Checks for the computational exercises of Chapter 3, "How cytokines signal"."""

from __future__ import annotations

from functools import cache

import numpy as np
from scipy.optimize import brentq

from widgets import catalog
from widgets.checks import Names, Number, Numbers, register
from widgets.checks._synonyms import cytokine_spellings
from widgets.models.kinetics import (
    binding_summary,
    dissociation_time_course,
    equilibrium_occupancy_with_depletion,
    get_affinity,
)
from widgets.models.raia2011 import simulate
from widgets.units import receptors_to_pM

BLOOD_FAMILIES = ("haematopoietic growth factor", "common β-chain family")
TWO_HOURS = np.linspace(0, 120, 121)
DECOY_SCALES = (0.0, 1.0, 10.0)
"""Multiples of the decoy receptor IL-13Rα2 in ex-ch3-decoy (decoy_scale)."""


def _kinetics() -> list[float]:
    out: list[float] = []
    for receptor in ("TNFR1", "TNFR2"):
        s = binding_summary(get_affinity("TNF", receptor).kd_pM, 10.0)  # the assumed k_on
        out.append(s.half_life_min)
        if receptor == "TNFR1":
            left = float(dissociation_time_course(30 * 60, koff_per_s=s.koff_per_s))
    return [out[0], out[1], left]


def _depletion() -> list[float]:
    return [float(equilibrium_occupancy_with_depletion(
        10.0, float(receptors_to_pM(10_000, cells_per_ml=density)), 10.0))
        for density in (1e4, 1e5, 1e6, 1e7)]


def _pstat5_at(dose: float, minutes: float) -> float:
    return float(simulate(dose, [0, minutes]).observable("pSTAT5")[-1])


@cache
def _ec50_cached() -> tuple[float, ...]:
    out = []
    for minutes in (10, 30, 60):
        top = _pstat5_at(1000.0, minutes)
        out.append(float(brentq(lambda d: _pstat5_at(d, minutes) - 0.5 * top, 1e-3, 1000.0)))
    return tuple(out)


def _ec50() -> list[float]:
    return list(_ec50_cached())


def _peak(dose: float, inhibition: float) -> float:
    return float(simulate(dose, TWO_HOURS, jak2_inhibition=inhibition).observable("pSTAT5").max())


@cache
def _jakinh_cached() -> tuple[float, ...]:
    out = []
    for dose in (4.0, 20.0, 80.0):
        half = 0.5 * _peak(dose, 0.0)
        out.append(float(brentq(lambda f: _peak(dose, f) - half, 0.0, 0.999)))
    return tuple(out)


def _jakinh() -> list[float]:
    return list(_jakinh_cached())


def _socs3() -> list[float]:
    out = []
    for feedback in (True, False):
        p = np.asarray(simulate(20, TWO_HOURS, socs3_feedback=feedback).observable("pSTAT5"))
        out.append(float(p[-1] / p.max()))
    return out


def _decoy() -> list[float]:
    runs = [simulate(20.0, [0, 30], decoy_scale=scale) for scale in DECOY_SCALES]
    return ([float(r.observable("pSTAT5")[-1]) for r in runs]
            + [float(r.observable("IL13_cell")[-1]) for r in runs])


def _jak2_cytokines() -> float:
    """How many cytokines (ligands) have a signalling complex that uses JAK2."""
    return float(catalog.using_jak("JAK2")["ligand"].nunique())


def _blood_jak2() -> set[str]:
    family = catalog.cytokines().set_index("hgnc_symbol")["family"].astype(str)
    jak2 = catalog.using_jak("JAK2")
    return set(jak2[jak2["symbol"].map(family).isin(BLOOD_FAMILIES)]["complex"])


register(Number(
    "ex-ch3-jak3",
    _jak2_cytokines,
    rtol=0.0,
    close_rtol=0.1,
    hint="Count cytokines, not complexes: one cytokine can have more than one receptor that uses JAK2.",
    source="the catalog",
))
register(Numbers(
    "ex-ch3-kinetics",
    _kinetics,
    rtol=0.03,
    hint="k_off = K_D × k_on with K_D in M; the half-life is ln 2 / k_off; without free TNF the "
         "bound fraction decays as exp(-k_off t). dissociation_half_life_s gives seconds: give the "
         "half-lives in minutes.",
    what="values",
))
register(Numbers(
    "ex-ch3-depletion",
    _depletion,
    rtol=0.03,
    hint="Convert 10,000 receptors per cell to pM with receptors_to_pM for each density first; "
         "give occupancies as fractions, not percentages.",
    what="occupancies",
))
register(Numbers(
    "ex-ch3-ec50",
    _ec50,
    rtol=0.05,
    hint="Half of the response to 1000 ng/mL at the same time point, solved for the dose with brentq.",
    what="doses",
))
register(Numbers(
    "ex-ch3-jakinh",
    _jakinh,
    rtol=0.02,
    hint="Give fractions between 0 and 1 (0.8, not 80), for the peak over 0-120 minutes.",
    what="fractions",
))
register(Numbers(
    "ex-ch3-socs3",
    _socs3,
    rtol=0.02,
    hint="Divide pSTAT5 at 120 minutes by the maximum over the two hours, first with feedback.",
    what="ratios",
))
register(Numbers(
    "ex-ch3-decoy",
    _decoy,
    rtol=0.02,
    hint="Simulate 20 ng/mL IL-13 up to 30 minutes with decoy_scale 0, 1 and 10; give pSTAT5 (nM) for "
         "the three scales first, then IL13_cell (a.u.) for the same three, all at 30 minutes.",
    what="values",
))
register(Names(
    "ex-ch3-il12rb1",
    lambda: catalog.using_receptor("IL12RB1", roles="signalling")["complex"],
    hint="Use the signalling complexes that contain IL12RB1.",
    what="complexes",
))
register(Names(
    "ex-ch3-ruxolitinib",
    _blood_jak2,
    hint="Keep the JAK2 complexes whose cytokine is in the haematopoietic growth factor or the "
         "common β-chain family.",
    what="cytokines",
    spellings=cytokine_spellings,
))
