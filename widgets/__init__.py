"""Helper package for the interactive textbook *Cytokines*.

Layers
------
``widgets.models`` and ``widgets.catalog``
    Pure models and data (numpy, scipy, pandas). No UI imports; fully unit tested.
``widgets.figures``
    Matplotlib figures in one shared, colour-blind-safe style.
``widgets.explorers``
    Kernel-free ipywidgets explorers built from precomputed frames.
"""

__version__ = "0.1.0"
