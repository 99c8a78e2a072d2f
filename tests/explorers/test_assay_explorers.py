"""Tests for the Chapter 7 explorers (widgets.explorers.assay).

The explorers are built once per module and shared.
"""

from __future__ import annotations

import base64
import io
import math

import pytest
from PIL import Image

from widgets.explorers import assay as ex
from widgets.explorers.core import DEFAULT_IMAGE_FORMAT, FrameExplorer

curve = pytest.fixture(scope="module")(ex.standard_curve_explorer)
censoring = pytest.fixture(scope="module")(ex.censoring_explorer)
hook = pytest.fixture(scope="module")(ex.hook_explorer)


def _image(uri: str) -> Image.Image:
    assert uri.startswith(f"data:image/{DEFAULT_IMAGE_FORMAT};base64,")
    return Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))


def test_grids_and_links(curve, censoring, hook) -> None:
    for explorer, names, sizes in (
        (curve, ["cv", "sample_pg_per_ml"], (len(ex.PLATE_CV_GRID), len(ex.SAMPLE_GRID_PG_PER_ML))),
        (censoring, ["fraction_below", "geometric_sd"], (len(ex.CENSORED_FRACTION_GRID), len(ex.CENSORING_GSD_GRID))),
        (hook, ["detection_pM", "sample_pM"], (len(ex.HOOK_DETECTION_GRID_PM), len(ex.HOOK_SAMPLE_GRID_PM))),
    ):
        assert isinstance(explorer, FrameExplorer)
        assert [c.name for c in explorer.grid.controls] == names
        assert len(explorer.frames) == sizes[0] * sizes[1]
        assert explorer.n_links == 1 + sizes[0]
    assert len(curve.frames) + len(censoring.frames) + len(hook.frames) <= 80   # page budget


def test_frames_are_readable_images(curve, censoring, hook) -> None:
    for explorer in (curve, censoring, hook):
        assert _image(explorer.visible_frame().uri).size[0] >= 600


def test_standard_curve_alt_text_states_the_numbers(curve) -> None:
    for (i, j), frame in curve.frames.items():
        cv, sample = ex.PLATE_CV_GRID[i], ex.SAMPLE_GRID_PG_PER_ML[j]
        assert f"{cv * 100:.0f} % noise per well" in frame.alt
        assert f"true {sample:g} pg/mL" in frame.alt or "outside the fitted curve" in frame.alt
        assert "precision profile" in frame.alt
        assert "LLOQ" in frame.details


def test_noisier_plates_narrow_the_range_of_quantification() -> None:
    widths = []
    for cv in ex.PLATE_CV_GRID:
        from widgets.models.assay import fit_logistic, precision_profile, simulated_plate

        x, y, _ = simulated_plate(seed=7, cv=cv)
        prof = precision_profile(fit_logistic(x, y, weights="1/y^2"), ex._PROFILE_GRID, n_replicates=2)
        lo, hi = prof.limits(0.2)
        widths.append(math.log10(hi / lo) if math.isfinite(lo) else 0.0)
    assert widths == sorted(widths, reverse=True)


def test_censoring_alt_text_and_bias(censoring) -> None:
    for (i, j), frame in censoring.frames.items():
        frac, gsd = ex.CENSORED_FRACTION_GRID[i], ex.CENSORING_GSD_GRID[j]
        assert f"about {frac * 100:.0f} % of values" in frame.alt
        assert f"geometric SD {gsd:g}" in frame.alt
        assert "maximum likelihood" in frame.alt and "LOD/2" in frame.details


def test_hook_alt_text_and_dilution(hook) -> None:
    for (i, j), frame in hook.frames.items():
        assert f"{ex.HOOK_DETECTION_GRID_PM[i]:g} pM detection" in frame.alt
        assert "after 1:1000" in frame.alt
        assert "reported by the one-step assay" in frame.details


def test_hooked_sample_reads_low_and_recovers_on_dilution() -> None:
    from widgets.models.sandwich import SandwichAssay

    assay = SandwichAssay(detection_pM=1000.0, **ex.TOY_SANDWICH)
    assert assay.apparent_concentration_pM(1e5) < 10
    assert assay.apparent_concentration_pM(1e5 / 1000) * 1000 == pytest.approx(1e5, rel=0.02)
