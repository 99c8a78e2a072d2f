"""Tests for widgets.catalog: the packaged tables, the query API and every validation rule."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from widgets import catalog

DATA = catalog.DATA_DIR
BOOK = Path(__file__).resolve().parents[1] / "book"
TABLE_FILES = tuple(f"{name}.tsv" for name in catalog.TABLES)


# --------------------------------------------------------------------------- helpers
def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, sep="\t", dtype=str, keep_default_na=False, quoting=3)


def _write(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, sep="\t", index=False, quoting=3)
    return path


@pytest.fixture()
def bib(book_bib_keys) -> set[str]:
    """The keys of the book's bibliography (read with pybtex, from the files _config.yml names)."""
    return set(book_bib_keys)


@pytest.fixture()
def tables(tmp_path: Path) -> dict[str, Path]:
    """Fresh copies of the four packaged tables in a temporary folder."""
    out = {}
    for name in TABLE_FILES:
        out[name] = _write(_read(name), tmp_path / name)
    return out


def _check(tables: dict[str, Path], bib: set[str] | None = None) -> None:
    catalog.validate(tables["cytokines.tsv"].parent, bib_keys=bib)


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
def test_packaged_tables_validate_against_bibliography(bib: set[str]) -> None:
    catalog.validate(bib_keys=bib)


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
    cx = catalog.complexes()
    assert isinstance(cx.loc[0, "receptor_chains"], tuple) and isinstance(cx["role"].dtype, pd.CategoricalDtype)
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
    assert "IL-12=IL12A+IL12B" in catalog.lookup("IL12B")["heteromers"]


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
    assert set(catalog.using_receptor("CSF2RB")["symbol"]) == {"IL3", "IL5", "CSF2"}
    assert {"IL10", "IL22", "IFNL1"} <= set(catalog.using_receptor("il10rb")["symbol"])
    assert set(catalog.using_receptor("IL13RA2")["role"]) == {"decoy"}
    assert catalog.using_receptor("IL13RA2", roles="signalling").empty
    with pytest.raises(KeyError, match="unknown receptor chain"):
        catalog.using_receptor("NOPE1")
    with pytest.raises(KeyError, match="unknown role"):
        catalog.using_receptor("IL6ST", roles="agonist")


def test_using_jak_and_stat() -> None:
    assert {"IFNG", "EPO", "CSF2"} <= set(catalog.using_jak("JAK2")["symbol"])
    assert "TNF" not in set(catalog.using_jak("JAK1")["symbol"])
    assert {"IL-12", "IL-23"} <= set(catalog.using_stat("stat4")["ligand"])
    with pytest.raises(KeyError):
        catalog.using_jak("JAK4")
    with pytest.raises(KeyError):
        catalog.using_stat("STAT5")


# --------------------------------------------------------------------------- receptors per complex
def test_il12_family_receptors_are_per_heteromer() -> None:
    cx = catalog.complexes().set_index("complex")
    expected = {"IL-12": (("IL12A", "IL12B"), ("IL12RB1", "IL12RB2")),
                "IL-23": (("IL23A", "IL12B"), ("IL12RB1", "IL23R")),
                "IL-27": (("IL27", "EBI3"), ("IL27RA", "IL6ST")),
                "IL-35": (("EBI3", "IL12A"), ("IL12RB2", "IL6ST"))}
    for name, (subunits, chains) in expected.items():
        assert cx.loc[name, "ligand_subunits"] == subunits
        assert set(cx.loc[name, "receptor_chains"]) == set(chains)


def test_gp130_users_are_the_il6_family_il27_and_il35_not_il12() -> None:
    users = set(catalog.using_receptor("IL6ST", roles="signalling")["ligand"])
    assert {"IL-6", "IL-11", "LIF", "OSM", "CNTF", "IL-27", "IL-35"} <= users
    assert "IL-12" not in users and "IL-23" not in users and "IL-31" not in users


def test_il4_has_two_receptors_and_jak3_does_not_silence_type_ii() -> None:
    il4 = catalog.complexes_of("IL-4").set_index("complex")
    assert set(il4.index) == {"IL-4 type I", "IL-4 type II"}
    assert set(il4.loc["IL-4 type I", "receptor_chains"]) == {"IL4R", "IL2RG"}
    assert set(il4.loc["IL-4 type I", "jaks"]) == {"JAK1", "JAK3"}
    assert set(il4.loc["IL-4 type II", "receptor_chains"]) == {"IL4R", "IL13RA1"}
    assert "JAK3" not in il4.loc["IL-4 type II", "jaks"] and "TYK2" in il4.loc["IL-4 type II", "jaks"]
    # the type II receptor is the one IL-13 signals through
    il13 = catalog.complexes_of("IL-13").set_index("complex")
    assert set(il13.loc["IL-13 type II", "receptor_chains"]) == set(il4.loc["IL-4 type II", "receptor_chains"])
    jak3 = set(catalog.using_jak("JAK3")["complex"])
    assert "IL-4 type I" in jak3 and "IL-4 type II" not in jak3
    assert set(catalog.lookup("IL-4")["jaks"]) == {"JAK1", "JAK3", "TYK2"}


def test_death_ligands_signal_through_the_death_receptor_pathway() -> None:
    death = "death receptor (FADD-caspase-8)"
    assert death in catalog.PATHWAYS
    for name in ("FASLG", "TNFSF10"):
        assert catalog.lookup(name)["pathway"] == death
    cx = catalog.complexes().set_index("complex")
    assert cx.loc["Fas ligand–Fas", "pathway"] == death
    assert cx.loc["TRAIL–TRAIL-R1", "pathway"] == cx.loc["TRAIL–TRAIL-R2", "pathway"] == death
    assert cx.loc["TRAIL–TRAIL-R3", "role"] == "decoy"


def test_canonical_tgf_beta_receptor_and_flagged_acvr1() -> None:
    cx = catalog.complexes().set_index("complex")
    for name in ("TGF-β1", "TGF-β2", "TGF-β3"):
        assert set(cx.loc[name, "receptor_chains"]) == {"TGFBR2", "TGFBR1"}
        assert cx.loc[name, "role"] == "signalling"
    acvr1 = catalog.using_receptor("ACVR1")
    tgf = acvr1[acvr1["ligand"].str.startswith("TGF-β")]
    assert set(tgf["role"]) == {"binding"} and tgf["note"].str.len().min() > 0  # listed, flagged, not signalling
    signalling = catalog.using_receptor("ACVR1", roles=catalog.SIGNALLING_ROLES)
    assert not signalling["ligand"].str.startswith("TGF-β").any()
    activin = cx.loc["activin A", "receptor_chains"]
    assert "ACVR1" not in activin and {"ACVR1B", "ACVR2A", "ACVR2B"} <= set(activin)
    assert cx.loc["activin A–ACVR1", "role"] == "binding" and "hatsell2015" in cx.loc["activin A–ACVR1", "sources"]


def test_four_type_iii_interferons_including_ifn_lambda4() -> None:
    row = catalog.lookup("IFN-λ4")
    assert (row["hgnc_symbol"], row["uniprot"], row["family"]) == ("IFNL4", "K9M1U5", "interferon")
    assert "prokuninaolsson2013" in row["sources"]
    type3 = catalog.family_members("interferon").query("subfamily == 'type III'")
    assert set(type3["hgnc_symbol"]) == {"IFNL1", "IFNL2", "IFNL3", "IFNL4"}
    ifnlr1 = catalog.using_receptor("IFNLR1", roles="signalling")
    assert set(ifnlr1["ligand"]) == {"IFN-λ1", "IFN-λ2", "IFN-λ3", "IFN-λ4"}
    assert all(set(c) == {"IFNLR1", "IL10RB"} for c in ifnlr1["receptor_chains"])


def test_ackr3_scavenges_cxcl12_and_cxcl11() -> None:
    rec = catalog.receptors().set_index("symbol")
    assert rec.loc["ACKR3", "uniprot"] == "P25106" and rec.loc["ACKR3", "jaks"] == ()
    assert {f"ACKR{i}" for i in range(1, 5)} - {"ACKR3"} <= set(rec.index) and "ACKR3" in rec.index
    users = catalog.using_receptor("ACKR3")
    assert set(users["ligand"]) == {"CXCL11", "CXCL12"} and set(users["role"]) == {"scavenger"}


def test_molecular_masses_have_sources_and_parse() -> None:
    cyt = catalog.cytokines().set_index("hgnc_symbol")
    assert cyt.loc["IL6", "mass_kDa"] == "19-26"
    assert (cyt.loc["IL6", "mass_kDa_low"], cyt.loc["IL6", "mass_kDa_high"]) == (19.0, 26.0)
    assert cyt.loc["TNF", "mass_kDa_low"] == 17.0 and cyt.loc["TNF", "mass_source"].startswith("aggarwal2012")
    given = cyt[cyt["mass_kDa"] != ""]
    assert len(given) >= 10 and (given["mass_source"].str.contains(",")).all()
    # seed claim 1: most cytokines are below about 30-40 kDa
    assert (given["mass_kDa_high"] < 30).all()


def test_rule_mass_needs_a_source(tables: dict[str, Path]) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL6", "mass_source", "")
    with pytest.raises(ValueError, match=r"\(IL6\), field 'mass_source'"):
        _check(tables)
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL6", "mass_source", "magyari2014, Table 1")
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL6", "mass_kDa", "26-19")
    with pytest.raises(ValueError, match=r"\(IL6\), field 'mass_kDa'"):
        _check(tables)


def test_atypical_chemokine_receptors_scavenge() -> None:
    for chain in ("ACKR1", "ACKR2", "ACKR4"):
        assert set(catalog.using_receptor(chain)["role"]) == {"scavenger"}
        assert catalog.using_receptor(chain)["pathway"].isna().all()


def test_derived_columns_follow_the_complexes() -> None:
    cx = catalog.complexes()
    cyt = catalog.cytokines().set_index("hgnc_symbol")
    rec = catalog.receptors().set_index("symbol")
    for row in cx.itertuples():
        for s in row.ligand_subunits:
            assert row.complex in cyt.loc[s, "complexes"]
            assert set(row.receptor_chains) <= set(cyt.loc[s, "receptor_chains"])
        for c in row.receptor_chains:
            assert row.complex in rec.loc[c, "complexes"]
            assert set(row.ligand_subunits) <= set(rec.loc[c, "cytokines"])


def test_drugs_for_cytokine_and_receptor_chains() -> None:
    assert {"infliximab", "adalimumab", "etanercept"} <= set(catalog.drugs_for("TNF")["inn"])
    assert "dupilumab" in set(catalog.drugs_for("IL-13")["inn"])  # via IL4R chain
    assert "benralizumab" in set(catalog.drugs_for("IL-5")["inn"])  # via IL5RA chain
    assert catalog.drugs_for("CCL28").empty


# --------------------------------------------------------------------------- validation rules
def test_valid_copies_pass(tables: dict[str, Path], bib: set[str]) -> None:
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
    _edit(tables, "complexes.tsv", "complex", "IL-6", "jaks", "JAK1;JAK4")
    with pytest.raises(ValueError, match=r"complexes\.tsv: line \d+ \(IL-6\), field 'jaks': unknown JAK \['JAK4'\]"):
        _check(tables)


def test_rule_stat_vocabulary(tables: dict[str, Path]) -> None:
    _edit(tables, "complexes.tsv", "complex", "IL-2 high affinity", "stats", "STAT5")
    with pytest.raises(ValueError, match=r"\(IL-2 high affinity\), field 'stats': unknown STAT \['STAT5'\]"):
        _check(tables)


def test_rule_jak_requires_jak_stat_pathway(tables: dict[str, Path]) -> None:
    _edit(tables, "complexes.tsv", "complex", "TNF–TNFR1", "jaks", "JAK1")
    with pytest.raises(ValueError, match=r"\(TNF–TNFR1\), field 'pathway'"):
        _check(tables)


def test_rule_jak_must_be_bound_by_a_chain(tables: dict[str, Path]) -> None:
    _edit(tables, "complexes.tsv", "complex", "IL-2 high affinity", "jaks", "JAK1;JAK3;TYK2")
    with pytest.raises(ValueError, match=r"\(IL-2 high affinity\), field 'jaks': \['TYK2'\] bound by none"):
        _check(tables)


def test_rule_receptor_chain_must_exist(tables: dict[str, Path]) -> None:
    _edit(tables, "complexes.tsv", "complex", "IL-6", "receptor_chains", "IL6R;IL6ST;FAKE9")
    with pytest.raises(ValueError, match=r"\(IL-6\), field 'receptor_chains': \['FAKE9'\] not in"):
        _check(tables)


def test_rule_ligand_subunit_must_exist(tables: dict[str, Path]) -> None:
    _edit(tables, "complexes.tsv", "complex", "IL-6", "ligand_subunits", "IL6;IL99")
    with pytest.raises(ValueError, match=r"\(IL-6\), field 'ligand_subunits': \['IL99'\] not in"):
        _check(tables)


def test_rule_every_receptor_chain_is_used(tables: dict[str, Path]) -> None:
    _edit(tables, "complexes.tsv", "complex", "IL-6", "receptor_chains", "IL6ST")
    with pytest.raises(ValueError, match=r"receptors\.tsv: line \d+ \(IL6R\), field 'symbol': no complex"):
        _check(tables)


def test_rule_role_vocabulary_and_pathway(tables: dict[str, Path]) -> None:
    _edit(tables, "complexes.tsv", "complex", "IL-6", "role", "agonist")
    with pytest.raises(ValueError, match=r"\(IL-6\), field 'role': unknown role"):
        _check(tables)
    _edit(tables, "complexes.tsv", "complex", "IL-6", "role", "decoy")
    with pytest.raises(ValueError, match=r"\(IL-6\), field 'pathway': a complex with role 'decoy' does not signal"):
        _check(tables)


def test_rule_non_canonical_needs_a_note(tables: dict[str, Path]) -> None:
    _edit(tables, "complexes.tsv", "complex", "OSM type II", "role", "non-canonical")
    with pytest.raises(ValueError, match=r"field 'note': a non-canonical complex needs a note"):
        _check(tables)


def test_rule_unresolved_pathway_exactly_without_complex(tables: dict[str, Path]) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL17D", "pathway", "Act1-NF-κB")
    with pytest.raises(ValueError, match=r"\(IL17D\), field 'pathway': IL17D is in no complex"):
        _check(tables)


def test_rule_ambiguous_alias(tables: dict[str, Path]) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL7", "aliases", "interleukin-6")
    with pytest.raises(ValueError, match=r"field 'aliases': '[^']+' clashes with IL[67] \(line"):
        _check(tables)


def test_rule_inconsistent_heteromer(tables: dict[str, Path]) -> None:
    frame = _read("complexes.tsv")
    extra = frame[frame["complex"] == "IL-12"].assign(complex="IL-12 (second row)", ligand_subunits="IL12B;IL23A")
    _write(pd.concat([frame, extra]), tables["complexes.tsv"])
    with pytest.raises(ValueError, match=r"field 'ligand_subunits': heteromer 'IL-12'"):
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
                                         ("first_approval_agency", "MHRA"),
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


def test_rule_bib_keys(tables: dict[str, Path], bib: set[str]) -> None:
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL6", "sources",
          "efremova2020;nobody1999made")
    with pytest.raises(ValueError, match=r"\(IL6\), field 'sources'.*nobody1999made"):
        _check(tables, bib)
    with pytest.raises(ValueError, match=r"field 'sources'.*not in the bibliography"):
        catalog.validate(bib_keys={"cui2023"})
    _edit(tables, "cytokines.tsv", "hgnc_symbol", "IL6", "sources", "efremova2020")
    _edit(tables, "complexes.tsv", "complex", "IL-6", "sources", "nobody1999made")
    with pytest.raises(ValueError, match=r"complexes\.tsv.*\(IL-6\), field 'sources'.*nobody1999made"):
        _check(tables, bib)


def test_every_cited_key_is_in_the_book_bibliography(bib: set[str]) -> None:
    cited = set()
    for frame in (catalog.cytokines(), catalog.receptors(), catalog.complexes()):
        for items in frame["sources"]:
            cited.update(items)
    assert cited and cited <= bib
