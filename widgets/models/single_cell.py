"""A *simulated* lymph node for teaching single-cell RNA-seq analysis (made-up data).

Nothing here was measured. :func:`simulated_lymph_node` makes UMI counts for a few
cell types in PBS-treated and cytokine-treated mice, with known truth built in:

* each cell type has its own marker genes, so the cells form clusters;
* only cell types that carry the cytokine's receptor respond *directly*, by raising
  a set of response genes;
* optionally, the responding cells release a secondary signal that raises a second,
  smaller set of genes in a cell type *without* the receptor (an *indirect* effect);
* every mouse differs a little from every other in every gene (biological variation
  between animals), which is what makes pseudo-replication dangerous.

The helper functions are the first steps of a real analysis, in their simplest form:
library-size normalisation and log transform (:func:`normalise`), principal
components (:func:`principal_components`), clustering (:func:`cluster_cells`), and
two ways to test one gene between conditions (:func:`compare_conditions`): cell by
cell, which treats cells as replicates, and by mouse (the mean of each mouse's
log-normalised values, a simple stand-in for a summed-count pseudobulk), which does not.

Examples
--------
>>> sim = simulated_lymph_node(seed=1)
>>> sim.counts.shape[1] == len(sim.genes)
True
>>> sorted(set(sim.cell_type.tolist()))
['B cell', 'T cell', 'macrophage']
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats
from scipy.cluster.vq import kmeans2

from widgets.models._checks import number_in_range, unknown_name

__all__ = [
    "CELL_TYPES",
    "Comparison",
    "NORMALISATION_TARGET",
    "SimulatedCells",
    "cluster_cells",
    "compare_conditions",
    "normalise",
    "principal_components",
    "simulated_lymph_node",
]

CELL_TYPES: tuple[str, ...] = ("B cell", "T cell", "macrophage")
"""Cell types of the simulated lymph node."""

NORMALISATION_TARGET: float = 1e4
"""Counts per cell after :func:`normalise` scales each cell to the same total (the usual 10,000)."""

_RESPONDERS = ("B cell", "macrophage")     # carry the receptor of the simulated cytokine


@dataclass(frozen=True)
class SimulatedCells:
    """UMI counts of a simulated lymph node experiment (teaching data, not measured).

    Attributes
    ----------
    counts : numpy.ndarray
        Cells x genes, integer UMI counts.
    genes : list of str
        Gene names: ``marker_<type>_<i>``, ``receptor``, ``response_<i>``,
        ``secondary_<i>``, ``other_<i>`` (40 genes that never change).
    cell_type, condition, mouse : numpy.ndarray
        Per cell: its type, ``"PBS"`` or ``"cytokine"``, and its mouse
        (``"PBS-1"``, ``"cytokine-2"``, ...).
    indirect : bool
        Whether the simulation included the indirect (secondary) effect on T cells.
    """

    counts: np.ndarray = field(repr=False)
    genes: list[str] = field(repr=False)
    cell_type: np.ndarray = field(repr=False)
    condition: np.ndarray = field(repr=False)
    mouse: np.ndarray = field(repr=False)
    indirect: bool = False

    def cells(self) -> pd.DataFrame:
        """One row per cell: type, condition, mouse and total UMIs.

        Examples
        --------
        >>> simulated_lymph_node(seed=0).cells().columns.tolist()
        ['cell_type', 'condition', 'mouse', 'total_umis']
        """
        return pd.DataFrame({"cell_type": self.cell_type, "condition": self.condition,
                             "mouse": self.mouse, "total_umis": self.counts.sum(axis=1)})

    def gene_index(self, gene: str) -> int:
        """Column of one gene.

        Raises
        ------
        KeyError
            If the gene is unknown (with suggestions).
        """
        if gene not in self.genes:
            raise unknown_name("gene", gene, self.genes)
        return self.genes.index(gene)


def simulated_lymph_node(
    *,
    cells_per_type_per_mouse: int = 40,
    mice_per_condition: int = 3,
    response_log2fc: float = 1.5,
    indirect: bool = False,
    mouse_sd: float = 0.35,
    seed: int = 0,
) -> SimulatedCells:
    """Simulate UMI counts of lymph node cells after PBS or a cytokine (made-up data).

    Parameters
    ----------
    cells_per_type_per_mouse : int
        Cells of each type captured from each mouse (>= 5).
    mice_per_condition : int
        Mice injected with PBS, and the same number with the cytokine (>= 2).
    response_log2fc : float
        Increase (log2 fold change) of the 10 response genes in cell types that carry
        the receptor (B cells and macrophages), >= 0.
    indirect : bool
        Also raise 5 secondary genes in T cells (which lack the receptor) by half of
        ``response_log2fc``, standing for a secondary cytokine made by the responders.
    mouse_sd : float
        Standard deviation, on the natural-log scale, of each gene's level between mice.
    seed : int
        Seed of the random numbers.

    Returns
    -------
    SimulatedCells

    Raises
    ------
    ValueError
        If a count or a standard deviation is out of range.

    Examples
    --------
    >>> sim = simulated_lymph_node(cells_per_type_per_mouse=10, mice_per_condition=2)
    >>> sim.counts.shape
    (120, 68)
    """
    n_cells = int(number_in_range("cells_per_type_per_mouse", cells_per_type_per_mouse, low=5))
    n_mice = int(number_in_range("mice_per_condition", mice_per_condition, low=2))
    effect = number_in_range("response_log2fc", response_log2fc, low=0)
    mouse_sd = number_in_range("mouse_sd", mouse_sd, low=0)
    rng = np.random.default_rng(seed)

    genes = ([f"marker_{t.split()[0].lower()}_{i}" for t in CELL_TYPES for i in range(4)]
             + ["receptor"] + [f"response_{i}" for i in range(10)]
             + [f"secondary_{i}" for i in range(5)] + [f"other_{i}" for i in range(40)])
    n_genes = len(genes)
    col = {g: i for i, g in enumerate(genes)}
    base = np.log(rng.uniform(0.3, 2.0, size=n_genes))          # mean UMIs per cell, log scale

    cell_type: list[str] = []
    condition: list[str] = []
    mouse: list[str] = []
    log_means: list[np.ndarray] = []
    for cond in ("PBS", "cytokine"):
        for m in range(1, n_mice + 1):
            mouse_shift = rng.normal(0.0, mouse_sd, size=n_genes)   # this mouse's own levels
            for t in CELL_TYPES:
                mu = base + mouse_shift
                for i in range(4):
                    mu[col[f"marker_{t.split()[0].lower()}_{i}"]] += np.log(12.0)
                if t in _RESPONDERS:
                    mu[col["receptor"]] += np.log(6.0)
                    if cond == "cytokine":
                        for i in range(10):
                            mu[col[f"response_{i}"]] += effect * np.log(2.0)
                if indirect and t == "T cell" and cond == "cytokine":
                    for i in range(5):
                        mu[col[f"secondary_{i}"]] += 0.5 * effect * np.log(2.0)
                for _ in range(n_cells):
                    cell_type.append(t)
                    condition.append(cond)
                    mouse.append(f"{cond}-{m}")
                    log_means.append(mu)
    mean_matrix = np.array(log_means)
    size = rng.lognormal(0.0, 0.3, size=(len(mean_matrix), 1))      # capture efficiency per cell
    counts = rng.poisson(size * np.exp(mean_matrix))
    return SimulatedCells(counts=counts, genes=genes, cell_type=np.array(cell_type),
                          condition=np.array(condition), mouse=np.array(mouse), indirect=bool(indirect))


def normalise(counts: np.ndarray, *, target: float = NORMALISATION_TARGET) -> np.ndarray:
    """Scale each cell to the same total and take the natural logarithm of 1 + x.

    Cells differ in how many molecules were captured; dividing by each cell's total
    and multiplying by ``target`` removes that difference, and the logarithm makes
    a doubling look the same for rare and abundant genes.

    Raises
    ------
    ValueError
        If a cell has no counts or a count is negative.

    Examples
    --------
    >>> normalise(np.array([[1, 1], [2, 2]]), target=2).round(3).tolist()
    [[0.693, 0.693], [0.693, 0.693]]
    """
    counts = np.asarray(counts, dtype=float)
    if (counts < 0).any():
        raise ValueError("counts must be >= 0")
    totals = counts.sum(axis=1, keepdims=True)
    if (totals == 0).any():
        raise ValueError("every cell must have at least one count")
    return np.log1p(counts / totals * target)


def principal_components(values: np.ndarray, *, n_components: int = 2) -> np.ndarray:
    """Coordinates of each cell on the first principal components (centred, by SVD).

    Examples
    --------
    >>> x = np.array([[0., 0], [1, 1], [2, 2], [3, 3.1]])
    >>> principal_components(x, n_components=1).shape
    (4, 1)
    """
    values = np.asarray(values, dtype=float)
    k = int(number_in_range("n_components", n_components, low=1, high=min(values.shape)))
    centred = values - values.mean(axis=0)
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    return u[:, :k] * s[:k]


def cluster_cells(coordinates: np.ndarray, *, n_clusters: int = 3, seed: int = 0) -> np.ndarray:
    """k-means clusters (0, 1, ...) of cells from their coordinates.

    Examples
    --------
    >>> pts = np.array([[0., 0], [0.1, 0], [5, 5], [5.1, 5]])
    >>> labels = cluster_cells(pts, n_clusters=2)
    >>> labels[0] == labels[1] != labels[2] == labels[3]
    np.True_
    """
    k = int(number_in_range("n_clusters", n_clusters, low=1, high=len(coordinates)))
    _, labels = kmeans2(np.asarray(coordinates, dtype=float), k, minit="++", seed=seed)
    return labels


@dataclass(frozen=True)
class Comparison:
    """One gene, one cell type, cytokine versus PBS, tested two ways (:func:`compare_conditions`).

    Attributes
    ----------
    log2fc : float
        log2 of the ratio of mean normalised expression (cytokine / PBS).
    p_cells : float
        Two-sided Wilcoxon rank-sum p-value treating every cell as a replicate.
    p_mice : float
        Two-sided Welch t-test p-value on the per-mouse means of log-normalised
        expression: the mice are the replicates.
    n_cells : tuple of int
        Cells (PBS, cytokine).
    n_mice : tuple of int
        Mice (PBS, cytokine).
    mouse_means : pandas.Series
        Mean log-normalised expression (see :func:`normalise`) per mouse.
    """

    log2fc: float
    p_cells: float
    p_mice: float
    n_cells: tuple[int, int]
    n_mice: tuple[int, int]
    mouse_means: pd.Series = field(repr=False)


def compare_conditions(sim: SimulatedCells, gene: str, cell_type: str) -> Comparison:
    """Test one gene in one cell type, cytokine versus PBS, by cells and by mice.

    Raises
    ------
    KeyError
        If the gene or cell type is unknown (with suggestions).

    Examples
    --------
    >>> sim = simulated_lymph_node(seed=2)
    >>> c = compare_conditions(sim, "response_0", "macrophage")
    >>> c.log2fc > 1, c.p_mice < 0.05
    (True, True)
    """
    if cell_type not in CELL_TYPES:
        raise unknown_name("cell type", cell_type, CELL_TYPES)
    expr = normalise(sim.counts)[:, sim.gene_index(gene)]
    keep = sim.cell_type == cell_type
    pbs = keep & (sim.condition == "PBS")
    cyt = keep & (sim.condition == "cytokine")
    p_cells = float(stats.mannwhitneyu(expr[cyt], expr[pbs], alternative="two-sided").pvalue)
    means = pd.Series(expr[keep]).groupby(sim.mouse[keep]).mean()
    pbs_m = means[[m for m in means.index if m.startswith("PBS")]]
    cyt_m = means[[m for m in means.index if m.startswith("cytokine")]]
    p_mice = float(stats.ttest_ind(cyt_m, pbs_m, equal_var=False).pvalue)
    linear = np.expm1(expr)
    log2fc = float(np.log2((linear[cyt].mean() + 1e-9) / (linear[pbs].mean() + 1e-9)))
    return Comparison(log2fc=log2fc, p_cells=p_cells, p_mice=p_mice,
                      n_cells=(int(pbs.sum()), int(cyt.sum())), n_mice=(len(pbs_m), len(cyt_m)),
                      mouse_means=means)
