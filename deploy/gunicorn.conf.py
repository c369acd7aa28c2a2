"""gunicorn settings for the app servers (systemd: deploy/vetquality-web.service).

Workers are processes: limits and sessions live in Redis (REDIS_URL), so any worker may answer
any request. Uploads are bounded by Django (DATA_UPLOAD_MAX_MEMORY_SIZE) and nginx (client_max_body_size).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = 60  # a worker stuck longer than this is replaced; imports stream and stop at their limits
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then
max_requests_jitter = 200
limit_request_line = 8190
limit_request_fields = 100
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
