"""Backups of the portal: the database and the uploaded files in one dated archive, and back.

An archive `iswg-backup-20261206T070000Z.tar.gz` holds `manifest.json`, the database
(`database.sqlite3`, a copy made with SQLite's online backup API, or `database.pgdump`, from
`pg_dump --format=custom`) and the files of MEDIA_ROOT under `media/`. Used by the `backup`
and `restore` management commands; see the README's "Backups" section.
"""

import datetime
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, storages
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_FOLDER = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass
class BackupSummary:
    """What one archive holds."""

    path: Path
    database: str
    media_files: int


def archive_name(moment):
    """The archive's file name for a moment, in UTC: iswg-backup-20261206T070000Z.tar.gz."""
    return f"iswg-backup-{moment.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}.tar.gz"


def postgres_environment(connection):
    """Environment for pg_dump and pg_restore to reach the connection's database; the password
    goes in PGPASSWORD, never on a command line others could read."""
    db = connection.settings_dict
    environment = {**os.environ, "PGDATABASE": db["NAME"]}
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ]:
        if db.get(key):
            environment[variable] = str(db[key])
    if db.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return environment


def run_postgres_tool(arguments, connection):
    """Run pg_dump or pg_restore; a failure becomes a BackupError carrying the tool's words."""
    try:
        result = subprocess.run(  # noqa: S603 - fixed program, arguments built here
            arguments,
            env=postgres_environment(connection),
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{arguments[0]} was not found: install the PostgreSQL client tools."
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{arguments[0]} failed: {result.stderr.strip()}")


def dump_database(connection, folder):
    """Copy the database into `folder`; returns the file's name. SQLite is copied page by page
    through the live connection (safe while the site runs, and works for in-memory databases);
    PostgreSQL is dumped by pg_dump in its compressed custom format."""
    name = DATABASE_FILES.get(connection.vendor)
    if name is None:
        raise BackupError(f"Backups of a {connection.vendor} database are not supported.")
    target = Path(folder) / name
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        run_postgres_tool(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            connection,
        )
    return name


def local_media_root():
    """MEDIA_ROOT when uploads are kept there; None when they are in a bucket."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location)
    return None


def media_files(media_root):
    """Every file below MEDIA_ROOT, sorted, as paths relative to it."""
    if media_root is None or not media_root.is_dir():
        return []
    return sorted(path.relative_to(media_root) for path in media_root.rglob("*") if path.is_file())


def create_backup(output_dir, connection):
    """Write one archive of the database and MEDIA_ROOT into `output_dir`; returns a summary.

    The archive holds personal data and password hashes: it is created readable by its owner
    only, and appears under its final name only once complete."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    created = timezone.now()
    media_root = local_media_root()
    files = media_files(media_root)
    final = output_dir / archive_name(created)
    partial = final.with_name(final.name + ".partial")
    try:
        write_archive(partial, connection, created, media_root, files)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(final)
    return BackupSummary(path=final, database=connection.vendor, media_files=len(files))


def write_archive(path, connection, created, media_root, files):
    """The archive's contents, written to `path`: manifest first, then database, then files."""
    with tempfile.TemporaryDirectory(prefix="iswg-backup-") as work:
        database_file = dump_database(connection, work)
        manifest = {
            "format": FORMAT_VERSION,
            "created": created.isoformat(),
            "database": connection.vendor,
            "database_file": database_file,
            "media_files": len(files),
            "media_in_bucket": media_root is None,
        }
        manifest_path = Path(work) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2))
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            tar.add(manifest_path, arcname=MANIFEST)
            tar.add(Path(work) / database_file, arcname=database_file)
            for relative in files:
                tar.add(media_root / relative, arcname=f"{MEDIA_FOLDER}/{relative.as_posix()}")


def read_manifest(tar):
    """The archive's manifest, checked to be one this version can restore."""
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.loads(tar.extractfile(member).read())
    except (KeyError, ValueError, AttributeError) as error:
        raise BackupError("This is not an ISWG Portal backup: it has no manifest.") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Backup format {manifest.get('format')} is not supported here.")
    if manifest.get("database_file") not in DATABASE_FILES.values():
        raise BackupError("The backup's manifest names no database file.")
    return manifest


def database_is_empty(connection):
    """True when the database has no tables at all, as after `createdb`."""
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def drop_all_tables(connection):
    """Empty a PostgreSQL database of every table (and what hangs on them) before a restore."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")


def load_database(connection, database_path):
    """Replace the connection's database with the copy in `database_path`."""
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:
            raise BackupError("Restore outside a transaction.")
        connection.ensure_connection()
        source = sqlite3.connect(database_path)
        try:
            # Copies every page over the target: what was there before is gone.
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        run_postgres_tool(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(database_path),
            ],
            connection,
        )


def media_members(tar, media_root):
    """The archive's files for MEDIA_ROOT, named relative to it, each checked by tarfile's
    `data` filter: a path that would leave MEDIA_ROOT, a link or a device file is refused
    before anything is restored."""
    prefix = f"{MEDIA_FOLDER}/"
    members = []
    for member in tar.getmembers():
        if not member.name.startswith(prefix):
            continue
        relative = member.replace(name=member.name[len(prefix) :], deep=False)
        try:
            members.append(tarfile.data_filter(relative, str(media_root)))
        except tarfile.FilterError as error:
            raise BackupError(f"The archive holds an unsafe path: {error}") from error
    return [member for member in members if member.isfile()]


def restore_media(tar, members, media_root):
    """Put the archive's files back below MEDIA_ROOT; returns how many."""
    for member in members:
        tar.extract(member, media_root, filter="data")
    return len(members)


def restore_backup(archive, connection, *, force=False, dry_run=False):
    """Restore an archive made by `create_backup` into the connection's database and MEDIA_ROOT.

    Refuses a database that already has tables unless `force`, which replaces its contents.
    With `dry_run`, makes every check and changes nothing. Returns a summary of what was (or
    would be) restored."""
    archive = Path(archive)
    if not archive.is_file() or not tarfile.is_tarfile(archive):
        raise BackupError(f"{archive} is not a backup archive.")
    with tarfile.open(archive, "r:gz") as tar:
        manifest = read_manifest(tar)
        if manifest["database"] != connection.vendor:
            raise BackupError(
                f"This backup is of a {manifest['database']} database; "
                f"the portal is set up with {connection.vendor}."
            )
        replacing = not database_is_empty(connection)
        if replacing and not force:
            raise BackupError(
                "The database is not empty. Restore into a new, empty database, "
                "or pass --force to replace everything in this one."
            )
        media_root = local_media_root()
        if media_root is None and manifest["media_files"]:
            raise BackupError(
                "Uploads are kept in a bucket: restore the archive's media/ folder into the "
                "bucket with the bucket's own tools, or restore with local storage."
            )
        files = media_members(tar, media_root) if media_root is not None else []
        if dry_run:
            return BackupSummary(path=archive, database=connection.vendor, media_files=len(files))
        if replacing and connection.vendor == "postgresql":
            drop_all_tables(connection)
        with tempfile.TemporaryDirectory(prefix="iswg-restore-") as work:
            member = tar.getmember(manifest["database_file"])
            tar.extract(member, work, filter="data")
            load_database(connection, Path(work) / member.name)
        restored_files = restore_media(tar, files, media_root)
    # Cached pages, counts and menus describe the database that was replaced.
    cache.clear()
    return BackupSummary(path=archive, database=connection.vendor, media_files=restored_files)
