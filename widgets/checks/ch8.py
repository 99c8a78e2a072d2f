"""Checks for the computational exercises of Chapter 8, "The Immune Dictionary".

Every expected value is computed from the installed CytoSig signatures with the
package's own functions when the check runs.
"""

from __future__ import annotations

import functools

import pandas as pd

from widgets.checks import Names, Number, register
from widgets.checks._synonyms import cytosig_spellings
from widgets.datasets import cytosig_signatures
from widgets.models import signatures as sg


@functools.lru_cache(maxsize=1)
def _correlation() -> pd.DataFrame:
    return sg.signature_correlation(cytosig_signatures())


def _closest_to_il6() -> list[str]:
    return list(sg.most_similar(_correlation(), "IL6", n=1).index)


def _gamma_chain_mean_r() -> float:
    members = next(g.members for g in sg.SHARED_CHAIN_GROUPS if g.name == "γc")
    return sg.shared_chain_test(_correlation(), members, n_permutations=100).mean_within


def _mystery_active() -> list[str]:
    S = cytosig_signatures()
    table = sg.infer_activity(sg.simulated_mystery_profile(S), S, alpha=10, n_permutations=2000, seed=0).to_frame()
    return list(table.index[table["fdr"] < 0.05])


def _enrichment_top3() -> list[str]:
    table = sg.enrichment_scores(sg.TOY_BIOPSY_GENES, cytosig_signatures(), n_permutations=2000, seed=0)
    return list(table.index[:3])


def _interferon_overlap() -> float:
    S = cytosig_signatures()
    return float(len(set(sg.top_genes(S, "IFN1", n=20).index) & set(sg.top_genes(S, "IFNL", n=20).index)))


register(Names(
    "ex-ch8-closest",
    _closest_to_il6,
    hint="Give the CytoSig column name (for example 'LIF'), from most_similar(correlation, 'IL6', n=1).",
    what="signals",
    spellings=cytosig_spellings,
))

register(Number(
    "ex-ch8-gamma",
    _gamma_chain_mean_r,
    rtol=0.03,
    close_rtol=0.3,
    hint="Average the six pairwise correlations of IL2, IL4, IL15 and IL21 (not the diagonal).",
))

register(Names(
    "ex-ch8-infer",
    _mystery_active,
    hint="Use alpha=10, n_permutations=2000, seed=0 and keep the signals with FDR < 0.05 (CytoSig names).",
    what="signals",
    spellings=cytosig_spellings,
))

register(Names(
    "ex-ch8-enrich",
    _enrichment_top3,
    hint="The three signals with the highest enrichment score (n_permutations=2000, seed=0), CytoSig names.",
    what="signals",
    spellings=cytosig_spellings,
))

register(Number(
    "ex-ch8-overlap",
    _interferon_overlap,
    rtol=0.0,
    close_rtol=0.15,
    hint="Count the genes that are among the 20 most increased of both IFN1 and IFNL.",
))
