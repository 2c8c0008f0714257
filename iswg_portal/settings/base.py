"""Settings shared by every environment.

Everything that comes from the environment is read here and nowhere else; the
dev, production and test modules only choose among these values.
"""

import os
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from django.conf import global_settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured


def gettext_noop(message):
    """Marks a message for the catalogue without translating it. Settings must not import
    Django's: it reads settings.USE_I18N while the settings are still being loaded, which
    builds them from the half-imported module and skips the checks below it (SECRET_KEY)."""
    return message


PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    """Read a yes/no environment variable: 1, true, yes and on mean yes."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable into a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Values from the environment -------------------------------------------------------------

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
REDIS_URL = os.environ.get("REDIS_URL", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))

# The transport the e-mail worker delivers with (see "E-mail queue" below for why the variable
# keeps its Django name but Django's EMAIL_BACKEND is the queue).
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A mail server that hangs must not hold a worker (or an error report to ADMINS) for long.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ISWG Portal <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Editors reach the admin only with two-factor set up; a developer may switch that off locally.
ISWG_ADMIN_REQUIRES_MFA = env_bool("ISWG_ADMIN_REQUIRES_MFA", True)

MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)

# Directory searches that found nothing or one service are kept (without anything about the
# person) for the co-chairs' report, for this many days; `manage.py prune_search_misses`
# deletes older ones. At most SEARCH_MISS_DAILY_LIMIT are kept a day, so that a script
# cannot fill the database.
SEARCH_MISS_RETENTION_DAYS = int(os.environ.get("SEARCH_MISS_RETENTION_DAYS", "365"))
SEARCH_MISS_DAILY_LIMIT = int(os.environ.get("SEARCH_MISS_DAILY_LIMIT", "2000"))

# --- Applications ----------------------------------------------------------------------------

INSTALLED_APPS = [
    "iswg_portal.accounts",
    "iswg_portal.core",
    "home",
    "services_map",
    "meetings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "iswg_portal.accounts.apps.PortalUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

# --- E-mail queue (django-tasks) -------------------------------------------------------------
# Every e-mail, the portal's own, allauth's, Wagtail's moderation notices and error reports to
# ADMINS, is handed to Django's EMAIL_BACKEND, which is the queue: iswg_portal.core.mail writes it
# to a task queue kept in the database, in the same transaction as the change that caused it;
# `manage.py db_worker` (one long-running process beside the app servers) delivers it through
# EMAIL_DELIVERY_BACKEND (the EMAIL_BACKEND environment variable, SMTP by default) and retries
# while the mail server is down. Development and tests override TASKS to send at once.
# Only e-mail waits for the worker ("email" backend): Wagtail's own tasks (search and reference
# index updates after a publish) stay on the default backend and run at once in the request, so
# a published page is searchable straight away, worker or not.

INSTALLED_APPS += [
    "django_tasks",
    "django_tasks_db",
]
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
EMAIL_BACKEND = "iswg_portal.core.mail.QueuedEmailBackend"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "iswg_portal.core.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "iswg_portal.core.middleware.PublicGZipMiddleware",
    "iswg_portal.core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "iswg_portal.core.sites.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "iswg_portal.core.middleware.CachePolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "iswg_portal.accounts.middleware.AdminTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
# Security headers on every response. Django's SecurityMiddleware and XFrameOptionsMiddleware
# send these; Content-Security-Policy and Permissions-Policy, which Django 5.2 cannot send,
# come from iswg_portal/core/security_headers.py. HTTPS and HSTS are in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "iswg_portal.urls"
WSGI_APPLICATION = "iswg_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data ------------------------------------------------------------------------------------

DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles a query to machine code once its estimated cost passes a threshold:
    # worth it for reports over millions of rows, but for a directory search of a few
    # milliseconds the compiling took 50-70 ms more (bench/README.md, issue 16).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts --------------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "iswg_portal.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ISWG Portal] "
MFA_ADAPTER = "iswg_portal.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ISWG Portal"
# How recent a sign-in or password confirmation must be for allauth to let two-factor settings
# change without asking for the password (again): 10 minutes. Setting up a first authenticator
# app within this window of signing in asks for nothing more than the code e-mailed to the
# account (AccountAdapter.is_reauthentication_required); everything else, and anything later,
# asks for the password again.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 10 * 60

# --- Client address and rate limits ----------------------------------------------------------


def env_proxy_count(name):
    """Read how many proxies of our own stand in front of the app: a whole number, 0 by default."""
    value = os.environ.get(name, "").strip() or "0"
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number (0 or more), not {value!r}.")
    return int(value)


# Each limit counts the visitor's own address. Behind proxies of our own (the load balancer),
# that is the entry the outermost of them, the one the visitor connects to, appended to
# X-Forwarded-For: with N such proxies, the N-th entry from the right. Entries further left
# are written by the visitor and never trusted.
# 0 (a server reached directly) ignores the header and counts REMOTE_ADDR. allauth reads this
# setting; every limiter of ours goes through allauth, so this is the only place it is decided.
ALLAUTH_TRUSTED_PROXY_COUNT = env_proxy_count("TRUSTED_PROXY_COUNT")

# allauth keeps its defaults for the rest (password reset, sign-in 30/m/ip ...); ours are added.
ACCOUNT_RATE_LIMITS = {
    # Failed sign-ins, by password or by authenticator code. Per address, 10 a minute slow
    # down anyone guessing from one place. Per key, 5 in 5 minutes: for a password the key is
    # address + account (AccountAdapter), so a stranger's failures from elsewhere never lock a
    # co-chair out of their own address, while one address cannot go on guessing one account
    # faster than once a minute. A password spread over many addresses still meets the
    # authenticator step that the admin roles require, whose key is the account alone: five
    # wrong codes stop that step from every address, so codes cannot be guessed in parallel.
    "login_failed": "10/m/ip,5/5m/key",
    # Public forms: more than this from one address is a script.
    "access_request": "5/h/ip",
    "problem_report": "5/h/ip",
    # A one-time code e-mailed to the account's confirmed address must be typed back before an
    # account without an authenticator app gets one (accounts/mailbox_proof.py). Per account:
    # a few codes, and five tries, per quarter of an hour.
    "mailbox_code_send": "3/15m/user",
    "mailbox_code_check": "5/15m/user",
}

# The open data API (services_map/hsds/): anonymous requests per client address (counted as
# above) and period, e.g. "120/m"; empty or DEBUG turns the limit off, as the development and
# test settings do, so local tools and test runs are not throttled. Signed-in members are not
# counted. The data's licence is named in the API's OpenAPI document.
HSDS_API_RATE = None if DEBUG else (os.environ.get("HSDS_API_RATE", "120/m").strip() or None)
HSDS_DATA_LICENSE = os.environ.get("HSDS_DATA_LICENSE", "CC BY 4.0")
HSDS_DATA_LICENSE_URL = os.environ.get(
    "HSDS_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/"
)

# Security notices (authenticator added or removed, password or e-mail changed) go to the
# account's address. An e-mail change waits for the new address to confirm it, then replaces
# the old one; password resets go only to confirmed addresses.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_FORMS = {"reset_password": "iswg_portal.accounts.forms.VerifiedAddressResetPasswordForm"}

# --- Languages and time ----------------------------------------------------------------------

# Each language is named in itself: the switcher is read by people who do not read the others.
# Kurmanji takes its ISO 639-3 code, kmr: the macrolanguage code ku would not tell it apart
# from Sorani (ckb), whose readers need Arabic script.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("ps", "پښتو"),
    ("kmr", "Kurmancî"),
]
# Django ships no locale data for Pashto and Kurmanji; without it get_language_info() and
# Wagtail's locale names fail for them. Browsers say "ku" for Kurdish in Latin script, which
# is Kurmanji: such a visitor is sent to /kmr/.
LANG_INFO.update(
    {
        # get_language_info() translates "name" through the portal's catalogue, which Django's
        # lacks for these two: "Peştuca" and "Kürtçe (Kurmancî)" in a Turkish column heading.
        "ps": {"bidi": True, "code": "ps", "name": gettext_noop("Pashto"), "name_local": "پښتو"},
        "kmr": {
            "bidi": False,
            "code": "kmr",
            "name": gettext_noop("Kurdish (Kurmanji)"),
            "name_local": "Kurmancî",
        },
        "ku": {"fallback": ["kmr"]},
    }
)
LANGUAGES_BIDI = [*global_settings.LANGUAGES_BIDI, "ps"]
# Where a page or snippet has no translation into the visitor's language, the languages to show
# it in instead, nearest first: Afghans who read Pashto mostly read Persian (Dari) too, and
# Kurmanji readers in Türkiye read Turkish.
# The default language comes last for every language; after it, any translation there is
# (iswg_portal/core/translation.py).
FALLBACK_LANGUAGES = {
    "ps": ["fa", "en"],
    "kmr": ["tr", "en"],
    "fa": ["en"],
    "ar": ["en"],
    "tr": ["en"],
    "en": [],
}
# Their date and number formats, and the month names Django's catalogue lacks for them.
FORMAT_MODULE_PATH = ["iswg_portal.core.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Istanbul"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Wagtail's admin is not translated into Pashto or Kurmanji: editors choose among the others,
# and a visitor whose browser asks for one of the two gets the admin in English. Pages are
# written in all six.
ADMIN_UNTRANSLATED_LANGUAGES = {"ps", "kmr"}
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    (code, name) for code, name in LANGUAGES if code not in ADMIN_UNTRANSLATED_LANGUAGES
]

# --- Static and uploaded files ---------------------------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Uploaded files on S3-compatible storage -------------------------------------------------
# Without a bucket, uploads stay on local disk in MEDIA_ROOT, and the web server in front
# serves media/images/ and media/original_images/ (never media/documents/: see the README).
# With one, every upload goes to the bucket privately (documents are read through Wagtail's
# view, which checks the collection's privacy and then streams the file), and only resized
# images, the ones pages show, are stored for public reading with plain URLs.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
# Empty keys leave boto3 to find credentials itself (an instance role, say).
AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
# Buckets that refuse ACLs (AWS's "bucket owner enforced") take an empty value: they are
# private unless their policy says otherwise.
AWS_DEFAULT_ACL = os.environ.get("AWS_DEFAULT_ACL", "private") or None
if AWS_STORAGE_BUCKET_NAME:
    _bucket = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": AWS_S3_ENDPOINT_URL,
        "region_name": AWS_S3_REGION_NAME,
        "access_key": AWS_ACCESS_KEY_ID,
        "secret_key": AWS_SECRET_ACCESS_KEY,
        # Two uploads with one name must not replace each other's file.
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_bucket,
            "default_acl": AWS_DEFAULT_ACL,
            # A URL to a private file is signed and short-lived; a custom domain would drop
            # the signature.
            "querystring_auth": True,
            "querystring_expire": 300,
            "custom_domain": None,
        },
    }
    STORAGES["public_images"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_bucket,
            # Readable by everyone through the bucket's policy (README): plain, cacheable URLs.
            "default_acl": None,
            "querystring_auth": False,
            "custom_domain": AWS_S3_CUSTOM_DOMAIN,
        },
    }
    WAGTAILIMAGES_RENDITION_STORAGE = "public_images"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ---------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "ISWG Portal"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# An approved directory change is published with the day's verification date.
WAGTAIL_FINISH_WORKFLOW_ACTION = "services_map.admin.approval.publish_approved"
WAGTAILIMAGES_IMAGE_MODEL = "core.PortalImage"
# Refuses an image without alt text in every admin upload and edit form.
WAGTAILIMAGES_IMAGE_FORM_BASE = "iswg_portal.core.forms.PortalImageForm"
WAGTAILDOCS_DOCUMENT_MODEL = "core.PortalDocument"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# The admin signs in through allauth's page (rate limits, two-factor); Wagtail's own login
# and password forms would bypass both.
WAGTAILADMIN_LOGIN_URL = "account_login"
# Members-only pages and documents send visitors to the same allauth sign-in.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    # Text is indexed as search keys (core/analysis.py): PostgreSQL must not stem them again.
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"},
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Avatars would otherwise come from Gravatar: nothing is loaded from another host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# --- Resilience: a shared cache that may fail, sessions, logs and error reports --------------
# Every app server behind the load balancer shares one cache: Redis when REDIS_URL is set. In
# production without it the cache lives in the database (settings/production.py), never in one
# process's memory, where a restriction seen by one server stays unseen by the others. Dev and
# tests keep the local memory cache. A Redis outage is ignored and logged: pages are built from
# the database meanwhile, and sessions live there, so nobody is signed out or locked out.

# --- Cached pages for anonymous visitors ------------------------------------------------------
# Public pages for visitors who are not signed in are kept whole in the shared cache and sent
# with a lifetime proxies and CDNs may use (iswg_portal/core/page_cache.py, decision 0027).
# Every publication forgets them; this is the longest any page is kept. 0 turns the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# A caching proxy in front of the app servers (nginx, Varnish) that takes HTTP PURGE requests,
# e.g. http://127.0.0.1:8080: once a publication or unpublication is committed, the page's
# addresses in every language and its parents' up to the home page are purged through Wagtail's
# frontend_cache (its app is not installed: its own receivers would purge before the commit,
# and the proxy could fetch the page as it was). Empty: nothing is purged.
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "").strip()
WAGTAILFRONTENDCACHE = (
    {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
    if FRONTEND_CACHE_PURGE_URL
    else {}
)

REDIS_TIMEOUT_SECONDS = float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.5"))


def redis_cache(url):
    """The cache settings for the Redis server at `url`: errors ignored and logged (see
    iswg_portal.core.cache), each call bounded by REDIS_TIMEOUT_SECONDS."""
    return {
        "BACKEND": "iswg_portal.core.cache.OutageTolerantRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "iswg",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            # An unreachable Redis costs each request a bounded wait, not a hung worker.
            "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT_SECONDS,
            "SOCKET_TIMEOUT": REDIS_TIMEOUT_SECONDS,
        },
    }


if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Production's cache without Redis; `migrate` creates its table (iswg_portal.core.cache).
DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "portal_cache",
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Sessions only in the database: a cached copy would fail with the cache, and one that outlived
# a sign-out made while the cache was unreachable would sign the person back in.
SESSION_ENGINE = "django.contrib.sessions.backends.db"


def parse_admins(value):
    """ADMINS from "Name <address>, Other <other@address>": the (name, address) pairs Django
    e-mails server errors to."""
    return [(name, address) for name, address in getaddresses([value]) if "@" in address]


# Who receives an e-mail for each server error in production (Django's mail_admins).
ADMINS = parse_admins(os.environ.get("ADMINS", ""))
# The optional error tracker, off unless SENTRY_DSN is set; it receives no personal data.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "production")
SENTRY_RELEASE = os.environ.get("SENTRY_RELEASE", "")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
DEFAULT_EXCEPTION_REPORTER = "iswg_portal.core.request_logging.AccountIdExceptionReporter"

# First, so that every record written while answering a request, by any middleware, carries
# its id.
MIDDLEWARE = ["iswg_portal.core.middleware.RequestIdMiddleware", *MIDDLEWARE]

# Every record goes to standard error with the id of the request that wrote it (also sent as
# the X-Request-ID response header and shown on the error page), the account's id and the path;
# never an e-mail address or a name.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_context": {"()": "iswg_portal.core.request_logging.RequestContextFilter"},
    },
    "formatters": {
        "request": {
            "format": (
                "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s "
                "user_id=%(user_id)s path=%(path)s %(message)s"
            ),
        },
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "filters": ["request_context"],
            "formatter": "request",
        },
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers print only with DEBUG on; its records go to the root instead.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.request": {"handlers": [], "level": "WARNING", "propagate": True},
        # WeasyPrint (meetings' PDFs) tells each step of every PDF it prints at INFO.
        "weasyprint": {"handlers": [], "level": "WARNING", "propagate": True},
        "fontTools": {"handlers": [], "level": "WARNING", "propagate": True},
    },
}
