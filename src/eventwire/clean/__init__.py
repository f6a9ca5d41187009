"""The clean stage: same-length normalised text and classified line blocks."""

from eventwire.clean.rules import Cleaner, load_rules, normalise, split_lines

__all__ = ["Cleaner", "load_rules", "normalise", "split_lines"]
