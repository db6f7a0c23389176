"""gunicorn for Newsroom: `gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi`.

Sync workers behind nginx (which buffers slow clients, so a worker is never
held by one), as many as the cores allow, recycled now and then so a slow leak
cannot grow, with timeouts that end a stuck request instead of a whole site.
Every value can be overridden from the environment (GUNICORN_*).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = 5
# Recycle workers after a few thousand requests (jittered, so they do not all
# restart at once): a slow memory leak never takes the site down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 200))
# The app logs one JSON line per request itself (newsroom.request); gunicorn's
# access log is kept for the proxy's view, to stdout for the journal.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%({x-request-id}i)s"'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Load the app in each worker (not the master): a database that is down at
# start-up delays nothing, and a code reload is a plain restart.
preload_app = False
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
