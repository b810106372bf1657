"""WSGI entry point: `gunicorn service.wsgi:app`."""
from . import create_app

# The long-running process: each table it loads is frozen out of the GC's sight (store.py),
# so the collector neither stalls requests walking it nor writes to pages the workers share.
app = create_app(freeze_tables=True)
