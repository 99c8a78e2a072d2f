"""The simulated lymph node (teaching data) has the truth it claims to have."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from widgets.models import single_cell as sc


def test_clusters_recover_the_cell_types() -> None:
    sim = sc.simulated_lymph_node(seed=3)
    pcs = sc.principal_components(sc.normalise(sim.counts), n_components=5)
    labels = sc.cluster_cells(pcs, n_clusters=3, seed=1)
    table = pd.crosstab(labels, sim.cell_type)
    # each cluster is (almost) one cell type
    assert (table.max(axis=1) / table.sum(axis=1)).min() > 0.95


def test_normalise_removes_library_size() -> None:
    counts = np.array([[1, 3, 0], [10, 30, 0]])
    x = sc.normalise(counts)
    np.testing.assert_allclose(x[0], x[1])
    np.testing.assert_allclose(np.expm1(x).sum(axis=1), 1e4)
    with pytest.raises(ValueError, match="at least one count"):
        sc.normalise(np.array([[0, 0]]))
    with pytest.raises(ValueError, match=">= 0"):
        sc.normalise(np.array([[-1, 2]]))


def test_only_cells_with_the_receptor_respond_directly() -> None:
    sim = sc.simulated_lymph_node(seed=4, mice_per_condition=4, response_log2fc=2.0)
    for cell_type in ("B cell", "macrophage"):
        c = sc.compare_conditions(sim, "response_0", cell_type)
        assert c.log2fc > 1.0 and c.p_mice < 0.05
    t = sc.compare_conditions(sim, "response_0", "T cell")
    assert abs(t.log2fc) < 0.6 and t.p_mice > 0.01
    # receptor mRNA marks the responders
    rec_b = sc.compare_conditions(sim, "receptor", "B cell").mouse_means.mean()
    rec_t = sc.compare_conditions(sim, "receptor", "T cell").mouse_means.mean()
    assert rec_b > rec_t + 1.0          # log scale: several-fold more receptor mRNA


def test_indirect_effect_reaches_cells_without_the_receptor() -> None:
    without = sc.simulated_lymph_node(seed=5, mice_per_condition=6, response_log2fc=2.0)
    with_ = sc.simulated_lymph_node(seed=5, mice_per_condition=6, response_log2fc=2.0, indirect=True)
    assert with_.indirect and not without.indirect
    lfc_without = np.mean([sc.compare_conditions(without, f"secondary_{i}", "T cell").log2fc for i in range(5)])
    lfc_with = np.mean([sc.compare_conditions(with_, f"secondary_{i}", "T cell").log2fc for i in range(5)])
    assert abs(lfc_without) < 0.3 < lfc_with


def test_cells_as_replicates_give_false_positives_mice_do_not() -> None:
    p_cells, p_mice = [], []
    for seed in range(25):
        sim = sc.simulated_lymph_node(seed=seed)
        for i in range(6):           # "other" genes never change: every positive is false
            c = sc.compare_conditions(sim, f"other_{i}", "B cell")
            p_cells.append(c.p_cells)
            p_mice.append(c.p_mice)
    assert np.mean(np.asarray(p_cells) < 0.05) > 0.25        # far above the nominal 5 %
    assert np.mean(np.asarray(p_mice) < 0.05) < 0.10         # about the nominal 5 %


def test_no_mouse_variation_no_pseudoreplication_problem() -> None:
    p_cells = []
    for seed in range(20):
        sim = sc.simulated_lymph_node(seed=seed, mouse_sd=0.0)
        p_cells += [sc.compare_conditions(sim, f"other_{i}", "T cell").p_cells for i in range(5)]
    assert np.mean(np.asarray(p_cells) < 0.05) < 0.12


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="mice_per_condition"):
        sc.simulated_lymph_node(mice_per_condition=1)
    with pytest.raises(ValueError, match="mouse_sd"):
        sc.simulated_lymph_node(mouse_sd=-0.1)
    sim = sc.simulated_lymph_node(seed=0, cells_per_type_per_mouse=5, mice_per_condition=2)
    with pytest.raises(KeyError, match="did you mean"):
        sc.compare_conditions(sim, "response_O", "B cell")
    with pytest.raises(KeyError):
        sc.compare_conditions(sim, "response_0", "NK cell")


def test_mice_are_compared_by_welch_t_test_on_means_of_log_normalised_values() -> None:
    """What Chapter 8 says compare_conditions does (tests/test_chapter8_text.py checks the wording)."""
    from scipy import stats

    sim = sc.simulated_lymph_node(seed=1)
    result = sc.compare_conditions(sim, "other_0", "B cell")
    keep = sim.cell_type == "B cell"
    values = sc.normalise(sim.counts)[keep, sim.gene_index("other_0")]
    means = {m: values[sim.mouse[keep] == m].mean() for m in np.unique(sim.mouse[keep])}
    assert means.keys() == set(result.mouse_means.index)
    assert np.allclose([means[m] for m in result.mouse_means.index], result.mouse_means.to_numpy())
    pbs = [v for m, v in means.items() if m.startswith("PBS")]
    cyt = [v for m, v in means.items() if m.startswith("cytokine")]
    assert np.isclose(stats.ttest_ind(cyt, pbs, equal_var=False).pvalue, result.p_mice)
