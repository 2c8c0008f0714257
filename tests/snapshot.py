"""The test database as the suite starts it (migrated, with the shared pages), kept in memory and
put back after each transactional test in place of Django's flush.

A transactional test (the browser tests, whose live server reads the database from its own
threads) cannot be rolled back: Django empties every table after it, runs the post-migrate
handlers again (content types, permissions, Wagtail's defaults) and the next test seeds the
shared pages anew, several seconds a test. Putting the saved tables back takes a fraction of a
second and leaves the same rows. Ids keep counting up from where the test left them, as after a
flush, so nothing a test kept in memory can meet a new row under an old id.

On PostgreSQL only the tables a test wrote to are put back: a row written since the snapshot was
taken or last put back carries a newer transaction id (xmin), a deleted one changes the count.
Each statement is a round trip to the server, and the round trips, not the rows, are what a
restore costs.
"""

import contextlib
import gc
import io
import sqlite3
import sys
import threading
import time
import traceback

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction


class DatabaseSnapshot:
    """The rows of every table of the default database at one moment."""

    def __init__(self):
        self.memory = None  # SQLite: an in-memory copy of the whole database
        self.tables = {}  # PostgreSQL: each table's rows in COPY's text format, empty ones too
        self.counts = {}  # PostgreSQL: each table's number of rows
        # PostgreSQL: the transaction that last made the tables match the snapshot (taken or
        # put back); a row another transaction wrote since has a newer xmin.
        self.matched_in = None
        self.changes = None  # SQLite: the connection's count of changed rows at that moment

    @classmethod
    def supported(cls):
        return connection.vendor == "postgresql" or (
            connection.vendor == "sqlite" and connection.is_in_memory_db()
        )

    def take(self):
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self.memory = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.memory)
            self.changes = self.sqlite_changes()
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.table_names(cursor):
                buffer = io.BytesIO()
                with cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                    for chunk in copy:
                        buffer.write(chunk)
                # COPY's text format writes one line a row (a newline in a value is escaped).
                self.tables[table] = buffer.getvalue()
                self.counts[table] = self.tables[table].count(b"\n")
            self.matched_in = self.current_transaction(cursor)

    def restore(self):
        if connection.vendor == "sqlite":
            self.restore_sqlite()
        else:
            self.restore_postgresql()
        # Content types are cached by id in the process: the restored rows are the ones cached
        # before the test, but a type a test created is gone.
        ContentType.objects.clear_cache()

    def unchanged(self):
        """Whether no row was written since the snapshot was taken or last put back."""
        if connection.vendor == "sqlite":
            return self.sqlite_changes() == self.changes
        with transaction.atomic(), connection.cursor() as cursor:
            return not self.changed_tables(cursor, self.current_transaction(cursor))

    @contextlib.contextmanager
    def rolled_back(self):
        """Around a block whose writes are all rolled back (an ordinary test, a module's data):
        SQLite counts the rows a statement wrote even when they are rolled back, so when the
        rows were the snapshot's before the block, the count is taken again after it and they
        still are. PostgreSQL never sees rolled-back rows (changed_tables)."""
        unchanged = connection.vendor == "sqlite" and self.unchanged()
        yield
        if unchanged:
            self.changes = self.sqlite_changes()

    def restore_sqlite(self):
        raw = connection.connection
        counted = dict(raw.execute("SELECT name, seq FROM sqlite_sequence").fetchall())
        first_failure = None
        for attempt in range(3):
            try:
                self.memory.backup(raw)
                break
            except sqlite3.OperationalError as error:
                # A statement nobody finished still holds a table: it is released when the
                # object that ran it is collected, frozen objects included. What held it when
                # it first failed is named if it still fails, for whoever mends the cause.
                gc.unfreeze()
                first_failure = first_failure or f"{error}\n{who_holds_sqlite(raw, self.memory)}"
                if attempt == 2:
                    raise sqlite3.OperationalError(first_failure) from None
                gc.collect()
                time.sleep(0.2)
        for table, seq in counted.items():
            updated = raw.execute(
                "UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?", (seq, table)
            )
            if not updated.rowcount:
                raw.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, seq))
        raw.commit()
        self.changes = self.sqlite_changes()

    def sqlite_changes(self):
        # Rows inserted, updated or deleted through this connection since it was opened; the
        # live server's threads share the test's in-memory connection.
        connection.ensure_connection()
        raw = connection.connection
        return id(raw), raw.total_changes

    def restore_postgresql(self):
        # Foreign keys are deferred to the end of the transaction (Django creates them
        # DEFERRABLE INITIALLY DEFERRED); sequences are left as the test left them.
        with transaction.atomic(), connection.cursor() as cursor:
            now = self.current_transaction(cursor)
            changed = self.changed_tables(cursor, now)
            if changed:
                # DELETE, not TRUNCATE: on tables of a few rows it is many times faster, since
                # TRUNCATE gives each table new files. The names come from the database's own
                # catalogue.
                deletes = "; ".join(f'DELETE FROM "{table}"' for table in changed)  # noqa: S608
                cursor.execute(deletes)
                for table in changed:
                    if self.counts.get(table):
                        with cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                            copy.write(self.tables[table])
            # The rows just copied carry this transaction's id: they are the snapshot's.
            self.matched_in = now

    def changed_tables(self, cursor, now):
        """The tables whose rows differ from the snapshot's, in one round trip: those with a
        row written by a later transaction or with another number of rows. A table the test
        created or dropped puts every table back."""
        tables = self.table_names(cursor)
        if set(tables) != set(self.tables):
            return tables
        since = now - self.matched_in
        # age(xmin) counts the transactions from the row's writer to this one: fewer than
        # since the snapshot matched means it was written later. Frozen rows count as oldest.
        counts = " UNION ALL ".join(
            f"SELECT {number}, count(*), count(*) FILTER (WHERE age(xmin) < {since}) "  # noqa: S608
            f'FROM "{table}"'
            for number, table in enumerate(tables)
        )
        cursor.execute(counts)
        return [
            tables[number]
            for number, rows, written in cursor.fetchall()
            if written or rows != self.counts[tables[number]]
        ]

    @staticmethod
    def current_transaction(cursor):
        # Gives the transaction an id now, so that age() counts from it.
        cursor.execute("SELECT txid_current()")
        return cursor.fetchone()[0]

    @staticmethod
    def table_names(cursor):
        return sorted(connection.introspection.table_names(cursor, include_views=False))


def who_holds_sqlite(raw, memory):
    """The SQLite connections and cursors alive in this process besides the test's connection
    and the snapshot's, and what each thread is doing: who may hold a table of the shared
    in-memory database."""
    lines = ["SQLite connections and cursors alive:"]
    for obj in gc.get_objects():
        # type(), not isinstance(): isinstance would wake Django's lazy objects.
        kind = type(obj)
        if issubclass(kind, sqlite3.Connection) and obj is not raw and obj is not memory:
            lines.append(f"  another connection {obj!r}, in a transaction: {obj.in_transaction}")
            lines += [f"    held by {type(ref).__name__}" for ref in gc.get_referrers(obj)[:5]]
        elif issubclass(kind, sqlite3.Cursor):
            owner = "the test's" if obj.connection is raw else repr(obj.connection)
            lines.append(f"  a cursor of {owner} connection")
    lines.append(f"The test's connection in a transaction: {raw.in_transaction}")
    for thread in threading.enumerate():
        frame = sys._current_frames().get(thread.ident)
        where = traceback.format_stack(frame)[-3:] if frame else []
        lines.append(f"Thread {thread.name}:\n" + "".join(where))
    return "\n".join(lines)
