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
gc.collect()
gc.freeze()
