"""The admin saves no image without alt text, whichever way it is uploaded or edited."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

from iswg_portal.accounts.roles import CO_CHAIRS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ALT_TEXT_MISSING = "Add alt text: describe the image for someone who cannot see it."


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files land in a folder of the test's own."""
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def co_chair_client(client, home_page):
    client.force_login(UserFactory(role=CO_CHAIRS))
    return client


def png(name="logo.png"):
    """A real, small PNG file as the browser would upload it."""
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (11, 79, 138)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def root_collection():
    return Collection.get_first_root_node()


@pytest.fixture
def library_image(home_page):
    """An image already in the library, with its alt text."""
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Office",
        description="The agency's office entrance on a busy street",
        file=ContentFile(buffer.getvalue(), name="office.png"),
        collection=root_collection(),
    )


def test_image_without_alt_text_is_refused_with_a_field_error(co_chair_client):
    response = co_chair_client.post(
        "/admin/images/add/",
        {"title": "Logo", "collection": root_collection().pk, "file": png(), "description": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["description"] == [ALT_TEXT_MISSING]
    assert ALT_TEXT_MISSING in response.content.decode()
    assert not get_image_model().objects.exists()


def test_alt_text_of_only_spaces_is_refused(co_chair_client):
    co_chair_client.post(
        "/admin/images/add/",
        {"title": "Logo", "collection": root_collection().pk, "file": png(), "description": "  "},
    )
    assert not get_image_model().objects.exists()


def test_image_form_asks_for_alt_text_in_plain_words(co_chair_client):
    page = co_chair_client.get("/admin/images/add/").content.decode()
    assert "Alt text" in page
    assert "Describe the image for someone who cannot see it" in page


def test_image_with_alt_text_is_saved_with_it(co_chair_client):
    response = co_chair_client.post(
        "/admin/images/add/",
        {
            "title": "Logo",
            "collection": root_collection().pk,
            "file": png(),
            "description": "ASAM logo: a blue circle around two hands",
        },
    )
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert image.description == "ASAM logo: a blue circle around two hands"


def test_editing_an_image_cannot_clear_its_alt_text(co_chair_client, library_image):
    response = co_chair_client.post(
        f"/admin/images/{library_image.pk}/",
        {"title": "Office", "collection": root_collection().pk, "description": ""},
    )
    assert response.status_code == 200
    assert ALT_TEXT_MISSING in response.content.decode()
    library_image.refresh_from_db()
    assert library_image.description == "The agency's office entrance on a busy street"


def test_multiple_upload_keeps_no_image_until_alt_text_is_given(co_chair_client):
    response = co_chair_client.post(
        "/admin/images/multiple/add/",
        {"collection": root_collection().pk, "files[]": png()},
    )
    data = response.json()
    # The file waits aside while the form asks for what the image still needs.
    assert data["success"] is True
    assert "image_id" not in data
    assert "Alt text" in data["form"]
    assert not get_image_model().objects.exists()

    prefix = f"uploaded-image-{data['uploaded_file_id']}"
    form_url = f"/admin/images/multiple/create_from_uploaded_image/{data['uploaded_file_id']}/"

    def complete_upload(alt_text):
        fields = {"title": "Logo", "collection": root_collection().pk, "description": alt_text}
        posted = {f"{prefix}-{name}": value for name, value in fields.items()}
        return co_chair_client.post(form_url, posted).json()

    refused = complete_upload("")
    assert refused["success"] is False
    assert ALT_TEXT_MISSING in refused["form"]
    assert not get_image_model().objects.exists()

    saved = complete_upload("ASAM logo")
    assert saved["success"] is True
    assert get_image_model().objects.get(pk=saved["image_id"]).description == "ASAM logo"


def test_multiple_upload_edit_form_cannot_clear_alt_text(co_chair_client, library_image):
    prefix = f"image-{library_image.pk}"
    data = co_chair_client.post(
        f"/admin/images/multiple/{library_image.pk}/",
        {
            f"{prefix}-title": "Office",
            f"{prefix}-collection": root_collection().pk,
            f"{prefix}-description": "",
        },
    ).json()
    assert data["success"] is False
    assert ALT_TEXT_MISSING in data["form"]
    library_image.refresh_from_db()
    assert library_image.description == "The agency's office entrance on a busy street"


def test_chooser_upload_in_the_page_editor_refuses_an_image_without_alt_text(co_chair_client):
    response = co_chair_client.post(
        "/admin/images/chooser/create/",
        {
            "image-chooser-upload-title": "Logo",
            "image-chooser-upload-collection": root_collection().pk,
            "image-chooser-upload-file": png(),
            "image-chooser-upload-description": "",
        },
    )
    data = response.json()
    assert data["step"] == "reshow_creation_form"
    assert ALT_TEXT_MISSING in data["htmlFragment"]
    assert not get_image_model().objects.exists()


def test_chooser_upload_in_the_page_editor_saves_an_image_with_alt_text(co_chair_client):
    response = co_chair_client.post(
        "/admin/images/chooser/create/",
        {
            "image-chooser-upload-title": "Logo",
            "image-chooser-upload-collection": root_collection().pk,
            "image-chooser-upload-file": png(),
            "image-chooser-upload-description": "ASAM logo",
        },
    )
    assert response.json()["step"] == "chosen"
    assert get_image_model().objects.get().description == "ASAM logo"
