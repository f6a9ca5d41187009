"""Code stage: sentences → PLOVER events."""

from eventwire.coding.coder import Coder

__all__ = ["Coder"]
