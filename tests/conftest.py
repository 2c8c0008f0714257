"""Fixtures shared by the whole suite."""

import contextlib
import gc
import io
import select
import socket
import threading
import time
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.core import management
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Model
from django.test import override_settings
from django.utils import timezone

from home.demo import seed_site
from home.models import HomePage
from iswg_portal.core.locales import site_home_page
from services_map.reference_data import seed_directory_page
from tests.migrated import kept_migration
from tests.snapshot import DatabaseSnapshot

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


def pytest_sessionstart(session):
    """Compile the interface translations that changed, as `make messages` does: Django serves
    /ps/ and /kmr/ only once the portal's catalogue exists, having none of its own for them."""
    for po_path in LOCALE_DIR.glob("*/LC_MESSAGES/django.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`--dist loadgroup`), the tests of a module that builds its data once
    (module_data) run in one process, so that data is built once, not once per process. The
    group marks are added before any other plugin's hook runs: xdist reads them in its own.

    xdist groups a test by a suffix it adds to the test's id (`name@group`); with some pytest
    releases that suffix silently no longer sticks (pytest-xdist issue 1386, pytest 9.2) and
    every process would build every module's data again. The run is refused rather than slowed
    quietly: requirements-dev.txt pins versions that group."""
    for item in items:
        if "module_data" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
    result = yield
    if config.getoption("loadgroup", default=False):
        ungrouped = [
            item.nodeid
            for item in items
            if item.get_closest_marker("xdist_group") and "@" not in item.nodeid
        ]
        if ungrouped:
            raise pytest.UsageError(
                f"pytest-xdist could not group {len(ungrouped)} tests by xdist_group with this "
                f"pytest (first: {ungrouped[0]}); see requirements-dev.txt"
            )
    return result


@pytest.fixture(scope="session", autouse=True)
def email_through_the_queue(django_test_environment):
    """Every e-mail goes through the queue, as in production: Django's test set-up puts its
    in-memory outbox in EMAIL_BACKEND, where the tests' delivery backend already puts it."""
    from django.conf import settings

    settings.EMAIL_BACKEND = "iswg_portal.core.mail.QueuedEmailBackend"


def shared_pages():
    """The site, its home page and the service directory in every interface language, built by
    the real seeders. Built once per test database (see django_db_setup) and again after a
    transactional test has emptied the database."""
    home = site_home_page()
    if not isinstance(home, HomePage):
        home = seed_site(io.StringIO())
        seed_directory_page(io.StringIO())
    return home


@pytest.fixture(scope="session")
def no_garbage_collection_while_migrating():
    """The garbage collector held off while the test database is migrated and the shared pages
    built (django_db_setup turns it back on): the migrations make millions of objects, and
    each full collection went through all of them again, seconds a process for no garbage."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(scope="session")
def migrated_from_the_kept_copy(request):
    """Django's creation of the test database starts from the migrated copy a previous run kept
    (tests/migrated.py), until django_db_setup calls what this yields."""
    call_command = management.call_command
    management.call_command = kept_migration(
        call_command, recreate=request.config.getoption("create_db")
    )

    def done():
        management.call_command = call_command

    yield done
    done()


@pytest.fixture(scope="session")
def django_db_setup(
    no_garbage_collection_while_migrating,
    migrated_from_the_kept_copy,
    django_db_setup,
    django_db_blocker,
):
    """The shared pages exist from the start in the test database: every test runs inside a
    transaction that is rolled back, so each one sees them as built and none pays to build
    them again. A transactional test, which cannot be rolled back, gets the database back as
    it was here (tests/snapshot.py) instead of Django's flush, and the pages with it."""
    from django.test import TestCase, TransactionTestCase

    migrated_from_the_kept_copy()
    with django_db_blocker.unblock():
        shared_pages()
        snapshot = DatabaseSnapshot() if DatabaseSnapshot.supported() else None
        if snapshot:
            snapshot.take()
    # What the suite loaded so far (Django, Wagtail, the apps) lives until the end: the garbage
    # collector need not go through it again in each collection, only through what the tests
    # make (the browser tests collect twice a test on SQLite, see below). The tests make
    # objects by the million (querysets, forms, rendered templates), nearly all freed by
    # reference counting alone: a collection every 20,000 new objects rather than every 700
    # halves the collector's share of the suite's time (6% of it on services_map's tests).
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 100)
    gc.enable()
    if snapshot is None:
        yield
        return
    flush = TransactionTestCase._fixture_teardown

    def put_back(test_case):
        snapshot.restore()

    # An ordinary test's writes are rolled back: the database is still the snapshot's after it
    # when it was before (kept_data then puts its data back instead of building it again).
    # (_fixture_setup is a class method: pytest-django makes a test case class for each test.)
    enter, leave = TestCase.__dict__["_fixture_setup"], TestCase._fixture_teardown

    def roll_in(test_class):
        test_class.rolled_back = contextlib.ExitStack()
        test_class.rolled_back.enter_context(snapshot.rolled_back())
        enter.__func__(test_class)

    def roll_back(test_case):
        with test_case.rolled_back:
            leave(test_case)

    TransactionTestCase._fixture_teardown = put_back
    TestCase._fixture_setup, TestCase._fixture_teardown = classmethod(roll_in), roll_back
    KEPT_DATA["start"] = snapshot
    yield
    KEPT_DATA.clear()
    TransactionTestCase._fixture_teardown = flush
    TestCase._fixture_setup, TestCase._fixture_teardown = enter, leave


# The suite's starting snapshot ("start") and, by name, the data kept by kept_data().
KEPT_DATA = {}


def kept_data(name, build):
    """The objects build() makes, for a transactional test: built by the first test that asks
    and kept as a snapshot of the database, which the next tests get back in place of building
    again (thousands of queries for a small portal, each a round trip to PostgreSQL). The
    objects are read anew from the restored rows, under the same ids. The snapshot is used only
    while the database is as the suite started it: a test that wrote before asking, or a test
    inside a transaction, builds as usual."""
    start = KEPT_DATA.get("start")
    if start is None or connection.in_atomic_block or not start.unchanged():
        return build()
    # Dates in the data (last verified today, a meeting next year) follow the calendar.
    key = (name, timezone.localdate())
    # What the cache holds was drawn from other rows (a module's fixture runs before the
    # test's own empty cache).
    forget_cached()
    if key in KEPT_DATA:
        snapshot, objects = KEPT_DATA[key]
        snapshot.restore()
        return read_again(objects)
    objects = build()
    snapshot = DatabaseSnapshot()
    snapshot.take()
    KEPT_DATA[key] = (snapshot, objects)
    return read_again(objects)


def demo_site():
    """The whole demo as `make seed` makes it (DEBUG off), for a transactional test: built by
    the first test of the process that asks, then put back from its snapshot (kept_data);
    what seed_demo printed when it made it. The tests that use it run in one process
    (xdist_group DEMO_GROUP), so the demo is seeded once."""

    def build():
        out = io.StringIO()
        with override_settings(DEBUG=False):
            call_command("seed_demo", stdout=out)
        return {"printed": out.getvalue()}

    return kept_data("demo", build)


# The xdist group of every test that uses demo_site().
DEMO_GROUP = "demo"


def read_again(objects):
    """The same structure of dicts and lists with every model instance read from the database
    again, so that no test sees what an earlier one changed in memory."""
    if isinstance(objects, dict):
        return {key: read_again(value) for key, value in objects.items()}
    if isinstance(objects, list | tuple):
        return type(objects)(read_again(value) for value in objects)
    if isinstance(objects, Model):
        return type(objects)._default_manager.get(pk=objects.pk)
    return objects


@pytest.fixture(scope="module")
def module_data(django_db_setup, django_db_blocker):
    """A transaction held open across one test module and rolled back at its end, for data its
    tests only read and that is costly to build (the demo): built once inside it, seen by each
    test, whose own changes still roll back with the test. Such a module must not also hold
    transactional tests."""
    start = KEPT_DATA.get("start")
    rolled_back = start.rolled_back() if start else contextlib.nullcontext()
    with django_db_blocker.unblock(), rolled_back, transaction.atomic():
        shared_pages()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def home_page(db):
    """The site with its home page in every interface language."""
    return shared_pages()


def forget_cached():
    """The cache emptied (rate limits and cached fragments included), and the content version
    this process remembers with it."""
    from django.core.cache import cache

    from iswg_portal.core.content_version import forget_process_version

    cache.clear()
    forget_process_version()


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache."""
    forget_cached()
    yield


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language: a request in another language leaves that
    language active in the thread, which would otherwise reach the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


class ConnectionsInFlight:
    """The live server's connections, each counted from just before the server accepts it
    until its thread has closed it and given its database connection back. Counting
    connections rather than requests leaves no gap: a request the browser sent just before it
    closed still waits in the listening socket's queue, and a request that failed before
    Django could answer it still ends its connection."""

    def __init__(self, server):
        self.server = server
        self.count = 0
        self.open = set()
        self.condition = threading.Condition()
        accept, close = server.get_request, server.shutdown_request

        def get_request():
            with self.condition:
                self.count += 1
            try:
                sock, address = accept()
            except BaseException:
                self.closed()
                raise
            with self.condition:
                self.open.add(sock)
            return sock, address

        def shutdown_request(sock):
            try:
                close(sock)
            finally:
                self.closed(sock)

        server.get_request = get_request
        server.shutdown_request = shutdown_request

    def closed(self, sock=None):
        with self.condition:
            self.count -= 1
            self.open.discard(sock)
            self.condition.notify_all()

    def waiting(self):
        """Whether a connection waits in the listening socket's queue, not yet accepted."""
        return bool(select.select([self.server.socket], [], [], 0)[0])

    def wait_until_closed(self, timeout=30):
        deadline = time.monotonic() + timeout
        with self.condition:
            # The queue first, then the count: a connection accepted in between was counted.
            while self.waiting() or self.count > 0:
                if time.monotonic() > deadline:
                    self.hang_up()
                    pytest.fail(f"the live server still held {self.count} connection(s)")
                self.condition.wait(0.02)

    def hang_up(self):
        """Closes what a failed test left open (a browser it never closed), so that the next
        test starts with a quiet server."""
        for sock in list(self.open):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.condition.wait_for(lambda: self.count <= 0, 10)


@pytest.fixture(scope="session")
def live_server_connections(live_server):
    return ConnectionsInFlight(live_server.thread.httpd)


@pytest.fixture(autouse=True)
def live_server_done_before_the_flush(request):
    """A test with the live server ends only once the server has closed every connection the
    browser left behind (the service worker keeping a copy of a page, say). On SQLite the
    server's threads share the test's in-memory connection, and the flush after the test fails
    with "database table is locked" while one of them still reads."""
    if "live_server" not in request.fixturenames:
        yield
        return
    connections = request.getfixturevalue("live_server_connections")
    # A statement of an answered request can outlive it in a reference cycle (an exception's
    # traceback holds the frames that held its cursor) and keep its table locked until the
    # garbage collector runs: collect before the test writes and before the flush. On
    # PostgreSQL each request's thread closes its own connection, and the locks with it; a
    # collection costs most of a second there for nothing.
    shared_connection = connection.vendor == "sqlite"
    if shared_connection:
        gc.collect()
    yield
    connections.wait_until_closed()
    if shared_connection:
        gc.collect()


@pytest.fixture
def behind_one_load_balancer(settings):
    """The portal configured as the README says for one load balancer in front:
    TRUSTED_PROXY_COUNT=1 in the environment."""
    from tests.proxy import settings_read_from

    read = settings_read_from(TRUSTED_PROXY_COUNT="1")
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = read["ALLAUTH_TRUSTED_PROXY_COUNT"]
