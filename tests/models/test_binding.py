"""Equilibrium binding and unit conversions against analytic results."""

from __future__ import annotations

import math

import numpy as np
import pytest

from widgets.models.binding import concentration_for_occupancy, receptor_occupancy
from widgets.units import AVOGADRO_PER_MOL, ng_per_ml_to_pM, pM_to_ng_per_ml
from widgets.units import molecules_in_volume as molecules_per_cell_volume


def test_half_occupancy_at_kd() -> None:
    kd = np.array([1.0, 10.0, 1000.0])
    assert np.allclose(receptor_occupancy(kd, kd), 0.5)


def test_limits_and_monotonicity() -> None:
    conc = np.logspace(-3, 6, 200)
    theta = receptor_occupancy(conc, 10.0)
    theta = np.asarray(theta)
    assert theta[0] < 1e-3 and theta[-1] > 1 - 1e-4
    assert np.all(np.diff(theta) > 0)
    assert receptor_occupancy(0.0, 10.0) == 0.0


def test_tenfold_rules() -> None:
    assert math.isclose(float(receptor_occupancy(90.0, 10.0)), 0.9)
    assert math.isclose(float(receptor_occupancy(10.0 / 9.0, 10.0)), 0.1)


def test_inverse() -> None:
    f = np.array([0.0, 0.1, 0.5, 0.99])
    assert np.allclose(receptor_occupancy(concentration_for_occupancy(f, 25.0), 25.0), f)


def test_unit_round_trip() -> None:
    conc = np.array([0.0, 0.3, 7.0])
    assert np.allclose(pM_to_ng_per_ml(ng_per_ml_to_pM(conc, 17.0), 17.0), conc)
    # 1 ng/mL of a 50 kDa protein: 1e-6 g/L / 5e4 g/mol = 2e-11 M = 20 pM
    assert math.isclose(float(ng_per_ml_to_pM(1.0, 50.0)), 20.0)


def test_molecule_count() -> None:
    # 1 nM in 1 pL (1000 fL) is 1e-9 * 1e-12 * N_A molecules
    assert math.isclose(float(molecules_per_cell_volume(1000.0, 1000.0)), 1e-21 * AVOGADRO_PER_MOL)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: receptor_occupancy(-1.0, 10.0), r"ligand_pM must be >= 0, got -1.0"),
        (lambda: receptor_occupancy(float("nan"), 10.0), r"ligand_pM must not contain NaN"),
        (lambda: receptor_occupancy(1.0, 0.0), r"kd_pM must be > 0, got 0.0"),
        (lambda: concentration_for_occupancy(1.0, 10.0), r"occupancy must be in \[0, 1\), got 1.0"),
        (lambda: ng_per_ml_to_pM(1.0, -5.0), r"mass_kDa must be > 0, got -5.0"),
        (lambda: pM_to_ng_per_ml(-2.0, 5.0), r"conc_pM must be >= 0, got -2.0"),
        (lambda: molecules_per_cell_volume(1.0, 0.0), r"volume_fL must be > 0, got 0.0"),
    ],
)
def test_bad_input_is_refused(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
