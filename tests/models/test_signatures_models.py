"""Activity inference, signature similarity and enrichment: tests with known truth.

Simulated profiles (made up here, with planted activities) test that the regression
recovers what was planted; the real CytoSig matrix tests the facts that Chapter 8
states about it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from widgets.datasets import cytosig_signatures
from widgets.models import signatures as sg


@pytest.fixture(scope="module")
def S() -> pd.DataFrame:
    return cytosig_signatures()


@pytest.fixture(scope="module")
def R(S: pd.DataFrame) -> pd.DataFrame:
    return sg.signature_correlation(S)


# --- activity inference -------------------------------------------------------------

def test_exact_recovery_without_penalty_or_noise(S: pd.DataFrame) -> None:
    planted = {"IFNG": 1.5, "TNFA": -0.7, "TGFB1": 0.4}
    y = sg.simulated_profile(S, planted, noise_sd=0.0)
    fit = sg.infer_activity(y, S, alpha=0.0, standardise=False, method="analytic")
    sd = S.std(ddof=1)
    expected = pd.Series(0.0, index=S.columns)
    for k, a in planted.items():
        expected[k] = a / sd[k]
    np.testing.assert_allclose(fit.coefficient.to_numpy(), expected.to_numpy(), atol=1e-8)


@pytest.mark.parametrize("method", ["permutation", "analytic"])
def test_planted_activities_are_found_in_noise(S: pd.DataFrame, method: str) -> None:
    planted = {"IL6": 1.0, "IFN1": 0.8, "TGFB1": -0.8}
    y = sg.simulated_profile(S, planted, noise_sd=2.0, seed=7)
    fit = sg.infer_activity(y, S, alpha=10, method=method, n_permutations=1000)
    table = fit.to_frame()
    for k, a in planted.items():
        assert np.sign(table.loc[k, "z"]) == np.sign(a)
        assert table.loc[k, "p_value"] < 0.01
    top3 = set(table["z"].abs().sort_values(ascending=False).index[:3])
    assert top3 == set(planted)


def test_null_profiles_give_calibrated_p_values(S: pd.DataFrame) -> None:
    # pure noise: no signal is active, so about 5 % of p-values fall below 0.05
    rng = np.random.default_rng(11)
    p = []
    for _ in range(40):
        y = pd.Series(rng.normal(size=len(S)), index=S.index)
        p.extend(sg.infer_activity(y, S, alpha=10, n_permutations=300, seed=int(rng.integers(1_000_000_000))).p_value)
    fraction = np.mean(np.asarray(p) < 0.05)
    assert 0.025 < fraction < 0.08


def test_permutation_and_analytic_z_agree_for_independent_noise(S: pd.DataFrame) -> None:
    y = sg.simulated_profile(S, {"IL1B": 0.3}, noise_sd=3.0, seed=5)
    zp = sg.infer_activity(y, S, alpha=1e4, n_permutations=2000).z
    za = sg.infer_activity(y, S, alpha=1e4, method="analytic").z
    assert np.corrcoef(zp, za)[0, 1] > 0.98


def test_penalty_shrinks_and_spreads_credit(S: pd.DataFrame) -> None:
    y = sg.simulated_profile(S, {"IFNG": 1.0}, noise_sd=0.1, seed=2)
    norms, share = [], []
    for alpha in (0.0, 100.0, 1e4, 1e6):
        c = sg.infer_activity(y, S, alpha=alpha, method="analytic").coefficient
        norms.append(float(np.linalg.norm(c)))
        share.append(float(abs(c["IFNG"]) / np.abs(c).sum()))
    assert norms == sorted(norms, reverse=True)       # more penalty, smaller coefficients
    assert share == sorted(share, reverse=True)       # ... and IFN-γ's share goes to look-alikes
    # with CytoSig's default penalty IL-27, whose signature resembles IFN-γ's, takes credit
    fit = sg.infer_activity(y, S, n_permutations=300)
    assert fit.to_frame().index[1] in {"IL27", "IFN1"}


def test_same_seed_same_answer_and_gene_alignment(S: pd.DataFrame) -> None:
    y = sg.simulated_profile(S, {"OSM": 1.0}, noise_sd=1.0, seed=4)
    a = sg.infer_activity(y, S, n_permutations=200, seed=3)
    b = sg.infer_activity(y.iloc[::-1], S, n_permutations=200, seed=3)  # order of genes is irrelevant
    pd.testing.assert_series_equal(a.coefficient, b.coefficient)
    extra = pd.concat([y, pd.Series([5.0], index=["NOT_A_GENE"])])
    assert sg.infer_activity(extra, S, method="analytic").n_genes == len(S)


def test_infer_activity_refuses_bad_input(S: pd.DataFrame) -> None:
    y = sg.simulated_profile(S, {"IL6": 1.0}, noise_sd=1.0)
    with pytest.raises(ValueError, match="alpha must be in"):
        sg.infer_activity(y, S, alpha=-1)
    with pytest.raises(ValueError, match="method must be"):
        sg.infer_activity(y, S, method="bootstrap")
    with pytest.raises(ValueError, match="n_permutations must be >= 100"):
        sg.infer_activity(y, S, n_permutations=10)
    with pytest.raises(ValueError, match="share 3 genes"):
        sg.infer_activity(y.iloc[:3], S)
    with pytest.raises(ValueError, match="pandas Series"):
        sg.infer_activity(y.to_numpy(), S)
    bad = y.copy()
    bad.iloc[0] = np.nan
    with pytest.raises(ValueError, match="finite"):
        sg.infer_activity(bad, S)
    with pytest.raises(KeyError, match="did you mean"):
        sg.simulated_profile(S, {"IL-6": 1.0}, noise_sd=0.1)
    with pytest.raises(ValueError, match="noise_sd"):
        sg.simulated_profile(S, {"IL6": 1.0}, noise_sd=-1)


@pytest.mark.skipif(not os.environ.get("CYTOSIG_REFERENCE_PYTHON"),
                    reason="set CYTOSIG_REFERENCE_PYTHON to a Python with the full CytoSig (numpy < 2) to compare")
def test_agrees_with_the_cytosig_package(S: pd.DataFrame, tmp_path: Path) -> None:
    """The real tool, where it can be run (it needs GSL and numpy < 2, so not in CI)."""
    y = sg.simulated_profile(S, {"IFNG": 1.0, "IL6": 0.5, "TGFB1": -0.7}, noise_sd=1.0, seed=3)
    y.to_frame("sample").to_csv(tmp_path / "y.tsv", sep="\t")
    script = (
        "import CytoSig, pandas as pd, sys\n"
        "S = pd.read_csv(CytoSig.find_signature_path(), sep='\\t', index_col=0)\n"
        "Y = pd.read_csv(sys.argv[1], sep='\\t', index_col=0)\n"
        "b, se, z, p = CytoSig.ridge_significance_test(S, Y, alpha=1e4, nrand=0, verbose=False)\n"
        "pd.DataFrame({'beta': b['sample'], 'z': z['sample']}).to_csv(sys.argv[2], sep='\\t')\n"
    )
    subprocess.run([os.environ["CYTOSIG_REFERENCE_PYTHON"], "-c", script, str(tmp_path / "y.tsv"),
                    str(tmp_path / "ref.tsv")], check=True, timeout=300)
    ref = pd.read_csv(tmp_path / "ref.tsv", sep="\t", index_col=0)
    fit = sg.infer_activity(y, S, alpha=1e4, method="analytic")
    np.testing.assert_allclose(fit.coefficient[ref.index], ref["beta"], atol=1e-12)
    np.testing.assert_allclose(fit.z[ref.index], ref["z"], rtol=1e-9)


# --- similarity ----------------------------------------------------------------------

def test_correlation_matrix_is_a_correlation_matrix(R: pd.DataFrame) -> None:
    assert R.shape == (43, 43)
    np.testing.assert_allclose(R.to_numpy(), R.to_numpy().T)
    np.testing.assert_allclose(np.diag(R), 1.0)
    assert np.all(np.linalg.eigvalsh(R.to_numpy()) > -1e-10)


def test_most_similar_excludes_itself_and_sorts(R: pd.DataFrame) -> None:
    top = sg.most_similar(R, "TNFA", n=5)
    assert "TNFA" not in top.index and top.is_monotonic_decreasing
    assert top.index[0] == "IL1B"              # TNF and IL-1β: both drive NF-κB
    assert sg.most_similar(R, "IL6", n=1).index[0] == "OSM"
    low = sg.most_similar(R, "TNFA", n=3, least=True)
    assert low.is_monotonic_increasing
    with pytest.raises(KeyError, match="did you mean"):
        sg.most_similar(R, "TNFAA")


def test_clustering_recovers_planted_blocks() -> None:
    names = [f"s{i}" for i in range(9)]
    r = pd.DataFrame(0.05, index=names, columns=names)
    for block in (names[:3], names[3:6], names[6:]):
        r.loc[block, block] = 0.8
    for n in names:
        r.loc[n, n] = 1.0
    c = sg.cluster_signatures(r, n_clusters=3)
    assert c.labels.nunique() == 3
    for block in (names[:3], names[3:6], names[6:]):
        assert c.labels[block].nunique() == 1
    assert sorted(c.order) == sorted(names)
    with pytest.raises(ValueError, match="n_clusters"):
        sg.cluster_signatures(r, n_clusters=20)


def test_real_clusters_group_by_downstream_pathway(R: pd.DataFrame) -> None:
    c = sg.cluster_signatures(R, n_clusters=8)
    # the interferons, IL-27 and the STAT3 users IL-6, OSM fall together ...
    assert len({c.labels[s] for s in ("IFN1", "IFNL", "IFNG", "IL27", "IL6", "OSM")}) == 1
    # ... the NF-κB inducers together, away from them
    assert len({c.labels[s] for s in ("TNFA", "IL1B", "IL1A", "CD40L", "IL17A")}) == 1
    assert c.labels["TNFA"] != c.labels["IFNG"]
    # the SMAD activators together
    assert len({c.labels[s] for s in ("TGFB1", "TGFB3", "Activin A")}) == 1


def test_group_test_on_planted_and_on_null_data() -> None:
    names = [f"s{i}" for i in range(30)]
    rng = np.random.default_rng(0)
    genes = rng.normal(size=(400, 30))
    genes[:, 1] += genes[:, 0]                   # s0, s1, s2 share a component
    genes[:, 2] += genes[:, 0]
    r = pd.DataFrame(np.corrcoef(genes.T), index=names, columns=names)
    planted = sg.shared_chain_test(r, ["s0", "s1", "s2"], n_permutations=2000)
    assert planted.p_value < 0.01 and planted.mean_within > 0.4
    null = sg.shared_chain_test(r, ["s10", "s11", "s12"], n_permutations=2000)
    assert null.p_value > 0.05
    assert set(planted.pairs.index) == {"s0–s1", "s0–s2", "s1–s2"}
    with pytest.raises(ValueError, match="at least 2"):
        sg.shared_chain_test(r, ["s0", "s0"])
    with pytest.raises(KeyError):
        sg.shared_chain_test(r, ["s0", "nope"])


def test_what_chapter_8_says_about_shared_chains(R: pd.DataFrame) -> None:
    groups = {g.name: g for g in sg.SHARED_CHAIN_GROUPS}
    result = {name: sg.shared_chain_test(R, g.members, n_permutations=10_000) for name, g in groups.items()}
    # gp130, IL-1RAcP and type I vs type III interferon: more alike than random groups
    for name in ("gp130", "IL-1RAcP", "IFN I vs III"):
        assert result[name].p_value < 0.05, name
    # the expectation fails for γc and IL-10Rβ: no more alike than random groups
    for name in ("γc", "IL-10Rβ", "IL-4Rα"):
        assert result[name].p_value > 0.3, name
    # because IL-4 goes its own way: negatively correlated with IL-2 and IL-15
    assert R.loc["IL4", "IL2"] < 0 and R.loc["IL4", "IL15"] < 0
    assert R.loc["IL2", "IL15"] > 0.4                # the two that also share IL-2Rβ
    # IL-27 looks more like IFN-γ than like any gp130 cytokine
    assert sg.most_similar(R, "IL27", n=1).index[0] == "IFNG"
    # IL-4 and IL-13 share a receptor chain (IL-4Rα) and STAT6, yet are barely correlated
    assert abs(R.loc["IL4", "IL13"]) < 0.15
    ifn = sg.pair_rank(R, "IFN1", "IFNL")
    assert ifn.rank <= 10 and ifn.n_pairs == 903


def test_top_genes_of_real_signatures(S: pd.DataFrame) -> None:
    assert "SOCS3" in sg.top_genes(S, "IL6", n=10).index
    assert {"NFKBIA", "TNFAIP3"} <= set(sg.top_genes(S, "TNFA", n=5).index)
    assert "STAT1" in sg.top_genes(S, "IFN1", n=10).index
    down = sg.top_genes(S, "IL6", n=5, direction="down")
    assert (down < 0).all() and down.is_monotonic_increasing
    with pytest.raises(ValueError, match="direction"):
        sg.top_genes(S, "IL6", direction="sideways")


# --- enrichment -----------------------------------------------------------------------

def test_enrichment_finds_the_signature_a_gene_set_was_taken_from(S: pd.DataFrame) -> None:
    genes = sg.top_genes(S, "TGFB1", n=30).index
    table = sg.enrichment_scores(genes, S, n_permutations=1000)
    assert table.index[0] == "TGFB1"
    assert table.loc["TGFB1", "fdr"] < 0.05
    assert table["score"].is_monotonic_decreasing and (table["n_genes"] == 30).all()


def test_enrichment_of_a_random_set_is_not_significant(S: pd.DataFrame) -> None:
    rng = np.random.default_rng(1)
    genes = rng.choice(S.index, size=40, replace=False)
    table = sg.enrichment_scores(genes, S, n_permutations=1000)
    assert (table["fdr"] > 0.05).all()


def test_enrichment_refuses_too_few_known_genes(S: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="at least 3 genes"):
        sg.enrichment_scores(["STAT1", "NOT_A_GENE", "ALSO_NOT"], S)


def test_benjamini_hochberg_known_values_and_bounds() -> None:
    p = pd.Series([0.01, 0.02, 0.03, 0.04, 0.05], index=list("abcde"))
    np.testing.assert_allclose(sg.benjamini_hochberg(p), [0.05] * 5)
    adj = sg.benjamini_hochberg(np.array([0.001, 0.5, 0.9, 0.02]))
    assert (adj >= np.array([0.001, 0.5, 0.9, 0.02])).all() and (adj <= 1).all()
    with pytest.raises(ValueError):
        sg.benjamini_hochberg([0.5, 1.5])
