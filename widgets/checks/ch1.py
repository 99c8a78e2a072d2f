"""Checks for the computational exercises of Chapter 1, "What are cytokines?"."""

from __future__ import annotations

import numpy as np

from widgets.checks import Numbers, register
from widgets.models.binding import receptor_occupancy

register(Numbers(
    "ex-ch1-occupancy",
    lambda: np.asarray(receptor_occupancy([2.0, 20.0, 200.0], kd_pM=20.0)).tolist(),
    rtol=0.03,
    hint="Occupancy is [L] / ([L] + K_D) with both in pM.",
    what="occupancies",
))
