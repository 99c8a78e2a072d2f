"""Queries of the catalog: names, families, and which complexes use a chain, a JAK or a STAT."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from widgets.catalog.tables import complexes, cytokines, drugs, receptors
from widgets.catalog.vocabularies import FAMILIES, JAKS, ROLES, SIGNALLING_ROLES, STATS
from widgets.models._checks import did_you_mean, unknown_name

__all__ = [
    "complexes_of",
    "drugs_for",
    "families",
    "family_members",
    "is_heteromer",
    "lookup",
    "normalise",
    "using_jak",
    "using_receptor",
    "using_stat",
]

_GREEK = {"α": "a", "β": "b", "γ": "g", "δ": "d", "ε": "e", "κ": "k", "λ": "l", "ω": "w"}
_WORDS = (("alpha", "a"), ("beta", "b"), ("gamma", "g"), ("delta", "d"), ("epsilon", "e"), ("kappa", "k"),
          ("lambda", "l"), ("omega", "w"), ("interleukin", "il"), ("interferon", "ifn"))


def normalise(text: str) -> str:
    """Return the lookup key of a cytokine name, alias or symbol.

    Case, spaces, hyphens, dashes, dots, underscores and slashes are dropped; Greek
    letters and their spelled-out names become one Latin letter; and ``interleukin``
    becomes ``il`` and ``interferon`` becomes ``ifn``.

    Examples
    --------
    >>> normalise("Interleukin-6") == normalise("IL 6") == normalise("il6")
    True
    >>> normalise("TNF-α"), normalise("interferon gamma")
    ('tnfa', 'ifng')
    """
    out = unicodedata.normalize("NFKC", str(text)).casefold()
    for letter, latin in _GREEK.items():
        out = out.replace(letter, latin)
    for word, latin in _WORDS:
        out = out.replace(word, latin)
    return re.sub(r"[\s\-‐‑‒–—_./,()']+", "", out)


@functools.cache
def _index() -> tuple[dict[str, int], dict[str, str], dict[str, str]]:
    """Lookup keys -> cytokine row position; heteromer key -> defining subunit; key -> display label."""
    cyt, cx = cytokines(), complexes()
    keys: dict[str, int] = {}
    labels: dict[str, str] = {}
    for pos, row in enumerate(cyt.itertuples(index=False)):
        for label in (row.name, row.hgnc_symbol, *row.aliases):
            keys[normalise(label)] = pos
            labels.setdefault(normalise(label), label)
    heteromers: dict[str, str] = {}
    for row in cx[cx["ligand_subunits"].map(len) > 1].itertuples(index=False):
        heteromers.setdefault(normalise(row.ligand), row.symbol)
        labels.setdefault(normalise(row.ligand), row.ligand)
    return keys, heteromers, labels


def lookup(name: str) -> pd.Series:
    """Find one cytokine gene product by name, alias, HGNC symbol or heteromer name.

    Matching ignores case, spaces, hyphens and dashes, and accepts Greek letters
    spelled out (see :func:`normalise`). A heteromer name (e.g. ``IL-12``) resolves to
    the row of its defining (first-listed) subunit; :func:`complexes_of` gives the
    complexes themselves.

    Raises
    ------
    KeyError
        If nothing matches; the message suggests close matches.

    Examples
    --------
    >>> lookup("IL-6")["uniprot"] == lookup("Interleukin-6")["uniprot"] == "P05231"
    True
    >>> lookup("TNF-alpha")["hgnc_symbol"], lookup("IL-23")["hgnc_symbol"]
    ('TNF', 'IL23A')
    >>> lookup("IL-66")
    Traceback (most recent call last):
    ...
    KeyError: "no cytokine called 'IL-66'; did you mean 'IL-6', ...
    """
    keys, heteromers, labels = _index()
    key = normalise(name)
    cyt = cytokines()
    if key in keys:
        return cyt.iloc[keys[key]]
    if key in heteromers:
        return cyt.loc[cyt["hgnc_symbol"] == heteromers[key]].iloc[0]
    hint = did_you_mean(name, labels.values(), n=5, cutoff=0.6, key=normalise)
    raise KeyError(f"no cytokine called {name!r}; {hint or 'no close match'}")


def families() -> list[str]:
    """The families that have at least one member, in vocabulary order.

    Examples
    --------
    >>> families()[:3]
    ['IL-1 family', 'common γ-chain family', 'common β-chain family']
    """
    present = set(cytokines()["family"].astype(str))
    return [f for f in FAMILIES if f in present]


def family_members(family: str) -> pd.DataFrame:
    """The cytokine gene products of one family (matched like :func:`lookup`).

    Raises
    ------
    KeyError
        Unknown family, with suggestions.

    Examples
    --------
    >>> sorted(family_members("IL-17 family")["hgnc_symbol"])
    ['IL17A', 'IL17B', 'IL17C', 'IL17D', 'IL17F', 'IL25']
    """
    wanted = {normalise(f): f for f in FAMILIES}
    key = normalise(family)
    if key not in wanted:
        raise unknown_name("family", family, FAMILIES, key=normalise)
    cyt = cytokines()
    return cyt[cyt["family"] == wanted[key]]


def _roles(roles: Iterable[str] | str) -> tuple[str, ...]:
    roles = (roles,) if isinstance(roles, str) else tuple(roles)
    bad = [r for r in roles if r not in ROLES]
    if bad:
        raise KeyError(f"unknown role {bad}; expected some of {list(ROLES)}")
    return roles


def using_receptor(chain: str, *, roles: Iterable[str] | str = ROLES) -> pd.DataFrame:
    """The complexes that include a receptor chain (HGNC symbol), by default in any role.

    Parameters
    ----------
    chain : str
        HGNC symbol of a chain in ``receptors.tsv`` (case ignored).
    roles : str or iterable of str, optional
        Keep only complexes with these roles, e.g. ``"signalling"``.

    Returns
    -------
    pandas.DataFrame
        Rows of :func:`widgets.catalog.tables.complexes`.

    Raises
    ------
    KeyError
        If the chain is not in ``receptors.tsv`` (with suggestions) or a role is unknown.

    Examples
    --------
    >>> sorted(set(using_receptor("IL2RG")["ligand"]))
    ['IL-15', 'IL-2', 'IL-21', 'IL-4', 'IL-7', 'IL-9']
    >>> "IL-12" in set(using_receptor("IL6ST")["ligand"])
    False
    """
    symbols = list(receptors()["symbol"])
    key = chain.strip().upper()
    if key not in symbols:
        raise unknown_name("receptor chain", chain, symbols)
    cx = complexes()
    keep = cx["receptor_chains"].map(lambda chains: key in chains) & cx["role"].isin(_roles(roles))
    return cx[keep]


def _signalling_with(column: str, value: str, allowed: tuple[str, ...]) -> pd.DataFrame:
    key = value.strip().upper()
    if key not in allowed:
        raise KeyError(f"unknown {column[:-1].upper()} {value!r}; expected one of {list(allowed)}")
    cx = complexes()
    return cx[cx["role"].isin(SIGNALLING_ROLES) & cx[column].map(lambda items: key in items)]


def using_jak(jak: str) -> pd.DataFrame:
    """The signalling complexes that use a JAK (JAK1, JAK2, JAK3 or TYK2).

    Examples
    --------
    >>> sorted(using_jak("JAK3")["complex"])[:4]
    ['IL-15', 'IL-2 high affinity', 'IL-2 intermediate affinity', 'IL-21']
    >>> "IL-4 type II" in set(using_jak("JAK3")["complex"])
    False
    """
    return _signalling_with("jaks", jak, JAKS)


def using_stat(stat: str) -> pd.DataFrame:
    """The signalling complexes that activate a STAT (STAT1 ... STAT6; STAT5A/STAT5B).

    Examples
    --------
    >>> {"IL-4", "IL-13"} <= set(using_stat("STAT6")["ligand"])
    True
    """
    return _signalling_with("stats", stat, STATS)


def is_heteromer(name: str) -> bool:
    """Whether ``name`` names a heteromer (``IL-12``) rather than one gene product.

    A subunit is not its heteromer, although :func:`lookup` resolves a heteromer's name to
    the row of its first subunit (``IL-27`` to the p28 row, whose HGNC symbol is ``IL27``).

    Examples
    --------
    >>> is_heteromer("IL-12"), is_heteromer("IL-27"), is_heteromer("p28"), is_heteromer("IL-6")
    (True, True, False, False)
    """
    return normalise(name) in _index()[1]


def complexes_of(name: str) -> pd.DataFrame:
    """Every complex in which a cytokine (anything :func:`lookup` accepts) is a ligand subunit.

    A heteromer name gives the complexes of that heteromer only.

    Examples
    --------
    >>> list(complexes_of("IL-4")["complex"])
    ['IL-4 type I', 'IL-4 type II']
    >>> list(complexes_of("IL-12")["complex"])
    ['IL-12']
    """
    cx = complexes()
    if is_heteromer(name):
        return cx[cx["ligand"].map(normalise) == normalise(name)]
    symbol = lookup(name)["hgnc_symbol"]
    return cx[cx["ligand_subunits"].map(lambda subunits: symbol in subunits)]


_ANTIBODIES = frozenset({"monoclonal antibody", "antibody fragment"})


def drugs_for(name: str) -> pd.DataFrame:
    """Approved drugs acting on a cytokine, on a subunit of it, or on one of its receptors.

    A drug counts when it targets the cytokine, when it is an antibody against any
    subunit of a heteromer named (the anti-p40 ustekinumab acts on IL-12 and on IL-23;
    etanercept, a TNF-receptor trap that binds the LTα trimer, does not act on the
    LTα1β2 heteromer, which binds only the LTβ receptor), or when every
    receptor chain it targets belongs to one complex of the cytokine: dupilumab, against
    IL-4Rα, acts on IL-4 and on IL-13, but the IL-2 fusion toxin denileukin diftitox,
    which binds IL-2Rα, IL-2Rβ and γc, does not act on IL-4 or IL-7 through their shared
    γc. Kinase inhibitors, which act inside the cell, never count.

    Examples
    --------
    >>> sorted(drugs_for("IL-6")["inn"])
    ['sarilumab', 'satralizumab', 'siltuximab', 'tocilizumab']
    >>> "ustekinumab" in set(drugs_for("IL-12")["inn"])
    True
    >>> "denileukin diftitox" in set(drugs_for("IL-4")["inn"])
    False
    """
    row = lookup(name)
    cx = complexes_of(name)
    subunits = {symbol for chains in cx["ligand_subunits"] for symbol in chains} if is_heteromer(name) else set()
    receptors = [set(chains) for chains in cx["receptor_chains"]]

    def acts(drug: pd.Series) -> bool:
        targets = set(drug["targets"])
        if row["hgnc_symbol"] in targets or any(targets <= chains for chains in receptors):
            return True
        return drug["molecule_type"] in _ANTIBODIES and bool(subunits & targets)

    drg = drugs()
    return drg[drg.apply(acts, axis=1)]
