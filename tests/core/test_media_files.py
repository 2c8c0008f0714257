"""Uploaded files: under the development server images are served from MEDIA_ROOT and documents
never are (only through Wagtail's permission-checked view); S3 storage is chosen by settings."""

import importlib
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import clear_url_caches
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import iswg_portal.urls
from iswg_portal.accounts.roles import CO_CHAIRS, MEMBERS
from meetings.documents import members_only_collection
from tests.core.test_settings import run_manage
from tests.factories import UserFactory

MINUTES = b"%PDF-1.4\nMinutes of the closed Protection meeting\n%%EOF\n"


@pytest.fixture
def development_urls(settings, tmp_path):
    """The URLs `make run` serves (DEBUG on), with uploads in a fresh MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    with override_settings(DEBUG=True):
        importlib.reload(iswg_portal.urls)
        clear_url_caches()
        yield
    importlib.reload(iswg_portal.urls)
    clear_url_caches()


@pytest.fixture
def members_only_minutes(client, home_page, development_urls):
    """Minutes a co-chair uploaded in the admin into the members-only collection."""
    client.force_login(UserFactory(role=CO_CHAIRS))
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Protection minutes",
            "collection": members_only_collection().pk,
            "file": SimpleUploadedFile("protection-minutes.pdf", MINUTES),
        },
    )
    assert response.status_code == 302
    client.logout()
    return get_document_model().objects.get(title="Protection minutes")


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def logo(db, development_urls):
    return get_image_model().objects.create(
        title="Agency logo",
        description="The agency's logo",
        file=SimpleUploadedFile("logo.png", png_bytes()),
    )


@pytest.mark.django_db
def test_a_documents_file_path_answers_404_on_the_development_server(client, members_only_minutes):
    response = client.get(f"/media/{members_only_minutes.file.name}")
    assert response.status_code == 404
    assert MINUTES not in b"".join(getattr(response, "streaming_content", [response.content]))


@pytest.mark.django_db
def test_climbing_out_of_the_image_folders_does_not_reach_a_document(client, members_only_minutes):
    response = client.get(f"/media/images/../{members_only_minutes.file.name}")
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_members_only_documents_link_asks_for_sign_in(client, members_only_minutes):
    response = client.get(members_only_minutes.url)
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_a_member_downloads_the_members_only_document_through_its_link(
    client, members_only_minutes
):
    client.force_login(UserFactory(role=MEMBERS))
    response = client.get(members_only_minutes.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINUTES


@pytest.mark.django_db
def test_image_renditions_are_served_on_the_development_server(client, logo):
    rendition = logo.get_rendition("max-160x80")
    assert rendition.url.startswith("/media/images/")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (160, 80)


@pytest.mark.django_db
def test_original_images_are_served_on_the_development_server(client, logo):
    response = client.get(logo.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()


STORAGE_FACTS = """
import json
from django.conf import settings
from django.core.files.storage import storages
from wagtail.documents import get_document_model
from wagtail.images.models import get_rendition_storage
print(json.dumps({
    "default": type(storages["default"]).__name__,
    "document_url": get_document_model()._meta.get_field("file").storage.url(
        "documents/minutes.pdf"
    ),
    "rendition_url": get_rendition_storage().url("images/logo.max-160x80.png"),
    "serve_method": settings.WAGTAILDOCS_SERVE_METHOD,
}))
"""


def storage_facts(**env):
    result = run_manage("iswg_portal.settings.test", "shell", "-c", STORAGE_FACTS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


S3_ENVIRONMENT = {
    "AWS_STORAGE_BUCKET_NAME": "iswg-files",
    "AWS_S3_ENDPOINT_URL": "https://s3.storage.example",
    "AWS_S3_REGION_NAME": "eu-central-1",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "example-secret",
    "AWS_S3_CUSTOM_DOMAIN": "files.portal.example",
}


# The storage a deployment gets from its environment, read in a new process: the deployment tier.
@pytest.mark.deployment
def test_uploads_stay_on_local_disk_without_a_bucket():
    facts = storage_facts(AWS_STORAGE_BUCKET_NAME="")
    assert facts["default"] == "FileSystemStorage"
    assert facts["document_url"] == "/media/documents/minutes.pdf"


@pytest.mark.deployment
def test_a_bucket_puts_uploads_on_s3_with_documents_private_and_renditions_public():
    facts = storage_facts(**S3_ENVIRONMENT)
    assert facts["default"] == "S3Storage"
    # A document's file URL is signed and expires; people get documents through the view.
    assert facts["document_url"].startswith("https://s3.storage.example/iswg-files/documents/")
    assert "X-Amz-Signature=" in facts["document_url"]
    assert "X-Amz-Expires=300" in facts["document_url"]
    assert facts["serve_method"] == "serve_view"
    assert facts["rendition_url"] == "https://files.portal.example/images/logo.max-160x80.png"
