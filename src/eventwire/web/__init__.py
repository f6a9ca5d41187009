"""The web UI: Jinja2 templates and static files served by :mod:`eventwire.api`.

Pages are rendered on the server with autoescaping on, so article text is always shown as
text. Charts are SVG drawn here (:mod:`eventwire.web.charts`); the little JavaScript there is
(``static/app.js``) only adds hover links between an article's marks and its records. Every
asset is served from this package: no CDN, nothing fetched at run time.
"""

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

__all__ = ["STATIC_DIR", "TEMPLATES_DIR"]
