"""Settings for a developer's machine: debug on, e-mail printed to the console."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool

DEBUG = env_bool("DEBUG", True)
# No rate limit on the open data API here (base.py).
HSDS_API_RATE = None
SECRET_KEY = SECRET_KEY or "dev-only-secret-key-not-for-production-use"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# E-mail is sent (printed) at once instead of waiting for a db_worker. To try the production
# queue, set TASKS["email"] = {"BACKEND": "django_tasks_db.DatabaseBackend"} here and run
# `manage.py db_worker --backend email` beside runserver.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
