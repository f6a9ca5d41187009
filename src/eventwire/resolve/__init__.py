"""Resolve stage: mentions → actors, dates and places."""

from eventwire.resolve.resolver import Resolver

__all__ = ["Resolver"]
