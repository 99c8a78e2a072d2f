"""The drug table (widgets/data/drugs.tsv): its columns, validation rules and the facts the book uses.

Every approval year here was read on the page in the row's ``evidence`` column; the
tests pin the facts Chapters 3 and 6 rely on, so that a later edit of the table cannot
silently change the text.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pandas as pd
import pytest

from widgets import catalog
from widgets.catalog.vocabularies import FIRST_APPROVAL_YEAR_MIN
from widgets.models import jak_coverage

DATA = catalog.DATA_DIR


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=3)


def _write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, sep="\t", index=False, quoting=3)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    for name in catalog.TABLES:
        _write(_read(DATA / f"{name}.tsv"), tmp_path / f"{name}.tsv")
    return tmp_path


def _edit(folder: Path, row_inn: str, **cells: str) -> None:
    frame = _read(folder / "drugs.tsv")
    idx = frame.index[frame["inn"] == row_inn]
    assert len(idx) == 1, row_inn
    for column, value in cells.items():
        frame.loc[idx[0], column] = value
    _write(frame, folder / "drugs.tsv")


@pytest.fixture(scope="module")
def drugs() -> pd.DataFrame:
    return catalog.drugs().set_index("inn")


# --------------------------------------------------------------------------- shape
def test_columns_and_types(drugs: pd.DataFrame) -> None:
    assert list(catalog.COLUMNS["drugs"]) == ["inn", "targets", "molecule_type", "mechanism", "indications",
                                              "first_approval_year", "first_approval_agency", "evidence", "note"]
    assert isinstance(drugs["molecule_type"].dtype, pd.CategoricalDtype)
    assert list(drugs["molecule_type"].cat.categories) == list(catalog.MOLECULE_TYPES)
    assert list(drugs["mechanism"].cat.categories) == list(catalog.MECHANISMS)
    assert drugs["first_approval_year"].dtype == "int64"
    assert all(isinstance(t, tuple) and t for t in drugs["targets"])


def test_at_least_80_drugs_every_one_with_one_evidence_address(drugs: pd.DataFrame) -> None:
    assert len(drugs) >= 80
    assert drugs.index.is_unique
    for inn, address in drugs["evidence"].items():
        assert address.startswith(("https://", "http://")) and " " not in address and ";" not in address, inn
    years = drugs["first_approval_year"]
    assert years.min() >= FIRST_APPROVAL_YEAR_MIN and years.max() <= datetime.date.today().year


def test_every_mechanism_and_many_molecule_types_are_used(drugs: pd.DataFrame) -> None:
    assert set(drugs["mechanism"]) == set(catalog.MECHANISMS)
    assert len(set(drugs["molecule_type"])) >= 8


# --------------------------------------------------------------------------- facts the book uses
@pytest.mark.parametrize(("inn", "year"), [
    ("interferon alfa-2a", 1986), ("interferon alfa-2b", 1986), ("epoetin alfa", 1989),
    ("interferon gamma-1b", 1990), ("filgrastim", 1991), ("sargramostim", 1991), ("aldesleukin", 1992),
    ("interferon beta-1b", 1993), ("interferon beta-1a", 1996), ("oprelvekin", 1997), ("metreleptin", 2014),
    ("pegfilgrastim", 2002), ("darbepoetin alfa", 2001), ("nogapendekin alfa inbakicept", 2024),
    ("infliximab", 1998), ("etanercept", 1998), ("anakinra", 2001), ("rilonacept", 2008),
    ("canakinumab", 2009), ("tocilizumab", 2010), ("siltuximab", 2014), ("ustekinumab", 2009),
    ("secukinumab", 2015), ("mirikizumab", 2023), ("bimekizumab", 2023), ("tralokinumab", 2021),
    ("lebrikizumab", 2024), ("tezepelumab", 2021), ("nemolizumab", 2024), ("spesolimab", 2022),
    ("anifrolumab", 2021), ("emapalumab", 2018), ("belimumab", 2011), ("denosumab", 2010),
    ("maraviroc", 2007), ("plerixafor", 2008), ("mogamulizumab", 2018),
    ("ruxolitinib", 2011), ("tofacitinib", 2012), ("baricitinib", 2018), ("upadacitinib", 2019),
    ("fedratinib", 2019), ("abrocitinib", 2022), ("pacritinib", 2022), ("deucravacitinib", 2022),
    ("momelotinib", 2023), ("ritlecitinib", 2023), ("deuruxolitinib", 2024),
])
def test_first_approval_years(drugs: pd.DataFrame, inn: str, year: int) -> None:
    assert drugs.loc[inn, "first_approval_year"] == year


def test_the_first_recombinant_cytokines_are_the_alpha_interferons(drugs: pd.DataFrame) -> None:
    cytokines = drugs[drugs["molecule_type"] == "recombinant cytokine"]
    first = cytokines[cytokines["first_approval_year"] == cytokines["first_approval_year"].min()]
    assert set(first.index) == {"interferon alfa-2a", "interferon alfa-2b"}


def test_non_fda_rows(drugs: pd.DataFrame) -> None:
    assert drugs.loc["filgotinib", "first_approval_agency"] == "EMA"
    assert drugs.loc["peficitinib", "first_approval_agency"] == "PMDA"
    assert (drugs.drop(index=["filgotinib", "peficitinib"])["first_approval_agency"] == "FDA").all()


def test_every_jak_inhibitor_is_in_the_table_and_in_the_selectivity_table(drugs: pd.DataFrame) -> None:
    kinase = drugs[drugs["mechanism"] == "kinase inhibitor"]
    assert len(kinase) == 14
    assert set(kinase.index) == set(jak_coverage.inhibitors())
    for inn, targets in kinase["targets"].items():
        primary = {j for j, level in jak_coverage.profile(inn).items() if level == "primary"}
        assert primary == {t for t in targets if t in catalog.JAKS}, inn


@pytest.mark.parametrize(("inn", "targets", "mechanism"), [
    ("etanercept", ("TNF", "LTA"), "ligand block"),
    ("ustekinumab", ("IL12B",), "ligand block"),
    ("guselkumab", ("IL23A",), "ligand block"),
    ("brodalumab", ("IL17RA",), "receptor block"),
    ("dupilumab", ("IL4R",), "receptor block"),
    ("benralizumab", ("IL5RA",), "cell depletion"),
    ("tocilizumab", ("IL6R",), "receptor block"),
    ("siltuximab", ("IL6",), "ligand block"),
    ("anakinra", ("IL1R1",), "receptor block"),
    ("anifrolumab", ("IFNAR1",), "receptor block"),
    ("deucravacitinib", ("TYK2",), "kinase inhibitor"),
    ("maraviroc", ("CCR5",), "receptor block"),
    ("romiplostim", ("THPO",), "agonist"),
])
def test_targets_and_mechanisms(drugs: pd.DataFrame, inn: str, targets: tuple[str, ...], mechanism: str) -> None:
    assert drugs.loc[inn, "targets"] == targets
    assert drugs.loc[inn, "mechanism"] == mechanism


def test_drugs_for_reaches_receptor_blockers_through_complexes() -> None:
    assert {"tocilizumab", "sarilumab", "satralizumab", "siltuximab"} <= set(catalog.drugs_for("IL-6")["inn"])
    assert {"dupilumab", "tralokinumab", "lebrikizumab"} <= set(catalog.drugs_for("IL-13")["inn"])


def test_drugs_for_a_heteromer_includes_drugs_against_any_of_its_subunits() -> None:
    # ustekinumab binds p40, the subunit IL-12 and IL-23 share
    assert "ustekinumab" in set(catalog.drugs_for("IL-12")["inn"])
    assert {"ustekinumab", "guselkumab", "risankizumab"} <= set(catalog.drugs_for("IL-23")["inn"])
    assert "guselkumab" not in set(catalog.drugs_for("IL-12")["inn"])  # anti-p19: IL-23 only


@pytest.mark.parametrize("name", ["IL-4", "IL-7", "IL-9", "IL-15", "IL-21"])
def test_a_drug_aimed_at_another_receptor_does_not_count_through_a_shared_chain(name: str) -> None:
    # denileukin diftitox binds the IL-2 receptor (IL-2Rα, IL-2Rβ, γc), not these cytokines' receptors
    assert "denileukin diftitox" not in set(catalog.drugs_for(name)["inn"])
    assert "denileukin diftitox" in set(catalog.drugs_for("IL-2")["inn"])


@pytest.mark.parametrize("name", ["GM-CSF", "IL-5"])
def test_the_il3_receptor_toxin_does_not_count_through_the_common_beta_chain(name: str) -> None:
    assert "tagraxofusp" not in set(catalog.drugs_for(name)["inn"])
    assert "tagraxofusp" in set(catalog.drugs_for("IL-3")["inn"])


def test_a_trap_for_one_trimer_does_not_count_for_a_heteromer_sharing_a_chain() -> None:
    # etanercept binds TNF and the LTα trimer; LTα1β2 signals through the LTβ receptor only
    assert "etanercept" in set(catalog.drugs_for("lymphotoxin-α")["inn"])
    assert "etanercept" not in set(catalog.drugs_for("LTα1β2")["inn"])


# --------------------------------------------------------------------------- validation rules
def test_packaged_table_is_valid() -> None:
    catalog.validate()


@pytest.mark.parametrize(("inn", "cells", "field"), [
    ("infliximab", {"molecule_type": "antibody"}, "molecule_type"),
    ("infliximab", {"mechanism": "antibody"}, "mechanism"),
    ("infliximab", {"first_approval_agency": "MHRA"}, "first_approval_agency"),
    ("infliximab", {"first_approval_year": "1975"}, "first_approval_year"),
    ("infliximab", {"first_approval_year": str(datetime.date.today().year + 1)}, "first_approval_year"),
    ("infliximab", {"evidence": "Drugs@FDA"}, "evidence"),
    ("infliximab", {"evidence": "https://a.org https://b.org"}, "evidence"),
    ("infliximab", {"evidence": "https://a.org;https://b.org"}, "evidence"),
    ("infliximab", {"evidence": ""}, "evidence"),
    ("infliximab", {"inn": "Infliximab"}, "inn"),
    ("infliximab", {"targets": "TNFX"}, "targets"),
    ("tofacitinib", {"mechanism": "receptor block"}, "mechanism"),
    ("tofacitinib", {"molecule_type": "monoclonal antibody"}, "targets"),
    ("infliximab", {"mechanism": "kinase inhibitor", "molecule_type": "small molecule"}, "targets"),
    ("momelotinib", {"targets": "JAK1;JAK2;ACVR1"}, "targets"),
    ("tocilizumab", {"targets": "IL6"}, "targets"),
    ("siltuximab", {"targets": "IL6R"}, "targets"),
    ("filgrastim", {"targets": "CSF3R"}, "targets"),
])
def test_rules(folder: Path, inn: str, cells: dict[str, str], field: str) -> None:
    _edit(folder, inn, **cells)
    key = cells.get("inn", inn)
    with pytest.raises(ValueError, match=rf"drugs\.tsv: line \d+ \({key}\), field '{field}'"):
        catalog.validate(folder)


def test_note_may_be_empty_and_a_complex_may_be_a_target(folder: Path) -> None:
    _edit(folder, "ustekinumab", note="", targets="IL-12;IL-23")
    catalog.validate(folder)
