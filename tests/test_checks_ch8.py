"""Chapter 8 checks: the solutions' own answers pass, typical wrong answers do not."""

from __future__ import annotations

import pytest

from widgets.checks import check, labels
from widgets.datasets import cytosig_signatures
from widgets.models import signatures as sg

CH8 = ["ex-ch8-closest", "ex-ch8-gamma", "ex-ch8-infer", "ex-ch8-enrich", "ex-ch8-overlap"]


@pytest.fixture(scope="module")
def S():
    return cytosig_signatures()


def test_every_chapter_8_check_is_registered() -> None:
    assert set(CH8) <= set(labels())


def test_solutions_pass(S) -> None:
    r = sg.signature_correlation(S)
    # ex-ch8-closest: as in the solution
    assert check("ex-ch8-closest", list(sg.most_similar(r, "IL6", n=1).index)).status == "right"
    # ex-ch8-gamma: the solution averages the six off-diagonal pairs by hand
    members = ["IL2", "IL4", "IL15", "IL21"]
    sub = r.loc[members, members].to_numpy()
    mean_r = (sub.sum() - 4) / 12
    assert check("ex-ch8-gamma", round(mean_r, 3)).status == "right"
    # ex-ch8-infer
    table = sg.infer_activity(sg.simulated_mystery_profile(S), S, alpha=10, n_permutations=2000).to_frame()
    assert check("ex-ch8-infer", list(table.index[table["fdr"] < 0.05])).status == "right"
    # ex-ch8-enrich
    enr = sg.enrichment_scores(sg.TOY_BIOPSY_GENES, S, n_permutations=2000)
    assert check("ex-ch8-enrich", list(enr.index[:3])).status == "right"
    # ex-ch8-overlap
    n = len(set(sg.top_genes(S, "IFN1", n=20).index) & set(sg.top_genes(S, "IFNL", n=20).index))
    assert check("ex-ch8-overlap", n).status == "right"


def test_typical_wrong_answers_fail(S) -> None:
    assert check("ex-ch8-closest", ["IL6"]).status == "wrong"             # itself
    assert check("ex-ch8-closest", ["LIF"]).status == "wrong"             # the textbook guess
    r = sg.signature_correlation(S)
    members = ["IL2", "IL4", "IL15", "IL21"]
    with_diagonal = r.loc[members, members].to_numpy().mean()             # forgot to drop the diagonal
    assert check("ex-ch8-gamma", with_diagonal).status == "wrong"
    assert check("ex-ch8-gamma", r.loc["IL2", "IL15"]).status == "wrong"  # one pair only
    # the default penalty (CytoSig's) adds look-alikes that were never planted
    table = sg.infer_activity(sg.simulated_mystery_profile(S), S, n_permutations=2000).to_frame()
    assert check("ex-ch8-infer", list(table.index[table["fdr"] < 0.05])).status != "right"
    assert check("ex-ch8-infer", ["OSM"]).status == "wrong"
    assert check("ex-ch8-enrich", ["IFN1", "IFNL", "IL27"]).status != "right"
    assert check("ex-ch8-overlap", 20).status == "wrong"
