"""Figures and tables about cytokine families: drawn from the catalog, not typed by hand."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from widgets import catalog  # noqa: E402
from widgets.figures import families as fam  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --------------------------------------------------------------------------- tables
def test_every_pathway_of_the_vocabulary_has_a_distinct_style() -> None:
    assert set(fam.PATHWAY_STYLE) == set(catalog.PATHWAYS)
    pairs = [(s["color"], s["marker"]) for s in fam.PATHWAY_STYLE.values()]
    assert len(pairs) == len(set(pairs)), "colour + marker must identify a pathway"


def test_shared_chains_are_receptor_chains_used_by_several_cytokines() -> None:
    symbols = set(catalog.receptors()["symbol"])
    for chain in fam.SHARED_CHAINS:
        assert chain in symbols
        assert len(catalog.using_receptor(chain)) >= 3, chain


@pytest.mark.parametrize("family", catalog.families())
def test_family_members_and_table_match_the_catalog(family: str) -> None:
    expected = set(catalog.family_members(family)["hgnc_symbol"])
    members = fam.family_members_sorted(family)
    assert set(members["hgnc_symbol"]) == expected
    assert len(members) == len(expected)
    table = fam.family_table(family)
    assert list(table["HGNC symbol"]) == list(members["hgnc_symbol"])
    chains = fam.family_chains(family)
    assert set(chains) == {c for cs in members["receptor_chains"] for c in cs}


def test_family_chains_put_the_most_shared_chain_first() -> None:
    assert fam.family_chains("IL-1 family")[0] == "IL1RAP"
    assert fam.family_chains("common γ-chain family")[0] == "IL2RG"
    assert fam.family_chains("common β-chain family")[0] == "CSF2RB"


def test_family_table_joins_lists_and_marks_empty_cells() -> None:
    table = fam.family_table("common γ-chain family").set_index("HGNC symbol")
    assert table.loc["IL2", "Receptor chains"] == "IL2RA, IL2RB, IL2RG"
    assert table.loc["IL2", "JAKs"] == "JAK1, JAK3"
    adipo = fam.family_table("adipokine").set_index("HGNC symbol")
    assert adipo.loc["RETN", "Receptor chains"] == "–"


def test_gamma_chain_network_users_neighbours_and_edges() -> None:
    net = fam.shared_chain_network("IL2RG")
    assert set(net.users) == {"IL2", "IL4", "IL7", "IL9", "IL15", "IL21"}
    assert set(net.neighbours) == {"IL13", "TSLP"}
    assert "IL2RG" in net.chains and "IL2RB" in net.chains and "IL7R" in net.chains
    assert ("TSLP", "IL7R") in net.edges and ("IL13", "IL4R") in net.edges
    # a neighbour never uses the shared chain, and every edge ends on a listed chain
    assert all(c != "IL2RG" for s, c in net.edges if s in net.neighbours)
    assert all(c in net.chains for _, c in net.edges)


@pytest.mark.parametrize("chain", list(fam.SHARED_CHAINS))
def test_network_users_are_exactly_the_catalog_users(chain: str) -> None:
    net = fam.shared_chain_network(chain)
    assert set(net.users) == set(catalog.using_receptor(chain)["hgnc_symbol"])
    assert not set(net.users) & set(net.neighbours)
    assert set(fam.shared_chain_table(chain)["HGNC symbol"]) == set(net.users)


def test_gp130_and_il10r2_cross_family_borders() -> None:
    gp130 = set(catalog.cytokines().set_index("hgnc_symbol").loc[
        list(fam.shared_chain_network("IL6ST").users), "family"].astype(str))
    assert gp130 == {"IL-6 family", "IL-12 family"}
    il10r2 = fam.shared_chain_network("IL10RB").users
    assert {"IL10", "IFNL1", "IFNL2", "IFNL3"} <= set(il10r2)


def test_bad_family_or_chain_is_refused_with_the_allowed_values() -> None:
    with pytest.raises(ValueError, match="family must be one of"):
        fam.family_members_sorted("IL-99 family")
    with pytest.raises(ValueError, match="chain must be one of"):
        fam.shared_chain_network("IL6R")


def test_chain_label_names_shared_chains_only() -> None:
    assert fam.chain_label("IL6ST") == "IL6ST (gp130)"
    assert fam.chain_label("CSF2RA") == "CSF2RA"


# --------------------------------------------------------------------------- figures
def test_family_figure_axes_follow_the_catalog() -> None:
    fig = fam.family_figure("IL-17 family")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    xlabels = [t.get_text() for t in ax.get_xticklabels()]
    assert xlabels == list(fam.family_members_sorted("IL-17 family")["hgnc_symbol"])
    ylabels = [t.get_text() for t in ax.get_yticklabels()]
    assert ylabels[0] == "IL17RA (IL-17RA)"
    assert fig.get_suptitle() == "IL-17 family: 6 members, 4 receptor chains"
    # one dot per (member, chain) pair
    pairs = sum(len(c) for c in catalog.family_members("IL-17 family")["receptor_chains"])
    assert len(ax.lines) == pairs
    assert ax.get_xlabel() and ax.get_ylabel()


def test_family_figure_marks_members_without_receptor() -> None:
    fig = fam.family_figure("adipokine")
    grey = {t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_fontstyle() == "italic"}
    assert grey == {"RETN", "NAMPT"}


def test_shared_chain_figure_title_and_labels() -> None:
    fig = fam.shared_chain_figure("IL2RG")
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "IL2RG (γc): used by 6 cytokines in the catalog"
    texts = {t.get_text() for t in ax.texts}
    assert "IL-2 (IL2)" in texts and "TSLP" in texts and "IL2RG (γc)" in texts


def test_overview_figure_has_one_bar_group_per_family() -> None:
    fig = fam.family_overview_figure()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == catalog.families()
    totals = sorted(int(t.get_text()) for t in ax.texts)
    expected = sorted(catalog.cytokines().groupby("family", observed=True).size().tolist())
    assert totals == expected
    assert ax.get_xlabel()
