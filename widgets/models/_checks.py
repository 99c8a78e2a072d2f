"""Input checks shared by the model modules (private)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def nonnegative_array(name: str, value: ArrayLike, *, strictly_positive: bool = False) -> NDArray[np.float64]:
    """``value`` as a float array; refuse non-numbers, NaN, infinities and negative (or zero) entries.

    Examples
    --------
    >>> nonnegative_array("ligand_pM", [0, 1.5]).tolist()
    [0.0, 1.5]
    >>> nonnegative_array("kd_pM", 0.0, strictly_positive=True)
    Traceback (most recent call last):
    ...
    ValueError: kd_pM must be > 0, got 0.0
    """
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numeric, got {value!r}") from None
    if np.isnan(arr).any():
        raise ValueError(f"{name} must not contain NaN, got {value!r}")
    if np.isinf(arr).any():
        raise ValueError(f"{name} must be finite, got {value!r}")
    if strictly_positive and (arr <= 0).any():
        raise ValueError(f"{name} must be > 0, got {float(arr[arr <= 0].flat[0])!r}")
    if (arr < 0).any():
        raise ValueError(f"{name} must be >= 0, got {float(arr[arr < 0].flat[0])!r}")
    return arr
