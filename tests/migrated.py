"""The migrated test database kept between runs (SQLite in memory), as pytest-django's --reuse-db
keeps a database on disk: migrating from nothing costs each test process about 10 s, before its
first test, every run.

The copy is kept in `.pytest_cache/migrated/`, named by a fingerprint of everything migrating
depends on: the migration files of every installed app, the portal's modules those migrations
import (and the modules those import in turn), the portal's data files and its settings, and the
versions of Python, SQLite and Django. A run whose fingerprint has no copy migrates as before and
leaves one; a run that finds one copies it into its new database and runs `migrate` all the same,
which then only does what follows every migration (content types, permissions, the cache table).
"""

import ast
import contextlib
import hashlib
import os
import sqlite3
import sys
from pathlib import Path

import django
from django.apps import apps
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
KEPT = ROOT / ".pytest_cache" / "migrated"
FIRST_PARTY = ("iswg_portal", "home", "meetings", "services_map")


def module_file(name):
    """The source file of a module of the portal, or None."""
    path = ROOT.joinpath(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_modules(source_file):
    """The portal's modules a source file imports by absolute name."""
    for node in ast.walk(ast.parse(source_file.read_bytes())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from package import module` imports a module as well as a name.
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            if name.split(".")[0] in FIRST_PARTY and (found := module_file(name)):
                yield found


def migration_files():
    for app in apps.get_app_configs():
        yield from sorted((Path(app.path) / "migrations").glob("*.py"))


def files_migrating_reads():
    """Every migration file, and the portal's modules, data and settings migrating reads."""
    files = set(migration_files())
    waiting = [path for path in files if path.is_relative_to(ROOT)]
    while waiting:
        for found in imported_modules(waiting.pop()):
            if found not in files:
                files.add(found)
                waiting.append(found)
    for package in FIRST_PARTY:
        files.update(path for path in (ROOT / package).glob("data/**/*") if path.is_file())
    files.update((ROOT / "iswg_portal" / "settings").glob("*.py"))
    return sorted(files)


def fingerprint():
    digest = hashlib.sha256(f"{sys.version} {sqlite3.sqlite_version} {django.__version__}".encode())
    for path in files_migrating_reads():
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def kept_migration(call_command, recreate=False):
    """call_command for Django's creation of the test database, with `migrate` starting from the
    kept copy when there is one, and leaving one when there was none. Only for an SQLite
    database in memory; `recreate` (pytest-django's --create-db) migrates from nothing."""

    def migrate_or_call(name, *args, **options):
        if name != "migrate" or not (
            connection.vendor == "sqlite" and connection.is_in_memory_db()
        ):
            return call_command(name, *args, **options)
        kept = KEPT / f"{fingerprint()}.sqlite3"
        restored = kept.exists() and not recreate
        if restored:
            connection.ensure_connection()
            with contextlib.closing(sqlite3.connect(kept)) as copy:
                copy.backup(connection.connection)
        result = call_command(name, *args, **options)
        if not restored:
            keep(kept)
        return result

    return migrate_or_call


def keep(kept):
    """The migrated database written to `kept` (the copy of another fingerprint removed), whole
    or not at all: the parallel test processes may both write it."""
    KEPT.mkdir(parents=True, exist_ok=True)
    for other in KEPT.glob("*.sqlite3"):
        if other != kept:
            other.unlink(missing_ok=True)
    partial = kept.with_suffix(f".{os.getpid()}.partial")
    with contextlib.closing(sqlite3.connect(partial)) as copy:
        connection.connection.backup(copy)
    partial.replace(kept)
