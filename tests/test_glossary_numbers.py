"""The numbers the glossary quotes are the values of the parameter tables.

Each entry is rendered from ``widgets.parameters`` and must appear, as written, in
``book/glossary.md`` (white space folded), so that a changed value cannot leave the
glossary behind.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from widgets.parameters import value

GLOSSARY_PATH = Path(__file__).resolve().parents[1] / "book" / "glossary.md"
GLOSSARY = re.sub(r"\s+", " ", GLOSSARY_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "phrase",
    [
        lambda: f"limit of blank plus {value('clsi_lob_lod_z_one_sided'):g} standard",
        lambda: f"common choice *k* = {value('classical_lod_blank_sd_multiplier'):g}",
        lambda: f"cleared at about {value('il2_clearance_ml_per_min'):g} mL per minute",
        lambda: f"$\\lambda_t$ is about {value('brain_ecs_tortuosity'):g}",
        lambda: f"about {value('filgrastim_volume_mL_per_kg'):g} mL per kg",
    ],
    ids=["clsi-lod", "classical-lod-k", "il2-clearance", "tortuosity", "filgrastim-volume"],
)
def test_the_glossary_quotes_the_parameter_value(phrase) -> None:
    assert phrase() in GLOSSARY


def test_the_glossary_says_what_the_catalog_records_for_il38() -> None:
    from widgets import catalog

    assert catalog.complexes_of("IL-38").empty
    assert "the catalog records no receptor complex for it" in GLOSSARY
