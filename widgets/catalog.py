"""Sourced catalog of human cytokines, their receptor chains and approved drugs.

The data live in three tab-separated files under ``widgets/data/`` (see
``widgets/data/README.md`` for the data dictionary and the sources every
row was checked against):

``cytokines.tsv``
    one row per human gene product (ligand or ligand subunit);
``receptors.tsv``
    one row per receptor chain named in ``cytokines.tsv``;
``drugs.tsv``
    approved drugs that act on a cytokine, a receptor chain or a JAK.

The tables are read once per process, validated (:func:`validate`) and
cached; every public function returns a fresh copy, so callers may modify
what they get without corrupting the cache.

Examples
--------
>>> from widgets import catalog
>>> catalog.lookup("interleukin 6")["hgnc_symbol"]
'IL6'
>>> sorted(catalog.using_receptor("IL2RG")["hgnc_symbol"])
['IL15', 'IL2', 'IL21', 'IL4', 'IL7', 'IL9']
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

__all__ = [
    "DATA_DIR",
    "DEFAULT_BIB",
    "FAMILIES",
    "PATHWAYS",
    "FOLDS",
    "INFLAMMATORY",
    "JAKS",
    "STATS",
    "MECHANISMS",
    "AGENCIES",
    "UNIPROT_RE",
    "cytokines",
    "receptors",
    "drugs",
    "lookup",
    "family_members",
    "families",
    "using_receptor",
    "using_jak",
    "using_stat",
    "drugs_for",
    "validate",
    "normalise",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
"""Folder holding the three catalog tables."""

DEFAULT_BIB = Path(__file__).resolve().parents[1] / "book" / "references.bib"
"""The book's bibliography; bib keys in the tables must be defined here."""


FAMILIES: tuple[str, ...] = (
    "IL-1 family",
    "common γ-chain family",
    "common β-chain family",
    "IL-6 family",
    "IL-12 family",
    "IL-10 family",
    "IL-17 family",
    "interferon",
    "TNF superfamily",
    "chemokine",
    "TGF-β superfamily",
    "GDNF family",
    "haematopoietic growth factor",
    "growth factor",
    "adipokine",
    "hormone-like cytokine",
    "complement anaphylatoxin",
    "other",
)
"""Controlled vocabulary for the ``family`` column."""

PATHWAYS: tuple[str, ...] = (
    "JAK-STAT",
    "MyD88-NF-κB",
    "TNFR-NF-κB",
    "Act1-NF-κB",
    "SMAD",
    "GPCR",
    "RTK",
    "AdipoR-AMPK",
    "receptor antagonist",
    "other",
    "unresolved",
)
"""Controlled vocabulary for the ``pathway`` column."""

FOLDS: tuple[str, ...] = (
    "four-helix bundle",
    "β-trefoil",
    "TNF homology (jelly-roll)",
    "chemokine fold",
    "cystine knot",
    "EGF-like",
    "insulin-like",
    "C1q/TNF-like",
    "anaphylatoxin",
    "other",
)
"""Controlled vocabulary for the ``fold`` column."""

INFLAMMATORY: tuple[str, ...] = ("pro", "anti", "context")
"""Controlled vocabulary for the ``inflammatory`` column."""

JAKS: tuple[str, ...] = ("JAK1", "JAK2", "JAK3", "TYK2")
"""The four Janus kinases (HGNC symbols)."""

STATS: tuple[str, ...] = ("STAT1", "STAT2", "STAT3", "STAT4", "STAT5A", "STAT5B", "STAT6")
"""The seven STAT transcription factors (HGNC symbols)."""

MECHANISMS: tuple[str, ...] = (
    "antibody",
    "receptor antagonist",
    "recombinant cytokine",
    "JAK inhibitor",
    "fusion protein",
)
"""Controlled vocabulary for the ``mechanism`` column of ``drugs.tsv``."""

AGENCIES: tuple[str, ...] = ("FDA", "EMA")
"""Regulators whose first approval is recorded in ``drugs.tsv``."""

UNIPROT_RE = re.compile(
    r"^(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})$"
)
"""UniProtKB accession format (https://www.uniprot.org/help/accession_numbers)."""

_SYMBOL_RE = re.compile(r"^[A-Z][A-Z0-9-]*$")
_BIB_KEY_RE = re.compile(r"@\s*[A-Za-z]+\s*[{(]\s*([^,\s]+)\s*,")
_COMPLEX_RE = re.compile(r"^(?P<name>[^=]+)=(?P<members>[A-Z0-9]+(?:\+[A-Z0-9]+)+)$")

_CYTOKINE_COLUMNS: tuple[str, ...] = (
    "name", "aliases", "hgnc_symbol", "uniprot", "family", "subfamily", "fold",
    "complexes", "receptor_chains", "shared_subunit", "pathway", "jaks", "stats",
    "producers", "targets", "inflammatory", "functions", "diseases",
    "immune_dictionary", "sources",
)
_RECEPTOR_COLUMNS: tuple[str, ...] = (
    "symbol", "uniprot", "name", "receptor_class", "jaks", "cytokines", "sources",
)
_DRUG_COLUMNS: tuple[str, ...] = (
    "inn", "targets", "mechanism", "indications", "first_approval_year",
    "first_approval_agency", "evidence",
)
_LIST_SEP = ";"


# --------------------------------------------------------------------------- helpers
def normalise(text: str) -> str:
    """Return the lookup key of a cytokine name, alias or symbol.

    Case, spaces, hyphens, dashes, dots, underscores and slashes are dropped;
    Greek letters and their spelled-out names become one Latin letter; and
    ``interleukin`` becomes ``il`` and ``interferon`` becomes ``ifn``.

    Parameters
    ----------
    text : str
        Any spelling of a name.

    Returns
    -------
    str
        The normalised key.

    Examples
    --------
    >>> normalise("Interleukin-6") == normalise("IL 6") == normalise("il6")
    True
    >>> normalise("TNF-α"), normalise("interferon gamma")
    ('tnfa', 'ifng')
    """
    greek = {
        "α": "a", "β": "b", "γ": "g", "δ": "d", "ε": "e", "κ": "k", "λ": "l", "ω": "w",
    }
    out = unicodedata.normalize("NFKC", str(text)).casefold()
    for letter, latin in greek.items():
        out = out.replace(letter, latin)
    for word, latin in (
        ("alpha", "a"), ("beta", "b"), ("gamma", "g"), ("delta", "d"),
        ("epsilon", "e"), ("kappa", "k"), ("lambda", "l"), ("omega", "w"),
        ("interleukin", "il"), ("interferon", "ifn"),
    ):
        out = out.replace(word, latin)
    return re.sub(r"[\s\-‐‑‒–—_./,()']+", "", out)


def _split(value: object) -> list[str]:
    """Split a ``;``-separated cell into stripped, non-empty items."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    return [part.strip() for part in str(value).split(_LIST_SEP) if part.strip()]


def _read_tsv(path: Path, columns: Iterable[str]) -> pd.DataFrame:
    """Read a catalog table as strings and check its header."""
    path = Path(path)
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, na_filter=False,
                        comment=None, quoting=3)
    expected = list(columns)
    missing = [c for c in expected if c not in frame.columns]
    extra = [c for c in frame.columns if c not in expected]
    if missing or extra:
        raise ValueError(
            f"{path.name}: header must be {expected}; missing {missing}, unexpected {extra}"
        )
    return frame[expected].apply(lambda col: col.str.strip())


def _where(path: Path, index: int, key: str, field: str) -> str:
    # header is line 1, so data row ``index`` (0-based) sits on line index + 2
    return f"{Path(path).name}: line {index + 2} ({key}), field '{field}'"


def read_bib_keys(path: Path | str) -> set[str]:
    """Return the entry keys defined in a BibTeX file.

    Parameters
    ----------
    path : path-like
        BibTeX file.

    Returns
    -------
    set of str
        The keys, e.g. ``{"cui2023", ...}``.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".bib", delete=False) as fh:
    ...     _ = fh.write("@article{a2020x,\\n title={T}}\\n@book{ b1999 , title={U}}")
    >>> sorted(read_bib_keys(fh.name)); os.remove(fh.name)
    ['a2020x', 'b1999']
    """
    text = Path(path).read_text(encoding="utf-8")
    return set(_BIB_KEY_RE.findall(text))


# --------------------------------------------------------------------------- validation
def _check_list(values: list[str], allowed: Iterable[str], where: str, what: str) -> None:
    allowed = tuple(allowed)
    bad = [v for v in values if v not in allowed]
    if bad:
        raise ValueError(f"{where}: unknown {what} {bad}; allowed: {list(allowed)}")


def _check_unique(frame: pd.DataFrame, column: str, path: Path, key_column: str) -> None:
    seen: dict[str, int] = {}
    for i, value in enumerate(frame[column]):
        if value in seen:
            raise ValueError(
                f"{_where(path, i, frame[key_column].iloc[i], column)}: duplicate value "
                f"{value!r} (first on line {seen[value] + 2})"
            )
        seen[value] = i


def _validate_cytokines(cyt: pd.DataFrame, path: Path, receptor_chains: set[str],
                        bib_keys: set[str] | None) -> None:
    for column in ("name", "hgnc_symbol", "uniprot", "family", "fold", "pathway",
                   "inflammatory", "immune_dictionary", "sources"):
        for i, value in enumerate(cyt[column]):
            if not value:
                raise ValueError(f"{_where(path, i, cyt['hgnc_symbol'].iloc[i], column)}: empty")
    _check_unique(cyt, "hgnc_symbol", path, "hgnc_symbol")
    _check_unique(cyt, "uniprot", path, "hgnc_symbol")
    _check_unique(cyt, "name", path, "hgnc_symbol")
    lookup_keys: dict[str, tuple[int, str]] = {}
    complexes: dict[str, tuple[str, ...]] = {}
    for i, row in enumerate(cyt.itertuples(index=False)):
        sym = row.hgnc_symbol

        def where(field: str, _i: int = i, _sym: str = sym) -> str:
            return _where(path, _i, _sym, field)

        if not _SYMBOL_RE.match(sym):
            raise ValueError(f"{where('hgnc_symbol')}: {sym!r} is not an HGNC-style symbol")
        if not UNIPROT_RE.match(row.uniprot):
            raise ValueError(f"{where('uniprot')}: {row.uniprot!r} is not a UniProt accession")
        _check_list([row.family], FAMILIES, where("family"), "family")
        _check_list([row.fold], FOLDS, where("fold"), "fold")
        _check_list([row.pathway], PATHWAYS, where("pathway"), "pathway")
        _check_list([row.inflammatory], INFLAMMATORY, where("inflammatory"), "value")
        _check_list([row.immune_dictionary], ("yes", "no"), where("immune_dictionary"), "value")
        jaks = _split(row.jaks)
        stats = _split(row.stats)
        _check_list(jaks, JAKS, where("jaks"), "JAK")
        _check_list(stats, STATS, where("stats"), "STAT")
        if (jaks or stats) and row.pathway != "JAK-STAT":
            raise ValueError(f"{where('pathway')}: JAKs/STATs given but pathway is "
                             f"{row.pathway!r}, not 'JAK-STAT'")
        if row.pathway == "JAK-STAT" and not (jaks and stats):
            raise ValueError(f"{where('jaks')}: pathway 'JAK-STAT' needs jaks and stats")
        chains = _split(row.receptor_chains)
        unknown = [c for c in chains if c not in receptor_chains]
        if unknown:
            raise ValueError(f"{where('receptor_chains')}: {unknown} not in receptors.tsv")
        shared = _split(row.shared_subunit)
        if [s for s in shared if s not in chains]:
            raise ValueError(f"{where('shared_subunit')}: {shared} must be among the "
                             f"receptor_chains {chains}")
        for item in _split(row.complexes):
            match = _COMPLEX_RE.match(item)
            if not match:
                raise ValueError(f"{where('complexes')}: {item!r} is not 'NAME=SYM+SYM'")
            name, members = match["name"].strip(), tuple(match["members"].split("+"))
            if sym not in members:
                raise ValueError(f"{where('complexes')}: {sym} is not a member of {item!r}")
            if complexes.setdefault(name, members) != members:
                raise ValueError(f"{where('complexes')}: {name!r} defined as {members}, "
                                 f"elsewhere as {complexes[name]}")
        sources = _split(row.sources)
        if bib_keys is not None:
            missing = [k for k in sources if k not in bib_keys]
            if missing:
                raise ValueError(f"{where('sources')}: bib keys {missing} not in the bibliography")
        for label in [row.name, sym, *_split(row.aliases)]:
            key = normalise(label)
            if not key:
                raise ValueError(f"{where('aliases')}: empty name or alias")
            if key in lookup_keys and lookup_keys[key][1] != sym:
                other = lookup_keys[key]
                raise ValueError(f"{where('aliases')}: {label!r} clashes with {other[1]} "
                                 f"(line {other[0] + 2})")
            lookup_keys[key] = (i, sym)
    symbols = set(cyt["hgnc_symbol"])
    for name, members in complexes.items():
        for member in members:
            if member not in symbols:
                raise ValueError(f"{Path(path).name}: complex {name!r} has member {member} "
                                 f"with no row (field 'complexes')")
            row_index = int((cyt["hgnc_symbol"] == member).to_numpy().argmax())
            listed = [c.split("=")[0].strip() for c in _split(cyt["complexes"].iloc[row_index])]
            if name not in listed:
                raise ValueError(f"{_where(path, row_index, member, 'complexes')}: "
                                 f"missing complex {name!r}")


def _validate_receptors(rec: pd.DataFrame, path: Path, bib_keys: set[str] | None) -> None:
    for column in ("symbol", "uniprot", "name", "receptor_class", "sources"):
        for i, value in enumerate(rec[column]):
            if not value:
                raise ValueError(f"{_where(path, i, rec['symbol'].iloc[i], column)}: empty")
    _check_unique(rec, "symbol", path, "symbol")
    _check_unique(rec, "uniprot", path, "symbol")
    for i, row in enumerate(rec.itertuples(index=False)):
        if not _SYMBOL_RE.match(row.symbol):
            raise ValueError(f"{_where(path, i, row.symbol, 'symbol')}: {row.symbol!r} is not "
                             f"an HGNC-style symbol")
        if not UNIPROT_RE.match(row.uniprot):
            raise ValueError(f"{_where(path, i, row.symbol, 'uniprot')}: {row.uniprot!r} is "
                             f"not a UniProt accession")
        _check_list(_split(row.jaks), JAKS, _where(path, i, row.symbol, "jaks"), "JAK")
        if bib_keys is not None:
            missing = [k for k in _split(row.sources) if k not in bib_keys]
            if missing:
                raise ValueError(f"{_where(path, i, row.symbol, 'sources')}: bib keys "
                                 f"{missing} not in the bibliography")


def _validate_cross(cyt: pd.DataFrame, rec: pd.DataFrame, cyt_path: Path, rec_path: Path) -> None:
    """Receptor rows and cytokine rows must list each other; JAKs must be consistent."""
    symbols = set(cyt["hgnc_symbol"])
    by_chain: dict[str, set[str]] = {}
    for sym, chains in zip(cyt["hgnc_symbol"], cyt["receptor_chains"]):
        for chain in _split(chains):
            by_chain.setdefault(chain, set()).add(sym)
    rec_jaks = {s: set(_split(j)) for s, j in zip(rec["symbol"], rec["jaks"])}
    for i, row in enumerate(rec.itertuples(index=False)):
        listed = set(_split(row.cytokines))
        where = _where(rec_path, i, row.symbol, "cytokines")
        unknown = sorted(listed - symbols)
        if unknown:
            raise ValueError(f"{where}: {unknown} not in cytokines.tsv")
        actual = by_chain.get(row.symbol, set())
        if listed != actual:
            raise ValueError(f"{where}: lists {sorted(listed)} but cytokines.tsv names this "
                             f"chain for {sorted(actual)}")
    for i, row in enumerate(cyt.itertuples(index=False)):
        jaks = set(_split(row.jaks))
        available = set().union(*(rec_jaks.get(c, set()) for c in _split(row.receptor_chains)))
        extra = sorted(jaks - available)
        if extra:
            raise ValueError(f"{_where(cyt_path, i, row.hgnc_symbol, 'jaks')}: {extra} bound by "
                             f"none of its receptor chains in receptors.tsv")


def _validate_drugs(drg: pd.DataFrame, path: Path, known_targets: set[str]) -> None:
    for column in _DRUG_COLUMNS:
        for i, value in enumerate(drg[column]):
            if not value:
                raise ValueError(f"{_where(path, i, drg['inn'].iloc[i], column)}: empty")
    _check_unique(drg, "inn", path, "inn")
    for i, row in enumerate(drg.itertuples(index=False)):
        def where(field: str, _i: int = i, _inn: str = row.inn) -> str:
            return _where(path, _i, _inn, field)

        unknown = [t for t in _split(row.targets) if t not in known_targets]
        if unknown:
            raise ValueError(f"{where('targets')}: {unknown} is neither a cytokine, a "
                             f"receptor chain nor a JAK in the catalog")
        _check_list([row.mechanism], MECHANISMS, where("mechanism"), "mechanism")
        _check_list([row.first_approval_agency], AGENCIES, where("first_approval_agency"),
                    "agency")
        year = row.first_approval_year
        if not (year.isdigit() and 1980 <= int(year) <= 2100):
            raise ValueError(f"{where('first_approval_year')}: {year!r} is not a year")
        if not row.evidence.startswith(("https://", "http://")):
            raise ValueError(f"{where('evidence')}: must be a web address (http:// or https://)")


def validate(
    cytokines_path: Path | str | None = None,
    receptors_path: Path | str | None = None,
    drugs_path: Path | str | None = None,
    bib_path: Path | str | Iterable[Path | str] | None = None,
    *,
    check_bib: bool = True,
) -> None:
    """Check the three tables; raise :class:`ValueError` at the first violation.

    Rules: required columns present and non-empty; unique HGNC symbols,
    UniProt accessions and names; accessions match :data:`UNIPROT_RE`;
    ``family``, ``fold``, ``pathway``, ``inflammatory``, JAK, STAT, drug
    ``mechanism`` and agency values come from the module vocabularies; every
    receptor chain of a cytokine is a row of ``receptors.tsv`` and the
    receptor rows list exactly the cytokines that name them; a cytokine's JAKs
    are bound by at least one of its chains; names and aliases are unambiguous
    after :func:`normalise`; heteromer definitions agree across rows; drug
    targets are catalogued; every bib key in ``sources`` is defined in the
    bibliography.

    Parameters
    ----------
    cytokines_path, receptors_path, drugs_path : path-like, optional
        Tables to check; default to the packaged files in :data:`DATA_DIR`.
    bib_path : path-like or iterable of path-likes, optional
        BibTeX file(s) holding the keys cited in ``sources``. Defaults to
        :data:`DEFAULT_BIB`; when the default bibliography does
        not exist (e.g. an installed wheel without the book) the bib-key rule
        is skipped. An explicit path that does not exist raises
        :class:`FileNotFoundError`.
    check_bib : bool, default True
        Set to False to skip the bib-key rule.

    Raises
    ------
    ValueError
        Naming the file, line (header is line 1), row key and field at fault.

    Examples
    --------
    >>> validate(check_bib=False)  # the packaged tables are valid
    """
    cyt_path = Path(cytokines_path) if cytokines_path else DATA_DIR / "cytokines.tsv"
    rec_path = Path(receptors_path) if receptors_path else DATA_DIR / "receptors.tsv"
    drg_path = Path(drugs_path) if drugs_path else DATA_DIR / "drugs.tsv"
    bib_keys: set[str] | None = None
    if check_bib:
        if bib_path is not None:
            paths = [bib_path] if isinstance(bib_path, (str, Path)) else list(bib_path)
            bib_keys = set().union(*(read_bib_keys(Path(p)) for p in paths))
        elif DEFAULT_BIB.exists():
            bib_keys = read_bib_keys(DEFAULT_BIB)
    cyt = _read_tsv(cyt_path, _CYTOKINE_COLUMNS)
    rec = _read_tsv(rec_path, _RECEPTOR_COLUMNS)
    drg = _read_tsv(drg_path, _DRUG_COLUMNS)
    _validate_receptors(rec, rec_path, bib_keys)
    _validate_cytokines(cyt, cyt_path, set(rec["symbol"]), bib_keys)
    _validate_cross(cyt, rec, cyt_path, rec_path)
    known = set(cyt["hgnc_symbol"]) | set(rec["symbol"]) | set(JAKS)
    _validate_drugs(drg, drg_path, known)


# --------------------------------------------------------------------------- loading
@functools.cache
def _tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Validate once, then read and type the packaged tables (cached per process)."""
    validate()
    cyt = _read_tsv(DATA_DIR / "cytokines.tsv", _CYTOKINE_COLUMNS)
    rec = _read_tsv(DATA_DIR / "receptors.tsv", _RECEPTOR_COLUMNS)
    drg = _read_tsv(DATA_DIR / "drugs.tsv", _DRUG_COLUMNS)
    for column, vocabulary in (("family", FAMILIES), ("fold", FOLDS), ("pathway", PATHWAYS),
                               ("inflammatory", INFLAMMATORY)):
        cyt[column] = pd.Categorical(cyt[column], categories=list(vocabulary))
    cyt["subfamily"] = cyt["subfamily"].astype("category")
    cyt["immune_dictionary"] = cyt["immune_dictionary"].eq("yes")
    for column in ("aliases", "complexes", "receptor_chains", "shared_subunit", "jaks",
                   "stats", "sources"):
        cyt[column] = cyt[column].map(lambda v: tuple(_split(v)))
    for column in ("jaks", "cytokines", "sources"):
        rec[column] = rec[column].map(lambda v: tuple(_split(v)))
    rec["receptor_class"] = rec["receptor_class"].astype("category")
    drg["targets"] = drg["targets"].map(lambda v: tuple(_split(v)))
    drg["mechanism"] = pd.Categorical(drg["mechanism"], categories=list(MECHANISMS))
    drg["first_approval_agency"] = pd.Categorical(drg["first_approval_agency"],
                                                  categories=list(AGENCIES))
    drg["first_approval_year"] = drg["first_approval_year"].astype("int64")
    return cyt, rec, drg


@functools.cache
def _index() -> tuple[dict[str, int], dict[str, tuple[str, tuple[str, ...]]]]:
    """Normalised name/alias/symbol -> row position, and complex key -> (name, members)."""
    cyt = _tables()[0]
    keys: dict[str, int] = {}
    complexes: dict[str, tuple[str, tuple[str, ...]]] = {}
    for pos, row in enumerate(cyt.itertuples(index=False)):
        for label in (row.name, row.hgnc_symbol, *row.aliases):
            keys[normalise(label)] = pos
        for item in row.complexes:
            name, members = item.split("=", 1)
            complexes.setdefault(normalise(name), (name.strip(), tuple(members.split("+"))))
    return keys, complexes


def cytokines() -> pd.DataFrame:
    """Return the cytokine table (one row per human gene product).

    List-valued columns (``aliases``, ``complexes``, ``receptor_chains``,
    ``shared_subunit``, ``jaks``, ``stats``, ``sources``) hold tuples;
    vocabulary columns are categoricals; ``immune_dictionary`` is boolean.

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
    return _tables()[0].copy()


def receptors() -> pd.DataFrame:
    """Return the receptor-chain table.

    Returns
    -------
    pandas.DataFrame
        Columns ``symbol``, ``uniprot``, ``name``, ``receptor_class``,
        ``jaks`` (tuple), ``cytokines`` (tuple of HGNC symbols), ``sources``.

    Examples
    --------
    >>> rec = receptors().set_index("symbol")
    >>> rec.loc["IL2RG", "jaks"]
    ('JAK3',)
    """
    return _tables()[1].copy()


def drugs() -> pd.DataFrame:
    """Return the table of approved drugs.

    Returns
    -------
    pandas.DataFrame
        Columns ``inn``, ``targets`` (tuple of HGNC symbols), ``mechanism``,
        ``indications``, ``first_approval_year`` (int),
        ``first_approval_agency`` and ``evidence`` (address checked).

    Examples
    --------
    >>> d = drugs().set_index("inn")
    >>> int(d.loc["tocilizumab", "first_approval_year"]) > 2000
    True
    """
    return _tables()[2].copy()


def lookup(name: str) -> pd.Series:
    """Find one cytokine by preferred name, alias, HGNC symbol or heteromer name.

    Matching ignores case, spaces, hyphens and dashes, and accepts Greek
    letters spelled out (see :func:`normalise`). A heteromer name (e.g.
    ``IL-12``) resolves to the row of its first-listed, defining subunit.

    Parameters
    ----------
    name : str
        e.g. ``"IL-6"``, ``"il6"``, ``"interleukin 6"``, ``"Interleukin-6"``.

    Returns
    -------
    pandas.Series
        The row (a copy).

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
    KeyError: "no cytokine called 'IL-66'; did you mean: ...
    """
    keys, complexes = _index()
    key = normalise(name)
    cyt = _tables()[0]
    if key in keys:
        return cyt.iloc[keys[key]].copy()
    if key in complexes:
        first = complexes[key][1][0]
        return cyt.loc[cyt["hgnc_symbol"] == first].iloc[0].copy()
    labels: dict[str, str] = {}
    for row in cyt.itertuples(index=False):
        for label in (row.name, row.hgnc_symbol, *row.aliases):
            labels.setdefault(normalise(label), label)
    for norm, (label, _members) in complexes.items():
        labels.setdefault(norm, label)
    close = difflib.get_close_matches(key, list(labels), n=5, cutoff=0.6)
    hint = ", ".join(dict.fromkeys(labels[c] for c in close)) or "no close match"
    raise KeyError(f"no cytokine called {name!r}; did you mean: {hint}")


def families() -> list[str]:
    """Return the families that have at least one member, in vocabulary order.

    Examples
    --------
    >>> families()[:3]
    ['IL-1 family', 'common γ-chain family', 'common β-chain family']
    """
    present = set(_tables()[0]["family"].astype(str))
    return [f for f in FAMILIES if f in present]


def family_members(family: str) -> pd.DataFrame:
    """Return the cytokines of one family (matched like :func:`lookup`).

    Parameters
    ----------
    family : str
        A value of :data:`FAMILIES`, e.g. ``"IL-17 family"`` or ``"il17 family"``.

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
        close = difflib.get_close_matches(key, list(wanted), n=3, cutoff=0.5)
        raise KeyError(f"unknown family {family!r}; did you mean: "
                       f"{', '.join(wanted[c] for c in close) or 'see catalog.FAMILIES'}")
    cyt = _tables()[0]
    return cyt[cyt["family"] == wanted[key]].copy()


def _containing(column: str, value: str, allowed: Iterable[str] | None = None) -> pd.DataFrame:
    cyt = _tables()[0]
    value = value.strip().upper()
    if allowed is not None and value not in tuple(allowed):
        raise KeyError(f"unknown {column[:-1].upper()} {value!r}; expected one of {list(allowed)}")
    return cyt[cyt[column].map(lambda items: value in items)].copy()


def using_receptor(chain: str) -> pd.DataFrame:
    """Return the cytokines that use a receptor chain (HGNC symbol).

    Raises
    ------
    KeyError
        If the chain is not in ``receptors.tsv``.

    Examples
    --------
    >>> sorted(using_receptor("IL6ST")["hgnc_symbol"])[:4]
    ['CLCF1', 'CNTF', 'CTF1', 'EBI3']
    """
    symbols = tuple(_tables()[1]["symbol"])
    if chain.strip().upper() not in symbols:
        close = difflib.get_close_matches(chain.strip().upper(), symbols, n=3)
        raise KeyError(f"unknown receptor chain {chain!r}; did you mean: {', '.join(close)}")
    return _containing("receptor_chains", chain)


def using_jak(jak: str) -> pd.DataFrame:
    """Return the cytokines that signal through a JAK (JAK1, JAK2, JAK3 or TYK2).

    Examples
    --------
    >>> sorted(using_jak("JAK3")["hgnc_symbol"])
    ['IL15', 'IL2', 'IL21', 'IL4', 'IL7', 'IL9']
    """
    return _containing("jaks", jak, JAKS)


def using_stat(stat: str) -> pd.DataFrame:
    """Return the cytokines that activate a STAT (STAT1 … STAT6; STAT5A/STAT5B).

    Examples
    --------
    >>> {"IL4", "IL13"} <= set(using_stat("STAT6")["hgnc_symbol"])
    True
    """
    return _containing("stats", stat, STATS)


def drugs_for(name: str) -> pd.DataFrame:
    """Return approved drugs acting on a cytokine or on one of its receptor chains.

    Parameters
    ----------
    name : str
        Anything :func:`lookup` accepts.

    Examples
    --------
    >>> sorted(drugs_for("IL-6")["inn"])
    ['sarilumab', 'tocilizumab']
    """
    row = lookup(name)
    wanted = {row["hgnc_symbol"], *row["receptor_chains"]}
    drg = _tables()[2]
    return drg[drg["targets"].map(lambda t: bool(wanted.intersection(t)))].copy()
