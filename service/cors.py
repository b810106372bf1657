"""CORS: off unless CORS_ORIGINS lists origins, then granted to those origins only.

Only the public API is meant for browsers: the preflight allows
`Content-Type` and `X-Request-ID`, not `Authorization`, so the admin
endpoint cannot be called from a page.
"""
from __future__ import annotations

from flask import Flask, request

from .config import Settings

ALLOW_HEADERS = "Content-Type, X-Request-ID"
EXPOSE_HEADERS = "X-Request-ID, X-Alias-Table-Version"


def init_app(app: Flask, settings: Settings) -> None:
    """Add CORS headers for allowed origins; do nothing when none are configured."""
    origins = frozenset(settings.cors_origins)
    if not origins:
        return

    @app.after_request
    def _cors(response):
        origin = request.headers.get("Origin")
        if origin is None:
            return response
        response.vary.add("Origin")
        if "*" not in origins and origin not in origins:
            return response
        response.headers["Access-Control-Allow-Origin"] = "*" if "*" in origins else origin
        response.headers["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response.headers["Access-Control-Allow-Methods"] = response.headers.get("Allow", "GET, POST")
            response.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
            response.headers["Access-Control-Max-Age"] = str(settings.cors_max_age)
        return response
