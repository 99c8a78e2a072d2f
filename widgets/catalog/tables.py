"""Reading the catalog tables and the columns derived from the signalling complexes.

The data live in four tab-separated files under ``widgets/data/`` (the data
dictionary is ``widgets/data/README.md``):

``cytokines.tsv``
    one row per human gene product (ligand or ligand subunit);
``receptors.tsv``
    one row per receptor chain;
``complexes.tsv``
    one row per signalling complex: which ligand (one subunit or a heteromer) binds
    which receptor chains, in what role, through which pathway, JAKs and STATs;
``drugs.tsv``
    approved drugs that act on a cytokine, a receptor chain, a JAK or a chemokine
    receptor, and the approved recombinant and engineered cytokines.

What binds what is recorded once, in ``complexes.tsv``. The per-gene-product columns
``receptor_chains``, ``jaks``, ``stats``, ``complexes`` and ``heteromers`` of
:func:`cytokines`, and ``complexes`` and ``cytokines`` of :func:`receptors`, are
derived from it. The tables are validated and typed once per process; every public
function returns a fresh copy.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from widgets._tsv import read_tsv, split_list
from widgets.catalog.vocabularies import (
    AGENCIES,
    FAMILIES,
    FOLDS,
    INFLAMMATORY,
    MECHANISMS,
    MOLECULE_TYPES,
    PATHWAYS,
    ROLES,
    SIGNALLING_ROLES,
)

__all__ = ["COLUMNS", "DATA_DIR", "TABLES", "complexes", "cytokines", "drugs", "parse_mass", "raw_tables",
           "receptors", "table_path"]

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
"""Folder holding the catalog tables: the one place that says where the catalog lives."""

TABLES: tuple[str, ...] = ("cytokines", "receptors", "complexes", "drugs")
"""Names of the catalog tables, as in ``widgets/data/<name>.tsv``."""

COLUMNS: dict[str, tuple[str, ...]] = {
    "cytokines": ("name", "aliases", "hgnc_symbol", "uniprot", "family", "subfamily", "fold", "mass_kDa",
                  "mass_source", "pathway",
                  "producers", "targets", "inflammatory", "functions", "diseases", "immune_dictionary",
                  "sources"),
    "receptors": ("symbol", "uniprot", "name", "receptor_class", "jaks", "sources"),
    "complexes": ("complex", "ligand", "ligand_subunits", "receptor_chains", "role", "pathway", "jaks",
                  "stats", "context", "sources", "note"),
    "drugs": ("inn", "targets", "molecule_type", "mechanism", "indications", "first_approval_year",
              "first_approval_agency", "evidence", "note"),
}
"""Header of each table file, in order."""


def table_path(name: str, folder: Path | str | None = None) -> Path:
    """Path of one table file (``folder`` defaults to :data:`DATA_DIR`).

    Examples
    --------
    >>> table_path("complexes").name
    'complexes.tsv'
    """
    if name not in TABLES:
        raise ValueError(f"name must be one of {list(TABLES)}, got {name!r}")
    return Path(folder if folder is not None else DATA_DIR) / f"{name}.tsv"


def raw_tables(paths: dict[str, Path] | None = None) -> dict[str, pd.DataFrame]:
    """The four tables as read from disk: every cell a stripped string, headers checked."""
    paths = paths or {name: table_path(name) for name in TABLES}
    return {name: read_tsv(paths[name], COLUMNS[name]) for name in TABLES}


def parse_mass(text: str) -> tuple[float, float]:
    """Bounds of a ``mass_kDa`` cell: ``"17"`` -> (17, 17), ``"19-26"`` -> (19, 26), ``""`` -> (nan, nan).

    Raises
    ------
    ValueError
        If the cell is neither empty, a positive number nor a range ``low-high`` with low <= high.

    Examples
    --------
    >>> parse_mass("19-26"), parse_mass("15.5")
    ((19.0, 26.0), (15.5, 15.5))
    """
    if not text:
        return (float("nan"), float("nan"))
    parts = text.split("-")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise ValueError(f"mass {text!r} is not a number or a range like 19-26") from None
    if len(values) > 2 or min(values) <= 0 or values[0] > values[-1]:
        raise ValueError(f"mass {text!r} is not a positive number or an increasing range like 19-26")
    return (values[0], values[-1])


def _tuples(frame: pd.DataFrame, columns: tuple[str, ...]) -> None:
    for column in columns:
        frame[column] = frame[column].map(lambda v: tuple(split_list(v)))


def _union(items) -> tuple[str, ...]:  # noqa: ANN001
    return tuple(dict.fromkeys(x for group in items for x in group))


@functools.cache
def _typed() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Validate once, then type the tables and add the derived columns (cached per process)."""
    from widgets.catalog.validation import validate  # the rules import this module's readers

    validate()
    raw = raw_tables()
    cyt, rec, cx, drg = (raw[name].copy() for name in TABLES)

    _tuples(cx, ("ligand_subunits", "receptor_chains", "jaks", "stats", "sources"))
    cx["symbol"] = cx["ligand_subunits"].map(lambda s: s[0])
    cx["role"] = pd.Categorical(cx["role"], categories=list(ROLES))
    cx["pathway"] = pd.Categorical(cx["pathway"].replace("", pd.NA), categories=list(PATHWAYS))

    signalling = cx[cx["role"].isin(SIGNALLING_ROLES)]
    by_symbol = {s: cx[cx["ligand_subunits"].map(lambda subunits, s=s: s in subunits)] for s in cyt["hgnc_symbol"]}
    heteromers = cx[cx["ligand_subunits"].map(len) > 1].drop_duplicates("ligand")

    cyt["aliases"] = cyt["aliases"].map(lambda v: tuple(split_list(v)))
    cyt["sources"] = cyt["sources"].map(lambda v: tuple(split_list(v)))
    cyt["complexes"] = cyt["hgnc_symbol"].map(lambda s: tuple(by_symbol[s]["complex"]))
    cyt["heteromers"] = cyt["hgnc_symbol"].map(lambda s: tuple(
        f"{h.ligand}={'+'.join(h.ligand_subunits)}" for h in heteromers.itertuples() if s in h.ligand_subunits))
    cyt["receptor_chains"] = cyt["hgnc_symbol"].map(lambda s: _union(by_symbol[s]["receptor_chains"]))
    for column in ("jaks", "stats"):
        cyt[column] = cyt["hgnc_symbol"].map(lambda s, c=column: _union(
            signalling[signalling["ligand_subunits"].map(lambda subunits, s=s: s in subunits)][c]))
    for column, vocabulary in (("family", FAMILIES), ("fold", FOLDS), ("pathway", PATHWAYS),
                               ("inflammatory", INFLAMMATORY)):
        cyt[column] = pd.Categorical(cyt[column], categories=list(vocabulary))
    cyt["subfamily"] = cyt["subfamily"].astype("category")
    bounds = cyt["mass_kDa"].map(parse_mass)
    cyt["mass_kDa_low"] = bounds.map(lambda b: b[0])
    cyt["mass_kDa_high"] = bounds.map(lambda b: b[1])
    cyt["immune_dictionary"] = cyt["immune_dictionary"].eq("yes")

    rec["jaks"] = rec["jaks"].map(lambda v: tuple(split_list(v)))
    rec["sources"] = rec["sources"].map(lambda v: tuple(split_list(v)))
    uses = {c: cx[cx["receptor_chains"].map(lambda chains, c=c: c in chains)] for c in rec["symbol"]}
    rec["complexes"] = rec["symbol"].map(lambda c: tuple(uses[c]["complex"]))
    rec["cytokines"] = rec["symbol"].map(lambda c: tuple(sorted(set(_union(uses[c]["ligand_subunits"])))))
    rec["receptor_class"] = rec["receptor_class"].astype("category")

    drg["targets"] = drg["targets"].map(lambda v: tuple(split_list(v)))
    drg["molecule_type"] = pd.Categorical(drg["molecule_type"], categories=list(MOLECULE_TYPES))
    drg["mechanism"] = pd.Categorical(drg["mechanism"], categories=list(MECHANISMS))
    drg["first_approval_agency"] = pd.Categorical(drg["first_approval_agency"], categories=list(AGENCIES))
    drg["first_approval_year"] = drg["first_approval_year"].astype("int64")
    return cyt, rec, cx, drg


def cytokines() -> pd.DataFrame:
    """The cytokine table: one row per human gene product.

    List-valued columns hold tuples. ``complexes`` names the signalling complexes the
    product takes part in; ``heteromers`` gives multi-subunit ligands as
    ``"IL-12=IL12A+IL12B"``; ``receptor_chains`` (all chains of those complexes) and
    ``jaks``/``stats`` (of its signalling complexes) are derived per gene product, so
    for what binds what use :func:`complexes`. ``mass_kDa`` is the molecular mass of the
    mature protein as its source reports it (a value or a range), parsed into
    ``mass_kDa_low`` and ``mass_kDa_high`` (NaN where no checked source gives it).

    Returns
    -------
    pandas.DataFrame
        A copy; modifying it does not affect later calls.

    Examples
    --------
    >>> df = cytokines()
    >>> len(df) >= 120, df["uniprot"].is_unique
    (True, True)
    >>> df.loc[df["hgnc_symbol"] == "IL6", "pathway"].item()
    'JAK-STAT'
    """
    return _typed()[0].copy()


def receptors() -> pd.DataFrame:
    """The receptor-chain table, with the complexes and gene products that use each chain.

    Examples
    --------
    >>> rec = receptors().set_index("symbol")
    >>> rec.loc["IL2RG", "jaks"]
    ('JAK3',)
    """
    return _typed()[1].copy()


def complexes() -> pd.DataFrame:
    """The signalling complexes: ligand (subunits), receptor chains, role, pathway, JAKs, STATs.

    ``symbol`` is the ligand's first (defining) subunit.

    Examples
    --------
    >>> cx = complexes().set_index("complex")
    >>> cx.loc["IL-35", "receptor_chains"], cx.loc["IL-12", "receptor_chains"]
    (('IL12RB2', 'IL6ST'), ('IL12RB1', 'IL12RB2'))
    >>> cx.loc["IL-4 type II", "jaks"]
    ('JAK1', 'TYK2')
    """
    return _typed()[2].copy()


def drugs() -> pd.DataFrame:
    """The table of approved drugs (``targets`` as tuples, ``first_approval_year`` as int).

    One row per medicine (by INN) that acts on a cytokine, a cytokine receptor chain, a
    JAK or a chemokine receptor, or that is a recombinant or engineered cytokine.
    ``molecule_type`` and ``mechanism`` are categoricals (see
    :data:`~widgets.catalog.vocabularies.MOLECULE_TYPES` and
    :data:`~widgets.catalog.vocabularies.MECHANISMS`); ``first_approval_year`` and
    ``first_approval_agency`` give the first approval by the agency named (the FDA where
    the drug is approved in the USA, otherwise the EMA or the PMDA), read on the page in
    ``evidence``.

    Examples
    --------
    >>> d = drugs().set_index("inn")
    >>> int(d.loc["tocilizumab", "first_approval_year"]) > 2000
    True
    """
    return _typed()[3].copy()
