"""Sourced catalog of human cytokines, their receptor chains, signalling complexes and drugs.

What binds what is recorded per signalling complex (``complexes.tsv``): IL-12 is
IL12A + IL12B on IL12RB1 + IL12RB2; IL-35 is IL12A + EBI3 on IL12RB2 + gp130; IL-4
has a type I (IL-4Rα + γc) and a type II (IL-4Rα + IL-13Rα1) receptor. Queries by
receptor chain, JAK and STAT answer in complexes. See ``widgets/data/README.md`` for
the data dictionary and the sources every row was checked against.

Modules: :mod:`~widgets.catalog.vocabularies` (allowed values),
:mod:`~widgets.catalog.tables` (reading, derived columns),
:mod:`~widgets.catalog.validation` (the rules), :mod:`~widgets.catalog.queries`
(lookups), :mod:`~widgets.catalog.sharing` (families and shared chains).

Examples
--------
>>> from widgets import catalog
>>> catalog.lookup("interleukin 6")["hgnc_symbol"]
'IL6'
>>> sorted(set(catalog.using_receptor("IL2RG")["ligand"]))
['IL-15', 'IL-2', 'IL-21', 'IL-4', 'IL-7', 'IL-9']
>>> sorted(catalog.complexes_of("IL-4")["receptor_chains"])
[('IL4R', 'IL13RA1'), ('IL4R', 'IL2RG')]
"""

from widgets.catalog.queries import (
    complexes_of,
    drugs_for,
    families,
    family_members,
    is_heteromer,
    lookup,
    normalise,
    using_jak,
    using_receptor,
    using_stat,
)
from widgets.catalog.sharing import (
    SHARED_CHAINS,
    ChainNetwork,
    chain_label,
    family_chains,
    family_ligands,
    family_members_sorted,
    family_table,
    shared_chain_network,
    shared_chain_table,
    shared_chain_users,
)
from widgets.catalog.tables import COLUMNS, DATA_DIR, TABLES, complexes, cytokines, drugs, receptors, table_path
from widgets.catalog.validation import validate
from widgets.catalog.vocabularies import (
    AGENCIES,
    FAMILIES,
    FOLDS,
    INFLAMMATORY,
    JAKS,
    MECHANISMS,
    MOLECULE_TYPES,
    PATHWAYS,
    ROLES,
    SIGNALLING_ROLES,
    STATS,
    UNIPROT_RE,
)

__all__ = [
    "AGENCIES", "COLUMNS", "DATA_DIR", "FAMILIES", "FOLDS", "INFLAMMATORY", "JAKS", "MECHANISMS", "MOLECULE_TYPES",
    "PATHWAYS",
    "ROLES", "SHARED_CHAINS", "SIGNALLING_ROLES", "STATS", "TABLES", "UNIPROT_RE",
    "ChainNetwork", "chain_label", "complexes", "complexes_of", "cytokines", "drugs", "drugs_for", "families",
    "family_chains", "family_ligands", "family_members", "family_members_sorted", "family_table", "is_heteromer",
    "lookup",
    "normalise", "receptors", "shared_chain_network", "shared_chain_table", "shared_chain_users", "table_path",
    "using_jak", "using_receptor", "using_stat", "validate",
]
