"""Chapter 2 explorers: frame grids, alt text and details tables all come from the catalog."""

from __future__ import annotations

import pytest

from widgets import catalog
from widgets.explorers import FrameExplorer
from widgets.explorers import families as ex
from widgets.explorers.core import DEFAULT_IMAGE_FORMAT
from widgets.figures.families import SHARED_CHAINS

CHAIN_LABELS = dict(ex.chain_options())


family_browser = pytest.fixture(scope="module")(ex.family_explorer)
chain_browser = pytest.fixture(scope="module")(ex.shared_chain_explorer)


# --------------------------------------------------------------------------- family browser
def test_family_grid_is_the_catalog_families(family_browser: FrameExplorer) -> None:
    (param,) = family_browser.grid.controls
    assert param.name == "family"
    assert list(param.values) == catalog.families()
    assert not param.is_numeric  # strings give a drop-down menu
    assert param.default == "common γ-chain family"
    assert len(family_browser.frames) == len(catalog.families())
    assert all(f.uri.startswith(f"data:image/{DEFAULT_IMAGE_FORMAT};base64,") for f in family_browser.frames.values())


def test_family_frames_are_small(family_browser: FrameExplorer) -> None:
    sizes = [len(f.uri) for f in family_browser.frames.values()]
    assert max(sizes) < 60_000, "keep each frame below ~45 kB of PNG"


def test_family_alt_text_names_the_family_and_members(family_browser: FrameExplorer) -> None:
    values = family_browser.grid.controls[0].values
    for index, family in enumerate(values):
        alt = family_browser.frames[(index,)].alt
        assert family in alt
        for ligand in catalog.family_ligands(family)["ligand"]:
            assert ligand in alt


def test_family_details_list_the_members(family_browser: FrameExplorer) -> None:
    index = family_browser.grid.controls[0].values.index("IL-17 family")
    html = family_browser.frames[(index,)].details
    assert html.count("<tr") == 1 + 7  # header + six members and the IL-17A/F heterodimer
    for symbol in ["IL17A", "IL17B", "IL17C", "IL17D", "IL25", "IL17F", "IL17RA", "IL17A+IL17F"]:
        assert symbol in html
    assert 'class="dataframe catalog-table"' in html


def test_details_escape_cell_text() -> None:
    import pandas as pd

    html = ex.details_table(pd.DataFrame({"Cytokine": ["<script>x</script>"]}), "a & b")
    assert "<script>" not in html and "&lt;script&gt;" in html and "a &amp; b" in html


def test_visible_frame_is_the_default(family_browser: FrameExplorer) -> None:
    alt = family_browser.visible_frame().alt
    assert "common γ-chain family" in alt


# --------------------------------------------------------------------------- shared chains
def test_chain_grid_is_the_shared_chains(chain_browser: FrameExplorer) -> None:
    (param,) = chain_browser.grid.controls
    assert list(param.values) == list(SHARED_CHAINS)
    assert param.labels[param.default_index] == "γc (IL2RG)"
    assert len(chain_browser.frames) == len(SHARED_CHAINS)


def test_gamma_chain_details_list_its_six_users(chain_browser: FrameExplorer) -> None:
    index = chain_browser.grid.controls[0].values.index("IL2RG")
    html = chain_browser.frames[(index,)].details
    for symbol in ["IL2", "IL4", "IL7", "IL9", "IL15", "IL21"]:
        assert f"<td>{symbol}</td>" in html
    assert "<td>IL13</td>" not in html and "<td>TSLP</td>" not in html
    assert html.count("<tr") == 1 + 6


@pytest.mark.parametrize("symbol", list(SHARED_CHAINS))
def test_chain_alt_text_names_the_chain_and_users(chain_browser: FrameExplorer, symbol: str) -> None:
    index = chain_browser.grid.controls[0].values.index(symbol)
    alt = chain_browser.frames[(index,)].alt
    assert CHAIN_LABELS[f"{SHARED_CHAINS[symbol]} ({symbol})"] == symbol
    assert symbol in alt and SHARED_CHAINS[symbol] in alt
    users = set(catalog.using_receptor(symbol, roles=catalog.SIGNALLING_ROLES)["ligand"])
    assert f"the {len(users)} cytokines" in alt
    for user in users:
        assert user in alt


def test_beta_chain_users(chain_browser: FrameExplorer) -> None:
    index = chain_browser.grid.controls[0].values.index("CSF2RB")
    assert chain_browser.grid.controls[0].labels[index] == "βc (CSF2RB)"
    html = chain_browser.frames[(index,)].details
    assert all(f"<td>{s}</td>" in html for s in ["IL3", "IL5", "CSF2"])
    assert "JAK2" in html


def test_unknown_chain_is_refused() -> None:
    with pytest.raises(ValueError, match="chain must be one of"):
        ex.shared_chain_frame(chain="IL6R")
