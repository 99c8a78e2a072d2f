"""Families and shared chains in the catalog layer (moved from the figure module), per complex."""

from __future__ import annotations

import pytest

from widgets import catalog


def test_shared_chains_are_receptor_chains_used_by_several_cytokines() -> None:
    symbols = set(catalog.receptors()["symbol"])
    for chain in catalog.SHARED_CHAINS:
        assert chain in symbols
        # at least two ligands (IL-12Rβ1 is shared by exactly two, IL-12 and IL-23; the per-subunit
        # model of the first edition counted its three subunits, IL12A, IL12B and IL23A)
        users = set(catalog.using_receptor(chain, roles="signalling")["ligand"])
        assert len(users) >= (2 if chain == "IL12RB1" else 3), chain


@pytest.mark.parametrize("family", catalog.families())
def test_family_members_and_table_match_the_catalog(family: str) -> None:
    expected = set(catalog.family_members(family)["hgnc_symbol"])
    members = catalog.family_members_sorted(family)
    assert set(members["hgnc_symbol"]) == expected
    assert len(members) == len(expected)
    ligands = catalog.family_ligands(family)
    # every member is a subunit of one of the family's ligands
    assert expected <= {s for subunits in ligands["subunits"] for s in subunits} | expected
    table = catalog.family_table(family)
    assert list(table["Cytokine"]) == list(ligands["ligand"])
    chains = catalog.family_chains(family)
    assert set(chains) == {c for roles in ligands["chain_roles"] for c in roles}


def test_family_chains_put_the_most_shared_chain_first() -> None:
    assert catalog.family_chains("IL-1 family")[0] == "IL1RAP"
    assert catalog.family_chains("common γ-chain family")[0] == "IL2RG"
    assert catalog.family_chains("common β-chain family")[0] == "CSF2RB"


def test_family_table_joins_lists_and_marks_empty_cells() -> None:
    table = catalog.family_table("common γ-chain family").set_index("HGNC symbol")
    assert table.loc["IL2", "Receptor chains"] == "IL2RA, IL2RB, IL2RG"
    assert table.loc["IL2", "JAKs"] == "JAK1, JAK3"
    assert table.loc["IL4", "Receptor chains"] == "IL4R, IL2RG, IL13RA1"
    assert table.loc["IL13", "Also binds"] == "IL13RA2 (decoy)"
    adipo = catalog.family_table("adipokine").set_index("HGNC symbol")
    assert adipo.loc["RETN", "Receptor chains"] == "–"


def test_heteromers_are_the_ligands_of_the_il12_family() -> None:
    ligands = catalog.family_ligands("IL-12 family").set_index("ligand")
    assert list(ligands.index) == ["IL-12", "IL-23", "IL-27", "IL-35"]
    assert set(ligands.loc["IL-12", "chain_roles"]) == {"IL12RB1", "IL12RB2"}
    assert set(ligands.loc["IL-35", "chain_roles"]) == {"IL12RB2", "IL6ST"}
    assert ligands.loc["IL-35", "subunits"] == ("EBI3", "IL12A")


def test_gamma_chain_network_users_neighbours_and_edges() -> None:
    net = catalog.shared_chain_network("IL2RG")
    assert set(net.users) == {"IL-2", "IL-4", "IL-7", "IL-9", "IL-15", "IL-21"}
    assert set(net.neighbours) == {"IL-13", "TSLP"}
    assert "IL2RG" in net.chains and "IL2RB" in net.chains and "IL7R" in net.chains
    assert ("TSLP", "IL7R") in net.edges and ("IL-13", "IL4R") in net.edges
    # a neighbour never uses the shared chain, and every edge ends on a listed chain
    assert all(c != "IL2RG" for s, c in net.edges if s in net.neighbours)
    assert all(c in net.chains for _, c in net.edges)


@pytest.mark.parametrize("chain", list(catalog.SHARED_CHAINS))
def test_network_users_are_exactly_the_catalog_users(chain: str) -> None:
    net = catalog.shared_chain_network(chain)
    assert set(net.users) == set(catalog.using_receptor(chain, roles=catalog.SIGNALLING_ROLES)["ligand"])
    assert not set(net.users) & set(net.neighbours)
    assert set(catalog.shared_chain_table(chain)["Cytokine"]) == set(net.users)


def test_gp130_and_il10r2_cross_family_borders() -> None:
    net = catalog.shared_chain_network("IL6ST")
    symbols = [net.subunits[u][0] for u in net.users]
    families = set(catalog.cytokines().set_index("hgnc_symbol").loc[symbols, "family"].astype(str))
    assert families == {"IL-6 family", "IL-12 family"}
    assert {"IL-27", "IL-35"} <= set(net.users) and "IL-12" not in net.users
    assert "IL-12" in net.neighbours  # through IL12RB2, without gp130
    il10r2 = catalog.shared_chain_network("IL10RB").users
    assert {"IL-10", "IFN-λ1", "IFN-λ2", "IFN-λ3"} <= set(il10r2)


def test_bad_family_or_chain_is_refused_with_the_allowed_values() -> None:
    with pytest.raises(ValueError, match="family must be one of"):
        catalog.family_members_sorted("IL-99 family")
    with pytest.raises(ValueError, match="chain must be one of"):
        catalog.shared_chain_network("IL6R")


def test_chain_label_names_shared_chains_only() -> None:
    assert catalog.chain_label("IL6ST") == "IL6ST (gp130)"
    assert catalog.chain_label("CSF2RA") == "CSF2RA"
