"""Uploads are limited by type, size and pixels; members-only documents go only to members;
rich text keeps no script."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from iswg_portal.accounts.roles import CO_CHAIRS, MEMBERS
from tests.factories import UserFactory

MiB = 1024 * 1024


@pytest.fixture
def co_chair_client(client, home_page):
    client.force_login(UserFactory(role=CO_CHAIRS))
    return client


def upload_document(client, name, content):
    root = Collection.get_first_root_node()
    return client.post(
        "/admin/documents/add/",
        {"title": name, "collection": root.pk, "file": SimpleUploadedFile(name, content)},
    )


def png(width, height, noise=False):
    """A real PNG of the given size; noise makes it incompressible, so its file is large."""
    if noise:
        import os

        image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    else:
        image = Image.new("L", (width, height), 255)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def upload_image(client, name, content):
    root = Collection.get_first_root_node()
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "collection": root.pk,
            "file": SimpleUploadedFile(name, content),
            "description": "A test picture",
        },
    )


@pytest.mark.django_db
def test_a_pdf_is_accepted(co_chair_client):
    response = upload_document(co_chair_client, "minutes.pdf", b"%PDF-1.4\n%%EOF\n")
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="minutes.pdf").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["tool.exe", "page.html", "drawing.svg", "script.js"])
def test_a_document_of_a_type_not_allowed_is_refused_with_a_message(co_chair_client, name):
    response = upload_document(co_chair_client, name, b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert "is not allowed. Allowed extensions are: csv, docx" in response.content.decode()
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_a_document_over_twenty_megabytes_is_refused_with_a_message(co_chair_client):
    response = upload_document(co_chair_client, "big.pdf", b"%PDF" + b"0" * (20 * MiB))
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_an_image_over_ten_megabytes_is_refused_with_a_message(co_chair_client):
    response = upload_image(co_chair_client, "noise.png", png(2000, 1800, noise=True))
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_image_over_forty_megapixels_is_refused_with_a_message(co_chair_client):
    content = png(8000, 5001)
    assert len(content) < MiB  # small file, huge picture: a decompression bomb
    response = upload_image(co_chair_client, "bomb.png", content)
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_image_in_an_allowed_size_is_accepted(co_chair_client):
    response = upload_image(co_chair_client, "logo.png", png(400, 200))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="logo.png").exists()


@pytest.fixture
def members_only_document(home_page, db):
    """Minutes in a collection that only the Members group may see."""
    from iswg_portal.accounts.roles import ensure_role_groups

    groups = ensure_role_groups()
    collection = Collection.get_first_root_node().add_child(name="Members only")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(groups[MEMBERS])
    document = get_document_model().objects.create(
        title="Protection minutes",
        collection=collection,
        file=ContentFile(b"confidential minutes", name="minutes.txt"),
    )
    return document


@pytest.mark.django_db
def test_members_only_document_is_refused_to_the_public(client, members_only_document):
    response = client.get(members_only_document.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert b"confidential" not in response.content


@pytest.mark.django_db
def test_members_only_document_is_served_to_a_member(client, members_only_document):
    client.force_login(UserFactory(role=MEMBERS))
    response = client.get(members_only_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"confidential minutes"


@pytest.mark.django_db
def test_members_only_document_is_refused_to_a_signed_in_non_member(client, members_only_document):
    client.force_login(UserFactory())
    response = client.get(members_only_document.url)
    assert response.status_code in {302, 403}
    assert b"confidential" not in response.content


@pytest.mark.django_db
def test_document_file_is_not_reachable_under_media(client, members_only_document, settings):
    # Files are served only through the permission-checked view, never straight from storage.
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert client.get(settings.MEDIA_URL + members_only_document.file.name).status_code == 404


def round_trip_through_the_editor(html):
    """Load stored rich text into the admin's editor and save it back, as an edit would."""
    widget = get_rich_text_editor_widget()
    contentstate = widget.format_value(html)
    return widget.value_from_datadict({"body": contentstate}, {}, "body")


def test_rich_text_loses_a_script_when_saved_through_the_editor():
    saved = round_trip_through_the_editor("<p>Open days</p><script>alert(1)</script>")
    assert "<script" not in saved
    assert "Open days" in saved


def test_rich_text_loses_event_handlers_when_saved_through_the_editor():
    saved = round_trip_through_the_editor('<p onclick="alert(1)">Call us</p>')
    assert "onclick" not in saved
    assert "Call us" in saved


def test_rich_text_loses_a_javascript_link_posted_to_the_editor():
    widget = get_rich_text_editor_widget()
    contentstate = {
        "blocks": [
            {
                "key": "a1",
                "type": "unstyled",
                "text": "Click",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 5, "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {
            "0": {
                "type": "LINK",
                "mutability": "MUTABLE",
                "data": {"url": "javascript:alert(1)"},
            }
        },
    }
    saved = widget.value_from_datadict({"body": json.dumps(contentstate)}, {}, "body")
    assert "javascript:" not in saved
    assert "Click" in saved
