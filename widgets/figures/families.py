"""Figures about cytokine families and the receptor chains their members share.

Everything drawn here is read from the book's catalog (:mod:`widgets.catalog`);
nothing about families, members or receptor chains is typed by hand. The
module has two layers:

* small pure functions that turn the catalog into tables (``family_table``,
  ``shared_chain_network`` …), used by the figures, the explorers and the
  chapter text alike;
* figure functions (``family_figure``, ``shared_chain_figure``,
  ``family_overview_figure``) that draw those tables in the book style.

Examples
--------
>>> net = shared_chain_network("IL2RG")
>>> net.users
('IL2', 'IL4', 'IL7', 'IL9', 'IL15', 'IL21')
>>> fig = family_figure("IL-17 family")
>>> fig.get_suptitle()
'IL-17 family: 6 members, 4 receptor chains'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from widgets import catalog
from widgets.figures.style import MUTED, OKABE_ITO, PALETTE, book_style

__all__ = [
    "SHARED_CHAINS",
    "PATHWAY_STYLE",
    "chain_label",
    "family_members_sorted",
    "family_chains",
    "family_table",
    "shared_chain_users",
    "shared_chain_network",
    "shared_chain_table",
    "ChainNetwork",
    "family_figure",
    "shared_chain_figure",
    "family_overview_figure",
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

PATHWAY_STYLE: dict[str, dict[str, object]] = {
    "JAK-STAT": {"color": OKABE_ITO["blue"], "marker": "o"},
    "MyD88-NF-κB": {"color": OKABE_ITO["vermillion"], "marker": "s"},
    "TNFR-NF-κB": {"color": OKABE_ITO["orange"], "marker": "D"},
    "Act1-NF-κB": {"color": OKABE_ITO["reddish purple"], "marker": "^"},
    "SMAD": {"color": OKABE_ITO["bluish green"], "marker": "h"},
    "GPCR": {"color": OKABE_ITO["sky blue"], "marker": "v"},
    "RTK": {"color": OKABE_ITO["black"], "marker": "P"},
    "AdipoR-AMPK": {"color": OKABE_ITO["yellow"], "marker": "X"},
    "receptor antagonist": {"color": "white", "marker": "o"},
    "other": {"color": MUTED, "marker": "d"},
    "unresolved": {"color": MUTED, "marker": "x"},
}
"""Colour and marker of each signalling pathway (every entry of ``catalog.PATHWAYS``).

Colour and marker together are unique, so pathways stay distinguishable without
colour vision; receptor antagonists are drawn hollow (they bind but do not signal).
"""

_NAME_RE = re.compile(r"\s*\(.*\)\s*$")


def _join(items) -> str:  # noqa: ANN001
    return ", ".join(items) if len(items) else "–"


def _is_list_column(values: pd.Series) -> bool:
    return bool(values.map(lambda v: isinstance(v, (list, tuple))).any())


def _display_table(rows: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Catalog rows as display text: ``{heading: catalog column}``, lists joined with commas."""
    return pd.DataFrame(
        {
            heading: rows[column].map(_join) if _is_list_column(rows[column]) else rows[column].astype(str)
            for heading, column in columns.items()
        }
    )


def chain_label(symbol: str) -> str:
    """Short label of a receptor chain: its HGNC symbol plus a common name.

    Parameters
    ----------
    symbol : str
        HGNC symbol of a chain in ``receptors.tsv``.

    Returns
    -------
    str
        e.g. ``"IL2RG (γc)"`` for a shared chain, ``"IL6R"`` for a private one.

    Examples
    --------
    >>> chain_label("IL2RG"), chain_label("IL6R")
    ('IL2RG (γc)', 'IL6R')
    """
    return f"{symbol} ({SHARED_CHAINS[symbol]})" if symbol in SHARED_CHAINS else symbol


def _check_family(family: str) -> str:
    present = catalog.families()
    if family not in present:
        raise ValueError(f"family must be one of {present}, got {family!r}")
    return family


def _check_chain(chain: str) -> str:
    if chain not in SHARED_CHAINS:
        raise ValueError(f"chain must be one of {list(SHARED_CHAINS)}, got {chain!r}")
    return chain


def family_members_sorted(family: str) -> pd.DataFrame:
    """The members of one family, ordered by subfamily and then by catalog order.

    Parameters
    ----------
    family : str
        A family present in the catalog (see :func:`widgets.catalog.families`).

    Returns
    -------
    pandas.DataFrame
        Rows of ``catalog.cytokines()`` for that family.

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
    members = catalog.family_members(family).reset_index(drop=True)
    members["_order"] = np.arange(len(members))
    members["_sub"] = members["subfamily"].astype(str)
    first = members.groupby("_sub", sort=False)["_order"].transform("min")
    members = members.assign(_first=first).sort_values(["_first", "_order"])
    return members.drop(columns=["_order", "_sub", "_first"]).reset_index(drop=True)


def family_chains(family: str) -> list[str]:
    """Receptor chains used by a family, most shared first (ties in catalog order).

    Examples
    --------
    >>> family_chains("IL-17 family")[0]
    'IL17RA'
    """
    members = family_members_sorted(family)
    counts: dict[str, int] = {}
    for chains in members["receptor_chains"]:
        for chain in chains:
            counts[chain] = counts.get(chain, 0) + 1
    order = list(counts)
    return sorted(order, key=lambda c: (-counts[c], order.index(c)))


def family_table(family: str) -> pd.DataFrame:
    """One row per member of a family: names, receptor chains and signalling.

    Returns
    -------
    pandas.DataFrame
        Columns ``Cytokine``, ``HGNC symbol``, ``Subfamily``, ``Receptor chains``,
        ``Pathway``, ``JAKs``, ``STATs`` (lists joined by commas, "–" when empty).

    Examples
    --------
    >>> t = family_table("IL-17 family")
    >>> list(t.columns)[:3], len(t)
    (['Cytokine', 'HGNC symbol', 'Subfamily'], 6)
    """
    return _display_table(
        family_members_sorted(family),
        {"Cytokine": "name", "HGNC symbol": "hgnc_symbol", "Subfamily": "subfamily",
         "Receptor chains": "receptor_chains", "Pathway": "pathway", "JAKs": "jaks", "STATs": "stats"},
    )


def shared_chain_users(chain: str) -> pd.DataFrame:
    """The cytokines that use one shared receptor chain, in catalog order.

    Parameters
    ----------
    chain : str
        One of :data:`SHARED_CHAINS` (HGNC symbol).

    Raises
    ------
    ValueError
        If the chain is not one of :data:`SHARED_CHAINS`.

    Examples
    --------
    >>> list(shared_chain_users("CSF2RB")["hgnc_symbol"])
    ['IL3', 'IL5', 'CSF2']
    """
    _check_chain(chain)
    return catalog.using_receptor(chain).reset_index(drop=True)


@dataclass(frozen=True)
class ChainNetwork:
    """Who uses a shared chain, which other chains they need, and who else uses those.

    Attributes
    ----------
    chain : str
        The shared chain (HGNC symbol).
    users : tuple of str
        HGNC symbols of the cytokines that use ``chain``.
    neighbours : tuple of str
        Cytokines that do not use ``chain`` but use another chain of a user.
    chains : tuple of str
        Every chain used by a user, ``chain`` included, ordered to limit crossings.
    edges : tuple of (str, str)
        ``(cytokine, chain)`` pairs for users and neighbours.
    """

    chain: str
    users: tuple[str, ...]
    neighbours: tuple[str, ...]
    chains: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]


def shared_chain_network(chain: str) -> ChainNetwork:
    """Build the sharing network around one shared chain from the catalog.

    Examples
    --------
    >>> net = shared_chain_network("IL2RG")
    >>> net.neighbours, "IL2RB" in net.chains
    (('TSLP', 'IL13'), True)
    """
    _check_chain(chain)
    cyt = catalog.cytokines()
    chains_of = dict(zip(cyt["hgnc_symbol"], cyt["receptor_chains"]))
    users = tuple(s for s in cyt["hgnc_symbol"] if chain in chains_of[s])
    used = []
    for user in users:
        for c in chains_of[user]:
            if c not in used:
                used.append(c)
    neighbours = tuple(
        s for s in cyt["hgnc_symbol"]
        if s not in users and any(c in used for c in chains_of[s])
    )
    edges = tuple(
        (s, c) for s in users + neighbours for c in chains_of[s] if c in used
    )
    # Barycentric order: each chain sits near the mean position of the cytokines it binds.
    left = users + neighbours
    position = {s: i for i, s in enumerate(left)}
    weight = {
        c: np.mean([position[s] for s, cc in edges if cc == c and s in users]) for c in used
    }
    ordered = tuple(sorted(used, key=lambda c: (weight[c], used.index(c))))
    return ChainNetwork(chain, users, neighbours, ordered, edges)


def shared_chain_table(chain: str) -> pd.DataFrame:
    """One row per user of a shared chain: family, all its chains, JAKs and STATs.

    Examples
    --------
    >>> sorted(shared_chain_table("IL2RG")["HGNC symbol"])
    ['IL15', 'IL2', 'IL21', 'IL4', 'IL7', 'IL9']
    """
    return _display_table(
        shared_chain_users(chain),
        {"Cytokine": "name", "HGNC symbol": "hgnc_symbol", "Family": "family",
         "Receptor chains": "receptor_chains", "JAKs": "jaks", "STATs": "stats"},
    )


# --------------------------------------------------------------------------- figures
def _pathway_handles(pathways) -> list[Line2D]:  # noqa: ANN001
    handles = []
    for pathway in pathways:
        style = PATHWAY_STYLE[pathway]
        handles.append(
            Line2D([], [], ls="none", marker=style["marker"], ms=8,
                   markerfacecolor=style["color"], markeredgecolor="black", markeredgewidth=0.6,
                   label=pathway)
        )
    return handles


def family_figure(family: str) -> Figure:
    """Dot matrix of one family: members (columns) against the receptor chains they bind.

    Each dot marks a chain that the member binds, coloured and shaped by the
    member's signalling pathway; the bars on the right count how many members of
    the family bind each chain, so shared chains stand out at the top. Members
    without an established receptor appear as empty columns with grey labels.

    Parameters
    ----------
    family : str
        A family present in the catalog.

    Returns
    -------
    matplotlib.figure.Figure
        Its suptitle names the family and the numbers of members and chains.

    Examples
    --------
    >>> fig = family_figure("common γ-chain family")
    >>> fig.get_suptitle()
    'common γ-chain family: 8 members, 11 receptor chains'
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][0]
    'IL2RG (γc)'
    """
    members = family_members_sorted(family)
    chains = family_chains(family)
    symbols = list(members["hgnc_symbol"])
    n_m, n_c = len(symbols), max(len(chains), 1)
    small = n_m > 18
    height = float(np.clip(2.2 + 0.2 * n_c, 3.4, 6.6))
    with book_style():
        fig = Figure(figsize=(7.2, height))
        bottom = (1.0 if small else 0.95) / height
        top = 1 - 0.8 / height
        ax = fig.add_axes((0.2, bottom, 0.6, top - bottom))
        bar = fig.add_axes((0.83, bottom, 0.14, top - bottom), sharey=ax)
        counts = np.zeros(n_c)
        pathways_seen: list[str] = []
        for x, row in enumerate(members.itertuples(index=False)):
            pathway = str(row.pathway)
            style = PATHWAY_STYLE[pathway]
            if row.receptor_chains and pathway not in pathways_seen:
                pathways_seen.append(pathway)
            for chain in row.receptor_chains:
                y = chains.index(chain)
                counts[y] += 1
                ax.plot(x, y, ls="none", marker=style["marker"], ms=6.5 if small else 9,
                        markerfacecolor=style["color"], markeredgecolor="black",
                        markeredgewidth=0.6, zorder=3)
        ax.set_xlim(-0.7, n_m - 0.3)
        ax.set_ylim(n_c - 0.5, -0.5)
        ax.set_xticks(range(n_m))
        ax.set_xticklabels(symbols, rotation=90, fontsize=7.5 if small else 9.5)
        for label, chains_of in zip(ax.get_xticklabels(), members["receptor_chains"]):
            if not chains_of:
                label.set_color(MUTED)
                label.set_fontstyle("italic")
        ax.set_yticks(range(len(chains)))
        ax.set_yticklabels([chain_label(c) for c in chains], fontsize=8 if n_c > 14 else 9.5)
        for label, chain in zip(ax.get_yticklabels(), chains):
            if chain in SHARED_CHAINS:
                label.set_fontweight("bold")
        ax.grid(True, color="#ececec", lw=0.7)
        ax.set_xlabel("family member (HGNC symbol; grey: no receptor established)", fontsize=9.5)
        ax.set_ylabel("receptor chain", fontsize=10)
        bar.barh(range(len(chains)), counts[: len(chains)], color=MUTED, height=0.6)
        if not chains:  # no receptor established: keep the count axis at 0..1, not -0.05..0.05
            bar.set_xlim(0, 1)
        bar.set_xlabel("members\nbinding it", fontsize=9)
        bar.tick_params(axis="y", labelleft=False)
        bar.xaxis.get_major_locator().set_params(integer=True)
        bar.grid(True, axis="x", color="#ececec")
        bar.grid(False, axis="y")
        fig.suptitle(f"{family}: {n_m} members, {len(chains)} receptor chains",
                     x=0.02, y=1 - 0.08 / height, ha="left", va="top", fontsize=12)
        if pathways_seen:
            fig.legend(handles=_pathway_handles(pathways_seen), loc="upper left",
                       bbox_to_anchor=(0.015, 1 - 0.38 / height), ncol=min(len(pathways_seen), 5),
                       fontsize=8.5, handletextpad=0.3, columnspacing=1.0, borderaxespad=0.0,
                       frameon=False, title=None)
        if not chains:
            ax.text(0.5, 0.5, "no receptor established in the catalog's sources",
                    transform=ax.transAxes, ha="center", va="center", color=MUTED)
    return fig


def shared_chain_figure(chain: str) -> Figure:
    """Network of the cytokines that share one receptor chain, and the chains they pair it with.

    Left: the users of the chain (dark) and, below a gap, other cytokines that
    share one of the users' partner chains without using the shared chain (grey).
    Right: every chain the users bind; the shared chain is highlighted. A line
    joins a cytokine to each chain it binds.

    Parameters
    ----------
    chain : str
        One of :data:`SHARED_CHAINS`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = shared_chain_figure("CSF2RB")
    >>> fig.axes[0].get_title(loc="left")
    'CSF2RB (βc): used by 3 cytokines in the catalog'
    """
    net = shared_chain_network(chain)
    names = dict(zip(catalog.cytokines()["hgnc_symbol"], catalog.cytokines()["name"].astype(str)))
    rec_names = dict(zip(catalog.receptors()["symbol"], catalog.receptors()["name"].astype(str)))
    left = list(net.users) + list(net.neighbours)
    gap = 0.8 if net.neighbours else 0.0
    y_left = {s: i + (gap if s in net.neighbours else 0.0) for i, s in enumerate(left)}
    span = max(len(left) - 1 + gap, len(net.chains) - 1, 1)
    step = span / max(len(net.chains) - 1, 1) if len(net.chains) > 1 else 0
    y_right = {c: (i * step if len(net.chains) > 1 else span / 2) for i, c in enumerate(net.chains)}
    if len(left) - 1 + gap < span:  # fewer cytokines than chains: centre the cytokines
        shift = (span - (len(left) - 1 + gap)) / 2
        y_left = {s: v + shift for s, v in y_left.items()}
    with book_style():
        fig = Figure(figsize=(7.2, 5.0))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.02, right=0.98, bottom=0.03, top=0.89)
        x0, x1 = 0.36, 0.64
        for s, c in net.edges:
            is_user = s in net.users
            highlight = c == chain and is_user
            ax.plot([x0, x1], [y_left[s], y_right[c]],
                    color=PALETTE[1] if highlight else (PALETTE[0] if is_user else MUTED),
                    lw=2.4 if highlight else (1.3 if is_user else 0.9),
                    alpha=1.0 if is_user else 0.8, zorder=2 if highlight else 1,
                    ls="-" if is_user else (0, (3, 2)))
        for s in left:
            is_user = s in net.users
            ax.plot(x0, y_left[s], "o", ms=7, color=PALETTE[0] if is_user else "white",
                    markeredgecolor=PALETTE[0] if is_user else MUTED, zorder=3)
            ax.text(x0 - 0.02, y_left[s], f"{names[s]} ({s})" if names[s] != s else s,
                    ha="right", va="center", fontsize=9.5,
                    color="black" if is_user else "#6b6b6b")
        for c in net.chains:
            shared = c == chain
            ax.plot(x1, y_right[c], "s", ms=11 if shared else 7,
                    color=PALETTE[1] if shared else "white",
                    markeredgecolor=PALETTE[1] if shared else "black", zorder=3)
            label = f"{c} – {_NAME_RE.sub('', rec_names[c])}" if not shared else f"{chain_label(c)}"
            ax.text(x1 + 0.025, y_right[c], label, ha="left", va="center",
                    fontsize=10.5 if shared else 9.5, fontweight="bold" if shared else "normal")
        if net.neighbours:
            first = y_left[net.neighbours[0]]
            ax.text(x0 - 0.02, first - 0.75, "also on these partner chains:", ha="right",
                    va="center", fontsize=8.5, color="#6b6b6b", style="italic")
        ax.set_xlim(0, 1)
        ax.set_ylim(span + 0.6, -1.5)
        ax.axis("off")
        ax.text(x0, -0.8, "cytokine", ha="center", va="bottom", fontsize=9.5, color="#444444")
        ax.text(x1, -0.8, "receptor chain", ha="center", va="bottom", fontsize=9.5,
                color="#444444")
        ax.set_title(
            f"{chain_label(chain)}: used by {len(net.users)} cytokines in the catalog",
            loc="left", fontsize=12,
        )
    return fig


def family_overview_figure() -> Figure:
    """Number of catalog members per family, split by main signalling pathway.

    Returns
    -------
    matplotlib.figure.Figure
        One horizontal stacked bar per family present in the catalog.

    Examples
    --------
    >>> fig = family_overview_figure()
    >>> len(fig.axes[0].get_yticklabels()) == len(catalog.families())
    True
    """
    cyt = catalog.cytokines()
    fams = catalog.families()
    table = pd.crosstab(cyt["family"].astype(str), cyt["pathway"].astype(str))
    table = table.reindex(index=fams, fill_value=0)
    pathways = [p for p in catalog.PATHWAYS if p in table.columns]
    with book_style():
        fig = Figure(figsize=(7.2, 5.4))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.33, right=0.97, bottom=0.1, top=0.8)
        left = np.zeros(len(fams))
        hatches = {"receptor antagonist": "////", "unresolved": "...."}
        for pathway in pathways:
            values = table[pathway].to_numpy()
            style = PATHWAY_STYLE[pathway]
            color = style["color"] if pathway != "receptor antagonist" else "white"
            ax.barh(range(len(fams)), values, left=left, color=color, edgecolor="black",
                    linewidth=0.5, hatch=hatches.get(pathway), label=pathway, height=0.7)
            left += values
        for y, total in enumerate(left):
            ax.text(total + 0.4, y, f"{int(total)}", va="center", fontsize=9)
        ax.set_xlim(0, left.max() * 1.08 + 1)
        ax.set_yticks(range(len(fams)))
        ax.set_yticklabels(fams, fontsize=9.5)
        ax.set_ylim(len(fams) - 0.5, -0.5)
        ax.set_xlabel("number of gene products in the catalog")
        ax.grid(True, axis="x")
        ax.grid(False, axis="y")
        ax.legend(loc="lower left", bbox_to_anchor=(-0.45, 1.01), ncol=4, fontsize=8.5,
                  handlelength=1.4, columnspacing=0.9, title="main signalling pathway",
                  title_fontsize=9, alignment="left")
    return fig
