"""Kernel-free explorers (ipywidgets linked in the browser to precomputed frames).

One module per chapter topic; each explorer is a function ``<name>_explorer()``
returning a :class:`FrameExplorer` built from a module-level frame function (see
CONTRIBUTING.md, "The explorer contract").
"""

from widgets.explorers.core import Control, Frame, FrameExplorer, alt_values, figure_to_data_uri, render_frames

__all__ = ["Control", "Frame", "FrameExplorer", "alt_values", "figure_to_data_uri", "render_frames"]
