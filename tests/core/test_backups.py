"""`manage.py backup` and `manage.py restore`: a backup restored into an empty database gives
back the same pages, revisions and files (SQLite online backup; pg_dump and pg_restore for
real on PostgreSQL)."""

import io
import json
import sqlite3
import tarfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from iswg_portal.core.backups import dump_database, load_database
from tests.factories import services_map as build

# The commands read and replace the database from outside the test's transaction.
pytestmark = pytest.mark.django_db(transaction=True)

MINUTES = b"%PDF-1.4\nMinutes of the Basic Needs meeting\n%%EOF\n"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def portal(home_page, media_root):
    """A directory with a service edited twice, a document and an image."""
    directory = build.directory_page()
    agency = build.agency(directory)
    service = build.service(agency, "Refugee Support Desk", place=("izmir", "Buca"))
    service.summary = "Advice on registration, now also on Saturdays."
    service.save_revision().publish()
    document = get_document_model().objects.create(
        title="Basic Needs minutes", file=SimpleUploadedFile("basic-needs.pdf", MINUTES)
    )
    picture = io.BytesIO()
    Image.new("RGB", (300, 100), (10, 120, 60)).save(picture, format="PNG")
    image = get_image_model().objects.create(
        title="Agency logo",
        description="The agency's logo",
        file=SimpleUploadedFile("logo.png", picture.getvalue()),
    )
    rendition = image.get_rendition("max-150x50")
    return {"service": service, "document": document, "image": image, "rendition": rendition}


def contents():
    """What a person would check came back: every page and every revision."""
    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "live")),
        "revisions": sorted(Revision.objects.values_list("pk", "object_id", "content")),
    }


@pytest.fixture
def recreate_tables_if_lost(tmp_path):
    """A test that empties the database, or a restore that fails half-way, leaves the test
    database without tables: load back the copy taken before the test (seconds, where migrating
    again takes a minute), so the tests after this one still run."""
    saved = tmp_path / "before-the-test"
    saved.mkdir()
    name = dump_database(connection, saved)
    yield
    if not connection.introspection.table_names():
        load_database(connection, saved / name)


def empty_database():
    """The database as `createdb` leaves it: no tables at all."""
    if connection.vendor == "sqlite":
        sqlite3.connect(":memory:").backup(connection.connection)
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    assert connection.introspection.table_names() == []


def back_up(output_dir):
    out = io.StringIO()
    call_command("backup", output_dir=str(output_dir), stdout=out)
    (archive,) = output_dir.glob("iswg-backup-*.tar.gz")
    return archive, out.getvalue()


def test_a_backup_restored_into_an_empty_database_has_the_same_pages_revisions_and_files(
    client, portal, media_root, tmp_path, recreate_tables_if_lost
):
    before = contents()
    archive, _report = back_up(tmp_path / "backups")

    empty_database()
    for path in sorted(media_root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Restored the" in out.getvalue()
    assert contents() == before
    document = get_document_model().objects.get(title="Basic Needs minutes")
    with document.file.open("rb") as restored:
        assert restored.read() == MINUTES
    assert (media_root / portal["rendition"].file.name).is_file()
    assert (media_root / portal["image"].file.name).is_file()
    response = client.get(portal["service"].url)
    assert response.status_code == 200
    assert "now also on Saturdays" in response.content.decode()


def test_the_archive_is_dated_and_holds_the_database_and_every_uploaded_file(portal, tmp_path):
    archive, report = back_up(tmp_path / "backups")
    assert archive.name.startswith("iswg-backup-20")
    assert archive.name.endswith("Z.tar.gz")
    assert str(archive) in report
    # It holds password hashes and personal data: only its owner may read it.
    assert archive.stat().st_mode & 0o077 == 0
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["database"] == connection.vendor
    assert manifest["database_file"] in names
    assert f"media/{portal['document'].file.name}" in names
    assert f"media/{portal['image'].file.name}" in names
    assert f"media/{portal['rendition'].file.name}" in names


def test_restore_refuses_a_database_that_is_not_empty(portal, tmp_path):
    archive, _report = back_up(tmp_path / "backups")
    build.agency(build.directory_page(), title="Added after the backup")
    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert Page.objects.filter(title="Added after the backup").exists()


def test_restore_with_force_replaces_what_the_database_holds(
    portal, tmp_path, recreate_tables_if_lost
):
    before = contents()
    archive, _report = back_up(tmp_path / "backups")
    build.agency(build.directory_page(), title="Added after the backup")
    call_command("restore", str(archive), force=True, stdout=io.StringIO())
    assert contents() == before
    assert not Page.objects.filter(title="Added after the backup").exists()


def test_restore_dry_run_checks_the_archive_and_changes_nothing(
    portal, media_root, tmp_path, recreate_tables_if_lost
):
    archive, _report = back_up(tmp_path / "backups")
    empty_database()
    out = io.StringIO()
    call_command("restore", str(archive), dry_run=True, stdout=out)
    assert "Would restore the" in out.getvalue()
    assert connection.introspection.table_names() == []


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    stray = tmp_path / "notes.tar.gz"
    stray.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="is not a backup archive"):
        call_command("restore", str(stray), stdout=io.StringIO())


def test_restore_refuses_an_archive_whose_files_would_land_outside_media(
    portal, media_root, tmp_path, recreate_tables_if_lost
):
    archive, _report = back_up(tmp_path / "backups")
    hostile = tmp_path / "hostile.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(hostile, "w:gz") as target:
        for member in source.getmembers():
            target.addfile(member, source.extractfile(member))
        escape = tarfile.TarInfo("media/../../outside.txt")
        escape.size = 4
        target.addfile(escape, io.BytesIO(b"evil"))
    empty_database()
    with pytest.raises(CommandError, match="unsafe path"):
        call_command("restore", str(hostile), stdout=io.StringIO())
    # Refused before anything was restored.
    assert connection.introspection.table_names() == []
    assert not (media_root.parent / "outside.txt").exists()
    assert not (media_root.parent.parent / "outside.txt").exists()
