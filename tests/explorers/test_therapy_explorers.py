"""Tests for the Chapter 6 explorers (widgets.explorers.therapy)."""

from __future__ import annotations

import pytest

from widgets.explorers import therapy as ex
from widgets.explorers.core import FrameExplorer
from widgets.models.target_engagement import antibody_for_free_fraction, free_fraction

engagement = pytest.fixture(scope="module")(ex.target_engagement_explorer)


def test_engagement_grid(engagement: FrameExplorer) -> None:
    assert [c.name for c in engagement.grid.controls] == ["kd_pM", "cytokine_pM"]
    assert len(engagement.frames) == len(ex.ENGAGEMENT_KD_GRID_PM) * len(ex.ENGAGEMENT_CYTOKINE_GRID_PM) == 12
    assert all(f.uri.startswith("data:image/") for f in engagement.frames.values())
    assert max(len(f.uri) for f in engagement.frames.values()) < 60_000


def test_engagement_default_is_100_pM_antibody_on_1_pM_cytokine(engagement: FrameExplorer) -> None:
    alt = engagement.visible_frame().alt
    assert "K_D = 100 pM" in alt and "Fraction of 1 pM cytokine" in alt


def test_engagement_alt_and_table_state_the_model_numbers(engagement: FrameExplorer) -> None:
    for (i, j), frame in engagement.frames.items():
        kd = ex.ENGAGEMENT_KD_GRID_PM[i]
        cytokine = ex.ENGAGEMENT_CYTOKINE_GRID_PM[j]
        one = float(antibody_for_free_fraction(0.01, cytokine_pM=cytokine, kd_pM=kd))
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


# --------------------------------------------------------------------------- JAK coverage
jak = pytest.fixture(scope="module")(ex.jak_explorer)


def test_jak_grid_has_every_inhibitor_and_four_hypotheticals(jak: FrameExplorer) -> None:
    from widgets.models import jak_coverage

    (control,) = jak.grid.controls
    assert list(control.values) == jak_coverage.inhibitors() + [f"only {j}" for j in jak_coverage.JAKS]
    assert control.default == "upadacitinib"
    assert max(len(f.uri) for f in jak.frames.values()) < 90_000


def test_jak_alt_text_counts_agree_with_the_model(jak: FrameExplorer) -> None:
    from widgets import catalog
    from widgets.models import jak_coverage

    complexes = jak_coverage.jak_complexes(catalog.complexes())
    (control,) = jak.grid.controls
    for i, value in enumerate(control.values):
        prof = (jak_coverage.jak_profile([value.split()[1]]) if value.startswith("only ")
                else jak_coverage.profile(value))
        spared = jak_coverage.spared(complexes, prof)
        alt = jak.frames[(i,)].alt
        assert f"Tiles for the {len(complexes)} signalling complexes" in alt
        if spared:
            listed = alt.split("Spared complexes: ")[1].rstrip(".").split(", ")
            assert sorted(listed) == sorted(spared)
        else:
            assert alt.endswith("No complex is spared.")


def test_jak3_only_spares_everything_but_the_gamma_c_complexes(jak: FrameExplorer) -> None:
    (control,) = jak.grid.controls
    alt = jak.frames[(list(control.values).index("only JAK3"),)].alt
    assert "blocked: 7 complexes using JAK1 + JAK3." in alt


def test_jak_details_cite_the_selectivity_pages(jak: FrameExplorer) -> None:
    (control,) = jak.grid.controls
    details = jak.frames[(list(control.values).index("deucravacitinib"),)].details
    assert "https://doi.org/10.1007/s13555-021-00596-8" in details and "approximate" in details
    assert "hypothetical" in jak.frames[(list(control.values).index("only JAK1"),)].details


# --------------------------------------------------------------------------- approvals
approvals_ex = pytest.fixture(scope="module")(ex.approvals_explorer)


def test_approvals_grid_and_totals(approvals_ex: FrameExplorer) -> None:
    from widgets import catalog

    (control,) = approvals_ex.grid.controls
    assert list(control.values) == ["mechanism", "molecule_type", "target_class"]
    n = len(catalog.drugs())
    for (i,), frame in approvals_ex.frames.items():
        totals = [int(cell.split("</td>")[0]) for cell in frame.details.split('text-align:right">')[1:]
                  if cell.split("</td>")[0].isdigit()]
        assert sum(totals[0::2]) == n  # the "medicines" column adds up to the table
        assert "Totals and first approvals" in frame.alt


def test_first_approvals_in_the_alt_text(approvals_ex: FrameExplorer) -> None:
    alt = approvals_ex.frames[(0,)].alt
    assert "(first interferon alfa-2a, 1986)" in alt
    assert "kinase inhibitor" in alt and "ruxolitinib, 2011" in alt


# --------------------------------------------------------------------------- dosing interval
dosing = pytest.fixture(scope="module")(ex.dosing_explorer)


def test_dosing_grid_and_default(dosing: FrameExplorer) -> None:
    assert [c.name for c in dosing.grid.controls] == ["half_life_days", "interval_days"]
    assert len(dosing.frames) == 9
    alt = dosing.visible_frame().alt
    assert "every 28 days" in alt and "half-life of 21 days" in alt


def test_dosing_alt_text_agrees_with_the_model(dosing: FrameExplorer) -> None:
    from widgets.models.target_engagement import dosing_course

    cfg = ex.DOSING_SETTINGS
    for (i, j), frame in dosing.frames.items():
        h, tau = ex.DOSING_HALF_LIFE_DAYS[i], ex.DOSING_INTERVAL_DAYS[j]
        course = dosing_course(peak_per_dose_pM=cfg["peak_per_dose_pM"], interval_h=tau * 24,
                               n_doses=int(cfg["n_doses"]), half_life_h=h * 24, cytokine_pM=cfg["cytokine_pM"],
                               kd_pM=cfg["kd_pM"])
        assert f"for {course.fraction_of_time_at_target:.0%} of the time" in frame.alt
        assert ex._format_pM(course.needed_pM) in frame.details


def test_longer_half_life_covers_more_of_the_time(dosing: FrameExplorer) -> None:
    def share(i: int, j: int) -> int:
        return int(dosing.frames[(i, j)].alt.split(" of the time")[0].rsplit(" ", 1)[-1].rstrip("%"))

    for j in range(3):
        assert share(0, j) <= share(1, j) <= share(2, j)
    assert share(2, 1) == 100  # three-week half-life, monthly doses
