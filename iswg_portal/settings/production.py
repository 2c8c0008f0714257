"""Settings for the public site: secrets required, HTTPS only, hashed compressed static files."""

import copy

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    DATABASE_CACHE,
    LOGGING,
    REDIS_URL,
    SECRET_KEY,
    SENTRY_DSN,
    SENTRY_ENVIRONMENT,
    SENTRY_RELEASE,
    STORAGES,
    env_bool,
)

if not SECRET_KEY or len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )

DEBUG = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# TLS ends at the load balancer, which tells us the original scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True

# --- Resilience: shared cache, error e-mails and the error tracker ---------------------------
# Never a cache in one process's memory: without Redis, the database holds it (its table is
# created by `migrate`), so every app server sees the same rate limits and the same moment a
# page was restricted.
if not REDIS_URL:
    CACHES = {"default": DATABASE_CACHE}

# Each server error is also e-mailed to ADMINS (none when ADMINS is empty).
LOGGING = copy.deepcopy(LOGGING)
LOGGING["handlers"]["mail_admins"] = {
    "class": "django.utils.log.AdminEmailHandler",
    "level": "ERROR",
    "filters": ["request_context"],
}
LOGGING["loggers"]["django.request"]["handlers"] = ["mail_admins"]

if SENTRY_DSN:
    # Only where an error tracker is configured (it brings sentry-sdk with it).
    from iswg_portal.core.error_tracking import init_error_tracking

    init_error_tracking(SENTRY_DSN, SENTRY_ENVIRONMENT, SENTRY_RELEASE)
