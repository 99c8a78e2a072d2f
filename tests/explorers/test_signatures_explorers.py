"""Chapter 8 explorers: grids, links, alt text and tables agree with the model layer."""

from __future__ import annotations

import pytest

from widgets.datasets import signal_label
from widgets.explorers import signatures as ex
from widgets.explorers.core import FrameExplorer

similarity = pytest.fixture(scope="module")(ex.similarity_explorer)
activity = pytest.fixture(scope="module")(ex.activity_explorer)
genes = pytest.fixture(scope="module")(ex.top_genes_explorer)


def test_grids_and_links(similarity: FrameExplorer, activity: FrameExplorer, genes: FrameExplorer) -> None:
    assert len(similarity.frames) == len(genes.frames) == len(ex.CHOSEN_SIGNALS)
    assert len(activity.frames) == len(ex.ACTIVITY_SCENARIOS) * len(ex.NOISE_GRID) * len(ex.PENALTY_GRID)
    assert [c.name for c in activity.grid.controls] == ["scenario", "noise_sd", "alpha"]
    assert activity.n_links == 1 + len(ex.ACTIVITY_SCENARIOS) + len(ex.ACTIVITY_SCENARIOS) * len(ex.NOISE_GRID)
    total = len(similarity.frames) + len(activity.frames) + len(genes.frames)
    assert total <= 80, "page budget: about 80 frames per chapter"
    for explorer in (similarity, activity, genes):
        assert all(f.uri.startswith("data:image/webp;base64,") for f in explorer.frames.values())
        assert max(len(f.uri) for f in explorer.frames.values()) < 70_000


def test_similarity_alt_text_names_the_top_and_the_partners(similarity: FrameExplorer) -> None:
    control = similarity.grid.controls[0]
    for (i,), frame in similarity.frames.items():
        signal = control.values[i]
        assert signal_label(signal) in frame.alt and "Most alike:" in frame.alt
        for partner in ex.chain_partners(signal):
            assert signal_label(partner) in frame.alt
    il6 = similarity.frames[(control.values.index("IL6"),)]
    assert "Most alike: oncostatin M 0.43" in il6.alt
    assert "rank of 42" in il6.details


def test_activity_default_frame_recovers_the_planted_pair(activity: FrameExplorer) -> None:
    frame = activity.visible_frame()
    assert "IL-6 (activity +1), TNF (activity +1)" in frame.alt
    assert "2 of 2 truly active signals reach FDR < 0.05" in frame.alt
    assert ">planted?</th>" in frame.details and "<thead>" in frame.details


def test_activity_more_noise_finds_less(activity: FrameExplorer) -> None:
    controls = activity.grid.controls
    s = controls[0].values.index("IFN-γ alone")
    a = controls[2].values.index(10_000.0)
    quiet = activity.frames[(s, controls[1].values.index(3.0), a)].alt
    loud = activity.frames[(s, controls[1].values.index(30.0), a)].alt
    assert "1 of 1 truly active" in quiet and "0 of 1 truly active" in loud


def test_top_genes_alt_lists_the_genes(genes: FrameExplorer) -> None:
    control = genes.grid.controls[0]
    assert "SOCS3" in genes.frames[(control.values.index("IL6"),)].alt
    assert "NFKBIA" in genes.frames[(control.values.index("TNFA"),)].alt
