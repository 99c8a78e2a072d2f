"""Tests for widgets.models.sandwich: equilibrium sandwich assay and the hook effect."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from widgets.models import sandwich
from widgets.models.sandwich import SandwichAssay, sandwich_signal

KW: dict[str, Any] = dict(capture_pM=100.0, detection_pM=1000.0, kd_capture_pM=100.0, kd_detection_pM=50.0)


def _species(a_tot: float) -> tuple[float, float, float]:
    """Free analyte, capture and detection solved by a generic root finder (independent check)."""
    from scipy.optimize import fsolve

    c_tot, d_tot, kc, kd = KW["capture_pM"], KW["detection_pM"], KW["kd_capture_pM"], KW["kd_detection_pM"]

    def eqs(logs: np.ndarray) -> list[float]:
        a, c, d = np.exp(logs)
        return [np.log(a * (1 + c / kc) * (1 + d / kd) / a_tot),
                np.log(c * (1 + a / kc * (1 + d / kd)) / c_tot),
                np.log(d * (1 + a / kd * (1 + c / kc)) / d_tot)]

    a, c, d = np.exp(fsolve(eqs, np.log([a_tot / 10, c_tot / 2, d_tot / 2]), xtol=1e-13))
    return a, c, d


@pytest.mark.parametrize("a_tot", [0.5, 50.0, 5e3, 5e6])
def test_one_step_equilibrium_matches_an_independent_solver(a_tot: float) -> None:
    a, c, d = _species(a_tot)
    expected = c * a * d / (KW["kd_capture_pM"] * KW["kd_detection_pM"])
    assert sandwich_signal(a_tot, **KW) == pytest.approx(expected, rel=1e-8)


def test_signal_is_zero_without_analyte_and_bounded_by_the_reagents() -> None:
    grid = np.logspace(-2, 9, 120)
    for protocol in sandwich.PROTOCOLS:
        sig = np.asarray(sandwich_signal(grid, protocol=protocol, **KW))
        assert sandwich_signal(0.0, protocol=protocol, **KW) == 0.0
        assert np.all(sig >= 0) and np.all(sig <= min(KW["capture_pM"], KW["detection_pM"]) + 1e-9)
        assert np.all(sig <= grid + 1e-12)


def test_one_step_hooks_and_two_step_does_not() -> None:
    grid = np.logspace(-1, 9, 200)
    one = np.asarray(sandwich_signal(grid, **KW))
    two = np.asarray(sandwich_signal(grid, protocol="two-step", **KW))
    peak = int(np.argmax(one))
    assert 0 < peak < grid.size - 1
    assert np.all(np.diff(one[: peak + 1]) > 0) and np.all(np.diff(one[peak:]) < 0)
    assert np.all(np.diff(two) >= -1e-12)
    # at low analyte both formats agree; far beyond the peak the one-step signal falls as 1/analyte
    assert one[0] == pytest.approx(two[0], rel=0.02)
    ratio = one[-1] * grid[-1] / (one[-11] * grid[-11])
    assert ratio == pytest.approx(1.0, rel=0.05)


def test_a_high_sample_can_read_like_a_low_one() -> None:
    assay = SandwichAssay(**KW)
    onset = assay.hook_onset_pM()
    high = 1000 * onset
    low_equivalent = np.logspace(-2, np.log10(onset), 400)
    sig_low = np.asarray(assay.signal(low_equivalent))
    match = low_equivalent[np.argmin(np.abs(sig_low - assay.signal(high)))]
    assert match < onset / 10


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"capture_pM": 0.0}, "capture_pM"), ({"kd_detection_pM": -1.0}, "kd_detection_pM"),
     ({"protocol": "three-step"}, "protocol must be one of")],
)
def test_bad_input(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        sandwich_signal(1.0, **{**KW, **kwargs})
    with pytest.raises(ValueError, match="analyte_pM"):
        sandwich_signal(-1.0, **KW)
