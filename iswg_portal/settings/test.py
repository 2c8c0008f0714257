"""Settings for the test suite: fast hashing, mail kept in memory, no network."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import REDIS_URL, SECRET_KEY, redis_cache

SECRET_KEY = SECRET_KEY or "test-only-secret-key-not-for-production-use"
DEBUG = False
# No rate limit on the open data API here (base.py).
HSDS_API_RATE = None
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# E-mail still goes through the queue (EMAIL_BACKEND, see base.py), then lands in mail.outbox.
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# E-mail reaches mail.outbox at once; tests of the durable queue switch to the database backend.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

# Uploads made by tests go to a directory of their own, removed when the run ends, never into
# the repository's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="iswg-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)


def worker_redis_url(url, worker):
    """Each parallel test process (pytest-xdist's gw0, gw1, …) gets a Redis database of its own,
    counted on from the one in REDIS_URL: every test starts by clearing the cache, which empties
    the whole database."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    number = int(worker.removeprefix("gw")) if worker else 0
    return urlunsplit(parts._replace(path=f"/{base + number}"))


if REDIS_URL:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    CACHES = {"default": redis_cache(worker_redis_url(REDIS_URL, worker))}
