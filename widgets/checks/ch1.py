"""Checks for the computational exercises of Chapter 1, "What are cytokines?"."""

from __future__ import annotations

import numpy as np

from widgets import catalog
from widgets.checks import Numbers, register
from widgets.models.binding import receptor_occupancy
from widgets.units import molecules_in_volume, ng_per_ml_to_pM

register(Numbers(
    "ex-ch1-occupancy",
    lambda: np.asarray(receptor_occupancy([2.0, 20.0, 200.0], kd_pM=20.0)).tolist(),
    rtol=0.03,
    hint="Occupancy is [L] / ([L] + K_D) with both in pM, as a fraction, not a percentage.",
    what="occupancies",
))


def _units() -> list[float]:
    out: list[float] = []
    for mass_kDa in (20.0, 50.0):
        conc_pM = float(ng_per_ml_to_pM(20 / 1000, mass_kDa=mass_kDa))  # 20 pg/mL
        out += [conc_pM, float(receptor_occupancy(conc_pM, kd_pM=10.0))]
    return out


register(Numbers(
    "ex-ch1-units",
    _units,
    rtol=0.03,
    hint="Convert pg/mL to ng/mL first (divide by 1000), then use 1 ng/mL = 1000/M pM.",
    what="values",
))


def _dose() -> list[float]:
    syringe_ng_per_ml = 5_000 / 0.1  # 5 µg = 5000 ng in 100 µL = 0.1 mL
    return [syringe_ng_per_ml, float(ng_per_ml_to_pM(syringe_ng_per_ml, mass_kDa=20.0))]


register(Numbers(
    "ex-ch1-dose",
    _dose,
    rtol=0.02,
    hint="5 µg is 5,000 ng and 100 µL is 0.1 mL.",
    what="concentrations",
))

register(Numbers(
    "ex-ch1-modes",
    lambda: np.asarray(molecules_in_volume([1.0, 1000.0], volume_fL=1000.0)).tolist(),
    rtol=0.03,
    hint="1 pL is 1000 fL; multiply the molar concentration by the volume and by Avogadro's number.",
    what="molecule counts",
))


def _sizes() -> list[float]:
    chains_pM = float(ng_per_ml_to_pM(10 / 1000, mass_kDa=float(catalog.lookup("TNF")["mass_kDa_low"])))
    return [chains_pM, chains_pM / 3]


register(Numbers(
    "ex-ch1-sizes",
    _sizes,
    rtol=0.03,
    hint="Use the mass of one TNF chain; a trimer holds three chains.",
    what="concentrations",
))
