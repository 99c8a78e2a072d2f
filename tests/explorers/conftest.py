"""Helpers shared by the explorer tests."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable

import pytest
from PIL import Image

from widgets.explorers.core import DEFAULT_IMAGE_FORMAT


def _frame_image(uri: str) -> Image.Image:
    assert uri.startswith(f"data:image/{DEFAULT_IMAGE_FORMAT};base64,")
    return Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))


@pytest.fixture(scope="session")
def frame_image() -> Callable[[str], Image.Image]:
    """A function decoding a frame's ``data:`` URI (in the default image format) into a Pillow image."""
    return _frame_image
