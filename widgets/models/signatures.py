"""Reading cytokine activity from gene expression: response signatures and what they share.

A *response signature* lists, for many genes, how much each changes after a cell
is treated with one cytokine. Stack the signatures of many cytokines side by side
and you have a matrix ``S`` (genes x cytokines), such as the CytoSig matrix read by
:func:`widgets.datasets.cytosig_signatures`. This module asks three questions of
such a matrix.

1. **Which cytokines acted on this sample?** (:func:`infer_activity`) If a sample's
   change in expression ``y`` (one value per gene) was caused by several cytokines,
   it should look like a weighted sum of their signatures,
   ``y ~ S a`` with one *activity* ``a_k`` per cytokine. We estimate ``a`` by ridge
   regression, as CytoSig does (Jiang et al. 2021), and ask whether each estimate is
   larger than chance with a permutation test (shuffle which gene carries which
   value, refit, repeat) or with an analytic t test.
2. **Which cytokines do similar things?** (:func:`signature_correlation`,
   :func:`cluster_signatures`, :func:`shared_chain_test`) Correlate the signatures
   pairwise, cluster them, and test whether cytokines that share a receptor chain
   have more alike signatures than random groups of cytokines.
3. **Which cytokines does this gene list point to?** (:func:`enrichment_scores`) An
   enrichment score of a gene set against each signature, in the spirit of IREA
   (Cui et al. 2023), with a random-gene-set null.

Data made up for teaching are produced only by :func:`simulated_profile` and
:func:`simulated_mystery_profile`, and the gene list :data:`TOY_BIOPSY_GENES` is
invented; their names say so.

Examples
--------
>>> import pandas as pd
>>> S = pd.DataFrame({"A": [1.0, 0.0, 0.5, -0.5], "B": [0.0, 1.0, -0.5, 0.5]},
...                  index=["g1", "g2", "g3", "g4"])
>>> y = 2 * S["A"]
>>> fit = infer_activity(y, S, alpha=0.0, standardise=False, method="analytic")
>>> fit.coefficient.round(6).tolist()
[2.0, 0.0]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform

from widgets.models._checks import number_in_range, unknown_name

__all__ = [
    "ActivityFit",
    "Clustering",
    "GroupTest",
    "PairRank",
    "SHARED_CHAIN_GROUPS",
    "SharedChainGroup",
    "TOY_BIOPSY_GENES",
    "benjamini_hochberg",
    "cluster_signatures",
    "enrichment_scores",
    "infer_activity",
    "most_similar",
    "pair_rank",
    "shared_chain_test",
    "signature_correlation",
    "simulated_mystery_profile",
    "simulated_profile",
    "top_genes",
]


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def _standardise(values: np.ndarray) -> np.ndarray:
    """Each column to mean 0 and standard deviation 1 (across genes)."""
    centred = values - values.mean(axis=0)
    sd = centred.std(axis=0, ddof=1)
    if np.any(sd == 0):
        raise ValueError("cannot standardise a constant column (every gene has the same value)")
    return centred / sd


def _signature_frame(signatures: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(signatures, pd.DataFrame):
        raise ValueError(f"signatures must be a pandas DataFrame (genes x signals), got {type(signatures).__name__}")
    if signatures.shape[1] < 1 or signatures.shape[0] < 3:
        raise ValueError(f"signatures must have >= 3 genes and >= 1 signal, got shape {signatures.shape}")
    if not signatures.index.is_unique or not signatures.columns.is_unique:
        raise ValueError("signatures must have unique gene (row) and signal (column) names")
    values = signatures.to_numpy(dtype=float)
    if not np.isfinite(values).all():
        raise ValueError("signatures must hold finite numbers only")
    return signatures.astype(float)


def _permutations(n_permutations: object, *, at_least: int = 0) -> int:
    n = number_in_range("n_permutations", n_permutations, low=0)
    if n != int(n):
        raise ValueError(f"n_permutations must be a whole number, got {n_permutations!r}")
    if n < at_least:
        raise ValueError(f"n_permutations must be >= {at_least}, got {int(n)}")
    return int(n)


def benjamini_hochberg(p_values: Sequence[float] | pd.Series) -> np.ndarray | pd.Series:
    """False discovery rate (Benjamini-Hochberg adjusted p-values).

    Parameters
    ----------
    p_values : sequence of float or pandas.Series
        Raw p-values in [0, 1].

    Returns
    -------
    numpy.ndarray or pandas.Series
        Adjusted values (same shape and index as the input), each the smallest
        false discovery rate at which that test would be called significant.

    Raises
    ------
    ValueError
        If a p-value is outside [0, 1] or not a number.

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.5]).round(3).tolist()
    [0.04, 0.053, 0.053, 0.5]
    """
    index = p_values.index if isinstance(p_values, pd.Series) else None
    p = np.asarray(p_values, dtype=float)
    if p.ndim != 1 or np.isnan(p).any() or (p < 0).any() or (p > 1).any():
        raise ValueError(f"p_values must be a 1-d sequence of numbers in [0, 1], got {p_values!r}")
    n = p.size
    order = np.argsort(p)
    ranked = p[order] * n / np.arange(1, n + 1)
    # Walk down from the largest p-value so that adjusted values never decrease with p.
    adjusted_sorted = np.minimum.accumulate(ranked[::-1])[::-1]
    adjusted = np.empty(n)
    adjusted[order] = np.minimum(adjusted_sorted, 1.0)
    return pd.Series(adjusted, index=index) if index is not None else adjusted


# ---------------------------------------------------------------------------
# 1. Activity inference by ridge regression
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ActivityFit:
    """Result of :func:`infer_activity`: one row per signal.

    Attributes
    ----------
    coefficient : pandas.Series
        Ridge regression coefficient of each signal (its estimated activity; in
        standard-deviation units when the fit was standardised).
    z : pandas.Series
        Coefficient divided by its standard error: from the permutation null
        (``(coefficient - null mean) / null sd``, as CytoSig reports it) or from the
        analytic formula.
    p_value : pandas.Series
        Two-sided p-value of each coefficient.
    method : str
        ``"permutation"`` or ``"analytic"``.
    alpha : float
        Ridge penalty used.
    n_genes : int
        Genes shared by the profile and the signatures (the rows of the regression).
    n_permutations : int
        Number of permutations (0 for the analytic test).
    """

    coefficient: pd.Series
    z: pd.Series
    p_value: pd.Series
    method: str
    alpha: float
    n_genes: int
    n_permutations: int = 0

    def to_frame(self) -> pd.DataFrame:
        """The result as a table sorted by z (most active first), with FDR.

        Examples
        --------
        >>> import pandas as pd
        >>> S = pd.DataFrame({"A": [1., 0, 2, -1, 0], "B": [0., 1, -1, 0, 2]})
        >>> infer_activity(S["A"] + 0.1 * S["B"], S, method="analytic").to_frame().columns.tolist()
        ['coefficient', 'z', 'p_value', 'fdr']
        """
        table = pd.DataFrame({"coefficient": self.coefficient, "z": self.z, "p_value": self.p_value})
        table["fdr"] = benjamini_hochberg(table["p_value"])
        return table.sort_values("z", ascending=False)


def infer_activity(
    profile: pd.Series,
    signatures: pd.DataFrame,
    *,
    alpha: float = 1e4,
    method: str = "permutation",
    n_permutations: int = 1000,
    standardise: bool = True,
    seed: int = 0,
) -> ActivityFit:
    """Estimate which signals are active in an expression profile (ridge regression).

    The model is ``y = S a + noise``: the profile ``y`` (one value per gene, such as
    a log fold change between treated and control) is a weighted sum of the
    signatures ``S``. Ridge regression chooses the activities ``a`` that minimise

        ||y - S a||^2 + alpha * ||a||^2,

    whose solution is ``a = (S'S + alpha I)^-1 S'y``. The penalty ``alpha`` keeps the
    estimates stable when signatures resemble each other (many do); it also shrinks
    them towards zero, so coefficients compare signals within one fit rather than
    measure absolute amounts.

    Significance:

    * ``"permutation"``: shuffle the profile's values among genes (destroying any
      link between a gene and its response while keeping the values), refit, and
      repeat ``n_permutations`` times. The z-score is the observed coefficient
      minus the mean of the shuffled ones, divided by their standard deviation;
      the p-value is the fraction of shuffles at least as extreme as observed,
      ``(1 + count) / (1 + n_permutations)``.
    * ``"analytic"``: the classical formula for a linear smoother: residual
      variance ``s^2 = ||y - S a||^2 / (n - df)`` with ``df = trace(H)`` for the hat
      matrix ``H = S (S'S + alpha I)^-1 S'``, standard errors
      ``s * sqrt(diag(T T'))`` with ``T = (S'S + alpha I)^-1 S'``, and a t
      distribution with ``n - df`` degrees of freedom.

    Both tests treat genes as independent, which they are not (genes are
    co-regulated), so p-values are optimistic; compare signals by z rather than
    trusting a p-value to the third decimal.

    Parameters
    ----------
    profile : pandas.Series
        Expression change per gene (index: gene symbols, like the signatures').
    signatures : pandas.DataFrame
        Genes x signals (e.g. :func:`widgets.datasets.cytosig_signatures`).
    alpha : float
        Ridge penalty, >= 0 (CytoSig's default is 10,000 with standardised data).
    method : {"permutation", "analytic"}
        How to test the coefficients.
    n_permutations : int
        Number of shuffles for the permutation test (>= 100).
    standardise : bool
        Scale the profile and every signature to mean 0 and standard deviation 1
        across the shared genes first (as CytoSig does), so that coefficients do
        not depend on the units of each signature.
    seed : int
        Seed of the random shuffles (same seed, same answer).

    Returns
    -------
    ActivityFit
        Coefficients, z-scores and p-values per signal.

    Raises
    ------
    ValueError
        If fewer genes are shared than the number of signals + 2, if the profile or signatures hold
        non-finite values, if ``alpha`` < 0, if ``method`` is unknown, or if
        ``n_permutations`` < 100 for the permutation test.

    References
    ----------
    jiang2021

    Examples
    --------
    >>> from widgets.datasets import cytosig_signatures
    >>> S = cytosig_signatures()
    >>> y = simulated_profile(S, {"IFNG": 1.0, "IL6": 0.5}, noise_sd=0.05, seed=1)
    >>> fit = infer_activity(y, S, alpha=10, n_permutations=200)
    >>> fit.to_frame().index[:2].tolist()
    ['IFNG', 'IL6']

    With CytoSig's strong default penalty, correlated signatures share the credit:

    >>> infer_activity(y, S, n_permutations=200).to_frame().index[:3].tolist()
    ['IFNG', 'IL27', 'IL6']
    """
    signatures = _signature_frame(signatures)
    if not isinstance(profile, pd.Series):
        raise ValueError(f"profile must be a pandas Series indexed by gene, got {type(profile).__name__}")
    alpha = number_in_range("alpha", alpha, low=0.0)
    if method not in ("permutation", "analytic"):
        raise ValueError(f"method must be 'permutation' or 'analytic', got {method!r}")
    n_perm = _permutations(n_permutations)
    if method == "permutation" and n_perm < 100:
        raise ValueError(f"n_permutations must be >= 100 for the permutation test, got {n_perm}")

    # Use the genes that both the profile and the signatures measure.
    genes = signatures.index.intersection(profile.index)
    needed = signatures.shape[1] + 2
    if len(genes) < needed:
        raise ValueError(f"profile and signatures share {len(genes)} genes; at least {needed} "
                         f"(the number of signals + 2) are needed")
    y = profile.loc[genes].to_numpy(dtype=float)
    if not np.isfinite(y).all():
        raise ValueError("profile must hold finite numbers only")
    X = signatures.loc[genes].to_numpy(dtype=float)
    if standardise:
        X = _standardise(X)
        y = _standardise(y[:, None])[:, 0]

    n_genes, n_signals = X.shape
    # T maps a profile to its coefficients: a = T y, with T = (X'X + alpha I)^-1 X'.
    T = np.linalg.solve(X.T @ X + alpha * np.eye(n_signals), X.T)
    coefficient = T @ y

    if method == "permutation":
        rng = np.random.default_rng(seed)
        # Each column of `shuffled` is the profile with its values dealt to genes at random.
        shuffled = np.column_stack([rng.permutation(y) for _ in range(n_perm)])
        null = T @ shuffled                                  # signals x permutations
        null_mean = null.mean(axis=1)
        null_sd = null.std(axis=1, ddof=1)
        z = (coefficient - null_mean) / null_sd
        as_extreme = (np.abs(null) >= np.abs(coefficient)[:, None]).sum(axis=1)
        p_value = (1 + as_extreme) / (1 + n_perm)
    else:
        residual = y - X @ coefficient
        dof = n_genes - float(np.trace(X @ T))
        if dof <= 0:
            raise ValueError("too few genes for the analytic test (no residual degrees of freedom)")
        sigma2 = float(residual @ residual) / dof
        se = np.sqrt(sigma2 * np.einsum("ij,ij->i", T, T))
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(se > 0, coefficient / se, 0.0)
        p_value = 2 * stats.t.sf(np.abs(z), dof)
        n_perm = 0

    names = signatures.columns
    return ActivityFit(
        coefficient=pd.Series(coefficient, index=names, name="coefficient"),
        z=pd.Series(z, index=names, name="z"),
        p_value=pd.Series(p_value, index=names, name="p_value"),
        method=method,
        alpha=alpha,
        n_genes=n_genes,
        n_permutations=n_perm,
    )


def simulated_profile(
    signatures: pd.DataFrame,
    activities: Mapping[str, float],
    *,
    noise_sd: float,
    seed: int = 0,
) -> pd.Series:
    """A *simulated* expression profile with known cytokine activities (teaching data).

    The profile is ``sum_k a_k * s_k + noise``: the signatures of the chosen signals,
    each scaled to standard deviation 1 across genes and weighted by its activity,
    plus independent normal noise with standard deviation ``noise_sd`` per gene.
    It is made up, so the true answer is known; no sample was measured.

    Parameters
    ----------
    signatures : pandas.DataFrame
        Genes x signals.
    activities : mapping of str to float
        Signal name -> planted activity (in standard deviations of that signature).
    noise_sd : float
        Standard deviation of the added noise, >= 0 (same units).
    seed : int
        Seed of the noise.

    Returns
    -------
    pandas.Series
        One value per gene of ``signatures``, named ``"simulated profile"``.

    Raises
    ------
    KeyError
        If a signal is not a column of ``signatures`` (with suggestions).
    ValueError
        If ``noise_sd`` < 0 or an activity is not a finite number.

    Examples
    --------
    >>> import pandas as pd
    >>> S = pd.DataFrame({"A": [1.0, -1.0, 0.0], "B": [0.0, 1.0, -1.0]}, index=["x", "y", "z"])
    >>> simulated_profile(S, {"A": 2.0}, noise_sd=0.0).tolist()
    [2.0, -2.0, 0.0]
    """
    signatures = _signature_frame(signatures)
    noise_sd = number_in_range("noise_sd", noise_sd, low=0.0)
    profile = np.zeros(len(signatures))
    for signal, activity in activities.items():
        if signal not in signatures.columns:
            raise unknown_name("signal", signal, signatures.columns)
        a = number_in_range(f"activity of {signal}", activity)
        column = signatures[signal].to_numpy(dtype=float)
        profile += a * column / column.std(ddof=1)
    rng = np.random.default_rng(seed)
    profile += rng.normal(0.0, noise_sd, size=len(signatures)) if noise_sd > 0 else 0.0
    return pd.Series(profile, index=signatures.index, name="simulated profile")


TOY_BIOPSY_GENES: tuple[str, ...] = ("CXCL9", "CXCL10", "GBP2", "IRF1", "STAT1", "PSMB8", "PSMB10",
                                    "TAP2", "LAP3", "HLA-F", "IRF9", "SOCS3")
"""A made-up list of genes "up in a tumour biopsy after treatment" (Chapter 8's opening scene).

Invented for teaching: no patient or study lies behind it. CXCL9 and CXCL10 are
not among the 4,881 genes of the CytoSig matrix, so an analysis against CytoSig
uses the other ten.
"""

_MYSTERY_ACTIVITIES: dict[str, float] = {"OSM": 1.0, "IFNG": 0.7, "TGFB1": -0.8}
"""Truth behind :func:`simulated_mystery_profile` (for instructors; students infer it)."""
_MYSTERY_NOISE_SD = 8.0
_MYSTERY_SEED = 1


def simulated_mystery_profile(signatures: pd.DataFrame) -> pd.Series:
    """A *simulated* profile with hidden cytokine activities, for Chapter 8's exercise.

    Made up with :func:`simulated_profile`: three signals of the matrix are active
    and the rest are not, plus noise. The exercise ``ex-ch8-infer`` asks which; the
    answer is in the private ``_MYSTERY_ACTIVITIES`` of this module.

    Examples
    --------
    >>> import pandas as pd
    >>> from widgets.datasets import cytosig_signatures
    >>> simulated_mystery_profile(cytosig_signatures()).name
    'simulated mystery profile'
    """
    profile = simulated_profile(signatures, _MYSTERY_ACTIVITIES, noise_sd=_MYSTERY_NOISE_SD,
                                seed=_MYSTERY_SEED)
    return profile.rename("simulated mystery profile")


# ---------------------------------------------------------------------------
# 2. Similarity of responses
# ---------------------------------------------------------------------------

def signature_correlation(signatures: pd.DataFrame, *, method: str = "pearson") -> pd.DataFrame:
    """Pairwise correlation of signatures across genes (signals x signals).

    Parameters
    ----------
    signatures : pandas.DataFrame
        Genes x signals.
    method : {"pearson", "spearman"}
        Pearson compares values, Spearman their ranks (less swayed by a few genes
        with very large changes).

    Returns
    -------
    pandas.DataFrame
        Symmetric, ones on the diagonal.

    Raises
    ------
    ValueError
        If ``method`` is unknown.

    Examples
    --------
    >>> import pandas as pd
    >>> S = pd.DataFrame({"A": [1., 2, 3, 4], "B": [2., 4, 6, 8], "C": [4., 3, 2, 1]})
    >>> signature_correlation(S).round(6).loc["A"].tolist()
    [1.0, 1.0, -1.0]
    """
    signatures = _signature_frame(signatures)
    if method not in ("pearson", "spearman"):
        raise ValueError(f"method must be 'pearson' or 'spearman', got {method!r}")
    return signatures.corr(method=method)


def _correlation_frame(correlation: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(correlation, pd.DataFrame) or list(correlation.index) != list(correlation.columns):
        raise ValueError("correlation must be a square DataFrame with the same signals as rows and columns")
    return correlation


def most_similar(correlation: pd.DataFrame, signal: str, *, n: int = 5, least: bool = False) -> pd.Series:
    """The signals whose signatures correlate most (or least) with ``signal``.

    Parameters
    ----------
    correlation : pandas.DataFrame
        From :func:`signature_correlation`.
    signal : str
        The signal to compare with the others.
    n : int
        How many to return (>= 1).
    least : bool
        Return the least similar (most negative) instead.

    Returns
    -------
    pandas.Series
        Correlations, sorted (highest first, or lowest first with ``least``),
        without ``signal`` itself.

    Raises
    ------
    KeyError
        If ``signal`` is unknown (with suggestions).

    Examples
    --------
    >>> import pandas as pd
    >>> S = pd.DataFrame({"A": [1., 2, 3, 4], "B": [2., 4, 6, 9], "C": [4., 3, 2, 1]})
    >>> most_similar(signature_correlation(S), "A", n=1).index.tolist()
    ['B']
    """
    correlation = _correlation_frame(correlation)
    if signal not in correlation.index:
        raise unknown_name("signal", signal, correlation.index)
    n = int(number_in_range("n", n, low=1))
    others = correlation[signal].drop(signal)
    return others.sort_values(ascending=least).head(n)


@dataclass(frozen=True)
class Clustering:
    """Hierarchical clustering of signatures (:func:`cluster_signatures`).

    Attributes
    ----------
    order : list of str
        Signals in dendrogram order (similar signals next to each other).
    labels : pandas.Series
        Cluster number (1, 2, ...) of each signal, cutting the tree into
        ``n_clusters`` groups.
    linkage : numpy.ndarray
        The scipy linkage matrix (average linkage on distance 1 - r).
    n_clusters : int
        Number of clusters the tree was cut into.
    """

    order: list[str]
    labels: pd.Series
    linkage: np.ndarray = field(repr=False)
    n_clusters: int

    def members(self, cluster: int) -> list[str]:
        """Signals in one cluster, in dendrogram order.

        Examples
        --------
        >>> import pandas as pd
        >>> r = pd.DataFrame([[1, .9, 0], [.9, 1, 0], [0, 0, 1]], index=list("ABC"), columns=list("ABC"))
        >>> c = cluster_signatures(r, n_clusters=2)
        >>> c.members(c.labels["A"])
        ['A', 'B']
        """
        return [s for s in self.order if self.labels[s] == cluster]


def cluster_signatures(correlation: pd.DataFrame, *, n_clusters: int = 8) -> Clustering:
    """Cluster signals by the similarity of their signatures.

    Average-linkage hierarchical clustering with distance ``1 - r``: two signals
    whose signatures correlate perfectly are at distance 0, uncorrelated ones at 1,
    opposite ones at 2. The tree is cut into ``n_clusters`` groups.

    Parameters
    ----------
    correlation : pandas.DataFrame
        From :func:`signature_correlation`.
    n_clusters : int
        Number of groups, between 1 and the number of signals.

    Returns
    -------
    Clustering

    Raises
    ------
    ValueError
        If ``n_clusters`` is out of range or the matrix is not square.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame([[1, .9, 0], [.9, 1, 0], [0, 0, 1]], index=list("ABC"), columns=list("ABC"))
    >>> labels = cluster_signatures(r, n_clusters=2).labels
    >>> labels["A"] == labels["B"] != labels["C"]
    np.True_
    """
    correlation = _correlation_frame(correlation)
    n = len(correlation)
    k = number_in_range("n_clusters", n_clusters, low=1, high=n)
    if k != int(k):
        raise ValueError(f"n_clusters must be a whole number, got {n_clusters!r}")
    distance = 1.0 - correlation.to_numpy(dtype=float)
    distance = (distance + distance.T) / 2
    np.fill_diagonal(distance, 0.0)
    tree = hierarchy.linkage(squareform(np.clip(distance, 0.0, None), checks=False), method="average")
    order = [correlation.index[i] for i in hierarchy.leaves_list(tree)]
    raw = hierarchy.fcluster(tree, t=int(k), criterion="maxclust")
    # Number clusters 1, 2, ... in the order they first appear along the dendrogram.
    first_seen: dict[int, int] = {}
    for name in order:
        first_seen.setdefault(int(raw[correlation.index.get_loc(name)]), len(first_seen) + 1)
    labels = pd.Series([first_seen[int(c)] for c in raw], index=correlation.index, name="cluster")
    return Clustering(order=order, labels=labels, linkage=tree, n_clusters=int(k))


@dataclass(frozen=True)
class SharedChainGroup:
    """Cytokines that share a receptor chain, as CytoSig signal names.

    Attributes
    ----------
    name : str
        Short name for text and figures (``"γc"``).
    chain : str
        HGNC symbol of the shared chain (``"IL2RG"``); ``""`` for groups defined
        otherwise (the interferon comparison).
    members : tuple of str
        CytoSig signals in the group.
    description : str
        What the group is and what the expectation is.
    """

    name: str
    chain: str
    members: tuple[str, ...]
    description: str


SHARED_CHAIN_GROUPS: tuple[SharedChainGroup, ...] = (
    SharedChainGroup("γc", "IL2RG", ("IL2", "IL4", "IL15", "IL21"),
                     "common γ chain cytokines in the matrix (IL-7 and IL-9 are not in it)"),
    SharedChainGroup("gp130", "IL6ST", ("IL6", "LIF", "OSM", "IL27"),
                     "gp130 cytokines in the matrix (IL-11 is not in it; IL-12 does not use gp130)"),
    SharedChainGroup("IL-4Rα", "IL4R", ("IL4", "IL13"),
                     "IL-4 and IL-13 share the type II receptor (IL-4Rα with IL-13Rα1) and STAT6"),
    SharedChainGroup("βc", "CSF2RB", ("IL3", "GMCSF"),
                     "common β chain cytokines in the matrix (IL-5 is not in it)"),
    SharedChainGroup("IL-1RAcP", "IL1RAP", ("IL1A", "IL1B", "IL36"),
                     "IL-1 family agonists that signal with the IL-1 receptor accessory protein"),
    SharedChainGroup("IL-10Rβ", "IL10RB", ("IL10", "IL22", "IFNL"),
                     "cytokines whose receptors include IL-10Rβ"),
    SharedChainGroup("IFN I vs III", "", ("IFN1", "IFNL"),
                     "different receptors (IFNAR versus IFNLR1/IL-10Rβ), the same STAT1-STAT2-IRF9 response"),
)
"""Groups of CytoSig signals whose receptors share a chain (from the catalog's receptor chains)."""


@dataclass(frozen=True)
class GroupTest:
    """Result of :func:`shared_chain_test`.

    Attributes
    ----------
    members : tuple of str
        The signals tested.
    mean_within : float
        Mean correlation over all pairs of members.
    null_mean, null_sd : float
        Mean and standard deviation of the same statistic for random groups of the
        same size drawn from all signals.
    p_value : float
        One-sided: fraction of random groups whose mean correlation is at least as
        high, ``(1 + count) / (1 + n_permutations)``.
    n_permutations : int
        Number of random groups.
    pairs : pandas.Series
        Correlation of each pair of members (index ``"A–B"``).
    """

    members: tuple[str, ...]
    mean_within: float
    null_mean: float
    null_sd: float
    p_value: float
    n_permutations: int
    pairs: pd.Series = field(repr=False)


def _mean_pairwise(r: np.ndarray, idx: np.ndarray) -> float:
    sub = r[np.ix_(idx, idx)]
    k = len(idx)
    return float((sub.sum() - np.trace(sub)) / (k * (k - 1)))


def shared_chain_test(
    correlation: pd.DataFrame,
    members: Iterable[str],
    *,
    n_permutations: int = 10_000,
    seed: int = 0,
) -> GroupTest:
    """Do these signals have more alike signatures than random groups of signals?

    The statistic is the mean correlation over all pairs of members. The null
    distribution comes from ``n_permutations`` random groups of the same size,
    drawn without replacement from all signals of the matrix; the p-value is the
    one-sided fraction at least as high (a permutation test of group labels).

    Parameters
    ----------
    correlation : pandas.DataFrame
        From :func:`signature_correlation`.
    members : iterable of str
        Two or more distinct signals.
    n_permutations : int
        Number of random groups (>= 100).
    seed : int
        Seed of the random groups.

    Returns
    -------
    GroupTest

    Raises
    ------
    KeyError
        If a member is unknown (with suggestions).
    ValueError
        If fewer than 2 distinct members are given, or too few permutations.

    Examples
    --------
    >>> import pandas as pd
    >>> names = list("ABCDEF")
    >>> r = pd.DataFrame(0.0, index=names, columns=names)
    >>> r.loc["A", "B"] = r.loc["B", "A"] = 0.9
    >>> for n in names: r.loc[n, n] = 1.0
    >>> res = shared_chain_test(r, ["A", "B"], n_permutations=2000)
    >>> round(res.mean_within, 2), res.p_value < 0.1
    (0.9, True)
    """
    correlation = _correlation_frame(correlation)
    members = tuple(dict.fromkeys(members))
    for m in members:
        if m not in correlation.index:
            raise unknown_name("signal", m, correlation.index)
    if len(members) < 2:
        raise ValueError(f"members must name at least 2 distinct signals, got {members!r}")
    n_perm = _permutations(n_permutations, at_least=100)

    r = correlation.to_numpy(dtype=float)
    idx = np.array([correlation.index.get_loc(m) for m in members])
    observed = _mean_pairwise(r, idx)
    rng = np.random.default_rng(seed)
    null = np.array([_mean_pairwise(r, rng.choice(len(r), size=len(idx), replace=False))
                     for _ in range(n_perm)])
    p_value = (1 + int((null >= observed - 1e-12).sum())) / (1 + n_perm)
    pairs = pd.Series({f"{a}–{b}": float(correlation.loc[a, b])
                       for i, a in enumerate(members) for b in members[i + 1:]}, name="r")
    return GroupTest(members=members, mean_within=observed, null_mean=float(null.mean()),
                     null_sd=float(null.std(ddof=1)), p_value=p_value, n_permutations=n_perm, pairs=pairs)


@dataclass(frozen=True)
class PairRank:
    """Where one pair's correlation falls among all pairs (:func:`pair_rank`).

    Attributes
    ----------
    r : float
        Correlation of the pair.
    rank : int
        1 for the most correlated pair of the whole matrix.
    n_pairs : int
        Number of distinct pairs.
    fraction_higher_or_equal : float
        Fraction of all pairs with a correlation at least as high (including this
        one): an empirical one-sided p-value for "this pair is unusually similar".
    """

    r: float
    rank: int
    n_pairs: int
    fraction_higher_or_equal: float


def pair_rank(correlation: pd.DataFrame, a: str, b: str) -> PairRank:
    """Rank the correlation of signals ``a`` and ``b`` among all pairs of the matrix.

    Raises
    ------
    KeyError
        If a signal is unknown (with suggestions).
    ValueError
        If ``a`` and ``b`` are the same signal.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame([[1, .8, .1], [.8, 1, .2], [.1, .2, 1]], index=list("ABC"), columns=list("ABC"))
    >>> pair_rank(r, "A", "B").rank
    1
    """
    correlation = _correlation_frame(correlation)
    for s in (a, b):
        if s not in correlation.index:
            raise unknown_name("signal", s, correlation.index)
    if a == b:
        raise ValueError(f"a and b must be different signals, got {a!r} twice")
    values = correlation.to_numpy(dtype=float)[np.triu_indices(len(correlation), k=1)]
    r_ab = float(correlation.loc[a, b])
    higher = int((values >= r_ab - 1e-12).sum())
    return PairRank(r=r_ab, rank=higher, n_pairs=int(values.size), fraction_higher_or_equal=higher / values.size)


def top_genes(signatures: pd.DataFrame, signal: str, *, n: int = 10, direction: str = "up") -> pd.Series:
    """The genes that change most in one signature.

    Parameters
    ----------
    signatures : pandas.DataFrame
        Genes x signals.
    signal : str
        A column of ``signatures``.
    n : int
        How many genes (>= 1).
    direction : {"up", "down"}
        Most increased or most decreased.

    Returns
    -------
    pandas.Series
        Signature values, sorted (largest change first).

    Raises
    ------
    KeyError
        If ``signal`` is unknown (with suggestions).
    ValueError
        If ``direction`` is neither ``"up"`` nor ``"down"``.

    Examples
    --------
    >>> import pandas as pd
    >>> S = pd.DataFrame({"A": [3.0, -2.0, 1.0]}, index=["X", "Y", "Z"])
    >>> top_genes(S, "A", n=2).index.tolist(), top_genes(S, "A", n=1, direction="down").index.tolist()
    (['X', 'Z'], ['Y'])
    """
    signatures = _signature_frame(signatures)
    if signal not in signatures.columns:
        raise unknown_name("signal", signal, signatures.columns)
    if direction not in ("up", "down"):
        raise ValueError(f"direction must be 'up' or 'down', got {direction!r}")
    n = int(number_in_range("n", n, low=1))
    column = signatures[signal]
    return column.sort_values(ascending=(direction == "down")).head(n)


# ---------------------------------------------------------------------------
# 3. Enrichment of a gene set (in the spirit of IREA)
# ---------------------------------------------------------------------------

def enrichment_scores(
    gene_set: Iterable[str],
    signatures: pd.DataFrame,
    *,
    n_permutations: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Score a gene set against every signature (an IREA-like enrichment).

    For each signal, every signature is first turned into z-scores across genes
    (mean 0, standard deviation 1), so that signals with large and small changes
    are on one scale. The *enrichment score* of the gene set is the mean z-score of
    its genes: positive when the set's genes tend to go up after that signal. Its
    significance comes from random gene sets of the same size drawn from all genes
    of the matrix (one-sided, "higher than random"), with Benjamini-Hochberg FDR
    across signals.

    How this differs from IREA (Cui et al. 2023): IREA is built on the Immune
    Dictionary itself, that is on mouse, single-cell responses measured cell type by
    cell type against PBS-injected controls. Here the reference is a bulk, human
    consensus signature per signal with no cell type and no control cells, and the
    null is a random gene set, which ignores the correlation between genes and so
    gives p-values that are too small when the set's genes are co-regulated.

    Parameters
    ----------
    gene_set : iterable of str
        Gene symbols (those absent from the matrix are ignored; at least 3 must be present).
    signatures : pandas.DataFrame
        Genes x signals.
    n_permutations : int
        Number of random gene sets (>= 100).
    seed : int
        Seed of the random gene sets.

    Returns
    -------
    pandas.DataFrame
        Index ``signal``; columns ``score``, ``p_value``, ``fdr``, ``n_genes``;
        sorted by score, highest first.

    Raises
    ------
    ValueError
        If fewer than 3 genes of the set are in the matrix, or too few permutations.

    References
    ----------
    cui2023

    Examples
    --------
    >>> from widgets.datasets import cytosig_signatures
    >>> S = cytosig_signatures()
    >>> isg = ["IFIT1", "IFIT2", "IFIT3", "MX1", "OAS1", "ISG15", "IFI6", "RSAD2"]
    >>> enrichment_scores(isg, S, n_permutations=500).index[0]
    'IFN1'
    """
    signatures = _signature_frame(signatures)
    n_perm = _permutations(n_permutations, at_least=100)
    wanted = list(dict.fromkeys(str(g) for g in gene_set))
    present = [g for g in wanted if g in signatures.index]
    if len(present) < 3:
        raise ValueError(f"at least 3 genes of the set must be in the signatures; "
                         f"found {len(present)} of {len(wanted)}")

    z = _standardise(signatures.to_numpy(dtype=float))          # genes x signals
    rows = signatures.index.get_indexer(present)
    score = z[rows].mean(axis=0)
    rng = np.random.default_rng(seed)
    null = np.array([z[rng.choice(len(z), size=len(rows), replace=False)].mean(axis=0)
                     for _ in range(n_perm)])                    # permutations x signals
    p_value = (1 + (null >= score - 1e-12).sum(axis=0)) / (1 + n_perm)
    table = pd.DataFrame({"score": score, "p_value": p_value}, index=signatures.columns)
    table["fdr"] = benjamini_hochberg(table["p_value"])
    table["n_genes"] = len(rows)
    table.index.name = "signal"
    return table.sort_values("score", ascending=False)
