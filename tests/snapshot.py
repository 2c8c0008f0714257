"""The test database as the suite starts it (migrated, with the shared pages), kept in memory and
put back after each transactional test in place of Django's flush.

A transactional test (the browser tests, whose live server reads the database from its own
threads) cannot be rolled back: Django empties every table after it, runs the post-migrate
handlers again (content types, permissions, Wagtail's defaults) and the next test seeds the
shared pages anew, several seconds a test. Putting the saved tables back takes a fraction of a
second and leaves the same rows. Ids keep counting up from where the test left them, as after a
flush, so nothing a test kept in memory can meet a new row under an old id.
"""

import io
import sqlite3

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction


class DatabaseSnapshot:
    """The rows of every table of the default database at one moment."""

    def __init__(self):
        self.memory = None  # SQLite: an in-memory copy of the whole database
        self.tables = {}  # PostgreSQL: each non-empty table's rows in COPY's text format

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
            return
        with connection.cursor() as cursor:
            for table in self.table_names(cursor):
                buffer = io.BytesIO()
                with cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                    for chunk in copy:
                        buffer.write(chunk)
                if buffer.tell():
                    self.tables[table] = buffer.getvalue()

    def restore(self):
        if connection.vendor == "sqlite":
            self.restore_sqlite()
        else:
            self.restore_postgresql()
        # Content types are cached by id in the process: the restored rows are the ones cached
        # before the test, but a type a test created is gone.
        ContentType.objects.clear_cache()

    def restore_sqlite(self):
        raw = connection.connection
        counted = dict(raw.execute("SELECT name, seq FROM sqlite_sequence").fetchall())
        self.memory.backup(raw)
        for table, seq in counted.items():
            updated = raw.execute(
                "UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?", (seq, table)
            )
            if not updated.rowcount:
                raw.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, seq))
        raw.commit()

    def restore_postgresql(self):
        # Foreign keys are deferred to the end of the transaction (Django creates them
        # DEFERRABLE INITIALLY DEFERRED); sequences are left as the test left them.
        with transaction.atomic(), connection.cursor() as cursor:
            # DELETE, not TRUNCATE: on tables of a few rows it is many times faster, since
            # TRUNCATE gives each table new files. The names come from the database's own
            # catalogue.
            tables = self.table_names(cursor)
            deletes = "; ".join(f'DELETE FROM "{table}"' for table in tables)  # noqa: S608
            cursor.execute(deletes)
            for table, rows in self.tables.items():
                with cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(rows)

    @staticmethod
    def table_names(cursor):
        return sorted(connection.introspection.table_names(cursor, include_views=False))
