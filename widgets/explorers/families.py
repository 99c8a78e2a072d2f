"""Chapter 2 explorers: browse the cytokine families and the receptor chains they share.

Both explorers are drawn from the book's catalog (:mod:`widgets.catalog`) when
they are built, so they change with the catalog and never disagree with it.

* :func:`family_explorer` -- a drop-down of the families; each frame is a dot
  matrix of members against receptor chains, with a table of members, chains,
  pathways, JAKs and STATs underneath.
* :func:`shared_chain_explorer` -- a drop-down of the shared receptor chains
  (γc, βc, gp130, IL-12Rβ1, IL-10R2, IL-1RAcP, IL-17RA); each frame shows the
  cytokines that use the chain, their partner chains and who else binds those.
"""

from __future__ import annotations

from widgets import catalog
from widgets.catalog import (
    SHARED_CHAINS,
    chain_label,
    family_chains,
    family_ligands,
    family_table,
    shared_chain_network,
    shared_chain_table,
)
from widgets.explorers.core import Control, Frame, FrameExplorer
from widgets.figures.families import family_figure, shared_chain_figure

__all__ = [
    "chain_options",
    "details_table",
    "family_alt",
    "family_details",
    "family_explorer",
    "family_frame",
    "shared_chain_alt",
    "shared_chain_details",
    "shared_chain_explorer",
    "shared_chain_frame",
]

_TABLE_STYLE = 'style="font-size:0.82em;border-collapse:collapse;margin-top:0.5rem"'


def chain_options() -> tuple[tuple[str, str], ...]:
    """Menu entries of :func:`shared_chain_explorer`: ``(label, HGNC symbol)`` per shared chain.

    Examples
    --------
    >>> chain_options()[0]
    ('γc (IL2RG)', 'IL2RG')
    """
    return tuple((f"{name} ({symbol})", symbol) for symbol, name in SHARED_CHAINS.items())


def details_table(frame, caption: str) -> str:  # noqa: ANN001
    """A small HTML table (escaped cells) with a one-line caption above it.

    Examples
    --------
    >>> import pandas as pd
    >>> html = details_table(pd.DataFrame({"a": ["<b>"]}), "One row")
    >>> "&lt;b&gt;" in html and 'class="dataframe catalog-table"' in html
    True
    """
    from html import escape

    table = frame.to_html(index=False, escape=True, classes="catalog-table", border=0, justify="left")
    table = table.replace("<table ", f"<table {_TABLE_STYLE} ", 1)
    return (
        f'<p style="margin:0.5rem 0 0;font-size:0.9em">{escape(caption)}</p>'
        f'<div style="max-height:26rem;overflow:auto">{table}</div>'
    )


# --------------------------------------------------------------------------- families
def family_alt(family: str) -> str:
    """Alt text for one frame of :func:`family_explorer`.

    Examples
    --------
    >>> family_alt("common β-chain family")[:64]
    'Dot matrix for the family “common β-chain family”: 3 ligands (IL'
    """
    ligands = family_ligands(family)
    chains = family_chains(family)
    names = ", ".join(ligands["ligand"])
    counts = ligands["pathway"].value_counts()
    pathways = "; ".join(f"{p} {n}" for p, n in counts.items())
    if chains:
        users = sum(r.get(chains[0]) in catalog.SIGNALLING_ROLES for r in ligands["chain_roles"])
        shared = (f" The most shared chain is {chain_label(chains[0])}, which {users} of the "
                  f"{len(ligands)} ligands signal through.")
        others = sum(any(role not in catalog.SIGNALLING_ROLES for role in r.values()) for r in ligands["chain_roles"])
        if others:
            shared += f" {others} ligands also bind a chain without signalling (small light dots)."
    else:
        shared = " No ligand has an established receptor in the catalog."
    return (
        f"Dot matrix for the family “{family}”: {len(ligands)} ligands ({names}) against the "
        f"{len(chains)} receptor chains they bind; dots are coloured and shaped by signalling "
        f"pathway (ligands per pathway: {pathways}).{shared}"
    )


def family_details(family: str) -> str:
    """HTML shown under a family frame: one row per member (escaped).

    Examples
    --------
    >>> "IL17RA" in family_details("IL-17 family")
    True
    """
    table = family_table(family)
    return details_table(
        table, f"{family}: {len(table)} ligands in the catalog (receptor chains as HGNC symbols)"
    )


def family_frame(*, family: str) -> Frame:
    """One frame of :func:`family_explorer`: dot matrix, alt text and member table.

    Examples
    --------
    >>> family_frame(family="IL-17 family").alt[:40]
    'Dot matrix for the family “IL-17 family”'
    """
    return Frame(family_figure(family), family_alt(family), family_details(family))


def family_explorer(default: str = "common γ-chain family") -> FrameExplorer:
    """Drop-down of every family in the catalog, showing members against receptor chains.

    Parameters
    ----------
    default : str, optional
        The family shown first.

    Returns
    -------
    FrameExplorer
        One frame per family in :func:`widgets.catalog.queries.families`.

    Examples
    --------
    >>> ex = family_explorer()
    >>> len(ex.frames) == len(catalog.families())
    True
    """
    return FrameExplorer(
        family_frame,
        [Control("family", tuple(catalog.families()), label="Family", default=default)],
        title="Families of the catalog: choose a family",
    )


# --------------------------------------------------------------------------- shared chains
def shared_chain_alt(symbol: str) -> str:
    """Alt text for one frame of :func:`shared_chain_explorer` (``symbol`` of a shared chain).

    Examples
    --------
    >>> shared_chain_alt("CSF2RB")[:60]
    'Network of the 3 cytokines in the catalog that signal throug'
    """
    net = shared_chain_network(symbol)
    partners = [c for c in net.chains if c != symbol]
    text = (
        f"Network of the {len(net.users)} cytokines in the catalog that signal through {chain_label(symbol)}: "
        f"{', '.join(net.users)}. Each is linked to the receptor chains it binds: the shared "
        f"chain and {len(partners)} partner chains ({', '.join(partners) or 'none'})."
    )
    if net.neighbours:
        text += (
            f" Dashed grey links show {len(net.neighbours)} further cytokines "
            f"({', '.join(net.neighbours)}) that signal through one of these partner chains without "
            f"using {symbol}."
        )
    return text


def shared_chain_details(symbol: str) -> str:
    """HTML shown under a shared-chain frame: one row per user (escaped).

    Examples
    --------
    >>> "IL21R" in shared_chain_details("IL2RG")
    True
    """
    table = shared_chain_table(symbol)
    return details_table(
        table, f"Cytokines that signal through {chain_label(symbol)}: {len(table)} in the catalog"
    )


def shared_chain_frame(*, chain: str) -> Frame:
    """One frame of :func:`shared_chain_explorer` for a shared chain (HGNC symbol).

    Examples
    --------
    >>> shared_chain_frame(chain="IL2RG").alt[:30]
    'Network of the 6 cytokines in '
    """
    return Frame(shared_chain_figure(chain), shared_chain_alt(chain), shared_chain_details(chain))


def shared_chain_explorer(default: str = "IL2RG") -> FrameExplorer:
    """Drop-down of the shared receptor chains, showing which cytokines use each.

    Parameters
    ----------
    default : str, optional
        HGNC symbol of the chain shown first (one of ``SHARED_CHAINS``).

    Returns
    -------
    FrameExplorer
        One frame per shared chain in :data:`widgets.catalog.sharing.SHARED_CHAINS`.

    Examples
    --------
    >>> shared_chain_explorer()
    FrameExplorer(chain: 7 values; 7 frames)
    """
    return FrameExplorer(
        shared_chain_frame,
        [Control("chain", chain_options(), label="Shared receptor chain", default=default)],
        title="Shared receptor chains: choose a chain",
    )

