"""The numbers that Chapter 8's prose quotes agree with the data and the package.

Each assertion computes a value with the package and checks that the chapter's text
states it as written (rounded as in the text).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest

from widgets.datasets import cytosig_catalog_map, cytosig_signatures
from widgets.models import signatures as sg
from widgets.models import single_cell as sc

ROOT = Path(__file__).resolve().parents[1]
NB = nbformat.read(ROOT / "chapters" / "08-immune-dictionary.ipynb", as_version=4)
TEXT = " ".join(" ".join(c.source.split()) for c in NB.cells if c.cell_type == "markdown")


@pytest.fixture(scope="module")
def S():
    return cytosig_signatures()


@pytest.fixture(scope="module")
def R(S):
    return sg.signature_correlation(S)


def says(fragment: str) -> None:
    assert fragment in TEXT, f"the chapter should say {fragment!r}"


def test_pair_correlations(R) -> None:
    says("respond almost identically")
    says(f"(r = {R.loc['TNFA', 'IL1B']:.2f})")
    says(f"IFN-γ and IL-27 come second ({R.loc['IFNG', 'IL27']:.2f})")
    rank = sg.pair_rank(R, "IFN1", "IFNL")
    assert rank.rank == 5 and rank.n_pairs == 903
    says(f"correlate at {rank.r:.2f}, the fifth-highest of 903 pairs")
    says(f"IL-2 and IL-15 are alike (r = {R.loc['IL2', 'IL15']:.2f})")
    says(f"barely correlated (r = {R.loc['IL4', 'IL13']:.2f})")
    says(f"correlate at {R.loc['IL3', 'GMCSF']:.2f}")
    says(f"oncostatin M's (r = {R.loc['IL6', 'OSM']:.2f})")
    assert sg.most_similar(R, "IL4", n=2).index.tolist() == ["BMP4", "IL13"]
    says(f"reaches only r = {R.loc['IL4', 'BMP4']:.2f} and IL-13's comes second at {R.loc['IL4', 'IL13']:.2f}")
    pairs = R.to_numpy()[np.triu_indices(len(R), k=1)]
    assert round(float(pairs.mean()), 1) == 0.1
    says("a mean r of about 0.1")


def test_group_tests(R) -> None:
    groups = {g.name: g for g in sg.SHARED_CHAIN_GROUPS}
    t = {n: sg.shared_chain_test(R, g.members, n_permutations=10_000) for n, g in groups.items()}
    says(f"(mean r {t['IL-1RAcP'].mean_within:.2f}, p ≈ {t['IL-1RAcP'].p_value:.3f})")
    says(f"(mean r {t['gp130'].mean_within:.2f}, p ≈ {t['gp130'].p_value:.2f})")
    says(f"(mean r {t['γc'].mean_within:.2f}, p ≈ {t['γc'].p_value:.2f})")
    says(f"whose mean correlation ({t['IL-10Rβ'].mean_within:.2f}) is below that of random groups")
    assert t["IL-10Rβ"].mean_within < t["IL-10Rβ"].null_mean
    gp = t["gp130"].pairs
    says(f"each pair correlates at {gp.min():.1f}–{gp.max():.2f}")


def test_signature_facts(S) -> None:
    m = cytosig_catalog_map()
    says(f"Of the 43 signals, {int(m['in_catalog'].sum())} correspond to cytokines")
    says("over all 4,881 genes")
    top_il6 = sg.top_genes(S, "IL6", n=10).index
    assert {"SOCS3", "CEBPD", "IFITM3", "GBP2"} <= set(top_il6)
    top_ifn = sg.top_genes(S, "IFN1", n=7).index
    assert {"IFIT3", "IFIT2", "IFI6", "STAT1", "IRF7"} <= set(top_ifn)
    shared = set(sg.top_genes(S, "IFN1", n=20).index) & set(sg.top_genes(S, "IFNL", n=20).index)
    assert len(shared) == 14
    says("Fourteen of the twenty strongest type I genes")


def test_activity_inference_statements(S) -> None:
    planted = {"IFNG": 1.0, "IL6": 0.5, "TGFB1": -0.7}
    profile = sg.simulated_profile(S, planted, noise_sd=2.0, seed=1)
    weak = sg.infer_activity(profile, S, alpha=10, n_permutations=2000).to_frame()
    assert set(weak.index[weak["fdr"] < 0.05]) == set(planted)
    strong = sg.infer_activity(profile, S, alpha=1e4, n_permutations=2000).to_frame()
    hits = list(strong.index[strong["fdr"] < 0.05])
    assert hits[0] == "IFNG" and hits[-1] == "TGFB1" and strong.index[1] == "IL27"
    says(f"and {len(hits)} signals in all reach FDR < 0.05")


def test_pseudoreplication_statement() -> None:
    p_cells, p_mice = [], []
    for seed in range(20):
        experiment = sc.simulated_lymph_node(seed=seed)
        for i in range(6):
            result = sc.compare_conditions(experiment, f"other_{i}", "B cell")
            p_cells.append(result.p_cells)
            p_mice.append(result.p_mice)
    assert 0.3 <= np.mean(np.asarray(p_cells) < 0.05) <= 0.45       # "about two in five"
    assert np.mean(np.asarray(p_mice) < 0.05) <= 0.07               # "the nominal one in twenty"
    says("About two in five unchanged genes")


def test_profiled_families() -> None:
    """'none of the chemokines, and of the catalog's TGF-β superfamily only TGF-β1'."""
    from widgets import catalog

    c = catalog.cytokines()
    profiled = c[c["immune_dictionary"]]
    assert not (profiled["family"] == "chemokine").any()
    assert profiled.loc[profiled["family"] == "TGF-β superfamily", "name"].tolist() == ["TGF-β1"]
    assert sorted(profiled.loc[profiled["family"] == "GDNF family", "name"]) == ["GDNF", "persephin"]
    says("of the catalog's TGF-β superfamily only TGF-β1")
    says("whose GDNF and persephin were profiled")


def test_no_uncited_receptor_count() -> None:
    """The uncited 'a few hundred receptor molecules suffice' claim stays out of the text."""
    for phrase in ("hundred receptor molecules", "few hundred receptor", "few hundred mRNA"):
        assert phrase not in TEXT, phrase
    says("the fraction of receptors occupied depends on the concentration and the $K_D$, "
         "not on how many copies of the receptor a cell carries")


def test_per_mouse_test_is_described_as_computed() -> None:
    """The text says what compare_conditions does (checked in tests/models/test_single_cell.py:
    per-mouse means of log-normalised values, Welch t-test)."""
    says("it averages the log-normalised expression of each mouse's cells and compares the "
         "per-mouse averages with a Welch t-test")
    says("they sum the raw counts of each sample's cells of a type into one profile")
    assert "(a *pseudobulk*)" not in TEXT


def test_course_plan_names_every_explorer_of_the_chapter() -> None:
    """Each explorer the notebook shows is named, by its title, in the Chapter 8 class plan."""
    import inspect
    import re

    import yaml

    from widgets.explorers import signatures as ex

    plans = yaml.safe_load((ROOT / "book" / "course-plans.yml").read_text(encoding="utf-8"))["plans"]
    activities = " ".join(c.get("activities", "") for p in plans for c in p["classes"]
                          if any(x.split("#")[0] == "08-immune-dictionary" for x in c["chapters"]))
    code = " ".join(c.source for c in NB.cells if c.cell_type == "code")
    names = sorted(set(re.findall(r"(\w+_explorer)\(\)", code)))
    assert names == ["activity_explorer", "similarity_explorer", "top_genes_explorer"]
    for name in names:
        found = re.search(r'title="([^"]+)"', inspect.getsource(getattr(ex, name)))
        assert found, name
        title = re.sub(r"\s*\(CytoSig signatures?\)$", "", found.group(1))
        assert title[0].lower() + title[1:] in activities, (name, title)


def test_neuropoietin_is_the_profiled_protein_without_a_row() -> None:
    """'one of the profiled mouse proteins, neuropoietin, has no row' (widgets/data/README.md)."""
    from widgets import catalog

    c = catalog.cytokines()
    names = [n.lower() for n in c["name"]] + [a.lower() for aliases in c["aliases"] for a in aliases]
    assert not [n for n in names if "neuropoietin" in n]
    says("one of the profiled mouse proteins, neuropoietin, has no row")


def test_nfkb_feedback_genes_and_the_tgfb_block(S, R) -> None:
    """'TNF and IL-1β both put TNFAIP3 first and NFKBIA among their top three'; the heatmap's
    TGF-β block is 'joined by nitric oxide and, at its edge, by M-CSF, G-CSF and IL-10'."""
    for signal in ("TNFA", "IL1B"):
        top = sg.top_genes(S, signal, n=3).index.tolist()
        assert top[0] == "TNFAIP3" and "NFKBIA" in top, (signal, top)
    says("both put *TNFAIP3* first and *NFKBIA* among their top three")
    clustering = sg.cluster_signatures(R, n_clusters=8)
    block = set(clustering.members(clustering.labels["TGFB1"]))
    tgfb_family = {"TGFB1", "TGFB3", "GDF11", "Activin A", "BMP4"}
    assert block == tgfb_family | {"NO", "MCSF", "GCSF", "IL10"}, block
    says("joined by nitric oxide and, at its edge, by M-CSF, G-CSF and IL-10")


def test_the_broad_use_of_the_word_cytokine_is_the_catalogs() -> None:
    """The two antagonists and the two proteins the chapter names are among the cytokines the
    catalog marks as profiled by the Immune Dictionary."""
    from widgets import catalog

    cyt = catalog.cytokines()
    marked = set(cyt.loc[cyt["immune_dictionary"], "name"])
    assert {"IL-1 receptor antagonist", "IL-36 receptor antagonist", "noggin", "decorin"} <= marked
    says("the 86 include two receptor antagonists, IL-1Ra and IL-36Ra, and proteins that are not "
         "usually counted as cytokines, such as noggin and decorin")
