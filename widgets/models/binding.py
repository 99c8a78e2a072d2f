"""Equilibrium binding of a cytokine to its receptor, and concentration units.

The model is the simplest one that teaches something real: one ligand binding one
class of receptor sites, with free ligand in excess, so that the fraction of
receptors occupied at equilibrium is ``L / (L + K_D)`` (the law of mass action).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from widgets.models._checks import nonnegative_array

AVOGADRO_PER_MOL = 6.02214076e23
"""Avogadro constant (exact, SI 2019), in mol^-1."""


_check_concentration = nonnegative_array


def receptor_occupancy(ligand_pM: ArrayLike, kd_pM: ArrayLike) -> NDArray[np.float64]:
    """Fraction of receptors bound at equilibrium, ``L / (L + K_D)``.

    Assumes one class of independent sites and free ligand in excess of receptors
    (no depletion).

    Parameters
    ----------
    ligand_pM : array_like
        Free cytokine concentration in pM (>= 0).
    kd_pM : array_like
        Equilibrium dissociation constant in pM (> 0). Broadcasts against
        ``ligand_pM``.

    Returns
    -------
    numpy.ndarray
        Fractional occupancy between 0 and 1.

    Raises
    ------
    ValueError
        If a concentration is negative or NaN, or ``kd_pM`` is not positive.

    Examples
    --------
    At a concentration equal to K_D, half the receptors are bound:

    >>> float(receptor_occupancy(10.0, kd_pM=10.0))
    0.5
    >>> receptor_occupancy([0, 90], kd_pM=10.0).round(2).tolist()
    [0.0, 0.9]
    """
    ligand = _check_concentration("ligand_pM", ligand_pM)
    kd = _check_concentration("kd_pM", kd_pM, strictly_positive=True)
    return ligand / (ligand + kd)


def concentration_for_occupancy(occupancy: ArrayLike, kd_pM: ArrayLike) -> NDArray[np.float64]:
    """Free ligand concentration (pM) that gives a chosen fractional occupancy.

    Inverts :func:`receptor_occupancy`: ``L = K_D * f / (1 - f)``.

    Parameters
    ----------
    occupancy : array_like
        Target fraction of receptors bound, 0 <= f < 1.
    kd_pM : array_like
        Equilibrium dissociation constant in pM (> 0).

    Returns
    -------
    numpy.ndarray
        Concentration in pM.

    Raises
    ------
    ValueError
        If ``occupancy`` is outside [0, 1) or ``kd_pM`` is not positive.

    Examples
    --------
    Binding 90 % of receptors takes nine times the K_D:

    >>> round(float(concentration_for_occupancy(0.9, kd_pM=10.0)), 6)
    90.0
    """
    f = np.asarray(occupancy, dtype=float)
    if np.isnan(f).any() or (f < 0).any() or (f >= 1).any():
        raise ValueError(f"occupancy must be in [0, 1), got {occupancy!r}")
    kd = _check_concentration("kd_pM", kd_pM, strictly_positive=True)
    return kd * f / (1.0 - f)


def ng_per_ml_to_pM(conc_ng_per_ml: ArrayLike, mass_kDa: float) -> NDArray[np.float64]:
    """Convert a mass concentration (ng/mL) to a molar one (pM).

    ``1 ng/mL`` is ``1e-6 g/L``; divided by a molar mass of ``M * 1e3 g/mol``
    that is ``1e-9 / M`` mol/L, or ``1000 / M`` pM. For a 20 kDa cytokine,
    1 ng/mL is 50 pM.

    Parameters
    ----------
    conc_ng_per_ml : array_like
        Concentration in ng/mL (>= 0).
    mass_kDa : float
        Molecular mass of the protein (as it circulates: monomer, dimer or
        trimer) in kDa (> 0).

    Returns
    -------
    numpy.ndarray
        Concentration in pM.

    Raises
    ------
    ValueError
        If the concentration is negative or NaN, or the mass is not positive.

    Examples
    --------
    >>> float(ng_per_ml_to_pM(1.0, mass_kDa=20.0))
    50.0
    """
    conc = _check_concentration("conc_ng_per_ml", conc_ng_per_ml)
    mass = _check_concentration("mass_kDa", mass_kDa, strictly_positive=True)
    return conc * 1e3 / mass


def pM_to_ng_per_ml(conc_pM: ArrayLike, mass_kDa: float) -> NDArray[np.float64]:
    """Convert a molar concentration (pM) to a mass concentration (ng/mL).

    The inverse of :func:`ng_per_ml_to_pM`.

    Parameters
    ----------
    conc_pM : array_like
        Concentration in pM (>= 0).
    mass_kDa : float
        Molecular mass of the protein in kDa (> 0).

    Returns
    -------
    numpy.ndarray
        Concentration in ng/mL.

    Raises
    ------
    ValueError
        If the concentration is negative or NaN, or the mass is not positive.

    Examples
    --------
    >>> float(pM_to_ng_per_ml(50.0, mass_kDa=20.0))
    1.0
    """
    conc = _check_concentration("conc_pM", conc_pM)
    mass = _check_concentration("mass_kDa", mass_kDa, strictly_positive=True)
    return conc * mass / 1e3


def molecules_per_cell_volume(conc_pM: ArrayLike, volume_fL: float) -> NDArray[np.float64]:
    """Number of molecules in a volume at a given concentration.

    Useful to see how few molecules a picomolar signal is: 1 pM in the
    volume of a 1000 fL (1 pL) cube of tissue fluid is about 0.6 molecules.

    Parameters
    ----------
    conc_pM : array_like
        Concentration in pM (>= 0).
    volume_fL : float
        Volume in femtolitres (> 0).

    Returns
    -------
    numpy.ndarray
        Expected number of molecules.

    Raises
    ------
    ValueError
        If the concentration is negative or NaN, or the volume is not positive.

    Examples
    --------
    >>> round(float(molecules_per_cell_volume(1.0, volume_fL=1000.0)), 3)
    0.602
    """
    conc = _check_concentration("conc_pM", conc_pM)
    volume = _check_concentration("volume_fL", volume_fL, strictly_positive=True)
    return conc * 1e-12 * volume * 1e-15 * AVOGADRO_PER_MOL
