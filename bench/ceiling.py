"""The ceiling of bench/load.py: a bare Django view that answers a page of the size asked for,
through Django's request and response handling and nothing else: no database, no middleware, no
template. Served by gunicorn as the portal is, its requests per second are the most a Django
process on this machine can answer with a page that size.

`/<bytes>/` answers a page of that many bytes, `/` one of CEILING_BYTES (the page load.py waits
on between turns).

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
# Pages are built once per size.
PAGES = {}


def page_of(size):
    if size not in PAGES:
        PAGES[size] = HEAD + b"x" * max(0, size - len(HEAD) - len(TAIL)) + TAIL
    return PAGES[size]


def page(request, size=SIZE):
    """The same page of `size` bytes for every request."""
    return HttpResponse(page_of(size), content_type="text/html; charset=utf-8")


urlpatterns = [path("", page), path("<int:size>/", page)]

application = get_wsgi_application()
