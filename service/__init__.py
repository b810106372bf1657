"""alias-resolver: resolve entity names in any script to canonical ids."""
from __future__ import annotations

from typing import Mapping

from flask import Flask

from . import cors, lifecycle, logs, metrics
from .api import probes, v1
from .config import Settings
from .errors import register_error_handlers
from .jsonprovider import OrjsonProvider
from .openapi import docs
from .schemas import build_models
from .store import TableStore

__all__ = ["create_app"]


class _Flask(Flask):
    """Flask, asking once per view or hook function whether it is a coroutine.

    Flask asks on every request, for the view and each hook (`ensure_sync`, through
    inspect), and the answer never changes: about 2% of a cached resolve.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._ensured: dict = {}

    def ensure_sync(self, func):
        ensured = self._ensured.get(func)
        if ensured is None:
            ensured = self._ensured[func] = super().ensure_sync(func)
        return ensured


def create_app(config: Settings | Mapping[str, str] | None = None, *, freeze_tables: bool = False) -> Flask:
    """Build the app: settings, the table (loaded once here), blueprints, one error shape.

    `config` is a Settings, an environment-like mapping, or None for os.environ.
    `freeze_tables` moves each loaded table out of the cyclic GC's sight
    (TableStore): for the serving process (wsgi.py), not for tests.
    """
    settings = config if isinstance(config, Settings) else Settings.from_env(config)
    logs.configure_logging(settings.log_level, settings.log_flush_seconds)
    app = _Flask(__name__)
    app.debug = False  # whatever FLASK_DEBUG says: errors are problem+json, never a traceback
    app.json = OrjsonProvider(app)
    app.config.update(MAX_CONTENT_LENGTH=settings.max_body_bytes, JSON_SORT_KEYS=False)
    store = TableStore(settings.table_file, threshold=settings.match_threshold,
                       margin=settings.ambiguity_margin, max_bytes=settings.max_table_bytes,
                       cache_size=settings.answer_cache_size, freeze=freeze_tables)
    app_metrics = metrics.init_app(app, store)  # before the first load, so that load is counted
    store.reload(force=True)
    app.extensions.update(alias_settings=settings, alias_store=store, alias_models=build_models(settings))
    register_error_handlers(app)
    app.register_blueprint(v1)
    app.register_blueprint(probes)
    app.register_blueprint(docs)
    lifecycle.init_app(app, store, app_metrics)
    cors.init_app(app, settings)
    return app
