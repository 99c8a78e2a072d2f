"""The LiveExplorer widget: checks of what it is given, its state, its mimebundle and the pins of anywidget."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import anywidget
import pytest

from widgets.explorers import live
from widgets.explorers.inflammation import REYNOLDS_OUTCOME_RULES, reynolds_live_explorer
from widgets.explorers.live import (
    LiveExplorer,
    Outcome,
    Panel,
    Peak,
    Reference,
    Reset,
    Series,
    Slider,
    Switch,
    TimeGrid,
)
from widgets.explorers.near_far import dose_live_explorer
from widgets.explorers.signalling import raia_live_explorer
from widgets.models import reynolds2006 as rey
from widgets.models.definitions import load

ROOT = Path(__file__).resolve().parents[2]
PK = load("pharmacokinetics")
PANEL = Panel("Plasma", "ng/mL", (Series("plasma_ng_per_ml", "plasma", "#0072B2"),))
GRID = TimeGrid(24.0, 49, "time (h)")


def small(**changes: object) -> LiveExplorer:
    kwargs: dict = dict(controls=[Slider("elimination_half_life_h", "Half-life", 0.5, 50, "h", log=True)],
                        panels=[PANEL], summary=[Peak("plasma_ng_per_ml", "Plasma", "ng/mL")], time=GRID)
    kwargs.update(changes)
    return LiveExplorer(PK, **kwargs)


def test_anywidget_is_pinned_to_the_same_version_on_pypi_and_npm() -> None:
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements.txt").read_text(), re.M))
    npm = json.loads((ROOT / "package.json").read_text())["dependencies"]
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/anywidget"]["version"]
    assert pins["anywidget"] == npm["anywidget"] == lock == anywidget.__version__
    vendored = ROOT / "book" / "_static" / "vendor" / "npm" / "anywidget" / "dist" / "index.js"
    if vendored.exists():  # after `make assets`: the page's copy is the one the kernel side expects
        wheel = Path(anywidget.__file__).parent / "nbextension" / "index.js"
        assert vendored.read_bytes() == wheel.read_bytes()


def test_the_page_script_maps_anywidget_to_the_sites_copy() -> None:
    book_js = (ROOT / "book" / "_static" / "book.js").read_text()
    assert 'paths: { anywidget: "anywidget/dist/index" }' in book_js
    makefile = (ROOT / "Makefile").read_text()
    assert "cp node_modules/anywidget/dist/index.js $(VENDOR)/npm/anywidget/dist/index.js" in makefile


@pytest.mark.parametrize("factory", [raia_live_explorer, reynolds_live_explorer, dose_live_explorer])
def test_the_chapter_explorers_carry_definition_spec_and_default_view(factory) -> None:
    ex = factory()
    assert ex.definition == ex.model.to_browser()
    assert set(ex.values) >= {c.name for c in ex.controls}
    assert ex.spec["defaults"] == ex.values
    assert "live-explorer" in ex._dom_classes
    assert ex._esm == live.module_source() and ex._css == live.stylesheet()
    data, metadata = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert base64.b64decode(data["image/png"])[:4] == b"\x89PNG"
    assert metadata["cytokines_explorer"]["alt"] == ex.alt
    assert data["text/plain"].startswith("LiveExplorer(") and f"Default view: {ex.alt}" in data["text/plain"]
    # the JSON the page receives is small: no frames, just the model
    assert len(json.dumps(ex.definition)) + len(json.dumps(ex.spec)) < 60_000


def test_the_outcome_rules_are_those_of_classify_outcome() -> None:
    ex = reynolds_live_explorer()
    assert REYNOLDS_OUTCOME_RULES[0][2] == rey.PATHOGEN_CLEARED and REYNOLDS_OUTCOME_RULES[1][2] == rey.DAMAGE_RESOLVED
    for p0, k_pg in [(0.5, 0.3), (1.5, 0.3), (1.0, 0.6), (0.36, 0.6)]:
        verdict = ex.summary_numbers({"pathogen0": p0, "k_pg": k_pg})["outcome::0"]
        assert verdict == rey.outcome(pathogen0=p0, parameters={"k_pg": k_pg})


def test_the_reset_switch_is_the_papers_fig9_intervention() -> None:
    ex = reynolds_live_explorer()
    for level in (0.2, 0.32, 0.36):
        verdict = ex.summary_numbers({"pathogen0": 0.36, "k_pg": 0.6, "treat": 1.0, "ca_level": level})["outcome::0"]
        expected = rey.classify_outcome(rey.simulate_ca_reset(pathogen0=0.36, ca_level=level, parameters={"k_pg": 0.6}))
        assert verdict == expected


def test_summary_text_matches_the_numbers() -> None:
    ex = raia_live_explorer()
    numbers = ex.summary_numbers()
    peak, when = numbers["peak:pSTAT5:0"]
    assert ex.summary_text().startswith(f"pSTAT5 peaks at {live._format(peak)} nM at {live._format(when)} min")


@pytest.mark.parametrize("changes, message", [
    ({"controls": [Slider("half_life", "H", 1, 2)]}, "'half_life' is not a parameter or input"),
    ({"controls": [Slider("dose_ug", "Dose", 1, 2)]}, "the default 61.1 is outside [1, 2]"),
    ({"controls": [Switch("subcutaneous", "SC", on=2.0, off=3.0)]}, "is neither on"),
    ({"controls": []}, "at least one control"),
    ({"controls": [Slider("dose_ug", "D", 1, 100), Slider("dose_ug", "D", 1, 100)]}, "must be distinct"),
    ({"panels": [Panel("x", "y", (Series("plasma", "p", "#000"),))]}, "'plasma' is not an observable"),
    ({"summary": [Peak("central", "c", "µg")]}, "'central' is not an observable"),
    ({"summary": [Outcome((("x", "blood", 1.0),), "ok")]}, "'blood' is not a species"),
    ({"resets": [Reset(1.0, "depot", "level")]}, "'level' is not a control"),
    ({"resets": [Reset(1.0, "gut", 1.0)]}, "'gut' is not a species"),
    ({"reference": Reference("r", keep=("dose_ug",))}, "'dose_ug' is not a control"),
    ({"values": {"weight_kg": 70.0}}, "'weight_kg' is neither a control nor a parameter"),
    ({"controls": [Slider("dose_ug", "D", 1, 100, enables="subcutaneous")]}, "'enables' must name a Switch"),
])
def test_bad_explorers_are_refused(changes: dict, message: str) -> None:
    with pytest.raises(ValueError) as info:
        small(**changes)
    assert message in str(info.value)


@pytest.mark.parametrize("make, message", [
    (lambda: Slider("x", "x", 2, 1), "must be below high"),
    (lambda: Slider("x", "x", 0, 1, log=True), "a log slider needs low > 0"),
    (lambda: Slider("x", "x", 1, 2, scale=0), "scale must be > 0"),
    (lambda: Panel("p", "y", ()), "at least one series"),
    (lambda: Panel("p", "y", PANEL.series, log=True), "a log axis needs a y_range"),
    (lambda: TimeGrid(0.0, 10, "t"), "end must be > 0"),
    (lambda: TimeGrid(1.0, 1, "t"), "points must be an integer"),
    (lambda: TimeGrid(1.0, 10, "t", plot_end=2.0), "plot_end must lie in"),
])
def test_bad_parts_are_refused(make, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        make()


def test_an_explorer_without_a_default_view_still_displays() -> None:
    data, metadata = small()._repr_mimebundle_()
    assert "image/png" not in data and metadata == {}
    with pytest.raises(ValueError, match="no default_view"):
        small().default_image()
