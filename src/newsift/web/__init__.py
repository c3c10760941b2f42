"""The web workspace: ``newsift serve`` (pages and JSON API over the same pipeline).

``create_app(pipeline_factory=...)`` builds the FastAPI application; ``serve(...)`` runs it
with uvicorn. Everything a page needs (CSS, JS) is served by the app itself.
"""

from __future__ import annotations

from newsift.web.app import create_app

__all__ = ["create_app"]
