"""A small published dose-response dataset with a published fit, to check the fitting code.

* :func:`ryegrass` -- root length of perennial ryegrass against ferulic acid, the
  ``ryegrass`` dataset of the R package drc, used in Chapter 7 to check the 4PL fitting
  code against a published fit.

Unlike the large datasets of :mod:`widgets.datasets`, which the book reads from
installed packages, these 24 measurements have no Python package to read them from;
they are kept, with their source, in ``widgets/data/ryegrass.tsv`` (and typed again in
the tests, which compare the two).

A dataset is a frozen :class:`Dataset`: the columns as arrays, the units, where the
values were read and, where a published analysis exists, the reference estimates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import numpy as np
import pandas as pd
from numpy.typing import NDArray

__all__ = ["Dataset", "ryegrass"]

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, eq=False)
class Dataset:
    """A small dataset with its provenance.

    Attributes
    ----------
    name : str
        Short name.
    x, y : numpy.ndarray
        The dose (or concentration) and the response (read-only).
    x_label, y_label : str
        What the columns are, with units.
    source : str
        Where the values were read.
    reference_fit : Mapping[str, float]
        Published estimates of a 4PL fit, in the parameter names of
        :func:`widgets.models.assay.fit_logistic`.
    reference_source : str
        Where the reference estimates were read.
    """

    name: str
    x: NDArray[np.float64] = field(repr=False)
    y: NDArray[np.float64] = field(repr=False)
    x_label: str
    y_label: str
    source: str
    reference_fit: Mapping[str, float]
    reference_source: str


def ryegrass() -> Dataset:
    """The drc ``ryegrass`` data: 24 plants, 7 concentrations of ferulic acid.

    The data are part of a study of phenolic acids and root growth of perennial
    ryegrass (Inderjit, Streibig and Olofsdotter 2002, Physiologia Plantarum 114:422-428,
    as cited by drc); the values were read from ``data/ryegrass.rda`` of the drc
    repository (github.com/DoseResponse/drc, first commit). The four-parameter
    log-logistic fit of these data is an example of Ritz et al. (2015, bib key
    ``ritz2015``); its estimates were read in the test suite of the Python package
    Delicatessen (attributed there to Ritz et al. and R) and agree with the example
    output of the R package deli.

    Returns
    -------
    Dataset

    Examples
    --------
    >>> d = ryegrass()
    >>> d.x.size, float(d.x.max()), round(float(d.y.mean()), 3)
    (24, 30.0, 4.327)
    >>> d.reference_fit["ec50"]
    3.05795
    """
    table = pd.read_csv(DATA_DIR / "ryegrass.tsv", sep="\t")
    x = table["conc_mM"].to_numpy(dtype=float)
    y = table["rootl_cm"].to_numpy(dtype=float)
    x.setflags(write=False)
    y.setflags(write=False)
    return Dataset(
        name="ryegrass",
        x=x,
        y=y,
        x_label="Ferulic acid (mM)",
        y_label="Root length (cm)",
        source="R package drc, data/ryegrass.rda (github.com/DoseResponse/drc, commit 8dcccc3); "
               "Inderjit, Streibig and Olofsdotter 2002",
        reference_fit=MappingProxyType({"bottom": 7.79296, "top": 0.48141, "ec50": 3.05795, "slope": 2.98222}),
        reference_source="ritz2015 (LL.4 fit; estimates b = 2.98222, c = 0.48141, d = 7.79296, e = 3.05795 "
                         "as read in the Delicatessen tests, tests/test_ee_doseresponse.py)",
    )
