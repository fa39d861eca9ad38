"""gunicorn settings for InfoStory: `gunicorn -c gunicorn.conf.py infostory.wsgi`.

Every value can be set from the environment (docs/deploy.md lists them).

Worker class: gthread (threaded workers), not sync, because
- the staff CSV export streams every story: a sync worker is killed once a request runs
  past `timeout`, and while it streams, that worker (one of two on a two-core node)
  serves nobody else; a gthread worker keeps its heartbeat and its other threads serve;
- the work is database-bound, and threads release the GIL while PostgreSQL answers;
- gthread keeps client connections alive (the load balancer reuses them), sync does not;
- threads share one copy of the application, so memory stays at one process per core.
Each thread holds its own persistent database connection (DATABASE_CONN_MAX_AGE), so a
node opens up to workers x threads connections to PostgreSQL.
"""

import multiprocessing
import os


def _int(name, default):
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")  # 0.0.0.0:8000 behind a balancer
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count())
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = _int("GUNICORN_THREADS", 4)
# Recycle workers now and then, staggered, so a slow leak never takes a node down.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Longer than nothing, shorter than the load balancer's idle timeout.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Load the application once in the master: faster start, pages shared copy-on-write.
preload_app = True
# Access logs are the load balancer's job; set GUNICORN_ACCESS_LOG=- to log to stdout.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Trust X-Forwarded-* only from the balancer's addresses (comma-separated).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Heartbeat files in memory, not on a disk that may stall (containers).
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108
proc_name = "infostory"
