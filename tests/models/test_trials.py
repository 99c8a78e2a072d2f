"""widgets.models.trials: risks, risk difference and number needed to treat."""

from __future__ import annotations

import math

import pytest

from widgets.models.trials import absolute_risk_reduction_points, number_needed_to_treat, risk_percent
from widgets.parameters import value


def test_recovery_tocilizumab_counts_give_the_published_percentages() -> None:
    # RECOVERY (recovery2021, abstract): 621/2022 (31%) vs 729/2094 (35%) died within 28 days.
    toci = (value("recovery_tocilizumab_deaths_count"), value("recovery_tocilizumab_patients_count"))
    usual = (value("recovery_tocilizumab_control_deaths_count"), value("recovery_tocilizumab_control_patients_count"))
    assert round(risk_percent(*toci)) == 31 and round(risk_percent(*usual)) == 35
    assert absolute_risk_reduction_points(control=usual, treated=toci) == pytest.approx(4.1, abs=0.05)
    assert number_needed_to_treat(control=usual, treated=toci) == pytest.approx(24.4, abs=0.1)


def test_recovery_dexamethasone_counts_give_the_published_percentages() -> None:
    # RECOVERY (horby2021, abstract): 482/2104 (22.9%) vs 1110/4321 (25.7%).
    assert risk_percent(value("recovery_dexamethasone_deaths_count"),
                        value("recovery_dexamethasone_patients_count")) == pytest.approx(22.9, abs=0.05)
    assert risk_percent(value("recovery_dexamethasone_control_deaths_count"),
                        value("recovery_dexamethasone_control_patients_count")) == pytest.approx(25.7, abs=0.05)


def test_harm_and_no_effect() -> None:
    assert number_needed_to_treat(control=(10, 100), treated=(20, 100)) == pytest.approx(-10.0)
    assert math.isinf(number_needed_to_treat(control=(10, 100), treated=(10, 100)))


@pytest.mark.parametrize(("events", "total"), [(-1, 10), (11, 10), (1, 0), (1, -5), (float("nan"), 10)])
def test_bad_counts_refused(events: float, total: float) -> None:
    with pytest.raises(ValueError):
        risk_percent(events, total)
