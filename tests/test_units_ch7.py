"""Tests for the unit conversions added to widgets.units for Chapter 7 (pg/mL, IU)."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.units import (
    iu_per_ml_to_pg_per_ml,
    iu_to_ug,
    ng_per_ml_to_pM,
    pg_per_ml_to_iu_per_ml,
    pg_per_ml_to_pM,
    pM_to_pg_per_ml,
)


def test_pg_per_ml_agrees_with_ng_per_ml() -> None:
    conc = np.array([0.0, 1.0, 37.5, 1e4])
    np.testing.assert_allclose(pg_per_ml_to_pM(conc, mass_kDa=17.0), ng_per_ml_to_pM(conc / 1000, mass_kDa=17.0))
    np.testing.assert_allclose(pM_to_pg_per_ml(pg_per_ml_to_pM(conc, mass_kDa=17.0), mass_kDa=17.0), conc)


def test_iu_conversions_are_inverse_and_consistent() -> None:
    activity = 1.8e7  # IU/mg, an example
    assert iu_per_ml_to_pg_per_ml(1.0, specific_activity_iu_per_mg=activity) == pytest.approx(1e9 / activity)
    assert pg_per_ml_to_iu_per_ml(iu_per_ml_to_pg_per_ml(3.0, specific_activity_iu_per_mg=activity),
                                  specific_activity_iu_per_mg=activity) == pytest.approx(3.0)
    # 1 mg carries `activity` IU, i.e. `activity` IU weigh 1000 µg
    assert iu_to_ug(activity, specific_activity_iu_per_mg=activity) == pytest.approx(1000.0)


@pytest.mark.parametrize("bad", [-1.0, float("nan")])
def test_bad_values_are_refused(bad: float) -> None:
    with pytest.raises(ValueError):
        pg_per_ml_to_pM(bad, mass_kDa=20.0)
    with pytest.raises(ValueError):
        iu_per_ml_to_pg_per_ml(bad, specific_activity_iu_per_mg=1e7)
    with pytest.raises(ValueError, match="> 0"):
        iu_to_ug(1.0, specific_activity_iu_per_mg=0.0)


def test_catalog_masses_chapter_7_relies_on() -> None:
    """Chapter 7 converts IL-6 with the catalog's 19-26 kDa and contrasts IL-2 (15.5 kDa, magyari2014)
    with aldesleukin (15.3 kDa, parameter table)."""
    from widgets import catalog

    il6, il2 = catalog.lookup("IL-6"), catalog.lookup("IL-2")
    assert (il6["mass_kDa_low"], il6["mass_kDa_high"]) == (19.0, 26.0)
    assert il2["mass_kDa"] == "15.5" and il2["mass_source"].startswith("magyari2014")
    assert pg_per_ml_to_pM(5.0, mass_kDa=il6["mass_kDa_low"]) == pytest.approx(5 / 19)
