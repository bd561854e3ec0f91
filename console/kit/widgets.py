"""Small helpers every console widget uses: naming for screen readers and tests."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, object_name: str, accessible_name: str) -> W:
    """Give *widget* the objectName tests find it by and the accessibleName screen readers speak."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    return widget
