"""Chapter 4's statements about the high-dose IL-2 infusion agree with the parameter tables.

The first plasma concentration is the dose in the plasma volume of the two-compartment
model (its value at t = 0); the multiples of the receptors' K_D that the text gives are
computed from the sourced K_D values (allouche1990).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from widgets import catalog
from widgets.models.pharmacokinetics import ILLUSTRATIVE_PLASMA_VOLUME_L
from widgets.parameters import value
from widgets.units import ng_per_ml_to_pM

NB = nbformat.read(Path(__file__).resolve().parents[1] / "chapters" / "04-near-and-far.ipynb", as_version=4)
TEXT = re.sub(r"\s+", " ", " ".join(c.source for c in NB.cells if c.cell_type == "markdown"))
BODY_KG = 70.0  # the chapter's illustrative adult


@pytest.fixture(scope="module")
def start_pM() -> float:
    ng_per_ml = value("aldesleukin_dose_mg_per_kg") * BODY_KG * 1000 / ILLUSTRATIVE_PLASMA_VOLUME_L
    assert round(ng_per_ml, -1) == 860 and "about 860 ng/mL of IL-2 into the plasma" in TEXT
    return float(ng_per_ml_to_pM(ng_per_ml, mass_kDa=catalog.lookup("IL-2")["mass_kDa"]))


def test_the_first_concentration_in_nM(start_pM: float) -> None:
    assert round(start_pM / 1000) == 56
    assert "some 56 nM" in TEXT and "or 56 nM" in TEXT


def test_multiples_of_the_receptor_dissociation_constants(start_pM: float) -> None:
    high_affinity = (start_pM / value("il2_high_affinity_kd_high_pM"), start_pM / value("il2_high_affinity_kd_low_pM"))
    assert 500 <= high_affinity[0] < 600 and 5000 <= high_affinity[1] < 6000  # "roughly 500 to 5,000"
    kd_range = f"({value('il2_high_affinity_kd_low_pM'):.0f}–{value('il2_high_affinity_kd_high_pM'):.0f} pM)"
    assert f"roughly 500 to 5,000 times the $K_D$ of the high-affinity receptor {kd_range}" in TEXT
    assert "hundreds to thousands of times the $K_D$ of the high-affinity receptor" in TEXT
    assert 50 <= start_pM / value("il2_intermediate_affinity_kd_pM") < 60  # "fifty times"
    assert "fifty times that of the intermediate-affinity receptor" in TEXT


def test_who_gets_the_il2_at_low_production() -> None:
    """'the regulatory T cells take more than 90 % of the IL-2 ... at 1 pM per second the free
    IL-2 fills about half of the Tregs' receptors but only 7 % of the effector cells''."""
    from widgets.checks.ch4 import chapter_il2_consumers
    from widgets.models.diffusion import shared_cytokine_steady_state

    consumers = list(chapter_il2_consumers())
    for production in (0.01, 1.0):
        assert shared_cytokine_steady_state(production, consumers).share["regulatory T cells"] > 0.9
    occupancy = shared_cytokine_steady_state(1.0, consumers).occupancy
    assert 0.4 < occupancy["regulatory T cells"] < 0.55 and round(100 * occupancy["effector T cells"]) == 7
    text = TEXT.replace("\u00a0", " ")
    assert "take more than 90 % of the IL-2" in text
    assert "about half of the Tregs' receptors but only 7 % of the effector cells'" in text
