"""Controlled vocabularies of the catalog tables (one home for each list of allowed values)."""

from __future__ import annotations

import re

__all__ = [
    "AGENCIES",
    "FAMILIES",
    "FIRST_APPROVAL_YEAR_MIN",
    "FOLDS",
    "INFLAMMATORY",
    "JAKS",
    "MECHANISMS",
    "MOLECULE_TYPES",
    "PATHWAYS",
    "ROLES",
    "SIGNALLING_ROLES",
    "STATS",
    "UNIPROT_RE",
]

FAMILIES: tuple[str, ...] = (
    "IL-1 family",
    "common γ-chain family",
    "common β-chain family",
    "IL-6 family",
    "IL-12 family",
    "IL-10 family",
    "IL-17 family",
    "interferon",
    "TNF superfamily",
    "chemokine",
    "TGF-β superfamily",
    "GDNF family",
    "haematopoietic growth factor",
    "growth factor",
    "adipokine",
    "hormone-like cytokine",
    "complement anaphylatoxin",
    "other",
)
"""The ``family`` column of ``cytokines.tsv``."""

PATHWAYS: tuple[str, ...] = (
    "JAK-STAT",
    "MyD88-NF-κB",
    "TNFR-NF-κB",
    "death receptor (FADD-caspase-8)",
    "Act1-NF-κB",
    "SMAD",
    "GPCR",
    "RTK",
    "AdipoR-AMPK",
    "receptor antagonist",
    "other",
    "unresolved",
)
"""The ``pathway`` column of ``cytokines.tsv`` (main pathway) and ``complexes.tsv``."""

FOLDS: tuple[str, ...] = (
    "four-helix bundle",
    "β-trefoil",
    "TNF homology (jelly-roll)",
    "chemokine fold",
    "cystine knot",
    "EGF-like",
    "insulin-like",
    "C1q/TNF-like",
    "anaphylatoxin",
    "other",
)
"""The ``fold`` column of ``cytokines.tsv``."""

INFLAMMATORY: tuple[str, ...] = ("pro", "anti", "context")
"""The ``inflammatory`` column of ``cytokines.tsv``."""

ROLES: tuple[str, ...] = ("signalling", "non-canonical", "antagonist", "decoy", "scavenger", "binding")
"""The ``role`` column of ``complexes.tsv``.

``signalling``: the complex that carries the ligand's signal. ``non-canonical``: a
documented signalling complex that is not the main one (needs a note and a source).
``antagonist``: the ligand occupies the receptor without signalling and blocks it.
``decoy``: the receptor captures the ligand without passing on a signal.
``scavenger``: an atypical chemokine receptor that internalises and degrades the ligand.
``binding``: binding is documented; the catalog records no signalling role.
"""

SIGNALLING_ROLES: tuple[str, ...] = ("signalling", "non-canonical")
"""Roles of complexes that signal (and therefore have a pathway)."""

JAKS: tuple[str, ...] = ("JAK1", "JAK2", "JAK3", "TYK2")
"""The four Janus kinases (HGNC symbols)."""

STATS: tuple[str, ...] = ("STAT1", "STAT2", "STAT3", "STAT4", "STAT5A", "STAT5B", "STAT6")
"""The seven STAT transcription factors (HGNC symbols)."""

MECHANISMS: tuple[str, ...] = (
    "ligand block",
    "receptor block",
    "agonist",
    "kinase inhibitor",
    "cell depletion",
)
"""The ``mechanism`` column of ``drugs.tsv``: what the drug does to the signal.

``ligand block``: binds the cytokine and keeps it from its receptor; ``receptor block``:
occupies a receptor chain (antibody, antagonist or small molecule) without signalling;
``agonist``: activates a receptor (a recombinant or engineered cytokine, a mimetic, or a
vector that makes the cytokine); ``kinase inhibitor``: blocks a JAK inside the cell;
``cell depletion``: uses a receptor chain as an address to remove the cells that carry it
(an antibody that recruits killer cells, or a cytokine fused to a toxin)."""

MOLECULE_TYPES: tuple[str, ...] = (
    "monoclonal antibody",
    "antibody fragment",
    "ligand trap",
    "recombinant cytokine",
    "pegylated cytokine",
    "Fc-fused cytokine",
    "engineered cytokine",
    "cytokine-toxin fusion",
    "peptide",
    "small molecule",
    "oncolytic virus",
)
"""The ``molecule_type`` column of ``drugs.tsv``: what kind of molecule the drug is.

``ligand trap``: receptor ectodomains on an antibody Fc; ``recombinant cytokine``: a
recombinant human cytokine made to reproduce the natural protein (including the natural
antagonist IL-1Ra, anakinra), possibly with small changes made for its production (the
data README lists them); ``engineered cytokine``: a mutein designed to change the cytokine's
activity or persistence, an analogue with added glycans or a pre-assembled
cytokine-receptor complex; ``peptide``: a synthetic or Fc-fused peptide."""

AGENCIES: tuple[str, ...] = ("FDA", "EMA", "PMDA")
"""Regulators whose first approval is recorded in ``drugs.tsv``: the FDA where the drug
is approved in the USA, otherwise the EMA (European Union), otherwise Japan's PMDA."""

FIRST_APPROVAL_YEAR_MIN = 1980
"""Earliest plausible first-approval year (the first recombinant cytokines: 1986)."""

UNIPROT_RE = re.compile(
    r"^(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})$"
)
"""UniProtKB accession format (https://www.uniprot.org/help/accession_numbers)."""
