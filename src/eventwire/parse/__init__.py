"""Parse stage: spaCy with a model installed from a package (never downloaded)."""

from eventwire.parse.nlp import Parser, load_nlp

__all__ = ["Parser", "load_nlp"]
