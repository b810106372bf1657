"""One error shape for the whole API: RFC 9457 application/problem+json."""
from __future__ import annotations

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

PROBLEM_TYPE_BASE = "https://alias-resolver.invalid/problems/"


class Problem(Exception):
    """An error the API reports to its caller, with a status and a detail."""

    def __init__(self, status: int, title: str, detail: str, *, slug: str | None = None, **extra):
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail
        self.slug = slug or title.lower().replace(" ", "-")
        self.extra = extra


def problem_response(status: int, title: str, detail: str, slug: str, **extra) -> Response:
    """Serialize a problem; `type` is a stable identifier per kind of error."""
    body = {"type": PROBLEM_TYPE_BASE + slug, "title": title, "status": status, "detail": detail, **extra}
    return Response(json.dumps(body), status=status, mimetype="application/problem+json")


def register_error_handlers(app: Flask) -> None:
    """Turn every error, ours or werkzeug's, into problem+json; never a stack trace."""

    @app.errorhandler(Problem)
    def _problem(exc: Problem):
        return problem_response(exc.status, exc.title, exc.detail, exc.slug, **exc.extra)

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(exc: RequestEntityTooLarge):
        limit = app.config["MAX_CONTENT_LENGTH"]
        return problem_response(413, "Content Too Large", f"The body is larger than {limit} bytes, the most "
                                f"accepted (MAX_BODY_BYTES).", "content-too-large")

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        response = problem_response(exc.code or 500, exc.name, exc.description or exc.name,
                                    exc.name.lower().replace(" ", "-"))
        if exc.code == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        if 300 <= (exc.code or 0) < 400:  # werkzeug's redirects (e.g. a missing trailing slash)
            return exc.get_response()
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("unhandled error")
        return problem_response(500, "Internal Server Error", "The server failed to answer this request.",
                                "internal-server-error")
