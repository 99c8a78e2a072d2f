"""Families and shared receptor chains, seen through the signalling complexes.

A family's *ligands* are what actually binds: single gene products (IL-6) and
heteromers (IL-12 = p35 + p40, IL-35 = p35 + EBI3), each with the receptor chains of
its complexes and the role of each chain (signalling, antagonist, decoy, scavenger).
The queries here feed the Chapter 2 figures, explorers and exercises.

Examples
--------
>>> net = shared_chain_network("IL2RG")
>>> net.users
('IL-2', 'IL-4', 'IL-7', 'IL-9', 'IL-15', 'IL-21')
>>> "IL-12" in shared_chain_network("IL6ST").users
False
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from widgets.catalog.queries import families, family_members
from widgets.catalog.tables import complexes, cytokines
from widgets.catalog.vocabularies import SIGNALLING_ROLES

__all__ = [
    "ROLE_ORDER",
    "SHARED_CHAINS",
    "ChainNetwork",
    "chain_label",
    "family_chains",
    "family_ligands",
    "family_members_sorted",
    "family_table",
    "shared_chain_network",
    "shared_chain_table",
    "shared_chain_users",
]

SHARED_CHAINS: dict[str, str] = {
    "IL2RG": "γc",
    "CSF2RB": "βc",
    "IL6ST": "gp130",
    "IL12RB1": "IL-12Rβ1",
    "IL10RB": "IL-10R2",
    "IL1RAP": "IL-1RAcP",
    "IL17RA": "IL-17RA",
}
"""Receptor chains shared by several cytokines (HGNC symbol -> common name), in book order."""

ROLE_ORDER: tuple[str, ...] = ("signalling", "non-canonical", "antagonist", "binding", "decoy", "scavenger")
"""When a ligand meets a chain in several complexes, the first of these roles is shown."""


def chain_label(symbol: str) -> str:
    """Short label of a receptor chain: its HGNC symbol plus a common name if shared.

    Examples
    --------
    >>> chain_label("IL2RG"), chain_label("IL6R")
    ('IL2RG (γc)', 'IL6R')
    """
    return f"{symbol} ({SHARED_CHAINS[symbol]})" if symbol in SHARED_CHAINS else symbol


def _check_family(family: str) -> str:
    present = families()
    if family not in present:
        raise ValueError(f"family must be one of {present}, got {family!r}")
    return family


def _check_chain(chain: str) -> str:
    if chain not in SHARED_CHAINS:
        raise ValueError(f"chain must be one of {list(SHARED_CHAINS)}, got {chain!r}")
    return chain


def family_members_sorted(family: str) -> pd.DataFrame:
    """The gene products of one family, ordered by subfamily and then by catalog order.

    Raises
    ------
    ValueError
        If the family is not in the catalog.

    Examples
    --------
    >>> list(family_members_sorted("common β-chain family")["hgnc_symbol"])
    ['IL3', 'IL5', 'CSF2']
    """
    _check_family(family)
    members = family_members(family).reset_index(drop=True)
    members["_order"] = np.arange(len(members))
    members["_sub"] = members["subfamily"].astype(str)
    first = members.groupby("_sub", sort=False)["_order"].transform("min")
    members = members.assign(_first=first).sort_values(["_first", "_order"])
    return members.drop(columns=["_order", "_sub", "_first"]).reset_index(drop=True)


def family_ligands(family: str) -> pd.DataFrame:
    """One row per ligand of a family: what binds which chains, in which role.

    Ligands are the single gene products and heteromers whose defining subunit belongs
    to the family, in the order of :func:`family_members_sorted`; members in no complex
    appear as ligands with no chains.

    Returns
    -------
    pandas.DataFrame
        Columns ``ligand``, ``subunits`` (tuple of HGNC symbols), ``chain_roles``
        (dict chain -> role, chains in complex order), ``pathway`` (of its signalling
        complexes, or the gene product's pathway), ``jaks`` and ``stats`` (tuples, from
        its signalling complexes), ``complexes`` (tuple of names).

    Examples
    --------
    >>> t = family_ligands("IL-12 family").set_index("ligand")
    >>> list(t.index)
    ['IL-12', 'IL-23', 'IL-27', 'IL-35']
    >>> t.loc["IL-35", "chain_roles"]
    {'IL12RB2': 'signalling', 'IL6ST': 'signalling'}
    """
    members = family_members_sorted(family)
    cx = complexes()
    rows = []
    for member in members.itertuples(index=False):
        own = cx[cx["symbol"] == member.hgnc_symbol]
        if own.empty and not cx["ligand_subunits"].map(lambda s, m=member.hgnc_symbol: m in s).any():
            rows.append({"ligand": member.name, "subunits": (member.hgnc_symbol,), "chain_roles": {},
                         "pathway": str(member.pathway), "jaks": (), "stats": (), "complexes": ()})
            continue
        for ligand, group in own.groupby("ligand", sort=False):
            roles: dict[str, str] = {}
            for row in group.itertuples(index=False):
                for chain in row.receptor_chains:
                    old = roles.get(chain)
                    if old is None or ROLE_ORDER.index(row.role) < ROLE_ORDER.index(old):
                        roles[chain] = str(row.role)
            signalling = group[group["role"].isin(SIGNALLING_ROLES)]
            main = signalling[signalling["role"] == "signalling"]
            pathway = str(main["pathway"].iloc[0]) if len(main) else str(member.pathway)
            rows.append({
                "ligand": ligand,
                "subunits": tuple(group["ligand_subunits"].iloc[0]),
                "chain_roles": roles,
                "pathway": pathway,
                "jaks": tuple(dict.fromkeys(j for js in main["jaks"] for j in js)),
                "stats": tuple(dict.fromkeys(s for ss in main["stats"] for s in ss)),
                "complexes": tuple(group["complex"]),
            })
    return pd.DataFrame(rows)


def family_chains(family: str) -> list[str]:
    """Receptor chains bound by a family's ligands, most shared first (ties in first-seen order).

    Examples
    --------
    >>> family_chains("IL-17 family")[0]
    'IL17RA'
    """
    counts: dict[str, int] = {}
    for roles in family_ligands(family)["chain_roles"]:
        for chain in roles:
            counts[chain] = counts.get(chain, 0) + 1
    order = list(counts)
    return sorted(order, key=lambda c: (-counts[c], order.index(c)))


def _join(items) -> str:  # noqa: ANN001
    return ", ".join(items) if len(items) else "–"


def family_table(family: str) -> pd.DataFrame:
    """One row per ligand of a family: subunits, signalling chains, other chains, pathway, JAKs, STATs.

    Examples
    --------
    >>> t = family_table("IL-17 family")
    >>> list(t.columns)[:3], len(t)
    (['Cytokine', 'HGNC symbol', 'Receptor chains'], 7)
    """
    ligands = family_ligands(family)
    return pd.DataFrame({
        "Cytokine": ligands["ligand"],
        "HGNC symbol": ligands["subunits"].map("+".join),
        "Receptor chains": ligands["chain_roles"].map(
            lambda r: _join([c for c, role in r.items() if role in SIGNALLING_ROLES])),
        "Also binds": ligands["chain_roles"].map(
            lambda r: _join([f"{c} ({role})" for c, role in r.items() if role not in SIGNALLING_ROLES])),
        "Pathway": ligands["pathway"],
        "JAKs": ligands["jaks"].map(_join),
        "STATs": ligands["stats"].map(_join),
    })


def shared_chain_users(chain: str) -> pd.DataFrame:
    """The signalling complexes that include one shared chain, in catalog order.

    Raises
    ------
    ValueError
        If the chain is not one of :data:`SHARED_CHAINS`.

    Examples
    --------
    >>> list(shared_chain_users("CSF2RB")["ligand"])
    ['IL-3', 'IL-5', 'GM-CSF']
    """
    _check_chain(chain)
    cx = complexes()
    keep = cx["role"].isin(SIGNALLING_ROLES) & cx["receptor_chains"].map(lambda chains: chain in chains)
    return cx[keep].reset_index(drop=True)


@dataclass(frozen=True)
class ChainNetwork:
    """Who signals through a shared chain, which other chains they need, and who else uses those.

    Attributes
    ----------
    chain : str
        The shared chain (HGNC symbol).
    users : tuple of str
        Ligands with a signalling complex that includes ``chain``.
    neighbours : tuple of str
        Ligands that do not signal through ``chain`` but signal through a partner chain of a user.
    chains : tuple of str
        Every chain of the users' signalling complexes, ``chain`` included, ordered to limit crossings.
    edges : tuple of (str, str)
        ``(ligand, chain)`` pairs for users and neighbours.
    subunits : dict
        Ligand -> its HGNC subunit symbols.
    """

    chain: str
    users: tuple[str, ...]
    neighbours: tuple[str, ...]
    chains: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]
    subunits: dict[str, tuple[str, ...]]


def shared_chain_network(chain: str) -> ChainNetwork:
    """Build the sharing network around one shared chain from the signalling complexes.

    Examples
    --------
    >>> net = shared_chain_network("IL2RG")
    >>> net.neighbours, "IL13RA1" in net.chains
    (('TSLP', 'IL-13'), True)
    """
    _check_chain(chain)
    cx = complexes()
    signalling = cx[cx["role"].isin(SIGNALLING_ROLES)]
    chains_of: dict[str, list[str]] = {}
    subunits: dict[str, tuple[str, ...]] = {}
    for row in signalling.itertuples(index=False):
        chains_of.setdefault(row.ligand, [])
        chains_of[row.ligand] += [c for c in row.receptor_chains if c not in chains_of[row.ligand]]
        subunits.setdefault(row.ligand, tuple(row.ligand_subunits))
    users = tuple(ligand for ligand in chains_of if chain in chains_of[ligand])
    used: list[str] = []
    for user in users:
        used += [c for c in chains_of[user] if c not in used]
    neighbours = tuple(ligand for ligand in chains_of
                       if ligand not in users and any(c in used for c in chains_of[ligand]))
    edges = tuple((ligand, c) for ligand in users + neighbours for c in chains_of[ligand] if c in used)
    # Barycentric order: each chain sits near the mean position of the users that bind it.
    position = {ligand: i for i, ligand in enumerate(users + neighbours)}
    weight = {c: np.mean([position[s] for s, cc in edges if cc == c and s in users]) for c in used}
    ordered = tuple(sorted(used, key=lambda c: (weight[c], used.index(c))))
    return ChainNetwork(chain, users, neighbours, ordered, edges,
                        {ligand: subunits[ligand] for ligand in users + neighbours})


def shared_chain_table(chain: str) -> pd.DataFrame:
    """One row per ligand that signals through a shared chain: family, chains, JAKs and STATs.

    The chains, JAKs and STATs are those of the ligand's complexes that include the
    shared chain (IL-4 through γc is the type I receptor only).

    Examples
    --------
    >>> sorted(shared_chain_table("IL2RG")["HGNC symbol"])
    ['IL15', 'IL2', 'IL21', 'IL4', 'IL7', 'IL9']
    """
    users = shared_chain_users(chain)
    family = dict(zip(cytokines()["hgnc_symbol"], cytokines()["family"].astype(str)))
    rows = []
    for ligand, group in users.groupby("ligand", sort=False):
        rows.append({
            "Cytokine": ligand,
            "HGNC symbol": "+".join(group["ligand_subunits"].iloc[0]),
            "Family": family[group["symbol"].iloc[0]],
            "Complexes": _join(list(group["complex"])),
            "Receptor chains": _join(list(dict.fromkeys(c for cs in group["receptor_chains"] for c in cs))),
            "JAKs": _join(list(dict.fromkeys(j for js in group["jaks"] for j in js))),
            "STATs": _join(list(dict.fromkeys(s for ss in group["stats"] for s in ss))),
        })
    return pd.DataFrame(rows)
