"""Checks for the computational exercises of Chapter 4, "Near and far".

Every expected value is computed by the package from the exercise's own inputs (and the
sourced parameters it names), so a check cannot disagree with the model it tests.
"""

from __future__ import annotations

import numpy as np

from widgets.checks import Number, Numbers, register
from widgets.models.diffusion import (
    ILLUSTRATIVE,
    Consumer,
    screening_length_um,
    shared_cytokine_steady_state,
    stokes_einstein_diffusion_um2_per_s,
)
from widgets.models.pharmacokinetics import (
    ILLUSTRATIVE_PLASMA_VOLUME_L,
    TwoCompartmentModel,
    absorption_half_life_for_peak_h,
    dosing_interval_for_trough_h,
    il2_receptor_window_ng_per_ml,
    one_compartment_ng_per_ml,
    time_above_h,
    two_compartment_ng_per_ml,
)
from widgets.parameters import value

#: The internalisation rate the chapter uses for both IL-2 consumers (illustrative), in s⁻¹.
CHAPTER_INTERNALISATION_PER_S = 1e-3


def chapter_il2_consumers() -> tuple[Consumer, Consumer]:
    """The two IL-2 consumer populations of the chapter's section on competition."""
    kon = ILLUSTRATIVE["kon_per_M_per_s"]
    tregs = Consumer("regulatory T cells", receptors_per_cell=10_000, cell_spacing_um=20.0,
                     kd_pM=value("il2_high_affinity_kd_low_pM"), kon_per_M_per_s=kon,
                     internalisation_per_s=CHAPTER_INTERNALISATION_PER_S)
    effectors = Consumer("effector T cells", receptors_per_cell=1_000, cell_spacing_um=12.0,
                         kd_pM=value("il2_intermediate_affinity_kd_pM"), kon_per_M_per_s=kon,
                         internalisation_per_s=CHAPTER_INTERNALISATION_PER_S)
    return tregs, effectors


def chapter_il2_model() -> TwoCompartmentModel:
    """The two-compartment aldesleukin model of the chapter (label half-lives, Konrad's clearance)."""
    return TwoCompartmentModel.from_half_lives(
        distribution_half_life_h=value("aldesleukin_distribution_half_life_min") / 60,
        elimination_half_life_h=value("aldesleukin_elimination_half_life_min") / 60,
        central_volume_L=ILLUSTRATIVE_PLASMA_VOLUME_L,
        clearance_L_per_h=value("il2_clearance_ml_per_min") * 60 / 1000,
    )


def _diffusion() -> list[float]:
    return [float(stokes_einstein_diffusion_um2_per_s(value("aldesleukin_mass_Da") / 1000)),
            float(stokes_einstein_diffusion_um2_per_s(150.0))]


def _screening() -> list[float]:
    return [float(screening_length_um(100.0, 1e7, n, 12.0)) for n in (2_000, 20_000)]


def _capture() -> list[float]:
    consumers = chapter_il2_consumers()
    return [shared_cytokine_steady_state(p, consumers).share["regulatory T cells"] for p in (0.5, 2.5)]


def _interval() -> list[float]:
    return [dosing_interval_for_trough_h(1.0, dose_ug=350.0, volume_L=10.5, half_life_h=t)
            for t in (value("filgrastim_half_life_h"), value("pegfilgrastim_half_life_h"))]


def _label() -> float:
    t_half = value("filgrastim_half_life_h")
    t_abs = absorption_half_life_for_peak_h(value("filgrastim_tmax_h"), half_life_h=t_half)
    t = np.linspace(0.0, 48.0, 28801)
    c = one_compartment_ng_per_ml(t, dose_ug=300.0, volume_L=value("filgrastim_volume_mL_per_kg") * 60 / 1000,
                                  half_life_h=t_half, absorption_half_life_h=t_abs)
    return time_above_h(t, c, 10.0)


def _highdose() -> list[float]:
    dose = value("aldesleukin_dose_mg_per_kg") * 80 * 1000
    t = np.linspace(0.0, 8.0, 28801)
    c = np.asarray(two_compartment_ng_per_ml(t, dose_ug=dose, model=chapter_il2_model()))
    return [float(c[0]), time_above_h(t, c, il2_receptor_window_ng_per_ml()[1])]


register(Numbers(
    "ex-ch4-diffusion", _diffusion, unit="µm²/s", rtol=0.03,
    hint="D = k_B T / (6 π η R), with R the minimal radius for the mass (20 °C, water); IL-2 first.",
    what="diffusion coefficients",
))
register(Numbers(
    "ex-ch4-screening", _screening, unit="µm", rtol=0.03,
    hint="λ = sqrt(D / k) with k = k_on R / s³; watch the units of k_on (M⁻¹ s⁻¹) and the cell volume.",
    what="screening lengths",
))
register(Numbers(
    "ex-ch4-capture", _capture, rtol=0.02, close_rtol=0.1,
    hint="Give the regulatory T cells' share of production as a fraction, at 0.5 then 2.5 pM per second.",
    what="shares",
))
register(Numbers(
    "ex-ch4-interval", _interval, unit="h", rtol=0.03,
    hint="τ = (t½ / ln 2) · ln(1 + D / (V C_min)); the short half-life first.",
    what="intervals",
))
register(Number(
    "ex-ch4-label", _label, unit="h", rtol=0.03,
    hint="Use V = 150 mL/kg × 60 kg, the 3.5 h half-life and the absorption half-life for a 4 h peak.",
))
register(Numbers(
    "ex-ch4-highdose", _highdose, rtol=0.03,
    hint="The dose is 0.037 mg/kg × 80 kg; use the chapter's two-compartment model and the 1 nM edge in ng/mL.",
    what="answers",
))
