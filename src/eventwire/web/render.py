"""Render the UI's Jinja2 templates (autoescaped, strict about undefined names)."""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import jinja2

from eventwire.web import TEMPLATES_DIR

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def safe_href(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) address, else None (never a ``javascript:``)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` of ``params`` with ``changes`` applied; empty values are dropped."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else "?"


@functools.cache
def environment() -> jinja2.Environment:
    """The one Jinja2 environment of the UI."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["quad_names"] = QUAD_NAMES
    env.globals["safe_href"] = safe_href
    env.globals["query_string"] = query_string
    env.filters["urlquote"] = lambda value: quote(str(value), safe="")
    return env


def page(name: str, **context: Any) -> str:
    """The HTML of template ``name`` with ``context``."""
    return environment().get_template(name).render(**context)
