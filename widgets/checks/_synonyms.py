"""Other spellings a :class:`~widgets.checks.Names` check accepts for a name.

A student who writes ``"FasL"`` or ``"EPO"`` names the same cytokine as the catalog's
``"Fas ligand"`` or ``"erythropoietin"``; a student who copies ``"IFN-γ"`` from a
Chapter 8 table names CytoSig's ``"IFNG"``. These functions give those spellings, read
from the catalog and the CytoSig metadata, so no alias is typed twice.
"""

from __future__ import annotations

import functools

from widgets import catalog
from widgets.datasets import signal_label, signals


def cytokine_spellings(name: str) -> tuple[str, ...]:
    """The catalog's name, HGNC symbol and aliases of the gene product ``name`` names.

    Empty when the catalog does not know ``name``, or when ``name`` is a heteromer's; and a
    heteromer's name is never among the spellings. A subunit is not its heteromer: the
    catalog resolves ``"IL-27"`` to the p28 row (its HGNC symbol is ``IL27``), and that must
    not make ``"p28"`` an answer for IL-27.

    Examples
    --------
    >>> "Fas ligand" in cytokine_spellings("FasL")
    True
    >>> cytokine_spellings("IL-12"), cytokine_spellings("IL-27"), cytokine_spellings("no such cytokine")
    ((), (), ())
    >>> "IL27" in cytokine_spellings("p28")
    False
    """
    if catalog.is_heteromer(str(name)):
        return ()
    try:
        row = catalog.lookup(str(name))
    except KeyError:
        return ()
    aliases = row["aliases"] if isinstance(row["aliases"], (tuple, list)) else ()
    spellings = [s.strip() for s in (str(row["name"]), str(row["hgnc_symbol"]), *map(str, aliases)) if s.strip()]
    if catalog.normalise(str(name)) not in {catalog.normalise(s) for s in spellings}:
        return ()
    return tuple(s for s in spellings if not catalog.is_heteromer(s))


@functools.cache
def _cytosig_labels() -> dict[str, str]:
    return {s: signal_label(s) for s in signals()}


def cytosig_spellings(name: str) -> tuple[str, ...]:
    """A CytoSig signal's column name and the book's label for it (empty for other names).

    Examples
    --------
    >>> cytosig_spellings("IFN-γ"), cytosig_spellings("IFNG")
    (('IFNG', 'IFN-γ'), ('IFNG', 'IFN-γ'))
    >>> cytosig_spellings("interferon")
    ()
    """
    for column, label in _cytosig_labels().items():
        if str(name).casefold() in (column.casefold(), label.casefold()):
            return (column, label)
    return ()
