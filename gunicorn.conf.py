"""gunicorn settings for the portal (read by default from the working directory).

Sync workers: the portal is a classic request/response Django site whose slow work goes
to Celery, so one process per concurrent request is the simplest model that works.
Every value can be overridden from the environment; `gunicorn --print-config` shows them.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "sync"
# WEB_CONCURRENCY is the conventional name (Heroku, buildpacks, many hosts).
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# A request taking longer than this is a bug or a job for Celery: the worker is killed.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never takes a worker down mid-day.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100
# Heartbeat files on a tmpfs: an overlay filesystem can stall the workers' heartbeats.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# Logs to stdout/stderr, for the container runtime to collect.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The path without the query string (%(U)s, not %(r)s) and no Referer: search pages carry
# names, ID numbers and phone numbers in their query strings (ASVS 14.2.1). The request id
# matches the one on the portal's own log lines and error pages.
access_log_format = (
    '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s" id=%({x-request-id}o)s'
)

# gunicorn 25+ opens a runtime control socket; the container does not need one.
control_socket_disable = True
