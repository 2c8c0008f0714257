"""Two people (or one person's two tabs) accept the same invitation at the same moment: one
account is opened, the other is told the link was used, and nobody sees a server error."""

import contextlib
import sqlite3
import threading

import pytest
from django.conf import settings
from django.db import connection, connections
from django.db.models.signals import pre_save
from django.test import Client
from wagtail.models import Locale

from iswg_portal.accounts.invitations import token_digest
from iswg_portal.accounts.models import Invitation, User
from iswg_portal.accounts.roles import MEMBERS, ensure_role_groups

EMAIL = "focal@asam.example"
TOKEN = "race-token-0123456789abcdefghijklmnopqrstuvwxyz"
PASSWORD = "Aegean-coast-2026!"


@contextlib.contextmanager
def database_file(path):
    """On SQLite, this thread talks to a file database as the portal runs on (the test run's
    in-memory database refuses a second writer outright instead of making it wait)."""
    if path is None:
        yield
        return
    original = connections["default"]
    wrapper = type(original)({**original.settings_dict, "NAME": str(path)}, alias="default")
    connections["default"] = wrapper
    try:
        yield
    finally:
        wrapper.close()
        connections["default"] = original


@contextlib.contextmanager
def closing_connections():
    """A thread gives its database connections back when it ends."""
    try:
        yield
    finally:
        connections.close_all()


def both_in_the_middle_of_accepting():
    """Hold each acceptance as it creates the account until the other has got as far, or
    until it is clear the other is kept waiting; so the two really overlap."""
    barrier = threading.Barrier(2, timeout=1.5)

    def wait_for_the_other(sender, instance, **kwargs):
        if instance.email == EMAIL:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()

    return wait_for_the_other


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_acceptances_open_one_account_and_tell_the_other(tmp_path):
    # A transactional test before this one empties every table, the languages migrations made
    # included; the pages answered here need the default one.
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    ensure_role_groups()
    Invitation.objects.create(email=EMAIL, role=MEMBERS, token_digest=token_digest(TOKEN))
    path = None
    if connection.vendor == "sqlite":
        path = tmp_path / "portal.sqlite3"
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(path)) as copy:
            connection.connection.backup(copy)

    statuses = []

    def accept():
        with database_file(path), closing_connections():
            client = Client(raise_request_exception=False)
            response = client.post(
                f"/en/accounts/invitation/{TOKEN}/",
                {
                    "first_name": "Elif",
                    "last_name": "Yıldız",
                    "preferred_language": "tr",
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                },
            )
            statuses.append((response.status_code, response.content.decode()))

    receiver = both_in_the_middle_of_accepting()
    pre_save.connect(receiver, sender=User, weak=False)
    try:
        threads = [threading.Thread(target=accept) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        pre_save.disconnect(receiver, sender=User)

    codes = sorted(code for code, _ in statuses)
    assert codes == [302, 410], codes
    used = next(body for code, body in statuses if code == 410)
    assert "used already" in used
    with database_file(path):
        assert User.objects.filter(email=EMAIL).count() == 1
        assert Invitation.objects.get().user.email == EMAIL
