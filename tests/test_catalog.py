"""Tests for widgets.catalog: the packaged tables, the query API and every validation rule."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from widgets import catalog

DATA = catalog.DATA_DIR
BOOK = Path(__file__).resolve().parents[1] / "book"


# --------------------------------------------------------------------------- helpers
def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, sep="\t", dtype=str, keep_default_na=False, quoting=3)


def _write(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, sep="\t", index=False, quoting=3)
    return path


@pytest.fixture()
def bib(tmp_path: Path) -> Path:
    """A copy of the book bibliography."""
    path = tmp_path / "all.bib"
    path.write_text((BOOK / "references.bib").read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture()
def tables(tmp_path: Path) -> dict[str, Path]:
    """Fresh copies of the three packaged tables in a temporary folder."""
    out = {}
    for name in ("cytokines.tsv", "receptors.tsv", "drugs.tsv"):
        out[name] = _write(_read(name), tmp_path / name)
    return out


def _check(tables: dict[str, Path], bib: Path | None = None) -> None:
    catalog.validate(tables["cytokines.tsv"], tables["receptors.tsv"], tables["drugs.tsv"],
                     bib_path=bib, check_bib=bib is not None)


def _edit(tables: dict[str, Path], name: str, key_col: str, key: str, col: str,
          value: str) -> int:
    """Set one cell; return the file line number of the edited row."""
    frame = _read(name) if not tables[name].exists() else pd.read_csv(
        tables[name], sep="\t", dtype=str, keep_default_na=False, quoting=3)
    idx = frame.index[frame[key_col] == key]
    assert len(idx) == 1, key
    frame.loc[idx[0], col] = value
    _write(frame, tables[name])
    return int(idx[0]) + 2


# --------------------------------------------------------------------------- packaged data
def test_packaged_tables_validate_against_bibliography(bib: Path) -> None:
    catalog.validate(bib_path=bib)


def test_sizes_and_coverage() -> None:
    cyt = catalog.cytokines()
    assert len(cyt) >= 120
    assert cyt["immune_dictionary"].sum() >= 80
    chemokines = cyt[cyt["family"] == "chemokine"]
    assert set(chemokines["subfamily"].astype(str)) >= {"CC", "XC", "CX3C"}
    assert any(s.startswith("CXC") for s in chemokines["subfamily"].astype(str))
    assert {"LEP", "ADIPOQ", "RETN"} <= set(cyt["hgnc_symbol"])
    assert len(catalog.drugs()) >= 30


def test_dtypes() -> None:
    cyt = catalog.cytokines()
    for col in ("family", "fold", "pathway", "inflammatory"):
        assert isinstance(cyt[col].dtype, pd.CategoricalDtype), col
    assert cyt["immune_dictionary"].dtype == bool
    assert isinstance(cyt.loc[0, "receptor_chains"], tuple)
    drg = catalog.drugs()
    assert drg["first_approval_year"].dtype == "int64"
    assert isinstance(drg["mechanism"].dtype, pd.CategoricalDtype)
    assert isinstance(catalog.receptors().loc[0, "jaks"], tuple)


def test_returned_frames_are_copies() -> None:
    first = catalog.cytokines()
    first.loc[:, "name"] = "corrupted"
    first = first.iloc[0:0]
    again = catalog.cytokines()
    assert len(again) >= 120 and "corrupted" not in set(again["name"])
    row = catalog.lookup("IL-6")
    row["uniprot"] = "XXXX"
    assert catalog.lookup("IL-6")["uniprot"] == "P05231"
    d = catalog.drugs()
    d["inn"] = "x"
    assert "tocilizumab" in set(catalog.drugs()["inn"])


def test_accessions_are_well_formed_and_unique() -> None:
    cyt, rec = catalog.cytokines(), catalog.receptors()
    for acc in list(cyt["uniprot"]) + list(rec["uniprot"]):
        assert catalog.UNIPROT_RE.match(acc), acc
    assert cyt["uniprot"].is_unique and rec["uniprot"].is_unique
    assert not set(cyt["uniprot"]) & set(rec["uniprot"])


# --------------------------------------------------------------------------- lookup
@pytest.mark.parametrize("spelling", ["IL-6", "il6", "interleukin 6", "Interleukin-6", "IL 6",
                                      "IL‑6", "P05231"[:0] + "IL6"])
def test_lookup_spellings(spelling: str) -> None:
    assert catalog.lookup(spelling)["hgnc_symbol"] == "IL6"


@pytest.mark.parametrize("spelling, symbol", [
    ("TNF-α", "TNF"), ("tnf alpha", "TNF"), ("IFN-γ", "IFNG"), ("interferon gamma", "IFNG"),
    ("CXCL8", "CXCL8"), ("IL-8", "CXCL8"), ("RANTES", "CCL5"), ("BAFF", "TNFSF13B"),
    ("G-CSF", "CSF3"), ("TGF-β1", "TGFB1"), ("IL-17E", "IL25"), ("IL-30", "IL27"),
])
def test_lookup_aliases(spelling: str, symbol: str) -> None:
    assert catalog.lookup(spelling)["hgnc_symbol"] == symbol


def test_lookup_heteromer_resolves_to_defining_subunit() -> None:
    assert catalog.lookup("IL-12")["hgnc_symbol"] == "IL12A"
    assert catalog.lookup("IL-23")["hgnc_symbol"] == "IL23A"
    assert catalog.lookup("IL-35")["hgnc_symbol"] == "EBI3"
    assert "IL-12=IL12A+IL12B" in catalog.lookup("IL12B")["complexes"]


def test_lookup_unknown_suggests_close_matches() -> None:
    with pytest.raises(KeyError, match="did you mean") as info:
        catalog.lookup("interleukin-66")
    assert "IL-6" in str(info.value)
    with pytest.raises(KeyError, match="no cytokine called 'zzzz'"):
        catalog.lookup("zzzz")


# --------------------------------------------------------------------------- queries
def test_family_members_and_families() -> None:
    fams = catalog.families()
    assert fams[0] == "IL-1 family" and "chemokine" in fams
    il10 = set(catalog.family_members("il-10 family")["hgnc_symbol"])
    assert {"IL10", "IL22"} <= il10
    with pytest.raises(KeyError, match="unknown family"):
        catalog.family_members("IL-99 family")


def test_using_receptor() -> None:
    assert set(catalog.using_receptor("CSF2RB")["hgnc_symbol"]) == {"IL3", "IL5", "CSF2"}
    assert {"IL10", "IL22", "IFNL1"} <= set(catalog.using_receptor("il10rb")["hgnc_symbol"])
    with pytest.raises(KeyError, match="unknown receptor chain"):
        catalog.using_receptor("NOPE1")


def test_using_jak_and_stat() -> None:
    assert {"IFNG", "EPO", "CSF2"} <= set(catalog.using_jak("JAK2")["hgnc_symbol"])
    assert "TNF" not in set(catalog.using_jak("JAK1")["hgnc_symbol"])
    assert {"IL12A", "IL23A"} <= set(catalog.using_stat("stat4")["hgnc_symbol"])
    with pytest.raises(KeyError):
        catalog.using_jak("JAK4")
    with pytest.raises(KeyError):
        catalog.using_stat("STAT5")


def test_drugs_for_cytokine_and_receptor_chains() -> None:
    assert {"infliximab", "adalimumab", "etanercept"} <= set(catalog.drugs_for("TNF")["inn"])
    assert "dupilumab" in set(catalog.drugs_for("IL-13")["inn"])  # via IL4R chain
    assert "benralizumab" in set(catalog.drugs_for("IL-5")["inn"])  # via IL5RA chain
    assert catalog.drugs_for("CCL28").empty


# --------------------------------------------------------------------------- validation rules
def test_valid_copies_pass(tables: dict[str, Path], bib: Path) -> None:
    _check(tables, bib)


def test_rule_duplicate_symbol(tables: dict[str, Path]) -> None:
    line = _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL7", "hgnc_symbol", "IL2")
    with pytest.raises(ValueError, match=rf"cytokines\.tsv: line {line} .*'hgnc_symbol'.*duplicate"):
        _check(tables)


def test_rule_duplicate_accession(tables: dict[str, Path]) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL7", "uniprot", "P60568")
    with pytest.raises(ValueError, match=r"cytokines\.tsv: line \d+ \(\w+\), field 'uniprot'"):
        _check(tables)


def test_rule_accession_format(tables: dict[str, Path]) -> None:
    line = _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL7", "uniprot", "P1323")
    with pytest.raises(ValueError, match=rf"line {line} \(IL7\), field 'uniprot'.*not a UniProt"):
        _check(tables)


def test_rule_receptor_accession_format(tables: dict[str, Path]) -> None:
    _edit(tables, "receptors.tsv", "symbol", "IL7R", "uniprot", "not-an-id")
    with pytest.raises(ValueError, match=r"receptors\.tsv: line \d+ \(IL7R\), field 'uniprot'"):
        _check(tables)


@pytest.mark.parametrize("column, bad", [("family", "IL-99 family"), ("pathway", "Wnt"),
                                         ("fold", "TIM barrel"), ("inflammatory", "maybe")])
def test_rule_vocabularies(tables: dict[str, Path], column: str, bad: str) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "TNF", column, bad)
    with pytest.raises(ValueError, match=rf"cytokines\.tsv: line \d+ \(TNF\), field '{column}'"):
        _check(tables)


def test_rule_jak_vocabulary(tables: dict[str, Path]) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL6", "jaks", "JAK1;JAK4")
    with pytest.raises(ValueError, match=r"\(IL6\), field 'jaks': unknown JAK \['JAK4'\]"):
        _check(tables)


def test_rule_stat_vocabulary(tables: dict[str, Path]) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL2", "stats", "STAT5")
    with pytest.raises(ValueError, match=r"\(IL2\), field 'stats': unknown STAT \['STAT5'\]"):
        _check(tables)


def test_rule_jak_requires_jak_stat_pathway(tables: dict[str, Path]) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "TNF", "jaks", "JAK1")
    with pytest.raises(ValueError, match=r"\(TNF\), field 'pathway'"):
        _check(tables)


def test_rule_jak_must_be_bound_by_a_chain(tables: dict[str, Path]) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL2", "jaks", "JAK1;JAK3;TYK2")
    with pytest.raises(ValueError, match=r"\(IL2\), field 'jaks': \['TYK2'\] bound by none"):
        _check(tables)


def test_rule_receptor_chain_must_exist(tables: dict[str, Path]) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL6", "receptor_chains", "IL6R;IL6ST;FAKE9")
    with pytest.raises(ValueError, match=r"\(IL6\), field 'receptor_chains': \['FAKE9'\] not in"):
        _check(tables)


def test_rule_receptor_rows_list_their_cytokines(tables: dict[str, Path]) -> None:
    _edit(tables, "receptors.tsv", "symbol", "IL6R", "cytokines", "")
    with pytest.raises(ValueError, match=r"receptors\.tsv: line \d+ \(IL6R\), field 'cytokines'"):
        _check(tables)


def test_rule_shared_subunit_among_chains(tables: dict[str, Path]) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL6", "shared_subunit", "IL2RG")
    with pytest.raises(ValueError, match=r"\(IL6\), field 'shared_subunit'"):
        _check(tables)


def test_rule_ambiguous_alias(tables: dict[str, Path]) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL7", "aliases", "interleukin-6")
    with pytest.raises(ValueError, match=r"field 'aliases': '[^']+' clashes with IL[67] \(line"):
        _check(tables)


def test_rule_inconsistent_heteromer(tables: dict[str, Path]) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL12B", "complexes",
          "IL-12=IL12B+IL23A;IL-23=IL23A+IL12B")
    with pytest.raises(ValueError, match=r"field 'complexes'"):
        _check(tables)


def test_rule_empty_required_field(tables: dict[str, Path]) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL4", "name", "")
    with pytest.raises(ValueError, match=r"\(IL4\), field 'name': empty"):
        _check(tables)


def test_rule_header(tables: dict[str, Path]) -> None:
    frame = pd.read_csv(tables["drugs.tsv"], sep="\t", dtype=str, keep_default_na=False)
    _write(frame.drop(columns=["evidence"]), tables["drugs.tsv"])
    with pytest.raises(ValueError, match=r"drugs\.tsv: header"):
        _check(tables)


def test_rule_drug_target_known(tables: dict[str, Path]) -> None:
    _edit(tables, "drugs.tsv", "inn", "tocilizumab", "targets", "IL6RX")
    with pytest.raises(ValueError, match=r"drugs\.tsv: line \d+ \(tocilizumab\), field 'targets'"):
        _check(tables)


@pytest.mark.parametrize("column, bad", [("mechanism", "small molecule"),
                                         ("first_approval_agency", "PMDA"),
                                         ("first_approval_year", "19x8"),
                                         ("evidence", "Drugs@FDA")])
def test_rule_drug_fields(tables: dict[str, Path], column: str, bad: str) -> None:
    _edit(tables, "drugs.tsv", "inn", "infliximab", column, bad)
    with pytest.raises(ValueError, match=rf"\(infliximab\), field '{column}'"):
        _check(tables)


def test_rule_duplicate_drug(tables: dict[str, Path]) -> None:
    _edit(tables, "drugs.tsv", "inn", "golimumab", "inn", "infliximab")
    with pytest.raises(ValueError, match=r"field 'inn'.*duplicate"):
        _check(tables)


def test_rule_bib_keys(tables: dict[str, Path], bib: Path, tmp_path: Path) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL6", "sources",
          "efremova2020;nobody1999made")
    with pytest.raises(ValueError, match=r"\(IL6\), field 'sources'.*nobody1999made"):
        _check(tables, bib)
    partial = tmp_path / "partial.bib"
    partial.write_text("@article{cui2023, title={x}}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"field 'sources'.*not in the bibliography"):
        catalog.validate(bib_path=partial)
    # several files may be given together
    catalog.validate(bib_path=[bib, partial])


def test_every_cited_key_is_in_the_book_bibliography() -> None:
    keys = catalog.read_bib_keys(BOOK / "references.bib")
    cited = set()
    for frame in (catalog.cytokines(), catalog.receptors()):
        for items in frame["sources"]:
            cited.update(items)
    assert cited and cited <= keys
