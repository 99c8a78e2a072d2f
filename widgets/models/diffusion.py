"""How far a cytokine reaches: diffusion, consumption and competition around a secreting cell.

A cytokine released by one cell spreads by diffusion and is removed by the cells
around it that carry its receptor. This module turns that picture into numbers:

* :func:`stokes_einstein_diffusion_um2_per_s` estimates the diffusion coefficient of
  a globular protein from its mass; :func:`mean_diffusion_time_s` gives the time to
  spread over a distance.
* :func:`uptake_rate_per_s` and :func:`screening_length_um` describe a uniform field
  of consuming cells (one per cube of side ``cell_spacing_um``) that removes the
  cytokine at a first-order rate ``k``; the **screening length** ``lambda = sqrt(D / k)``
  is the distance over which consumers deplete it.
* :func:`steady_concentration_pM` is the exact steady state around one secreting
  spherical cell, :func:`captured_fraction_within` the share of the secreted molecules
  taken up within a distance, and :func:`reach_um` the distance at which the
  concentration falls to a threshold.
* :func:`point_source_concentration_pM` is the exact time course around a point
  source switched on at ``t = 0`` (free diffusion, or diffusion with uptake).
* :func:`simulate_secretion` solves the time-dependent radial diffusion-uptake
  equation numerically (finite volumes in space, the method of lines in time with
  :func:`scipy.integrate.solve_ivp`); the tests check it against the analytic
  solutions above.
* :func:`shared_cytokine_steady_state` splits one cytokine between several consumer
  populations with saturable receptors (for example IL-2 between regulatory T cells
  with many high-affinity receptors and effector T cells with few).

Units: distances in µm, times in s, diffusion coefficients in µm² s⁻¹, rate constants
in M⁻¹ s⁻¹ or s⁻¹ as their names say, secretion in molecules per second,
concentrations in pM. The physical constants are exact SI values; every measured
number the book uses comes from ``widgets/data/parameters/diffusion.tsv``.

References
----------
francis1997, thurley2015, busse2010, oyleryaniv2017 (the biology and the scale of the
answers); erickson2009, kestin1978 (inputs of the Stokes-Einstein estimate).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy import sparse
from scipy.integrate import solve_ivp
from scipy.optimize import brentq
from scipy.sparse.linalg import spsolve
from scipy.special import erfc, erfcx

from widgets.models._checks import (
    FloatOrArray,
    as_output,
    integer_at_least,
    nonnegative_array,
    number_in_range,
    positive_float,
)
from widgets.models.kinetics import ILLUSTRATIVE_KON_PER_M_PER_S, kd_pM_from_rates, koff_per_s_from_kd
from widgets.parameters import value
from widgets.units import (
    AVOGADRO_PER_MOL,
    L_PER_FL,
    PM_PER_MOLECULE_PER_UM3,
    molecules_per_um3_to_pM,
)

__all__ = [
    "BOLTZMANN_J_PER_K",
    "ILLUSTRATIVE",
    "Consumer",
    "RadialDiffusionResult",
    "ReachSummary",
    "SharedCytokineResult",
    "captured_fraction_within",
    "cells_within",
    "mean_diffusion_time_s",
    "minimal_protein_radius_nm",
    "point_source_concentration_pM",
    "reach_summary",
    "reach_um",
    "screening_length_from_rate_um",
    "screening_length_um",
    "shared_cytokine_steady_state",
    "shared_cytokine_sweep",
    "simulate_secretion",
    "steady_concentration_pM",
    "stokes_einstein_diffusion_um2_per_s",
    "uptake_capacity_pM_per_s",
    "uptake_rate_per_s",
]

BOLTZMANN_J_PER_K: float = 1.380649e-23
"""Boltzmann constant (exact, SI 2019), in J K⁻¹."""

ILLUSTRATIVE: Mapping[str, float] = MappingProxyType(
    {
        "kon_per_M_per_s": ILLUSTRATIVE_KON_PER_M_PER_S,
        "receptors_per_cell": 1e3,
        "cell_spacing_um": 10.0,
        "cell_radius_um": 5.0,
        "secretion_per_s": 10.0,
        "diffusion_um2_per_s": 100.0,
    }
)
"""Round, illustrative inputs for a cytokine among lymphocytes (orders of magnitude only).

These are *not* measurements: an association rate constant of 10⁷ M⁻¹ s⁻¹ (the
book's :data:`widgets.models.kinetics.ILLUSTRATIVE_KON_PER_M_PER_S`), 10³
receptors per consuming cell, one consuming cell per cube of 10 µm and cells of
5 µm radius (so neighbours just touch, a densely packed tissue), secretion of 10 molecules per
second and a diffusion coefficient of 100 µm² s⁻¹ (the order of the Stokes-Einstein
estimate for a 20 kDa protein in water). The chapter varies each of them.
"""


# ---------------------------------------------------------------------------------
# Diffusion by numbers
# ---------------------------------------------------------------------------------


def minimal_protein_radius_nm(
    mass_kDa: ArrayLike, *, partial_specific_volume_cm3_per_g: float | None = None
) -> FloatOrArray:
    """Radius of a smooth sphere holding the protein's volume, ``(3 M v / (4 pi N_A))^(1/3)``.

    This is the smallest radius a protein of that mass can have; real globular
    proteins, with their bound water and uneven shape, behave as somewhat larger
    spheres (erickson2009).

    Parameters
    ----------
    mass_kDa : array_like
        Molecular mass in kDa (> 0).
    partial_specific_volume_cm3_per_g : float, optional
        Partial specific volume of the protein (> 0); by default the sourced typical
        value ``protein_partial_specific_volume_cm3_per_g`` (0.73 cm³ g⁻¹).

    Returns
    -------
    float or numpy.ndarray
        Radius in nm.

    Raises
    ------
    ValueError
        If the mass or the specific volume is not positive.

    References
    ----------
    erickson2009

    Examples
    --------
    >>> round(minimal_protein_radius_nm(20.0), 2)
    1.8
    """
    mass = nonnegative_array("mass_kDa", mass_kDa, strictly_positive=True)
    v = (value("protein_partial_specific_volume_cm3_per_g") if partial_specific_volume_cm3_per_g is None
         else positive_float("partial_specific_volume_cm3_per_g", partial_specific_volume_cm3_per_g))
    volume_cm3 = mass * 1e3 * v / AVOGADRO_PER_MOL  # g/mol * cm^3/g / mol^-1
    radius_cm = (3.0 * volume_cm3 / (4.0 * math.pi)) ** (1.0 / 3.0)
    return as_output(radius_cm * 1e7)


def stokes_einstein_diffusion_um2_per_s(
    mass_kDa: ArrayLike,
    *,
    temperature_K: float = 293.15,
    viscosity_mPa_s: float | None = None,
    radius_factor: float = 1.0,
) -> FloatOrArray:
    """Diffusion coefficient of a spherical protein in water, ``D = k_B T / (6 pi eta R)``.

    The radius is ``radius_factor`` times :func:`minimal_protein_radius_nm`, so the
    default (``radius_factor=1``) gives an *upper* estimate of ``D``: hydration and
    shape make real proteins diffuse somewhat more slowly.

    Parameters
    ----------
    mass_kDa : array_like
        Molecular mass in kDa (> 0).
    temperature_K : float
        Absolute temperature in K (> 0); 293.15 K (20 °C) by default, the temperature
        of the sourced viscosity.
    viscosity_mPa_s : float, optional
        Viscosity of the solvent in mPa s (> 0); by default water at 20 °C
        (``water_viscosity_20C_mPa_s``). Pass a value measured at the same temperature
        as ``temperature_K``.
    radius_factor : float
        Ratio of the hydrodynamic radius to the minimal radius (>= 1).

    Returns
    -------
    float or numpy.ndarray
        ``D`` in µm² s⁻¹.

    Raises
    ------
    ValueError
        If any input is out of range.

    References
    ----------
    erickson2009 (minimal radius), kestin1978 (viscosity of water)

    Examples
    --------
    >>> round(stokes_einstein_diffusion_um2_per_s(20.0))
    119
    """
    mass = nonnegative_array("mass_kDa", mass_kDa, strictly_positive=True)
    radius_nm = np.asarray(minimal_protein_radius_nm(mass), dtype=float)
    temperature = positive_float("temperature_K", temperature_K)
    if viscosity_mPa_s is None:
        eta = value("water_viscosity_20C_mPa_s")
    else:
        eta = positive_float("viscosity_mPa_s", viscosity_mPa_s)
    factor = number_in_range("radius_factor", radius_factor, low=1.0)
    d_m2_per_s = BOLTZMANN_J_PER_K * temperature / (6.0 * math.pi * eta * 1e-3 * factor * radius_nm * 1e-9)
    return as_output(d_m2_per_s * 1e12)


def mean_diffusion_time_s(distance_um: ArrayLike, diffusion_um2_per_s: float, *, dimensions: int = 3) -> FloatOrArray:
    """Time for the mean squared displacement to reach ``distance²``: ``x² / (2 d D)``.

    In three dimensions a molecule has, on average, moved a distance ``x`` (root mean
    square) after ``x² / (6 D)``: ten times further takes a hundred times longer.

    Parameters
    ----------
    distance_um : array_like
        Distance in µm (>= 0).
    diffusion_um2_per_s : float
        Diffusion coefficient in µm² s⁻¹ (> 0).
    dimensions : {1, 2, 3}
        Number of spatial dimensions.

    Returns
    -------
    float or numpy.ndarray
        Mean time in s for the root-mean-square displacement to reach ``distance_um``.

    Raises
    ------
    ValueError
        If the distance is negative, ``D`` is not positive or ``dimensions`` is not 1, 2 or 3.

    Examples
    --------
    >>> mean_diffusion_time_s([10.0, 100.0], 100.0).round(3).tolist()
    [0.167, 16.667]
    """
    x = nonnegative_array("distance_um", distance_um)
    d = positive_float("diffusion_um2_per_s", diffusion_um2_per_s)
    if dimensions not in (1, 2, 3) or isinstance(dimensions, bool):
        raise ValueError(f"dimensions must be 1, 2 or 3, got {dimensions!r}")
    return as_output(x**2 / (2.0 * dimensions * d))


# ---------------------------------------------------------------------------------
# Consumption and the screening length
# ---------------------------------------------------------------------------------


def uptake_rate_per_s(
    kon_per_M_per_s: ArrayLike, receptors_per_cell: ArrayLike, cell_spacing_um: ArrayLike
) -> FloatOrArray:
    """First-order uptake rate ``k = k_on [R]`` of a uniform field of consuming cells.

    One consuming cell sits in each cube of side ``cell_spacing_um``; its receptors,
    spread over that volume, give a receptor concentration ``[R] = n / (N_A s³)``. As
    long as few receptors are occupied, each cytokine molecule is captured at the
    rate ``k_on [R]``.

    Parameters
    ----------
    kon_per_M_per_s : array_like
        Association rate constant in M⁻¹ s⁻¹ (>= 0).
    receptors_per_cell : array_like
        Receptors per consuming cell (>= 0).
    cell_spacing_um : array_like
        Side of the cube that holds one consuming cell, in µm (> 0).

    Returns
    -------
    float or numpy.ndarray
        ``k`` in s⁻¹.

    Raises
    ------
    ValueError
        If an input is negative (or the spacing zero), NaN or infinite.

    Examples
    --------
    >>> round(uptake_rate_per_s(1e7, 1000, 10.0), 4)
    0.0166
    """
    kon = nonnegative_array("kon_per_M_per_s", kon_per_M_per_s)
    n = nonnegative_array("receptors_per_cell", receptors_per_cell)
    s = nonnegative_array("cell_spacing_um", cell_spacing_um, strictly_positive=True)
    receptor_M = n / (AVOGADRO_PER_MOL * s**3 * L_PER_FL)
    return as_output(kon * receptor_M)


def screening_length_from_rate_um(diffusion_um2_per_s: ArrayLike, uptake_per_s: ArrayLike) -> FloatOrArray:
    """Screening length ``sqrt(D / k)``; infinite when nothing consumes (``k = 0``).

    Examples
    --------
    >>> screening_length_from_rate_um(100.0, 0.01)
    100.0
    >>> screening_length_from_rate_um(100.0, 0.0)
    inf
    """
    d = nonnegative_array("diffusion_um2_per_s", diffusion_um2_per_s, strictly_positive=True)
    k = nonnegative_array("uptake_per_s", uptake_per_s)
    with np.errstate(divide="ignore"):
        out = np.where(k > 0, np.sqrt(d / np.where(k > 0, k, 1.0)), np.inf)
    return as_output(out)


def screening_length_um(
    diffusion_um2_per_s: ArrayLike,
    kon_per_M_per_s: ArrayLike,
    receptors_per_cell: ArrayLike,
    cell_spacing_um: ArrayLike,
) -> FloatOrArray:
    """Distance over which consuming cells deplete a cytokine, ``sqrt(D / k)``.

    ``k`` is the first-order uptake rate of :func:`uptake_rate_per_s` (one consumer
    per cube of side ``cell_spacing_um``, receptors far from saturation). Doubling the
    receptors per cell shortens the screening length by ``sqrt(2)``; halving the
    spacing (eight times more cells) shortens it by ``sqrt(8)``.

    Parameters
    ----------
    diffusion_um2_per_s : array_like
        Diffusion coefficient in µm² s⁻¹ (> 0).
    kon_per_M_per_s : array_like
        Association rate constant in M⁻¹ s⁻¹ (>= 0).
    receptors_per_cell : array_like
        Receptors per consuming cell (>= 0).
    cell_spacing_um : array_like
        Side of the cube holding one consumer, in µm (> 0).

    Returns
    -------
    float or numpy.ndarray
        Screening length in µm (``inf`` without consumption).

    Raises
    ------
    ValueError
        If ``diffusion_um2_per_s`` or ``cell_spacing_um`` is not positive, or
        ``kon_per_M_per_s`` or ``receptors_per_cell`` is negative.

    References
    ----------
    francis1997, thurley2015, oyleryaniv2017 (diffusion-consumption models of cytokine range)

    Examples
    --------
    >>> round(screening_length_um(100.0, 1e7, 1000, 10.0), 1)
    77.6
    >>> screening_length_um(100.0, 1e7, [1e2, 1e4], 10.0).round(1).tolist()
    [245.4, 24.5]
    """
    k = uptake_rate_per_s(kon_per_M_per_s, receptors_per_cell, cell_spacing_um)
    return screening_length_from_rate_um(diffusion_um2_per_s, k)


def _inverse_length(screening_length_um: float) -> float:
    lam = number_in_range("screening_length_um", screening_length_um, low=0.0, low_open=True, high=math.inf)
    return 0.0 if math.isinf(lam) else 1.0 / lam


def _screening_or_inf(name: str, x: object) -> float:
    if isinstance(x, (int, float)) and not isinstance(x, bool) and x == math.inf:
        return math.inf
    return number_in_range(name, x, low=0.0, low_open=True)


def _secreting_cell(
    secretion_per_s: object, cell_radius_um: object, diffusion_um2_per_s: object, screening_length_um: object
) -> tuple[float, float, float, float]:
    """The checked secretion rate, cell radius, diffusion coefficient and screening length of a source."""
    return (number_in_range("secretion_per_s", secretion_per_s, low=0.0),
            positive_float("cell_radius_um", cell_radius_um),
            positive_float("diffusion_um2_per_s", diffusion_um2_per_s),
            _screening_or_inf("screening_length_um", screening_length_um))


def steady_concentration_pM(
    r_um: ArrayLike,
    *,
    secretion_per_s: float,
    cell_radius_um: float,
    diffusion_um2_per_s: float,
    screening_length_um: float = math.inf,
) -> FloatOrArray:
    r"""Steady concentration at distance ``r`` from the centre of one secreting cell.

    Derivation. Outside the secreting cell (``r >= a``) the cytokine diffuses with
    coefficient ``D`` and is removed by the surrounding consumers at the first-order
    rate ``k = D / lambda²``. At steady state, with spherical symmetry,

    .. math::  D \frac{1}{r^2}\frac{d}{dr}\Big(r^2 \frac{dc}{dr}\Big) - k\,c = 0 ,

    whose solution that vanishes far away is ``c = A exp(-r / lambda) / r``. The cell
    releases ``q`` molecules per second through its surface, so the outward flux at
    ``r = a`` is ``-4 pi a² D c'(a) = q``, which fixes ``A`` and gives

    .. math::  c(r) = \frac{q}{4\pi D r}\,\frac{e^{-(r-a)/\lambda}}{1 + a/\lambda} .

    Without consumers (``lambda = inf``) this is ``q / (4 pi D r)``: the
    concentration falls only as ``1/r``. With consumers it falls exponentially, and
    ``lambda`` sets the range.

    Assumptions: steady state; a spherical secreting cell of radius ``a`` in a
    uniform, effectively continuous field of consumers (the cells are treated as a
    smeared-out sink); first-order uptake (receptors far from saturation); no other
    degradation, no flow, no binding to the matrix; the secreting cell itself does
    not take up what it releases.

    Parameters
    ----------
    r_um : array_like
        Distance from the centre of the secreting cell in µm (>= ``cell_radius_um``).
    secretion_per_s : float
        Molecules released per second (>= 0).
    cell_radius_um : float
        Radius of the secreting cell in µm (> 0).
    diffusion_um2_per_s : float
        Diffusion coefficient in µm² s⁻¹ (> 0).
    screening_length_um : float
        Screening length in µm (> 0); ``math.inf`` (the default) means no consumers.

    Returns
    -------
    float or numpy.ndarray
        Steady concentration at ``r_um``, in pM.

    Raises
    ------
    ValueError
        If ``r_um`` lies inside the cell (``r < a``) or any input is out of range.

    References
    ----------
    francis1997, thurley2015

    Examples
    --------
    >>> round(steady_concentration_pM(5.0, secretion_per_s=10, cell_radius_um=5, diffusion_um2_per_s=100), 2)
    2.64
    >>> c = steady_concentration_pM([5.0, 55.0], secretion_per_s=10, cell_radius_um=5,
    ...                             diffusion_um2_per_s=100, screening_length_um=25.0)
    >>> c.round(4).tolist()
    [2.2024, 0.0271]
    """
    r = nonnegative_array("r_um", r_um)
    q, a, d, lam = _secreting_cell(secretion_per_s, cell_radius_um, diffusion_um2_per_s, screening_length_um)
    if (r < a).any():
        raise ValueError(
            f"r_um must be >= cell_radius_um ({a:g} µm): the formula holds outside the secreting cell, "
            f"got {float(r[r < a].flat[0])!r}"
        )
    inv = 0.0 if math.isinf(lam) else 1.0 / lam
    density = q / (4.0 * math.pi * d * r) * np.exp(-(r - a) * inv) / (1.0 + a * inv)
    return as_output(density * PM_PER_MOLECULE_PER_UM3)


def captured_fraction_within(r_um: ArrayLike, *, cell_radius_um: float, screening_length_um: float) -> FloatOrArray:
    """Fraction of the secreted molecules taken up between the cell surface and ``r``.

    Integrating the uptake ``k c(r)`` of :func:`steady_concentration_pM` over the shell
    ``a <= r' <= r`` and dividing by the secretion rate gives

        ``f(r) = 1 - exp(-(r - a)/lambda) (lambda + r) / (lambda + a)``.

    ``f(a) = 0`` and ``f -> 1`` far away: at steady state everything secreted is
    consumed somewhere (conservation). About 74 % is captured within ``a + 2 lambda``
    when ``a << lambda``.

    Parameters
    ----------
    r_um : array_like
        Distance from the centre of the secreting cell in µm (>= ``cell_radius_um``).
    cell_radius_um : float
        Radius of the secreting cell in µm (> 0).
    screening_length_um : float
        Screening length in µm (> 0, finite: without consumers nothing is captured).

    Returns
    -------
    float or numpy.ndarray
        Captured fraction in [0, 1].

    Raises
    ------
    ValueError
        If ``r`` lies inside the cell or an input is out of range.

    Examples
    --------
    >>> round(captured_fraction_within(105.0, cell_radius_um=5.0, screening_length_um=50.0), 3)
    0.619
    """
    r = nonnegative_array("r_um", r_um)
    a = positive_float("cell_radius_um", cell_radius_um)
    lam = number_in_range("screening_length_um", screening_length_um, low=0.0, low_open=True)
    if (r < a).any():
        raise ValueError(f"r_um must be >= cell_radius_um ({a:g} µm), got {float(r[r < a].flat[0])!r}")
    return as_output(1.0 - np.exp(-(r - a) / lam) * (lam + r) / (lam + a))


def cells_within(r_um: ArrayLike, cell_spacing_um: float) -> FloatOrArray:
    """Number of cells inside a sphere of radius ``r`` at one cell per cube of side ``s``.

    Examples
    --------
    >>> round(cells_within(50.0, 10.0))
    524
    """
    r = nonnegative_array("r_um", r_um)
    s = positive_float("cell_spacing_um", cell_spacing_um)
    return as_output(4.0 / 3.0 * math.pi * r**3 / s**3)


def reach_um(
    threshold_pM: float,
    *,
    secretion_per_s: float,
    cell_radius_um: float,
    diffusion_um2_per_s: float,
    screening_length_um: float = math.inf,
) -> float:
    """Distance from the secreting cell's centre at which the steady concentration falls to ``threshold_pM``.

    Returns ``cell_radius_um`` itself if the concentration at the cell surface is
    already below the threshold (the message reaches no one).

    Parameters
    ----------
    threshold_pM : float
        Concentration in pM (> 0), for example a receptor's K_D.
    secretion_per_s, cell_radius_um, diffusion_um2_per_s, screening_length_um
        As for :func:`steady_concentration_pM`.

    Returns
    -------
    float
        Distance in µm.

    Raises
    ------
    ValueError
        If ``threshold_pM`` is not positive, or another argument is out of the range of
        :func:`steady_concentration_pM`.

    Examples
    --------
    >>> round(reach_um(0.1, secretion_per_s=10, cell_radius_um=5, diffusion_um2_per_s=100), 1)
    132.1
    >>> round(reach_um(0.1, secretion_per_s=10, cell_radius_um=5, diffusion_um2_per_s=100,
    ...                screening_length_um=25.0), 1)
    34.2
    """
    thr = positive_float("threshold_pM", threshold_pM)
    kwargs = dict(secretion_per_s=secretion_per_s, cell_radius_um=cell_radius_um,
                  diffusion_um2_per_s=diffusion_um2_per_s, screening_length_um=screening_length_um)
    a = positive_float("cell_radius_um", cell_radius_um)
    c_surface = steady_concentration_pM(a, **kwargs)
    if c_surface <= thr:
        return a
    lam = _screening_or_inf("screening_length_um", screening_length_um)
    if math.isinf(lam):  # q / (4 pi D r) = thr has a closed form
        q = number_in_range("secretion_per_s", secretion_per_s, low=0.0)
        d = positive_float("diffusion_um2_per_s", diffusion_um2_per_s)
        return q * PM_PER_MOLECULE_PER_UM3 / (4.0 * math.pi * d * thr)
    hi = a + lam
    while steady_concentration_pM(hi, **kwargs) > thr:
        hi = a + 2.0 * (hi - a)
    return float(brentq(lambda r: steady_concentration_pM(r, **kwargs) - thr, a, hi, xtol=1e-10, rtol=1e-12))


@dataclass(frozen=True)
class ReachSummary:
    """How far one secreting cell's message carries, in numbers.

    Attributes
    ----------
    screening_length_um : float
        Screening length of the consumers (``math.inf`` without receptors).
    surface_pM : float
        Steady concentration at the secreting cell's surface.
    reach_um : float
        Distance from the centre at which the concentration falls to the threshold
        (the cell radius if it never exceeds it).
    reach_free_um : float
        The same without consumers.
    cells_reached : float
        Consumer cells within the reach, not counting the secreting cell.
    """

    screening_length_um: float
    surface_pM: float
    reach_um: float
    reach_free_um: float
    cells_reached: float


def reach_summary(
    *,
    secretion_per_s: float,
    receptors_per_cell: float,
    cell_spacing_um: float,
    threshold_pM: float,
    kon_per_M_per_s: float = ILLUSTRATIVE["kon_per_M_per_s"],
    diffusion_um2_per_s: float = ILLUSTRATIVE["diffusion_um2_per_s"],
    cell_radius_um: float = ILLUSTRATIVE["cell_radius_um"],
) -> ReachSummary:
    """Screening length, reach and cells reached around one secreting cell among consumers.

    Combines :func:`screening_length_um`, :func:`steady_concentration_pM`,
    :func:`reach_um` and :func:`cells_within`.

    Parameters
    ----------
    secretion_per_s : float
        Molecules secreted per second (>= 0).
    receptors_per_cell : float
        Receptors per consuming cell (>= 0; 0 means no consumption).
    cell_spacing_um : float
        One consuming cell per cube of this side, in µm (> 0).
    threshold_pM : float
        Concentration that counts as "reached", in pM (> 0).
    kon_per_M_per_s, diffusion_um2_per_s, cell_radius_um : float, optional
        Defaults: :data:`ILLUSTRATIVE`.

    Returns
    -------
    ReachSummary

    Raises
    ------
    ValueError
        If ``cell_spacing_um`` or ``threshold_pM`` is not positive, or
        ``secretion_per_s`` or ``receptors_per_cell`` is negative.

    Examples
    --------
    >>> s = reach_summary(secretion_per_s=100, receptors_per_cell=1000, cell_spacing_um=10, threshold_pM=10)
    >>> round(s.screening_length_um, 1), round(s.reach_um, 1), round(s.cells_reached, 1)
    (77.6, 11.4, 5.3)
    """
    n = number_in_range("receptors_per_cell", receptors_per_cell, low=0.0)
    spacing = positive_float("cell_spacing_um", cell_spacing_um)
    lam = float(screening_length_um(diffusion_um2_per_s, kon_per_M_per_s, n, spacing)) if n > 0 else math.inf
    common = dict(secretion_per_s=secretion_per_s, cell_radius_um=cell_radius_um,
                  diffusion_um2_per_s=diffusion_um2_per_s)
    surface = float(steady_concentration_pM(cell_radius_um, screening_length_um=lam, **common))
    reach = reach_um(threshold_pM, screening_length_um=lam, **common)
    reach_free = reach_um(threshold_pM, **common)
    reached = max(0.0, float(cells_within(reach, spacing)) - 1.0) if reach > cell_radius_um else 0.0
    return ReachSummary(lam, surface, reach, reach_free, reached)


def point_source_concentration_pM(
    r_um: ArrayLike,
    t_s: float,
    *,
    secretion_per_s: float,
    diffusion_um2_per_s: float,
    screening_length_um: float = math.inf,
) -> FloatOrArray:
    """Exact concentration around a point source switched on at ``t = 0``.

    A point releasing ``q`` molecules per second into a uniform medium with first-order
    uptake ``k = D / lambda²`` (or none) gives

        ``c = q / (8 pi D r) [e^(-r/lambda) erfc(r/(2 sqrt(D t)) - sqrt(k t))``
        ``                 + e^(r/lambda) erfc(r/(2 sqrt(D t)) + sqrt(k t))]``,

    which without uptake is ``q erfc(r / (2 sqrt(D t))) / (4 pi D r)`` (free
    diffusion) and tends to ``q e^(-r/lambda) / (4 pi D r)`` at long times. It shows
    how the profile builds up: nearby points reach steady state in seconds, distant
    ones take about ``r² / (4 D)`` or ``1/k``, whichever is shorter.

    Parameters
    ----------
    r_um : array_like
        Distance from the source in µm (> 0).
    t_s : float
        Time since the source was switched on, in s (>= 0).
    secretion_per_s : float
        Molecules released per second (>= 0).
    diffusion_um2_per_s : float
        Diffusion coefficient in µm² s⁻¹ (> 0).
    screening_length_um : float
        Screening length in µm (> 0; ``math.inf`` for no uptake).

    Returns
    -------
    float or numpy.ndarray
        Concentration at ``r_um`` at time ``t_s``, in pM.

    Raises
    ------
    ValueError
        If a distance, ``diffusion_um2_per_s`` or ``screening_length_um`` is not
        positive, or ``t_s`` or ``secretion_per_s`` is negative.

    Examples
    --------
    >>> round(point_source_concentration_pM(20.0, 1e6, secretion_per_s=10, diffusion_um2_per_s=100), 3)
    0.66
    >>> point_source_concentration_pM(20.0, 0.0, secretion_per_s=10, diffusion_um2_per_s=100)
    0.0
    """
    r = nonnegative_array("r_um", r_um, strictly_positive=True)
    t = number_in_range("t_s", t_s, low=0.0)
    q = number_in_range("secretion_per_s", secretion_per_s, low=0.0)
    d = positive_float("diffusion_um2_per_s", diffusion_um2_per_s)
    lam = _screening_or_inf("screening_length_um", screening_length_um)
    if t == 0.0:
        return as_output(np.zeros_like(r))
    k = 0.0 if math.isinf(lam) else d / lam**2
    x = r / (2.0 * math.sqrt(d * t))
    y = math.sqrt(k * t)
    inv = 0.0 if math.isinf(lam) else 1.0 / lam
    # e^(r/lambda) erfc(x + y) = erfcx(x + y) exp(r/lambda - (x + y)^2); the exponent is -x^2 - y^2
    term1 = np.exp(-r * inv) * erfc(x - y)
    term2 = erfcx(x + y) * np.exp(-(x**2) - y**2)
    density = q / (8.0 * math.pi * d * r) * (term1 + term2)
    return as_output(density * PM_PER_MOLECULE_PER_UM3)


# ---------------------------------------------------------------------------------
# Numerical solution of the time-dependent problem
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RadialDiffusionResult:
    """A simulated concentration profile around one secreting cell.

    Attributes
    ----------
    t_s : numpy.ndarray
        Output times in s, shape ``(n_t,)``.
    r_um : numpy.ndarray
        Centres of the radial grid cells in µm, shape ``(n_r,)``.
    concentration_pM : numpy.ndarray
        Concentration in pM, shape ``(n_t, n_r)``.
    parameters : Mapping[str, float]
        The inputs of the simulation (read-only).
    """

    t_s: NDArray[np.float64]
    r_um: NDArray[np.float64]
    concentration_pM: NDArray[np.float64]
    parameters: Mapping[str, float] = field(default_factory=dict)

    def at_pM(self, r_um: ArrayLike, t_index: int = -1) -> FloatOrArray:
        """Concentration at arbitrary distances (interpolated) at one output time.

        The interpolation is linear in ``log(r c)`` (exact for the exponential tail of
        the steady state), or linear in ``c`` where the concentration is zero.

        Raises
        ------
        ValueError
            If a distance lies outside the simulated grid.
        IndexError
            If ``t_index`` is out of range.
        """
        r = nonnegative_array("r_um", r_um)
        lo = float(self.parameters.get("cell_radius_um", self.r_um[0]))
        hi = float(self.r_um[-1])
        if (r < lo).any() or (r > hi).any():
            raise ValueError(f"r_um must lie within the grid [{lo:g}, {hi:g}] µm")
        c = np.asarray(self.concentration_pM[t_index], dtype=float)
        x, y = self.r_um, c
        if np.all(c > 0):
            y = np.log(self.r_um * c)
        # between the cell surface and the first grid centre: extend the first interval linearly
        slope = (y[1] - y[0]) / (x[1] - x[0])
        out = np.where(r < x[0], y[0] + slope * (r - x[0]), np.interp(r, x, y))
        if np.all(c > 0):
            out = np.exp(out) / r
        return as_output(out)

    def to_frame(self) -> pd.DataFrame:
        """Long-format table: one row per time and radius (columns ``t_s``, ``r_um``, ``concentration_pM``)."""
        tt, rr = np.meshgrid(self.t_s, self.r_um, indexing="ij")
        return pd.DataFrame({"t_s": tt.ravel(), "r_um": rr.ravel(), "concentration_pM": self.concentration_pM.ravel()})


def _radial_grid(a: float, lam: float, r_show: float, n_fine: int) -> NDArray[np.float64]:
    """Cell faces: fine shells at the cell surface, uniform out to ``r_show``, coarse far out.

    Near the secreting cell the profile curves on the scale of the cell radius, so the
    shells start at a tenth of ``a`` (or less) and grow by 5 % per shell up to the
    uniform width ``min((r_show - a) / n_fine, lambda / 20)``; beyond ``r_show`` they grow
    by 6 % per shell out to thirty screening lengths (or far away without consumers).
    """
    scale = lam if math.isfinite(lam) else r_show
    h_cap = min((r_show - a) / n_fine, scale / 20.0)
    step = min(a / 10.0, h_cap)
    faces = [a]
    while faces[-1] < r_show:
        faces.append(faces[-1] + step)
        step = min(step * 1.05, h_cap)
    r_max = a + (30.0 * lam if math.isfinite(lam) else 200.0 * (r_show - a) + 1e4)
    r_max = max(r_max, faces[-1] * 1.5)
    while faces[-1] < r_max:
        step *= 1.06
        faces.append(faces[-1] + step)
    return np.asarray(faces)


def _system(
    faces: NDArray[np.float64], d: float, k: float, lam: float, q: float
) -> tuple[NDArray[np.float64], sparse.csc_matrix, NDArray[np.float64]]:
    """Finite-volume matrix ``A`` and source ``b`` of ``dc/dt = A c + b`` (c in molecules/µm³)."""
    centres = 0.5 * (faces[:-1] + faces[1:])
    volumes = 4.0 / 3.0 * math.pi * (faces[1:] ** 3 - faces[:-1] ** 3)
    inner = faces[1:-1]  # faces between neighbouring cells
    conductance = d * 4.0 * math.pi * inner**2 / (centres[1:] - centres[:-1])  # flux per unit difference
    n = centres.size
    main = np.full(n, -k, dtype=float)
    main[:-1] -= conductance / volumes[:-1]
    main[1:] -= conductance / volumes[1:]
    upper = conductance / volumes[:-1]
    lower = conductance / volumes[1:]
    # outer boundary: the far field has the steady shape A e^(-r/lambda)/r, so the outward
    # flux through the last face is 4 pi R^2 D c_R (1/R + 1/lambda), with c_R extrapolated
    # from the last cell along that shape (exact for the steady state)
    r_out, r_last = faces[-1], centres[-1]
    inv = 0.0 if math.isinf(lam) else 1.0 / lam
    c_ratio = (r_last / r_out) * math.exp(-(r_out - r_last) * inv)
    main[-1] -= 4.0 * math.pi * r_out**2 * d * (1.0 / r_out + inv) * c_ratio / volumes[-1]
    a_mat = sparse.diags([lower, main, upper], [-1, 0, 1], format="csc")
    b = np.zeros(n)
    b[0] = q / volumes[0]  # the secreting cell's surface is the inner face of the first cell
    return centres, a_mat, b


def simulate_secretion(
    t_s: ArrayLike,
    *,
    secretion_per_s: float,
    cell_radius_um: float,
    diffusion_um2_per_s: float,
    screening_length_um: float = math.inf,
    r_show_um: float | None = None,
    n_cells: int = 200,
    steady_state: bool = False,
) -> RadialDiffusionResult:
    """Solve the time-dependent radial diffusion-uptake equation around a secreting cell.

    The equation is ``dc/dt = D (1/r²) d/dr (r² dc/dr) - k c`` for ``r > a`` with
    ``k = D / lambda²``, zero concentration at ``t = 0`` and secretion of ``q``
    molecules per second through the cell surface from ``t = 0`` on. It is
    discretised with finite volumes on spherical shells (uniform shells out to
    ``r_show_um``, then shells growing by 6 % each far out) and integrated in time with
    the implicit BDF method of :func:`scipy.integrate.solve_ivp` (the method of lines).
    The far boundary lets molecules leave as they would into an infinite medium.

    Parameters
    ----------
    t_s : array_like
        Output times in s (>= 0, increasing).
    secretion_per_s, cell_radius_um, diffusion_um2_per_s, screening_length_um
        As for :func:`steady_concentration_pM`.
    r_show_um : float, optional
        Outer edge of the finely resolved region, in µm (> ``cell_radius_um``);
        by default the cell radius plus ten screening lengths (or 500 µm without
        consumers).
    n_cells : int
        Number of shells in the finely resolved region (>= 20); the shells are never
        thicker than a twentieth of the screening length.
    steady_state : bool
        If true, ignore ``t_s`` and return the steady state of the discretised system
        (one row, ``t_s = [inf]``).

    Returns
    -------
    RadialDiffusionResult
        Concentration in pM at the grid-cell centres for every output time.

    Raises
    ------
    ValueError
        If a time is negative or the times decrease, ``r_show_um`` is not beyond the
        cell radius, ``n_cells`` < 20, or another argument is out of the range of
        :func:`steady_concentration_pM`.

    References
    ----------
    thurley2015 (three-dimensional reaction-diffusion models of IL-2)

    Examples
    --------
    >>> res = simulate_secretion([60.0], secretion_per_s=10, cell_radius_um=5,
    ...                          diffusion_um2_per_s=100, screening_length_um=25.0)
    >>> exact = steady_concentration_pM(30.0, secretion_per_s=10, cell_radius_um=5,
    ...                                 diffusion_um2_per_s=100, screening_length_um=25.0)
    >>> abs(res.at_pM(30.0) / exact - 1) < 0.01
    True
    """
    q, a, d, lam = _secreting_cell(secretion_per_s, cell_radius_um, diffusion_um2_per_s, screening_length_um)
    n_cells = integer_at_least("n_cells", n_cells, 20)
    if r_show_um is None:
        r_show = a + (10.0 * lam if math.isfinite(lam) else 500.0)
    else:
        r_show = number_in_range("r_show_um", r_show_um, low=a, low_open=True)
    k = 0.0 if math.isinf(lam) else d / lam**2
    faces = _radial_grid(a, lam, r_show, int(n_cells))
    centres, a_mat, b = _system(faces, d, k, lam, q)
    params = MappingProxyType({"secretion_per_s": q, "cell_radius_um": a, "diffusion_um2_per_s": d,
                               "screening_length_um": lam, "uptake_per_s": k, "r_show_um": r_show})
    if steady_state:
        c_ss = spsolve(a_mat, -b)
        conc = (np.asarray(c_ss) * PM_PER_MOLECULE_PER_UM3)[None, :]
        return RadialDiffusionResult(np.array([math.inf]), centres, conc, params)
    t = nonnegative_array("t_s", t_s)
    t = np.atleast_1d(t)
    if t.size == 0:
        raise ValueError("t_s must hold at least one time")
    if np.any(np.diff(t) < 0):
        raise ValueError("t_s must be increasing")
    y0 = np.zeros(centres.size)
    if t[-1] == 0.0:
        conc = np.zeros((t.size, centres.size))
    else:
        sol = solve_ivp(lambda _t, y: a_mat @ y + b, (0.0, float(t[-1])), y0, method="BDF",
                        t_eval=t, jac=a_mat, rtol=1e-8, atol=1e-14 * max(q, 1e-300))
        if not sol.success:  # pragma: no cover - BDF on a linear system does not fail
            raise RuntimeError(f"the diffusion solver failed: {sol.message}")
        conc = sol.y.T * PM_PER_MOLECULE_PER_UM3
    return RadialDiffusionResult(t, centres, conc, params)


# ---------------------------------------------------------------------------------
# Competition for a shared cytokine
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Consumer:
    """One population of cells that takes up a shared cytokine through saturable receptors.

    Each cell has ``receptors_per_cell`` receptors that bind the cytokine (``kon``,
    ``koff``) and internalise bound complexes at ``internalisation_per_s``; free
    receptors are assumed to be replaced as fast as they are used. The uptake per
    cell is then ``k_int R c / (c + K_M)`` with ``K_M = (koff + k_int) / kon``: linear
    (``kon R c``, if internalisation outpaces dissociation) at low concentration and
    saturating at ``k_int R`` molecules per second.

    Parameters
    ----------
    name : str
        Label, for example ``"Treg"``.
    receptors_per_cell : float
        Receptors per cell (>= 0).
    cell_spacing_um : float
        Side of the cube holding one cell of this population, in µm (> 0): the
        population's density is ``1 / cell_spacing_um³``.
    kd_pM : float
        Dissociation constant of the receptor in pM (> 0).
    kon_per_M_per_s : float
        Association rate constant in M⁻¹ s⁻¹ (> 0).
    internalisation_per_s : float
        Internalisation rate of bound receptors in s⁻¹ (> 0).
    """

    name: str
    receptors_per_cell: float
    cell_spacing_um: float
    kd_pM: float
    kon_per_M_per_s: float
    internalisation_per_s: float

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"name must be non-empty text, got {self.name!r}")
        number_in_range("receptors_per_cell", self.receptors_per_cell, low=0.0)
        positive_float("cell_spacing_um", self.cell_spacing_um)
        positive_float("kd_pM", self.kd_pM)
        positive_float("kon_per_M_per_s", self.kon_per_M_per_s)
        positive_float("internalisation_per_s", self.internalisation_per_s)

    @property
    def receptor_pM(self) -> float:
        """Receptor concentration in the shared volume, in pM."""
        return float(molecules_per_um3_to_pM(self.receptors_per_cell / self.cell_spacing_um**3))

    @property
    def half_saturation_pM(self) -> float:
        """``K_M = (koff + k_int) / kon`` in pM: the concentration of half-maximal uptake."""
        koff = koff_per_s_from_kd(self.kd_pM, kon_per_M_per_s=self.kon_per_M_per_s)
        return float(kd_pM_from_rates(self.kon_per_M_per_s, koff + self.internalisation_per_s))

    def uptake_pM_per_s(self, conc_pM: ArrayLike) -> FloatOrArray:
        """Uptake by the whole population per unit volume, in pM s⁻¹."""
        c = nonnegative_array("conc_pM", conc_pM)
        return as_output(self.internalisation_per_s * self.receptor_pM * c / (c + self.half_saturation_pM))

    def occupancy(self, conc_pM: ArrayLike) -> FloatOrArray:
        """Fraction of receptors bound at the quasi-steady state, ``c / (c + K_M)``."""
        c = nonnegative_array("conc_pM", conc_pM)
        return as_output(c / (c + self.half_saturation_pM))


@dataclass(frozen=True)
class SharedCytokineResult:
    """Steady state of a cytokine shared by several consumer populations.

    Attributes
    ----------
    production_pM_per_s : float
        Production rate in the shared volume.
    concentration_pM : float
        Steady free concentration.
    uptake_pM_per_s : Mapping[str, float]
        Uptake by each population.
    share : Mapping[str, float]
        Fraction of the production taken up by each population (and ``"degraded"``
        for the rest).
    occupancy : Mapping[str, float]
        Receptor occupancy of each population.
    """

    production_pM_per_s: float
    concentration_pM: float
    uptake_pM_per_s: Mapping[str, float]
    share: Mapping[str, float]
    occupancy: Mapping[str, float]

    def to_frame(self) -> pd.DataFrame:
        """One row per population: uptake, share and occupancy."""
        names = list(self.occupancy)
        return pd.DataFrame({"uptake_pM_per_s": [self.uptake_pM_per_s[n] for n in names],
                             "share": [self.share[n] for n in names],
                             "occupancy": [self.occupancy[n] for n in names]},
                            index=pd.Index(names, name="population"))


def shared_cytokine_steady_state(
    production_pM_per_s: float,
    consumers: Sequence[Consumer],
    *,
    degradation_per_s: float = 0.0,
) -> SharedCytokineResult:
    """Split one cytokine between consumer populations in a well-mixed volume.

    At steady state, production equals the sum of the populations' saturable uptake
    (:meth:`Consumer.uptake_pM_per_s`) plus any first-order degradation. This one
    equation fixes the free concentration, which is found by bisection (the uptake
    rises monotonically with concentration, so the root is unique). Each
    population's share is its uptake divided by production.

    The model shows the tug-of-war for IL-2 described by busse2010: at low
    production, cells with many high-affinity receptors (regulatory T cells) take
    almost everything; as production rises and their receptors saturate, more is
    left for cells with fewer or weaker receptors.

    Parameters
    ----------
    production_pM_per_s : float
        Production rate in pM s⁻¹ (>= 0).
    consumers : sequence of Consumer
        The populations (at least one, distinct names).
    degradation_per_s : float
        First-order loss other than uptake, in s⁻¹ (>= 0).

    Returns
    -------
    SharedCytokineResult

    Raises
    ------
    ValueError
        If the production exceeds what the populations can take up and nothing else
        removes the cytokine (no steady state), or an input is out of range.

    References
    ----------
    busse2010, feinerman2010

    Examples
    --------
    >>> treg = Consumer("Treg", 1e4, 20.0, kd_pM=10, kon_per_M_per_s=1e7, internalisation_per_s=1e-3)
    >>> teff = Consumer("Teff", 1e3, 12.0, kd_pM=1000, kon_per_M_per_s=1e7, internalisation_per_s=1e-3)
    >>> res = shared_cytokine_steady_state(0.1, [treg, teff])
    >>> round(res.share["Treg"], 2), round(res.share["Teff"], 2)
    (0.95, 0.05)
    """
    p = number_in_range("production_pM_per_s", production_pM_per_s, low=0.0)
    kdeg = number_in_range("degradation_per_s", degradation_per_s, low=0.0)
    pops = list(consumers)
    if not pops or not all(isinstance(c, Consumer) for c in pops):
        raise ValueError("consumers must be a non-empty sequence of Consumer objects")
    names = [c.name for c in pops]
    if len(set(names)) != len(names):
        raise ValueError(f"consumer names must be distinct, got {names!r}")
    capacity = uptake_capacity_pM_per_s(pops)
    if kdeg == 0.0 and p >= capacity:
        raise ValueError(
            f"production_pM_per_s ({p:g}) must be below the total uptake capacity of the consumers "
            f"({capacity:g} pM/s) when nothing else removes the cytokine: there is no steady state"
        )

    def balance(c: float) -> float:
        return sum(float(pop.uptake_pM_per_s(c)) for pop in pops) + kdeg * c - p

    if p == 0.0:
        conc = 0.0
    else:
        hi = max(c.half_saturation_pM for c in pops)
        while balance(hi) < 0:
            hi *= 2.0
        conc = float(brentq(balance, 0.0, hi, xtol=1e-14, rtol=1e-13))
    uptake = {pop.name: float(pop.uptake_pM_per_s(conc)) for pop in pops}
    share = {n: (u / p if p > 0 else 0.0) for n, u in uptake.items()}
    share["degraded"] = (kdeg * conc / p) if p > 0 else 0.0
    occ = {pop.name: float(pop.occupancy(conc)) for pop in pops}
    return SharedCytokineResult(p, conc, MappingProxyType(uptake), MappingProxyType(share), MappingProxyType(occ))


def uptake_capacity_pM_per_s(consumers: Sequence[Consumer]) -> float:
    """Largest uptake the populations can sustain: every receptor bound, ``sum(k_int R)``.

    Examples
    --------
    >>> treg = Consumer("Treg", 1e4, 20.0, kd_pM=10, kon_per_M_per_s=1e7, internalisation_per_s=1e-3)
    >>> round(uptake_capacity_pM_per_s([treg]), 2)
    2.08
    """
    pops = list(consumers)
    if not all(isinstance(c, Consumer) for c in pops):
        raise ValueError("consumers must be Consumer objects")
    return float(sum(c.internalisation_per_s * c.receptor_pM for c in pops))


def shared_cytokine_sweep(
    production_pM_per_s: ArrayLike,
    consumers: Sequence[Consumer],
    *,
    degradation_per_s: float = 0.0,
) -> tuple[SharedCytokineResult, ...]:
    """:func:`shared_cytokine_steady_state` at each of several production rates.

    Parameters
    ----------
    production_pM_per_s : array_like
        Production rates in pM s⁻¹ (>= 0).
    consumers, degradation_per_s
        As for :func:`shared_cytokine_steady_state`.

    Returns
    -------
    tuple of SharedCytokineResult
        One result per production rate, in order.

    Examples
    --------
    >>> treg = Consumer("Treg", 1e4, 20.0, kd_pM=10, kon_per_M_per_s=1e7, internalisation_per_s=1e-3)
    >>> [round(r.occupancy["Treg"], 3) for r in shared_cytokine_sweep([0.1, 1.0], [treg])]
    [0.048, 0.482]
    """
    rates = np.atleast_1d(nonnegative_array("production_pM_per_s", production_pM_per_s))
    return tuple(shared_cytokine_steady_state(float(q), consumers, degradation_per_s=degradation_per_s)
                 for q in rates)
