"""The CytoSig loader: finds the installed data, validates it, maps it to the catalog."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from widgets import catalog, datasets
from widgets.datasets import (
    CYTOSIG_SHAPE,
    CYTOSIG_SIGNALS,
    DatasetNotInstalledError,
    DatasetValidationError,
    cytosig_catalog_map,
    cytosig_signatures,
)
from widgets.models.signatures import SHARED_CHAIN_GROUPS

ROOT = Path(__file__).resolve().parents[1]


def test_installed_matrix_has_the_published_shape_and_names() -> None:
    sig = cytosig_signatures()
    assert sig.shape == CYTOSIG_SHAPE
    assert list(sig.columns) == [s.signal for s in CYTOSIG_SIGNALS]
    assert sig.index.is_unique and np.isfinite(sig.to_numpy()).all()
    # well-known responses point the right way: STAT1 after interferons, SOCS3 after IL-6,
    # NFKBIA (IκBα) after TNF
    assert sig.loc["STAT1", "IFN1"] > 0.5 and sig.loc["STAT1", "IFNG"] > 0.5
    assert sig.loc["SOCS3", "IL6"] > 0.3
    assert sig.loc["NFKBIA", "TNFA"] > 1.0


def test_returns_a_fresh_copy() -> None:
    a = cytosig_signatures()
    a.iloc[0, 0] = 99.0
    assert cytosig_signatures().iloc[0, 0] != 99.0


def test_requirements_data_pins_the_version_the_loader_checks() -> None:
    text = (ROOT / "requirements-data.txt").read_text()
    assert f"{datasets.CYTOSIG_DISTRIBUTION}=={datasets.CYTOSIG_VERSION}" in text


def test_every_mapped_name_exists_in_the_catalog() -> None:
    known = set(catalog.cytokines()["hgnc_symbol"])
    for info in CYTOSIG_SIGNALS:
        for symbol in info.catalog:
            assert symbol in known, f"{info.signal} maps to {symbol}, which is not in the catalog"
        if not info.catalog:
            assert info.note, f"{info.signal} is unmapped and must say why"


def test_pooled_interferon_signals_map_to_the_catalog_subfamilies() -> None:
    c = catalog.cytokines()
    ifn = c[c["family"] == "interferon"]
    assert set(datasets.catalog_symbols("IFN1")) == set(ifn[ifn["subfamily"] == "type I"]["hgnc_symbol"])
    # IFN-λ1-3 (IL-29, IL-28A/B); the catalog also lists IFN-λ4, which is not mapped
    type_iii = set(ifn[ifn["subfamily"] == "type III"]["hgnc_symbol"])
    assert set(datasets.catalog_symbols("IFNL")) == {"IFNL1", "IFNL2", "IFNL3"} <= type_iii


def test_heterodimers_map_to_the_catalog_complexes() -> None:
    for signal, name in (("IL12", "IL-12"), ("IL27", "IL-27")):
        row = catalog.lookup(name)
        members = next(h.split("=")[1].split("+") for h in row["heteromers"] if h.startswith(name + "="))
        assert set(datasets.catalog_symbols(signal)) == set(members)


def test_labels_are_unique_and_the_map_is_complete() -> None:
    m = cytosig_catalog_map()
    assert len(m) == CYTOSIG_SHAPE[1] and m["label"].is_unique
    assert int(m["in_catalog"].sum()) == 38


def test_shared_chain_groups_agree_with_the_catalog() -> None:
    for group in SHARED_CHAIN_GROUPS:
        if not group.chain:
            continue
        complexes = catalog.using_receptor(group.chain, roles="signalling")
        users = {symbol for subunits in complexes["ligand_subunits"] for symbol in subunits}
        for signal in group.members:
            assert users & set(datasets.catalog_symbols(signal)), f"{signal} does not use {group.chain} in the catalog"


def test_unknown_signal_is_refused_with_suggestions() -> None:
    with pytest.raises(KeyError, match="did you mean 'IL6'"):
        datasets.signal_label("IL-6x")


def test_missing_data_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(datasets, "_candidates", lambda: [tmp_path / "nowhere" / datasets.CYTOSIG_FILE])
    with pytest.raises(DatasetNotInstalledError) as err:
        datasets.cytosig_path()
    message = str(err.value)
    assert "pip install --no-deps -r requirements-data.txt" in message
    assert "CytoSig==0.0.3" in message
    with pytest.raises(DatasetNotInstalledError, match="requirements-data.txt"):
        cytosig_signatures()
    # an explicit path that does not exist fails the same way
    with pytest.raises(DatasetNotInstalledError, match="does not exist"):
        cytosig_signatures(path=tmp_path / "missing.tsv")


def _write(path: Path, frame: pd.DataFrame) -> Path:
    # the CytoSig layout: the header names the signals only
    lines = ["\t".join(frame.columns)]
    lines += ["\t".join([str(g)] + [repr(float(v)) for v in row]) for g, row in zip(frame.index, frame.to_numpy())]
    path.write_text("\n".join(lines) + "\n")
    return path


def _small() -> pd.DataFrame:
    signals = [s.signal for s in CYTOSIG_SIGNALS]
    rng = np.random.default_rng(0)
    return pd.DataFrame(rng.normal(size=(5, len(signals))), index=[f"G{i}" for i in range(5)], columns=signals)


def test_a_changed_file_fails_the_checksum(tmp_path: Path) -> None:
    path = _write(tmp_path / "sig.tsv", _small())
    with pytest.raises(DatasetValidationError, match="SHA-256"):
        cytosig_signatures(path=path)


def test_validation_of_shape_names_and_values(tmp_path: Path) -> None:
    small = _small()
    with pytest.raises(DatasetValidationError, match="4881 genes x 43 signals"):
        cytosig_signatures(path=_write(tmp_path / "a.tsv", small), verify_checksum=False)
    renamed = small.rename(columns={"IL6": "IL-6"})
    with pytest.raises(DatasetValidationError, match=r"missing \['IL6'\], unexpected \['IL-6'\]"):
        cytosig_signatures(path=_write(tmp_path / "b.tsv", renamed), verify_checksum=False)
    full = cytosig_signatures()
    dup = full.copy()
    dup.index = [full.index[1]] + list(full.index[1:])
    with pytest.raises(DatasetValidationError, match="appears twice"):
        cytosig_signatures(path=_write(tmp_path / "c.tsv", dup), verify_checksum=False)
    nan = full.copy()
    nan.iloc[3, 4] = np.nan
    with pytest.raises(DatasetValidationError, match="finite"):
        cytosig_signatures(path=_write(tmp_path / "d.tsv", nan), verify_checksum=False)
