"""Kernel-free explorers (ipywidgets linked in the browser to precomputed frames)."""

from widgets.explorers.core import FrameExplorer, Parameter, alt_values, figure_to_data_uri

__all__ = ["FrameExplorer", "Parameter", "alt_values", "figure_to_data_uri"]
