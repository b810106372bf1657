"""gunicorn settings for alias-resolver (`gunicorn -c gunicorn.conf.py service.wsgi:app`).

Worker model (see README, "Performance"): the table and its index are built
once in the arbiter (preload_app) and shared copy-on-write by the forked
workers; each worker then polls the table file itself, and SIGHUP to the
arbiter reloads the table there before it replaces the workers.
"""
import gc
import os

from service.config import Settings

_settings = Settings.from_env()

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{_settings.port}"
workers = _settings.web_concurrency
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
# 2 threads per worker: the same throughput as 4 or 8 on 2 cores, and a third of their p99
# at 16 connections (bench/RESULTS.md, "gunicorn settings compared").
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
preload_app = True
keepalive = 5                 # pipelines reuse connections for batches of calls
timeout = 30
graceful_timeout = 20         # SIGTERM: in-flight requests get this long to finish
max_requests = 0              # no recycling: a restart would rebuild the index
accesslog = None              # the app writes one structured line per request
errorlog = "-"
loglevel = _settings.log_level.lower()
forwarded_allow_ips = "127.0.0.1"
# No gunicornc control socket: every gunicorn on a host would share
# $HOME/.gunicorn/gunicorn.ctl, and a read-only container has no home to write.
control_socket_disable = True


def when_ready(server):
    # Everything built so far (the app; the table is frozen as it loads, see wsgi.py) is
    # permanent: keep the cyclic GC from walking it, which would write to every object and
    # defeat copy-on-write. A table replaced later is still freed: the index holds no cycle.
    gc.freeze()


def _store(server):
    return server.app.wsgi().extensions["alias_store"]


def post_fork(server, worker):
    _store(server).start_polling(_settings.reload_interval)


def on_reload(server):
    # SIGHUP: load the edited table in the arbiter, so the new workers start on it.
    status = _store(server).reload(force=True)
    if status is not None and not status.ok:
        server.log.error("SIGHUP: table not reloaded, keeping the last good one: %s", status.error)


# Prometheus multiprocess mode (service/metrics.py), when PROMETHEUS_MULTIPROC_DIR is set.
# The preloaded app has already written the arbiter's own files when on_starting runs,
# so only other processes' files (left by an earlier run) are removed.
def on_starting(server):
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory or not os.path.isdir(directory):
        return
    own = f"_{os.getpid()}.db"
    for name in os.listdir(directory):
        if name.endswith(".db") and not name.endswith(own):
            os.remove(os.path.join(directory, name))


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess
        multiprocess.mark_process_dead(worker.pid)
