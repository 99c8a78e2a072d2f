"""Real, published datasets that the book reads from installed packages.

The book never copies a dataset into its repository. It reads the data files that
a package from the Python package index installs, checks that they are the files it
expects, and explains how to install them when they are missing.

CytoSig cytokine response signatures
------------------------------------
Jiang et al. (2021) collected 20,591 transcriptome profiles from public
repositories in which human cells were treated with a cytokine, chemokine, growth
factor or other signal, and condensed them into one *response signature* per
signal: for each of about 4,900 genes, a consensus (centroid) log fold change of
expression after treatment (Jiang et al. 2021, bib key ``jiang2021``; the count is
in its abstract). The matrix used here is the package's main signature,
``signature.centroid``: 4,881 genes (rows, HGNC symbols) by 43 signals (columns).
The package's README calls this the signature of 43 cytokines "with high
confidence data"; the package also ships a less stringently filtered matrix (51
signals) and a beta version (64 signals) that its authors mark as not yet fully
validated; the book uses neither.

How it is installed. The ``CytoSig`` package (version 0.0.3) declares a dependency,
``data_significance`` (version 1.3 on the package index), a C extension built
against the GNU Scientific Library whose maintainers require numpy older than 2
(their change log says numpy 2 changed the API it relies on); this book pins
numpy 2. The book needs only the data, so it installs CytoSig *without* its
dependencies, from ``requirements-data.txt``::

    python -m pip install --no-deps -r requirements-data.txt

``make setup`` (and so ``make test`` and ``.ci/run``) and Binder's ``postBuild`` run
that command. pip places the matrix under the environment's ``bin/`` folder (the
package declares it as a data file); :func:`cytosig_path` finds it through the
installed distribution's file list, wherever the environment is.

Licence. CytoSig is distributed under the GNU General Public License version 3
(its ``LICENSE`` file and its package classifier say so).
The book's code (BSD 3-Clause) only *reads* the installed file at run time, and
neither copies nor modifies it; the book's pages show numbers and figures computed
from it, with a citation. BSD-licensed code may be combined with GPL-licensed code,
and nothing of CytoSig is redistributed by this repository.

Examples
--------
>>> sig = cytosig_signatures()
>>> sig.shape
(4881, 43)
>>> signal_label("IFN1"), catalog_symbols("TNFA")
('type I IFN', ('TNF',))
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import site
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from widgets.models._checks import unknown_name

__all__ = [
    "CYTOSIG_DISTRIBUTION",
    "CYTOSIG_FILE",
    "CYTOSIG_SHA256",
    "CYTOSIG_SHAPE",
    "CYTOSIG_SIGNALS",
    "CYTOSIG_VERSION",
    "DatasetNotInstalledError",
    "DatasetValidationError",
    "SignalInfo",
    "catalog_symbols",
    "cytosig_catalog_map",
    "cytosig_path",
    "cytosig_signatures",
    "install_message",
    "signal_label",
    "signals",
]

CYTOSIG_DISTRIBUTION = "CytoSig"
"""Name of the package on the package index."""

CYTOSIG_VERSION = "0.0.3"
"""The version whose data the book was written against (pinned in requirements-data.txt)."""

CYTOSIG_FILE = "signature.centroid"
"""File name of the main signature matrix inside the distribution."""

CYTOSIG_SHA256 = "60a3152afe429a7dbb41fa0597ab9730141ce858af16a35f7063e64bfc239bde"
"""SHA-256 of ``signature.centroid`` in CytoSig 0.0.3 (checked on every load)."""

CYTOSIG_SHAPE = (4881, 43)
"""(genes, signals) of the main signature matrix."""


@dataclass(frozen=True)
class SignalInfo:
    """One column of the CytoSig matrix and what it corresponds to in the book's catalog.

    Attributes
    ----------
    signal : str
        Column name in CytoSig (``"IL6"``, ``"IFN1"``, ``"TNFA"``).
    label : str
        Name used in the book's text and figures (``"IL-6"``, ``"type I IFN"``).
    catalog : tuple of str
        HGNC symbols of the catalog rows (``widgets.catalog``) the signal stands for:
        one row for most, the subunits of a heterodimer (IL-12, IL-27), several rows
        for a pooled group (type I or type III interferons, IL-36). Empty when the
        signal is not a cytokine of the catalog.
    note : str
        Why the mapping is what it is, or why it is empty.
    """

    signal: str
    label: str
    catalog: tuple[str, ...]
    note: str = ""


_TYPE_I_IFN = ("IFNA1", "IFNA2", "IFNB1", "IFNE", "IFNK", "IFNW1")
_TYPE_III_IFN = ("IFNL1", "IFNL2", "IFNL3")

CYTOSIG_SIGNALS: tuple[SignalInfo, ...] = (
    SignalInfo("Activin A", "activin A", ("INHBA",)),
    SignalInfo("BDNF", "BDNF", (), "brain-derived neurotrophic factor, a neurotrophin; not in the catalog"),
    SignalInfo("BMP2", "BMP-2", ("BMP2",)),
    SignalInfo("BMP4", "BMP-4", ("BMP4",)),
    SignalInfo("BMP6", "BMP-6", (), "bone morphogenetic protein 6; not in the catalog"),
    SignalInfo("CD40L", "CD40 ligand", ("CD40LG",)),
    SignalInfo("CXCL12", "CXCL12", ("CXCL12",), "the only chemokine in the matrix"),
    SignalInfo("EGF", "EGF", ("EGF",)),
    SignalInfo("FGF2", "FGF-2", ("FGF2",)),
    SignalInfo("GCSF", "G-CSF", ("CSF3",)),
    SignalInfo("GDF11", "GDF-11", (), "growth differentiation factor 11; not in the catalog"),
    SignalInfo("GMCSF", "GM-CSF", ("CSF2",)),
    SignalInfo("HGF", "HGF", ("HGF",)),
    SignalInfo("IFN1", "type I IFN", _TYPE_I_IFN, "experiments with type I interferons pooled into one signature"),
    SignalInfo("IFNG", "IFN-γ", ("IFNG",)),
    SignalInfo("IFNL", "type III IFN", _TYPE_III_IFN,
               "experiments with IFN-λ pooled into one signature; mapped to IFN-λ1-3 (IL-29, IL-28A, IL-28B)"),
    SignalInfo("IL10", "IL-10", ("IL10",)),
    SignalInfo("IL12", "IL-12", ("IL12A", "IL12B"), "heterodimer p35/p40"),
    SignalInfo("IL13", "IL-13", ("IL13",)),
    SignalInfo("IL15", "IL-15", ("IL15",)),
    SignalInfo("IL17A", "IL-17A", ("IL17A",)),
    SignalInfo("IL1A", "IL-1α", ("IL1A",)),
    SignalInfo("IL1B", "IL-1β", ("IL1B",)),
    SignalInfo("IL2", "IL-2", ("IL2",)),
    SignalInfo("IL21", "IL-21", ("IL21",)),
    SignalInfo("IL22", "IL-22", ("IL22",)),
    SignalInfo("IL27", "IL-27", ("IL27", "EBI3"), "heterodimer p28/EBI3"),
    SignalInfo("IL3", "IL-3", ("IL3",)),
    SignalInfo("IL36", "IL-36", ("IL36A", "IL36B", "IL36G"), "the three IL-36 agonists pooled"),
    SignalInfo("IL4", "IL-4", ("IL4",)),
    SignalInfo("IL6", "IL-6", ("IL6",)),
    SignalInfo("LIF", "LIF", ("LIF",)),
    SignalInfo("LTA", "lymphotoxin-α", ("LTA",)),
    SignalInfo("MCSF", "M-CSF", ("CSF1",)),
    SignalInfo("NO", "nitric oxide", (), "nitric oxide is a small gaseous messenger, not a protein"),
    SignalInfo("OSM", "oncostatin M", ("OSM",)),
    SignalInfo("TGFB1", "TGF-β1", ("TGFB1",)),
    SignalInfo("TGFB3", "TGF-β3", ("TGFB3",)),
    SignalInfo("TNFA", "TNF", ("TNF",)),
    SignalInfo("TRAIL", "TRAIL", ("TNFSF10",)),
    SignalInfo("TWEAK", "TWEAK", ("TNFSF12",)),
    SignalInfo("VEGFA", "VEGF-A", ("VEGFA",)),
    SignalInfo("WNT3A", "WNT3A", (), "a Wnt morphogen; not in the catalog"),
)
"""The 43 signals of the main CytoSig matrix, in the file's column order."""

_BY_SIGNAL = {s.signal: s for s in CYTOSIG_SIGNALS}


class DatasetNotInstalledError(FileNotFoundError):
    """A dataset the book reads from an installed package is not installed."""


class DatasetValidationError(ValueError):
    """An installed data file is not the one the book expects (shape, names or checksum)."""


def install_message() -> str:
    """How to install the CytoSig data, as shown when it is missing.

    Examples
    --------
    >>> "pip install --no-deps" in install_message()
    True
    """
    return (
        f"The CytoSig signature matrix ({CYTOSIG_FILE} from the package "
        f"{CYTOSIG_DISTRIBUTION} {CYTOSIG_VERSION}) is not installed in this Python "
        f"environment ({sys.prefix}).\n"
        "Install the data, without the package's compiled dependency, from the book's "
        "folder with\n"
        "    python -m pip install --no-deps -r requirements-data.txt\n"
        "or anywhere with\n"
        f"    python -m pip install --no-deps {CYTOSIG_DISTRIBUTION}=={CYTOSIG_VERSION}\n"
        "(in a notebook: %pip install --no-deps "
        f"{CYTOSIG_DISTRIBUTION}=={CYTOSIG_VERSION}). `make setup` does this for you."
    )


def _candidates() -> list[Path]:
    """Where pip may have put the data file, most specific first."""
    found: list[Path] = []
    try:
        dist = importlib.metadata.distribution(CYTOSIG_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        dist = None
    if dist is not None:
        for item in dist.files or ():
            if Path(str(item)).name == CYTOSIG_FILE:
                found.append(Path(str(dist.locate_file(item))).resolve())
    # Fallbacks: the scheme's scripts folder for this environment and for --user installs.
    found.append(Path(sys.prefix) / "bin" / CYTOSIG_FILE)
    user_base = getattr(site, "USER_BASE", None)
    if user_base:
        found.append(Path(user_base) / "bin" / CYTOSIG_FILE)
    return found


def cytosig_path() -> Path:
    """Path of the installed CytoSig signature matrix.

    Returns
    -------
    pathlib.Path
        The ``signature.centroid`` file installed by the ``CytoSig`` package.

    Raises
    ------
    DatasetNotInstalledError
        If the package (or its data file) is not installed; the message says how
        to install it.

    Examples
    --------
    >>> cytosig_path().name
    'signature.centroid'
    """
    for path in _candidates():
        if path.is_file():
            return path
    raise DatasetNotInstalledError(install_message())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@functools.lru_cache(maxsize=4)
def _read(path: Path, verify_checksum: bool) -> pd.DataFrame:
    if not path.is_file():
        raise DatasetNotInstalledError(f"{path} does not exist.\n" + install_message())
    if verify_checksum:
        got = _sha256(path)
        if got != CYTOSIG_SHA256:
            raise DatasetValidationError(
                f"{path} is not the signature matrix of {CYTOSIG_DISTRIBUTION} {CYTOSIG_VERSION} "
                f"(SHA-256 {got[:12]}..., expected {CYTOSIG_SHA256[:12]}...). Reinstall it:\n"
                f"    python -m pip install --force-reinstall --no-deps "
                f"{CYTOSIG_DISTRIBUTION}=={CYTOSIG_VERSION}"
            )
    # The header line names the 43 signals only (no name for the gene column), so
    # pandas takes the first column as the index.
    frame = pd.read_csv(path, sep="\t", index_col=0)
    _validate(frame, path)
    frame.index.name = "gene"
    frame.columns.name = "signal"
    return frame.astype(float)


def _validate(frame: pd.DataFrame, path: Path) -> None:
    expected = [s.signal for s in CYTOSIG_SIGNALS]
    if list(frame.columns) != expected:
        missing = [c for c in expected if c not in frame.columns]
        extra = [c for c in frame.columns if c not in expected]
        raise DatasetValidationError(f"{path}: the signals must be the 43 of CytoSig "
                                     f"{CYTOSIG_VERSION} in order; missing {missing}, unexpected {extra}")
    if frame.shape != CYTOSIG_SHAPE:
        raise DatasetValidationError(f"{path}: expected {CYTOSIG_SHAPE[0]} genes x {CYTOSIG_SHAPE[1]} "
                                     f"signals, got {frame.shape[0]} x {frame.shape[1]}")
    if not frame.index.is_unique:
        dup = frame.index[frame.index.duplicated()][0]
        raise DatasetValidationError(f"{path}: gene symbols must be unique, {dup!r} appears twice")
    if not frame.index.map(lambda g: isinstance(g, str) and g == g.strip() and g != "").all():
        raise DatasetValidationError(f"{path}: every row must be named by a gene symbol")
    values = frame.to_numpy(dtype=float)
    if not np.isfinite(values).all():
        raise DatasetValidationError(f"{path}: the matrix must hold finite numbers only")


def cytosig_signatures(*, path: Path | str | None = None, verify_checksum: bool = True) -> pd.DataFrame:
    """The CytoSig response signatures: genes by signals.

    Parameters
    ----------
    path : path-like, optional
        A signature file to read instead of the installed one (used by the tests).
    verify_checksum : bool
        Refuse a file whose SHA-256 differs from CytoSig 0.0.3's (default True).

    Returns
    -------
    pandas.DataFrame
        4,881 rows (index ``gene``: human HGNC symbols) by 43 columns (``signal``:
        CytoSig names, see :data:`CYTOSIG_SIGNALS`). Each value is the consensus
        change of that gene's expression (log scale) after treatment with that
        signal. A fresh copy on every call.

    Raises
    ------
    DatasetNotInstalledError
        If CytoSig is not installed (the message says how to install it).
    DatasetValidationError
        If the file is not the expected matrix (checksum, signals, shape, names,
        non-finite values).

    References
    ----------
    jiang2021

    Examples
    --------
    >>> sig = cytosig_signatures()
    >>> sig.loc[["SOCS3", "STAT1"], ["IL6", "IFN1"]].gt(0).all().all()
    np.True_
    """
    chosen = cytosig_path() if path is None else Path(path)
    return _read(chosen.resolve() if chosen.exists() else chosen, verify_checksum).copy()


def signals() -> list[str]:
    """The 43 CytoSig signal names, in the file's order.

    Examples
    --------
    >>> signals()[:3]
    ['Activin A', 'BDNF', 'BMP2']
    """
    return [s.signal for s in CYTOSIG_SIGNALS]


def _info(signal: str) -> SignalInfo:
    if signal not in _BY_SIGNAL:
        raise unknown_name("CytoSig signal", signal, signals())
    return _BY_SIGNAL[signal]


def signal_label(signal: str) -> str:
    """The book's name for a CytoSig signal (``"IL6"`` -> ``"IL-6"``).

    Raises
    ------
    KeyError
        If ``signal`` is not one of the 43 names of :func:`signals`; the message
        suggests the closest.

    Examples
    --------
    >>> signal_label("GMCSF")
    'GM-CSF'
    """
    return _info(signal).label


def catalog_symbols(signal: str) -> tuple[str, ...]:
    """HGNC symbols of the catalog rows a CytoSig signal stands for (empty if none).

    Raises
    ------
    KeyError
        As :func:`signal_label`.

    Examples
    --------
    >>> catalog_symbols("IL27")
    ('IL27', 'EBI3')
    >>> catalog_symbols("NO")
    ()
    """
    return _info(signal).catalog


def cytosig_catalog_map() -> pd.DataFrame:
    """One row per CytoSig signal: its label, catalog symbols and a note.

    Returns
    -------
    pandas.DataFrame
        Index ``signal``; columns ``label``, ``catalog`` (tuple of HGNC symbols),
        ``in_catalog`` (bool) and ``note``.

    Examples
    --------
    >>> m = cytosig_catalog_map()
    >>> int(m["in_catalog"].sum()), len(m)
    (38, 43)
    """
    rows = [{"signal": s.signal, "label": s.label, "catalog": s.catalog,
             "in_catalog": bool(s.catalog), "note": s.note} for s in CYTOSIG_SIGNALS]
    return pd.DataFrame(rows).set_index("signal")


# Checked once at import: the table above must name each signal once.
assert len(_BY_SIGNAL) == len(CYTOSIG_SIGNALS) == CYTOSIG_SHAPE[1], "CYTOSIG_SIGNALS must list 43 distinct signals"
