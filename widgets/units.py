"""Physical constants, unit conversions and the book's formatting of durations and lists.

Every conversion the book uses lives here once: chapters, figures, explorers and
models import it rather than re-typing a factor. Concentrations in the book are in
pM unless a name says otherwise (``_nM``, ``_ng_per_ml``), times in s, min or h as
the name says.

Examples
--------
>>> ng_per_ml_to_pM(1.0, mass_kDa=20.0)
50.0
>>> format_minutes(125)
'2.1 h'
>>> pg_per_ml_to_pM(20.0, mass_kDa=20.0)
1.0
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from widgets.models._checks import (
    FloatOrArray,
    as_output,
    integer_at_least,
    nonnegative_array,
    number_in_range,
)

__all__ = [
    "AVOGADRO_PER_MOL",
    "L_PER_FL",
    "MIN_PER_H",
    "PG_PER_MG",
    "PM_PER_M",
    "S_PER_MIN",
    "PM_PER_MOLECULE_PER_UM3",
    "format_minutes",
    "iu_per_ml_to_pg_per_ml",
    "iu_to_ug",
    "molecules_in_volume",
    "molecules_per_um3_to_pM",
    "ng_per_ml_to_pM",
    "pg_per_ml_to_iu_per_ml",
    "pg_per_ml_to_pM",
    "pM_to_molecules_per_um3",
    "pM_to_ng_per_ml",
    "pM_to_pg_per_ml",
    "receptors_to_pM",
    "OUTPUT_WIDTH",
    "wrap_items",
]

AVOGADRO_PER_MOL: float = 6.02214076e23
"""Avogadro constant (exact, SI 2019), in mol^-1."""

PM_PER_M: float = 1e12
"""Picomolar per molar (1 pM = 1e-12 mol/L)."""

L_PER_FL: float = 1e-15
"""Litres per femtolitre (1 fL = 1 µm³)."""

S_PER_MIN: float = 60.0
"""Seconds per minute."""

MIN_PER_H: float = 60.0
"""Minutes per hour."""

PG_PER_MG: float = 1e9
"""Picograms per milligram."""

OUTPUT_WIDTH: int = 80
"""Characters of printed output the book's output box shows at 1280 px before it scrolls."""


def _amount_and_factor(
    amount_name: str, amount: ArrayLike, factor_name: str, factor: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Check a conversion's two inputs: an amount (>= 0) and a factor such as a mass (> 0)."""
    return (nonnegative_array(amount_name, amount),
            nonnegative_array(factor_name, factor, strictly_positive=True))


def ng_per_ml_to_pM(conc_ng_per_ml: ArrayLike, mass_kDa: float) -> FloatOrArray:
    """Convert a mass concentration (ng/mL) to a molar one (pM).

    ``1 ng/mL`` is ``1e-6 g/L``; divided by a molar mass of ``M * 1e3 g/mol`` that is
    ``1e-9 / M`` mol/L, or ``1000 / M`` pM. For a 20 kDa cytokine, 1 ng/mL is 50 pM.

    Parameters
    ----------
    conc_ng_per_ml : array_like
        Concentration in ng/mL (>= 0).
    mass_kDa : float
        Molecular mass of the protein as it circulates (monomer, dimer or trimer), in
        kDa (> 0).

    Returns
    -------
    float or numpy.ndarray
        Concentration in pM (``1000 / mass_kDa`` pM per ng/mL).

    Raises
    ------
    ValueError
        If ``conc_ng_per_ml`` is negative or NaN, or ``mass_kDa`` is not positive.

    Examples
    --------
    >>> ng_per_ml_to_pM(1.0, mass_kDa=20.0)
    50.0
    >>> ng_per_ml_to_pM([0.02, 2.0], mass_kDa=20.0).tolist()
    [1.0, 100.0]
    """
    conc, mass = _amount_and_factor("conc_ng_per_ml", conc_ng_per_ml, "mass_kDa", mass_kDa)
    return as_output(conc * 1e3 / mass)


def pM_to_ng_per_ml(conc_pM: ArrayLike, mass_kDa: float) -> FloatOrArray:
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
    float or numpy.ndarray
        Concentration in ng/mL.

    Raises
    ------
    ValueError
        If ``conc_pM`` is negative or NaN, or ``mass_kDa`` is not positive.

    Examples
    --------
    >>> pM_to_ng_per_ml(50.0, mass_kDa=20.0)
    1.0
    """
    conc, mass = _amount_and_factor("conc_pM", conc_pM, "mass_kDa", mass_kDa)
    return as_output(conc * mass / 1e3)


def pg_per_ml_to_pM(conc_pg_per_ml: ArrayLike, mass_kDa: float) -> FloatOrArray:
    """Convert pg/mL, the unit of most cytokine assays, to pM.

    ``1 pg/mL`` is ``1e-9 g/L``; divided by ``M * 1e3 g/mol`` that is ``1e-12 / M``
    mol/L, so the number of pM is the number of pg/mL divided by the mass in kDa. For
    a 20 kDa cytokine, 20 pg/mL is 1 pM. Use the mass of the form the assay measures
    (a monomer for most ELISAs; the dimer or trimer if that is what circulates and is
    calibrated).

    Parameters
    ----------
    conc_pg_per_ml : array_like
        Concentration in pg/mL (>= 0).
    mass_kDa : float
        Molecular mass in kDa (> 0).

    Returns
    -------
    float or numpy.ndarray
        Concentration in pM (``1 / mass_kDa`` pM per pg/mL).

    Raises
    ------
    ValueError
        If ``conc_pg_per_ml`` is negative or NaN, or ``mass_kDa`` is not positive.

    Examples
    --------
    >>> pg_per_ml_to_pM(20.0, mass_kDa=20.0)
    1.0
    >>> pg_per_ml_to_pM([0.0, 210.0], mass_kDa=21.0).tolist()
    [0.0, 10.0]
    """
    conc, mass = _amount_and_factor("conc_pg_per_ml", conc_pg_per_ml, "mass_kDa", mass_kDa)
    return as_output(conc / mass)


def pM_to_pg_per_ml(conc_pM: ArrayLike, mass_kDa: float) -> FloatOrArray:
    """Convert pM to pg/mL (the inverse of :func:`pg_per_ml_to_pM`).

    Examples
    --------
    >>> pM_to_pg_per_ml(1.0, mass_kDa=20.0)
    20.0
    """
    conc, mass = _amount_and_factor("conc_pM", conc_pM, "mass_kDa", mass_kDa)
    return as_output(conc * mass)


def iu_to_ug(amount_iu: ArrayLike, *, specific_activity_iu_per_mg: float) -> FloatOrArray:
    """Convert an amount in international units (IU) to µg through a specific activity.

    An international unit is defined by biological activity relative to a WHO
    International Standard, not by mass; the conversion holds only for the
    preparation whose specific activity (IU per mg of protein) was measured.

    Parameters
    ----------
    amount_iu : array_like
        Amount in IU (>= 0).
    specific_activity_iu_per_mg : float
        Specific activity of the preparation in IU/mg (> 0).

    Returns
    -------
    float or numpy.ndarray
        Mass in µg.

    Raises
    ------
    ValueError
        If the amount is negative or NaN, or the specific activity is not positive.

    Examples
    --------
    >>> iu_to_ug(1e6, specific_activity_iu_per_mg=2e7)
    50.0
    """
    amount, activity = _amount_and_factor("amount_iu", amount_iu,
                                          "specific_activity_iu_per_mg", specific_activity_iu_per_mg)
    return as_output(amount / activity * 1e3)


def iu_per_ml_to_pg_per_ml(conc_iu_per_ml: ArrayLike, *, specific_activity_iu_per_mg: float) -> FloatOrArray:
    """Convert a concentration in IU/mL to pg/mL through a specific activity (IU/mg).

    ``pg/mL = (IU/mL) / (IU/mg) * 1e9 pg/mg``. At 2e7 IU/mg, 1 IU/mL is 50 pg/mL.

    Parameters
    ----------
    conc_iu_per_ml : array_like
        Concentration in IU/mL (>= 0).
    specific_activity_iu_per_mg : float
        Specific activity in IU/mg (> 0).

    Returns
    -------
    float or numpy.ndarray
        Concentration in pg/mL.

    Raises
    ------
    ValueError
        If the concentration is negative or NaN, or the specific activity is not positive.

    Examples
    --------
    >>> iu_per_ml_to_pg_per_ml(1.0, specific_activity_iu_per_mg=2e7)
    50.0
    """
    conc, activity = _amount_and_factor("conc_iu_per_ml", conc_iu_per_ml,
                                          "specific_activity_iu_per_mg", specific_activity_iu_per_mg)
    return as_output(conc / activity * PG_PER_MG)


def pg_per_ml_to_iu_per_ml(conc_pg_per_ml: ArrayLike, *, specific_activity_iu_per_mg: float) -> FloatOrArray:
    """Convert pg/mL to IU/mL (the inverse of :func:`iu_per_ml_to_pg_per_ml`).

    Examples
    --------
    >>> pg_per_ml_to_iu_per_ml(50.0, specific_activity_iu_per_mg=2e7)
    1.0
    """
    conc, activity = _amount_and_factor("conc_pg_per_ml", conc_pg_per_ml,
                                          "specific_activity_iu_per_mg", specific_activity_iu_per_mg)
    return as_output(conc * activity / PG_PER_MG)


def molecules_in_volume(conc_pM: ArrayLike, volume_fL: float) -> FloatOrArray:
    """Expected number of molecules in a volume at a given concentration.

    It shows how few molecules a picomolar signal is: at 1 pM, a cube of tissue fluid
    10 µm on a side (1000 fL = 1 pL) holds about 0.6 molecules.

    Parameters
    ----------
    conc_pM : array_like
        Concentration in pM (>= 0).
    volume_fL : float
        Volume in femtolitres, i.e. µm³ (> 0).

    Returns
    -------
    float or numpy.ndarray
        Expected number of molecules.

    Raises
    ------
    ValueError
        If the concentration is negative or NaN, or the volume is not positive.

    Examples
    --------
    >>> round(molecules_in_volume(1.0, volume_fL=1000.0), 3)
    0.602
    """
    conc, volume = _amount_and_factor("conc_pM", conc_pM, "volume_fL", volume_fL)
    return as_output(conc / PM_PER_M * volume * L_PER_FL * AVOGADRO_PER_MOL)


def pM_to_molecules_per_um3(conc_pM: ArrayLike) -> FloatOrArray:
    """Number density (molecules per µm³) of a concentration in pM.

    Examples
    --------
    >>> round(pM_to_molecules_per_um3(1000.0), 4)  # 1 nM
    0.6022
    """
    return molecules_in_volume(conc_pM, 1.0)


PM_PER_MOLECULE_PER_UM3: float = 1.0 / float(pM_to_molecules_per_um3(1.0))
"""1 molecule per µm³ (1 fL) expressed in pM (about 1660.5 pM)."""


def molecules_per_um3_to_pM(density: ArrayLike) -> FloatOrArray:
    """Convert a number density (molecules per µm³) to a concentration in pM.

    The inverse of :func:`pM_to_molecules_per_um3`.

    Parameters
    ----------
    density : array_like
        Molecules per µm³ (>= 0).

    Returns
    -------
    float or numpy.ndarray
        Concentration in pM.

    Examples
    --------
    >>> round(molecules_per_um3_to_pM(1.0), 1)
    1660.5
    """
    return as_output(nonnegative_array("density", density) * PM_PER_MOLECULE_PER_UM3)


def receptors_to_pM(receptors_per_cell: ArrayLike, *, cells_per_ml: ArrayLike) -> FloatOrArray:
    """Concentration of receptors per volume of medium, in pM.

    ``receptors per cell x cells per mL x 1000 mL/L / N_A`` mol/L: what a ligand
    "sees" as the receptor concentration when cells are suspended in a medium.

    Parameters
    ----------
    receptors_per_cell : array_like
        Receptors on each cell (>= 0).
    cells_per_ml : array_like
        Cell density in cells per mL (>= 0).

    Raises
    ------
    ValueError
        If an argument is negative, NaN or infinite.

    Examples
    --------
    >>> round(receptors_to_pM(10_000, cells_per_ml=1e6), 2)
    16.61
    """
    per_cell = nonnegative_array("receptors_per_cell", receptors_per_cell)
    density = nonnegative_array("cells_per_ml", cells_per_ml)
    return as_output(per_cell * density * 1e3 / AVOGADRO_PER_MOL * PM_PER_M)


def format_minutes(minutes: float) -> str:
    """A duration in words for captions and tables: '45 s', '12 min', '3.4 h', '2.1 days'.

    Parameters
    ----------
    minutes : float
        Duration in min (>= 0).

    Raises
    ------
    ValueError
        If ``minutes`` is negative or not finite.

    Examples
    --------
    >>> [format_minutes(m) for m in (0.75, 5, 45, 125, 3000)]
    ['45 s', '5.0 min', '45 min', '2.1 h', '2.1 days']
    """
    minutes = number_in_range("minutes", minutes, low=0.0)
    if minutes < 1.0:
        return f"{minutes * S_PER_MIN:.0f} s"
    if minutes < 90.0:
        return f"{minutes:.0f} min" if minutes >= 10 else f"{minutes:.1f} min"
    hours = minutes / MIN_PER_H
    if hours < 36.0:
        return f"{hours:.1f} h"
    return f"{hours / 24:.1f} days"


def wrap_items(
    label: str, items: Iterable[object], *, width: int = OUTPUT_WIDTH, indent: int = 4, sep: str = ","
) -> str:
    """``label`` and a separated list, broken into lines only between items.

    Printed output in the book fits its output box (:data:`OUTPUT_WIDTH` characters at
    desktop width). Unlike ``textwrap.fill``, an item is never split, so a name such as
    "IL-2 intermediate affinity" stays on one line; an item longer than a line gets a
    line of its own.

    Parameters
    ----------
    label : str
        Text before the first item ("" for none); kept as given, spaces included.
    items : iterable
        The items, each shown with ``str``.
    width : int, optional
        Longest line, in characters (>= 20); :data:`OUTPUT_WIDTH` by default.
    indent : int, optional
        Spaces before each continuation line (0 to ``width - 10``); set it to the
        label's length to align the items.
    sep : str, optional
        Punctuation after every item but the last: "," by default, ";" for items
        that contain commas themselves.

    Returns
    -------
    str
        The lines, joined with newlines (no trailing newline).

    Raises
    ------
    ValueError
        If ``width`` or ``indent`` is out of range.

    Examples
    --------
    >>> print(wrap_items("JAK3:", ["IL-2 high affinity", "IL-4 type I", "IL-7", "IL-9"], width=30))
    JAK3: IL-2 high affinity,
        IL-4 type I, IL-7, IL-9
    >>> print(wrap_items("approved for", ["myelofibrosis", "polycythaemia vera"], sep=";"))
    approved for myelofibrosis; polycythaemia vera
    """
    width = integer_at_least("width", width, 20)
    indent = integer_at_least("indent", indent, 0)
    if indent > width - 10:
        raise ValueError(f"indent must be in [0, {width - 10}] for width {width}, got {indent}")
    texts = [str(item) for item in items]
    pieces = [f"{text}{sep}" for text in texts[:-1]] + texts[-1:]
    lines: list[str] = []
    line = label
    for piece in pieces:
        if not line.strip():  # nothing on this line yet: no label
            line += piece
        elif len(line) + 1 + len(piece) <= width:
            line += " " + piece
        else:
            lines.append(line)
            line = " " * indent + piece
    lines.append(line)
    return "\n".join(lines)
