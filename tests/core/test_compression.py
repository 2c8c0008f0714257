"""Public pages, feeds and scripts travel gzipped; documents, images and downloads arrive as
they are, byte for byte, with their length.

(Which responses stay uncompressed because they are for one person is in
test_private_responses.py.)"""

import gzip
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.http import FileResponse, HttpResponse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from iswg_portal.core.middleware import PublicGZipMiddleware
from tests.factories.meetings import make_group, make_meeting

pytestmark = pytest.mark.django_db

GZIP = {"accept-encoding": "gzip, deflate, br"}


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files land in a folder of the test's own."""
    settings.MEDIA_ROOT = str(tmp_path)


def pdf_bytes():
    """A PDF whose text would shrink a lot under gzip, were it compressed."""
    page = b"BT /F1 12 Tf (Protection working group minutes) Tj ET\n"
    return b"%PDF-1.4\n" + page * 80 + b"%%EOF\n"


def docx_bytes():
    """An office document: a zip archive, stored here without compression of its own."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        entry = zipfile.ZipInfo("word/document.xml", date_time=(2026, 1, 15, 9, 30, 0))
        archive.writestr(entry, "<w:t>Agenda item</w:t>" * 100)
    return buffer.getvalue()


def public_document(name, content):
    """A document in the root collection, which anyone may download."""
    return get_document_model().objects.create(
        title=name,
        file=ContentFile(content, name=name),
        collection=Collection.get_first_root_node(),
    )


def downloaded_bytes(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("minutes.pdf", pdf_bytes()),
        ("agenda.docx", docx_bytes()),
        ("contacts.csv", b"agency,phone\n" + b"ASAM,+90 232 000 00 00\n" * 40),
        ("notes.txt", b"Referral pathway notes.\n" * 40),
    ],
    ids=["pdf", "docx", "csv", "txt"],
)
def test_public_document_is_downloaded_uncompressed_with_its_exact_bytes_and_length(
    client, home_page, name, content
):
    document = public_document(name, content)
    response = client.get(document.url, headers=GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert response["Content-Length"] == str(len(content))
    assert downloaded_bytes(response) == content


def serve_through_middleware(rf, response):
    """The response as it leaves PublicGZipMiddleware for an anonymous visitor asking for gzip."""
    request = rf.get("/", headers=GZIP)
    return PublicGZipMiddleware(lambda request: response)(request)


def test_image_file_is_served_uncompressed(rf, home_page):
    buffer = io.BytesIO()
    Image.new("L", (400, 300), 255).save(buffer, "BMP")  # a format gzip would shrink
    image = get_image_model().objects.create(
        title="Office",
        description="Office entrance",
        file=ContentFile(buffer.getvalue(), name="office.bmp"),
        collection=Collection.get_first_root_node(),
    )
    image.file.open("rb")
    response = serve_through_middleware(rf, FileResponse(image.file, content_type="image/bmp"))
    assert "Content-Encoding" not in response
    assert response["Content-Length"] == str(len(buffer.getvalue()))
    assert b"".join(response.streaming_content) == buffer.getvalue()


@pytest.mark.parametrize(
    "content_type",
    [
        "image/png",
        "application/pdf",
        "application/zip",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "video/mp4",
        "audio/mpeg",
        "application/octet-stream",
    ],
)
def test_response_of_a_binary_type_is_not_compressed(rf, content_type):
    content = b"\x00" * 5000
    response = serve_through_middleware(rf, HttpResponse(content, content_type=content_type))
    assert "Content-Encoding" not in response
    assert response.content == content


def test_attachment_download_is_not_compressed_even_as_text(rf):
    content = b"action,owner\n" + b"Map referral pathways,ASAM\n" * 50
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="action-points.csv"'
    response = serve_through_middleware(rf, response)
    assert "Content-Encoding" not in response
    assert response.content == content


def test_public_html_page_is_still_sent_compressed(client, home_page):
    response = client.get("/en/", headers=GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.content)


def test_public_calendar_feed_is_sent_compressed(client, home_page):
    make_meeting(make_group(home_page), title="January plenary")
    response = client.get("/meetings/feed.ics", headers=GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    feed = gzip.decompress(response.content)
    assert len(feed) > 200  # above the size under which gzip is not worth it
    assert b"January plenary" in feed


def test_web_manifest_is_sent_compressed(client, home_page):
    response = client.get("/en/manifest.webmanifest", headers=GZIP)
    assert response["Content-Type"].startswith("application/manifest+json")
    assert response["Content-Encoding"] == "gzip"
    assert len(gzip.decompress(response.content)) > 200


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b'{"services": [' + b'{"name": "Legal counselling"},' * 20 + b"{}]}"),
        ("image/svg+xml", b"<svg>" + b'<circle r="4"/>' * 30 + b"</svg>"),
        ("text/css; charset=utf-8", b".agency__logo { max-inline-size: 10rem; }\n" * 20),
        ("text/javascript; charset=utf-8", b"document.documentElement.dataset.js = 1;\n" * 20),
        ("application/xml", b"<urlset>" + b"<url><loc>/en/</loc></url>" * 20 + b"</urlset>"),
    ],
)
def test_text_the_site_writes_is_sent_compressed(rf, content_type, body):
    response = serve_through_middleware(rf, HttpResponse(body, content_type=content_type))
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == body
