"""Checks for the computational exercises of Chapter 2, "Families of cytokines"."""

from __future__ import annotations

from widgets import catalog
from widgets.checks import Names, Numbers, register
from widgets.checks._synonyms import cytokine_spellings

DEATH = "death receptor (FADD-caspase-8)"
NAMES_TO_TRANSLATE = ("IL-8", "TNF-α", "MCP-1", "IL-29", "IL-12", "RANTES", "G-CSF")


def _chemokine_counts() -> list[float]:
    sub = catalog.family_members("chemokine")["subfamily"].astype(str).str.split().str[0]
    counts = sub.value_counts()
    return [float(counts.get(k, 0)) for k in ("CC", "CXC", "XC", "CX3C")]


register(Names(
    "ex-ch2-jak3",
    lambda: catalog.using_jak("JAK3")["complex"],
    hint="List complexes, not cytokines: IL-2 has two receptors that use JAK3.",
    what="complexes",
))
register(Names(
    "ex-ch2-gp130",
    lambda: set(catalog.using_receptor("IL6ST", roles="signalling")["ligand"]),
    hint="Use the signalling complexes that contain IL6ST and list their ligands.",
    what="cytokines",
    spellings=cytokine_spellings,
))
register(Numbers(
    "ex-ch2-chemokines",
    _chemokine_counts,
    rtol=0.0,
    close_rtol=0.2,
    hint="Count CC, CXC, XC and CX3C in that order, treating every CXC (...) entry as CXC.",
    what="counts",
    source="the catalog",
))
register(Names(
    "ex-ch2-naming",
    lambda: [catalog.lookup(n)["hgnc_symbol"] for n in NAMES_TO_TRANSLATE],
    hint="Give the symbol that catalog.lookup returns for each name.",
    what="symbols",
))
register(Names(
    "ex-ch2-superfamily",
    lambda: set(catalog.complexes()[catalog.complexes()["pathway"] == DEATH]["ligand"]),
    hint="Look at the pathway column of the signalling complexes.",
    what="ligands",
    spellings=cytokine_spellings,
))
