"""Equilibrium binding of a cytokine to its receptor, and concentration units.

The model is the simplest one that teaches something real: one ligand binding one
class of receptor sites, with free ligand in excess, so that the fraction of
receptors occupied at equilibrium is ``L / (L + K_D)`` (the law of mass action).
Unit conversions (ng/mL and pM, molecules in a volume) live in :mod:`widgets.units`.
"""

from __future__ import annotations

from numpy.typing import ArrayLike

from widgets.models._checks import FloatOrArray, as_output, fraction_array, nonnegative_array

__all__ = ["concentration_for_occupancy", "receptor_occupancy"]

_check_concentration = nonnegative_array


def receptor_occupancy(ligand_pM: ArrayLike, kd_pM: ArrayLike) -> FloatOrArray:
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
    float or numpy.ndarray
        Fractional occupancy between 0 and 1.

    Raises
    ------
    ValueError
        If a concentration is negative or NaN, or ``kd_pM`` is not positive.

    Examples
    --------
    At a concentration equal to K_D, half the receptors are bound:

    >>> receptor_occupancy(10.0, kd_pM=10.0)
    0.5
    >>> receptor_occupancy([0, 90], kd_pM=10.0).round(2).tolist()
    [0.0, 0.9]
    """
    ligand = _check_concentration("ligand_pM", ligand_pM)
    kd = _check_concentration("kd_pM", kd_pM, strictly_positive=True)
    return as_output(ligand / (ligand + kd))


def concentration_for_occupancy(occupancy: ArrayLike, kd_pM: ArrayLike) -> FloatOrArray:
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
    float or numpy.ndarray
        Free ligand concentration in pM.

    Raises
    ------
    ValueError
        If ``occupancy`` is outside [0, 1) or ``kd_pM`` is not positive.

    Examples
    --------
    Binding 90 % of receptors takes nine times the K_D:

    >>> round(concentration_for_occupancy(0.9, kd_pM=10.0), 6)
    90.0
    """
    f = fraction_array("occupancy", occupancy)
    if (f >= 1).any():
        raise ValueError(f"occupancy must be in [0, 1), got {float(f[f >= 1].flat[0])!r}")
    kd = _check_concentration("kd_pM", kd_pM, strictly_positive=True)
    return as_output(kd * f / (1.0 - f))
