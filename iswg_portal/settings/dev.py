"""Settings for a developer's machine: debug on, e-mail printed to the console."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-secret-key-not-for-production-use"
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
