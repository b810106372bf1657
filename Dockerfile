# alias-resolver as a sidecar image.
#
#   docker build -t alias-resolver .
#   docker run --rm --read-only --tmpfs /tmp -p 127.0.0.1:8000:8000 alias-resolver
#
# The default table is baked in at /app/aliases.yaml (ALIASES_PATH points to it).
# To serve your own table, mount a directory and point ALIASES_PATH into it:
#   docker run ... -v "$PWD/tables:/etc/alias-resolver:ro" \
#     -e ALIASES_PATH=/etc/alias-resolver/aliases.yaml alias-resolver
# Mounting the directory (not the single file) keeps hot reload working when the
# file is replaced by a rename, as editors and Kubernetes ConfigMaps do; a
# single-file bind mount keeps seeing the old inode after such a replace.

# Only the interpreter is needed to build: every pinned dependency ships a wheel,
# so no compiler is installed here either. The builder stage keeps pip, its
# cache and setuptools out of the final image.
FROM python:3.11-slim AS builder

# `python3 -m venv` and a venv path that is the same in both stages work on the
# official image and on a plain Debian python3 alike.
RUN python3 -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/python -m pip install --no-cache-dir --disable-pip-version-check \
        -r /tmp/requirements.txt \
    && /opt/venv/bin/python -m pip uninstall --yes --quiet pip setuptools


FROM python:3.11-slim

# A fixed numeric uid lets Kubernetes' runAsNonRoot verify the user.
RUN groupadd --system --gid 10001 app \
    && useradd --system --no-log-init --uid 10001 --gid app --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin app

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
COPY gunicorn.conf.py ./
COPY service/ ./service/
COPY aliases.yaml ./
# Byte-compile now: with --read-only the interpreter cannot write .pyc files later.
RUN python3 -m compileall -q /app/service

# PROMETHEUS_MULTIPROC_DIR is under /tmp, the one writable place with --read-only.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=8000 \
    ALIASES_PATH=/app/aliases.yaml \
    PROMETHEUS_MULTIPROC_DIR=/tmp/metrics

USER 10001:10001
EXPOSE 8000

# The slim image has no curl; the venv's python asks /healthz on $PORT.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=2)"]

# Exec form: gunicorn is PID 1 and gets docker's SIGTERM directly; it reads
# PORT and WEB_CONCURRENCY itself (gunicorn.conf.py).
CMD ["gunicorn", "--config", "/app/gunicorn.conf.py", "service.wsgi:app"]
