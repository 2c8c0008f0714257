"""Ending a person's sessions, on every app server at once."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def end_sessions_of(user):
    """Delete every live session of the account; return how many were ended.

    Works for the database and cached_db engines: deleting through the engine's own store
    also drops the cached copy that the other app servers read.
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for session in live.iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            store_class(session_key=session.session_key).delete()
            ended += 1
    return ended
