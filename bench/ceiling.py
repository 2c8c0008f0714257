"""The ceiling of bench/load.py: a bare Django view that answers every request with the same
page, as big as the portal's (CEILING_BYTES), through Django's request and response handling
and nothing else: no database, no middleware, no template. Served by gunicorn as the portal is,
its requests per second are the most a Django process on this machine can answer.

    CEILING_BYTES=20000 .venv/bin/gunicorn --chdir bench ceiling:application -w 2 --preload
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["*"],
    SECRET_KEY="ceiling-only-no-secrets-here",  # noqa: S106 - serves one fixed page
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
)

SIZE = int(os.environ.get("CEILING_BYTES", "20000"))
HEAD = (
    b"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Ceiling</title></head><body><p>"
)
TAIL = b"</p></body></html>\n"
PAGE = HEAD + b"x" * max(0, SIZE - len(HEAD) - len(TAIL)) + TAIL


def page(request):
    """The same page for every request."""
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page)]

application = get_wsgi_application()
