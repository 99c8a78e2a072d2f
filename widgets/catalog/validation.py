"""Validation rules of the catalog tables; every error names the file, line, row and field."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from widgets._tsv import split_list, where
from widgets.catalog import tables
from widgets.catalog import vocabularies as vocab

__all__ = ["validate"]

_SYMBOL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


def _is_symbol(text: str) -> bool:
    return bool(text) and text[0].isalpha() and text[0].isupper() and set(text) <= _SYMBOL_CHARS


def _check_list(values: list[str], allowed: Iterable[str], at: str, what: str) -> None:
    allowed = tuple(allowed)
    bad = [v for v in values if v not in allowed]
    if bad:
        raise ValueError(f"{at}: unknown {what} {bad}; allowed: {list(allowed)}")


def _required(frame: pd.DataFrame, columns: Iterable[str], path: Path, key: str) -> None:
    for column in columns:
        for i, value in enumerate(frame[column]):
            if not value:
                raise ValueError(f"{where(path, i, frame[key].iloc[i], column)}: empty")


def _unique(frame: pd.DataFrame, column: str, path: Path, key: str) -> None:
    seen: dict[str, int] = {}
    for i, value in enumerate(frame[column]):
        if value in seen:
            raise ValueError(f"{where(path, i, frame[key].iloc[i], column)}: duplicate value {value!r} "
                             f"(first on line {seen[value] + 2})")
        seen[value] = i


def _sources(values: str, bib_keys: set[str] | None, at: str) -> None:
    if bib_keys is None:
        return
    missing = [k for k in split_list(values) if k not in bib_keys]
    if missing:
        raise ValueError(f"{at}: bib keys {missing} not in the bibliography")


def _validate_cytokines(cyt: pd.DataFrame, path: Path, bib_keys: set[str] | None) -> dict[str, tuple[int, str]]:
    from widgets.catalog.queries import normalise

    _required(cyt, ("name", "hgnc_symbol", "uniprot", "family", "fold", "pathway", "inflammatory",
                    "immune_dictionary", "sources"), path, "hgnc_symbol")
    for column in ("hgnc_symbol", "uniprot", "name"):
        _unique(cyt, column, path, "hgnc_symbol")
    names: dict[str, tuple[int, str]] = {}
    for i, row in enumerate(cyt.itertuples(index=False)):
        sym = row.hgnc_symbol

        def at(field: str, _i: int = i, _sym: str = sym) -> str:
            return where(path, _i, _sym, field)

        if not _is_symbol(sym):
            raise ValueError(f"{at('hgnc_symbol')}: {sym!r} is not an HGNC-style symbol")
        if not vocab.UNIPROT_RE.match(row.uniprot):
            raise ValueError(f"{at('uniprot')}: {row.uniprot!r} is not a UniProt accession")
        _check_list([row.family], vocab.FAMILIES, at("family"), "family")
        _check_list([row.fold], vocab.FOLDS, at("fold"), "fold")
        _check_list([row.pathway], vocab.PATHWAYS, at("pathway"), "pathway")
        _check_list([row.inflammatory], vocab.INFLAMMATORY, at("inflammatory"), "value")
        _check_list([row.immune_dictionary], ("yes", "no"), at("immune_dictionary"), "value")
        _sources(row.sources, bib_keys, at("sources"))
        try:
            tables.parse_mass(row.mass_kDa)
        except ValueError as err:
            raise ValueError(f"{at('mass_kDa')}: {err}") from None
        if bool(row.mass_kDa) != bool(row.mass_source):
            raise ValueError(f"{at('mass_source')}: a mass needs its source ('bibkey, locator') and a source its mass")
        if row.mass_source:
            key, _, locator = row.mass_source.partition(",")
            if not locator.strip():
                raise ValueError(f"{at('mass_source')}: write 'bibkey, locator' (e.g. 'magyari2014, Table 1'), "
                                 f"got {row.mass_source!r}")
            _sources(key.strip(), bib_keys, at("mass_source"))
        for label in [row.name, sym, *split_list(row.aliases)]:
            key = normalise(label)
            if not key:
                raise ValueError(f"{at('aliases')}: empty name or alias")
            if key in names and names[key][1] != sym:
                other = names[key]
                raise ValueError(f"{at('aliases')}: {label!r} clashes with {other[1]} (line {other[0] + 2})")
            names[key] = (i, sym)
    return names


def _validate_receptors(rec: pd.DataFrame, path: Path, bib_keys: set[str] | None) -> None:
    _required(rec, ("symbol", "uniprot", "name", "receptor_class", "sources"), path, "symbol")
    _unique(rec, "symbol", path, "symbol")
    _unique(rec, "uniprot", path, "symbol")
    for i, row in enumerate(rec.itertuples(index=False)):
        if not _is_symbol(row.symbol):
            raise ValueError(f"{where(path, i, row.symbol, 'symbol')}: {row.symbol!r} is not an HGNC-style symbol")
        if not vocab.UNIPROT_RE.match(row.uniprot):
            raise ValueError(f"{where(path, i, row.symbol, 'uniprot')}: {row.uniprot!r} is not a UniProt accession")
        _check_list(split_list(row.jaks), vocab.JAKS, where(path, i, row.symbol, "jaks"), "JAK")
        _sources(row.sources, bib_keys, where(path, i, row.symbol, "sources"))


def _validate_complexes(cx: pd.DataFrame, path: Path, cyt: pd.DataFrame, rec: pd.DataFrame,
                        bib_keys: set[str] | None, names: dict[str, tuple[int, str]]) -> None:
    from widgets.catalog.queries import normalise

    _required(cx, ("complex", "ligand", "ligand_subunits", "receptor_chains", "role", "sources"), path, "complex")
    _unique(cx, "complex", path, "complex")
    symbols = set(cyt["hgnc_symbol"])
    chain_jaks = {s: set(split_list(j)) for s, j in zip(rec["symbol"], rec["jaks"])}
    ligand_subunits: dict[str, tuple[str, ...]] = {}
    for i, row in enumerate(cx.itertuples(index=False)):

        def at(field: str, _i: int = i, _key: str = row.complex) -> str:
            return where(path, _i, _key, field)

        subunits = tuple(split_list(row.ligand_subunits))
        unknown = [s for s in subunits if s not in symbols]
        if unknown:
            raise ValueError(f"{at('ligand_subunits')}: {unknown} not in cytokines.tsv")
        chains = split_list(row.receptor_chains)
        unknown = [c for c in chains if c not in chain_jaks]
        if unknown:
            raise ValueError(f"{at('receptor_chains')}: {unknown} not in receptors.tsv")
        _check_list([row.role], vocab.ROLES, at("role"), "role")
        signals = row.role in vocab.SIGNALLING_ROLES
        if signals:
            _check_list([row.pathway], vocab.PATHWAYS, at("pathway"), "pathway")
        elif row.pathway:
            raise ValueError(f"{at('pathway')}: a complex with role {row.role!r} does not signal; leave pathway empty")
        jaks, stats = split_list(row.jaks), split_list(row.stats)
        _check_list(jaks, vocab.JAKS, at("jaks"), "JAK")
        _check_list(stats, vocab.STATS, at("stats"), "STAT")
        if (jaks or stats) and row.pathway != "JAK-STAT":
            raise ValueError(f"{at('pathway')}: JAKs/STATs given but pathway is {row.pathway!r}, not 'JAK-STAT'")
        if row.pathway == "JAK-STAT" and not (jaks and stats):
            raise ValueError(f"{at('jaks')}: pathway 'JAK-STAT' needs jaks and stats")
        extra = sorted(set(jaks) - set().union(*(chain_jaks[c] for c in chains)))
        if extra:
            raise ValueError(f"{at('jaks')}: {extra} bound by none of its receptor chains in receptors.tsv")
        if row.role == "non-canonical" and not row.note:
            raise ValueError(f"{at('note')}: a non-canonical complex needs a note saying why it is listed")
        if len(subunits) > 1:
            known = ligand_subunits.setdefault(row.ligand, subunits)
            if known != subunits:
                raise ValueError(f"{at('ligand_subunits')}: heteromer {row.ligand!r} is {subunits} here "
                                 f"and {known} elsewhere")
            key = normalise(row.ligand)
            if key in names and names[key][1] not in subunits:
                raise ValueError(f"{at('ligand')}: heteromer name {row.ligand!r} clashes with "
                                 f"{names[key][1]} (cytokines.tsv line {names[key][0] + 2})")
        _sources(row.sources, bib_keys, at("sources"))


def _validate_cross(cyt: pd.DataFrame, rec: pd.DataFrame, cx: pd.DataFrame, paths: dict[str, Path]) -> None:
    """Every chain is used by a complex; a cytokine has a complex unless its pathway is unresolved."""
    used_chains = {c for chains in cx["receptor_chains"] for c in split_list(chains)}
    for i, row in enumerate(rec.itertuples(index=False)):
        if row.symbol not in used_chains:
            raise ValueError(f"{where(paths['receptors'], i, row.symbol, 'symbol')}: no complex in "
                             f"complexes.tsv uses this chain")
    in_complex = {s for subunits in cx["ligand_subunits"] for s in split_list(subunits)}
    for i, row in enumerate(cyt.itertuples(index=False)):
        has = row.hgnc_symbol in in_complex
        if has == (row.pathway == "unresolved"):
            state = "is part of a complex" if has else "is in no complex in complexes.tsv"
            raise ValueError(f"{where(paths['cytokines'], i, row.hgnc_symbol, 'pathway')}: {row.hgnc_symbol} "
                             f"{state} but its pathway is {row.pathway!r} (use 'unresolved' exactly when no "
                             f"receptor is established)")


_CYTOKINE_MOLECULES = frozenset({"recombinant cytokine", "pegylated cytokine", "Fc-fused cytokine",
                                 "engineered cytokine"})


def _single_address(text: str) -> bool:
    """One http(s) address: starts with a scheme, no whitespace and no ``;`` list separator.

    (An archived page keeps the original address inside its own, so ``://`` may recur.)
    """
    return text.startswith(("https://", "http://")) and not any(c.isspace() or c == ";" for c in text)


def _validate_drugs(drg: pd.DataFrame, path: Path, known: dict[str, str], *, year_max: int | None = None) -> None:
    """Rules of ``drugs.tsv``; ``known`` maps each allowed target to its kind.

    Kinds: ``"cytokine"`` (an HGNC symbol of ``cytokines.tsv``), ``"receptor"`` (of
    ``receptors.tsv``), ``"jak"`` or ``"complex"`` (a complex name of ``complexes.tsv``).
    """
    import datetime

    year_max = year_max or datetime.date.today().year
    required = [c for c in tables.COLUMNS["drugs"] if c != "note"]
    _required(drg, required, path, "inn")
    _unique(drg, "inn", path, "inn")
    for i, row in enumerate(drg.itertuples(index=False)):
        def at(field: str, _i: int = i, _inn: str = row.inn) -> str:
            return where(path, _i, _inn, field)

        if row.inn != row.inn.lower():
            raise ValueError(f"{at('inn')}: give the INN in lower case, got {row.inn!r}")
        targets = split_list(row.targets)
        unknown = [t for t in targets if t not in known]
        if unknown:
            raise ValueError(f"{at('targets')}: {unknown} is neither a cytokine, a receptor chain, a JAK nor "
                             f"a signalling complex in the catalog")
        _check_list([row.molecule_type], vocab.MOLECULE_TYPES, at("molecule_type"), "molecule type")
        _check_list([row.mechanism], vocab.MECHANISMS, at("mechanism"), "mechanism")
        _check_list([row.first_approval_agency], vocab.AGENCIES, at("first_approval_agency"), "agency")
        kinds = {known[t] for t in targets}
        if row.mechanism == "kinase inhibitor" and (kinds != {"jak"} or row.molecule_type != "small molecule"):
            raise ValueError(f"{at('targets')}: a kinase inhibitor is a small molecule whose targets are JAKs "
                             f"(other kinases go in the note), got {row.molecule_type!r} on {targets}")
        if row.mechanism != "kinase inhibitor" and "jak" in kinds:
            raise ValueError(f"{at('mechanism')}: a drug that targets a JAK is a 'kinase inhibitor', "
                             f"got {row.mechanism!r}")
        if row.mechanism in ("receptor block", "cell depletion") and "receptor" not in kinds:
            raise ValueError(f"{at('targets')}: a {row.mechanism} drug acts on a receptor chain, got {targets}")
        if row.mechanism == "ligand block" and not kinds <= {"cytokine", "complex"}:
            raise ValueError(f"{at('targets')}: a ligand block acts on cytokines, got {targets}")
        if row.molecule_type in _CYTOKINE_MOLECULES and row.mechanism == "agonist" and "cytokine" not in kinds:
            raise ValueError(f"{at('targets')}: a {row.molecule_type} agonist names the cytokine it is, "
                             f"got {targets}")
        year = row.first_approval_year
        if not (year.isdigit() and vocab.FIRST_APPROVAL_YEAR_MIN <= int(year) <= year_max):
            raise ValueError(f"{at('first_approval_year')}: {year!r} is not a year from "
                             f"{vocab.FIRST_APPROVAL_YEAR_MIN} to {year_max}")
        if not _single_address(row.evidence):
            raise ValueError(f"{at('evidence')}: give one web address (http:// or https://), got "
                             f"{row.evidence!r}")


def validate(folder: Path | str | None = None, *, bib_keys: Iterable[str] | None = None) -> None:
    """Check the four catalog tables; raise :class:`ValueError` at the first violation.

    Rules: headers as :data:`widgets.catalog.tables.COLUMNS`; required fields filled;
    unique HGNC symbols, UniProt accessions, names, complex names and drug INNs;
    accessions match :data:`~widgets.catalog.vocabularies.UNIPROT_RE`; vocabulary
    columns use :mod:`widgets.catalog.vocabularies`; names and aliases are unambiguous;
    every complex names catalogued subunits and chains, a role, and (if it signals) a
    pathway; JAKs and STATs only with the JAK-STAT pathway, and a complex's JAKs are bound
    by one of its chains; a heteromer has the same subunits wherever it appears; a
    non-canonical complex has a note; every receptor chain is used by a complex; a
    cytokine is in a complex exactly when its pathway is not "unresolved"; drugs have a
    lower-case INN, catalogued targets (HGNC symbols or complex names), a molecule type,
    mechanism and agency from the vocabularies, a mechanism that fits its targets (a
    kinase inhibitor is a small molecule whose targets are JAKs; a receptor block or cell depletion
    acts on a receptor chain; a ligand block on cytokines; a cytokine agonist names its
    cytokine), a first-approval year from 1980 to this year and exactly one evidence
    address; every bib key in a
    ``sources`` field is in ``bib_keys`` when those are given.

    Parameters
    ----------
    folder : path-like, optional
        Folder holding the four ``.tsv`` files; the packaged :data:`~widgets.catalog.tables.DATA_DIR`
        by default.
    bib_keys : iterable of str, optional
        Keys of the bibliography; the book build passes the keys of the files named in
        ``_config.yml``. Without them the bib-key rule is skipped.

    Raises
    ------
    ValueError
        Naming the file, line (header is line 1), row key and field at fault.

    Examples
    --------
    >>> validate()  # the packaged tables are valid
    """
    paths = {name: tables.table_path(name, folder) for name in tables.TABLES}
    raw = tables.raw_tables(paths)
    keys = set(bib_keys) if bib_keys is not None else None
    _validate_receptors(raw["receptors"], paths["receptors"], keys)
    names = _validate_cytokines(raw["cytokines"], paths["cytokines"], keys)
    _validate_complexes(raw["complexes"], paths["complexes"], raw["cytokines"], raw["receptors"], keys, names)
    _validate_cross(raw["cytokines"], raw["receptors"], raw["complexes"], paths)
    known = {**{c: "complex" for c in raw["complexes"]["complex"]},
             **{s: "cytokine" for s in raw["cytokines"]["hgnc_symbol"]},
             **{s: "receptor" for s in raw["receptors"]["symbol"]},
             **{j: "jak" for j in vocab.JAKS}}
    _validate_drugs(raw["drugs"], paths["drugs"], known)
