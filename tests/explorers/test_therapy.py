"""Tests for the Chapter 6 explorers (widgets.explorers.therapy)."""

from __future__ import annotations

import pytest

from widgets.explorers import therapy as ex
from widgets.explorers.core import FrameExplorer
from widgets.models.target_engagement import antibody_for_free_fraction, free_fraction


@pytest.fixture(scope="module")
def engagement() -> FrameExplorer:
    return ex.target_engagement_explorer()


def test_engagement_grid(engagement: FrameExplorer) -> None:
    assert [c.name for c in engagement.grid.controls] == ["kd_pM", "cytokine_pM"]
    assert len(engagement.frames) == len(ex.ENGAGEMENT_KD_GRID_PM) * len(ex.ENGAGEMENT_CYTOKINE_GRID_PM) == 12
    assert all(f.uri.startswith("data:image/png;base64,") for f in engagement.frames.values())
    assert max(len(f.uri) for f in engagement.frames.values()) < 60_000


def test_engagement_default_is_100_pM_antibody_on_1_pM_cytokine(engagement: FrameExplorer) -> None:
    alt = engagement.visible_frame().alt
    assert "K_D = 100 pM" in alt and "Fraction of 1 pM cytokine" in alt


def test_engagement_alt_and_table_state_the_model_numbers(engagement: FrameExplorer) -> None:
    for (i, j), frame in engagement.frames.items():
        kd = ex.ENGAGEMENT_KD_GRID_PM[i]
        cytokine = ex.ENGAGEMENT_CYTOKINE_GRID_PM[j]
        one = antibody_for_free_fraction(0.01, cytokine_pM=cytokine, kd_pM=kd)
        # the quoted antibody really leaves 1 % free
        assert free_fraction(cytokine, one, kd) == pytest.approx(0.01, rel=1e-6)
        assert f"1% free at {ex._format_pM(one)}" in frame.alt
        assert f"K_D = {kd:g} pM" in frame.alt and f"{cytokine:g} pM cytokine" in frame.alt
        assert frame.details.count("<tr>") == 1 + len(ex.ENGAGEMENT_TARGETS)
        assert ex._format_pM(one) in frame.details


def test_excess_antibody_rule_in_the_scarce_cytokine_frames() -> None:
    # With the cytokine far below K_D, 1 % free needs about 99 K_D of antibody.
    for kd in ex.ENGAGEMENT_KD_GRID_PM[1:]:
        one = antibody_for_free_fraction(0.01, cytokine_pM=1.0, kd_pM=kd)
        assert one == pytest.approx(99 * kd, rel=0.02)


def test_unit_conversion_uses_the_igg_mass() -> None:
    # 1 µM of a 150 kDa IgG is 150 µg/mL.
    assert ex.antibody_ug_per_ml(1e6) == pytest.approx(150.0)


@pytest.mark.parametrize(("conc", "text"), [(5.0, "5 pM"), (9900.0, "9.9 nM"), (2.5e6, "2.5 µM")])
def test_format(conc: float, text: str) -> None:
    assert ex._format_pM(conc) == text
