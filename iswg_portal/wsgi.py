"""WSGI entry point; production settings unless DJANGO_SETTINGS_MODULE says otherwise."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iswg_portal.settings.production")

application = get_wsgi_application()

# What the process has loaded by now (Django, Wagtail, the apps, their URL patterns and
# templates' code) lives as long as it does. Set aside from the garbage collector, a full
# collection walks only what requests leave behind: on a 10,000-service directory it took a
# search from 70 ms to about 300 ms every few dozen requests, and takes about 40 ms now
# (bench/README.md). Before gunicorn forks its workers (--preload) it also keeps these pages
# of memory shared between them.
#
# A request leaves tens of thousands of short-lived objects: with CPython's default threshold
# (a young collection every 700 new objects) each search ran about six young collections and,
# every dozen requests, a full one of 65-90 ms. Ten thousand keeps the young generation
# collected a few times a request at most and full collections rare (bench/README.md).
gc.collect()
gc.freeze()
gc.set_threshold(10_000, 20, 20)
