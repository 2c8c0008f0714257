"""The agency page: its profile and its current services, in the visitor's language."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Locale

from services_map.models import ServicePage
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def karabaglar(directory):
    page = build.agency(directory, "Karabağlar Municipality", acronym="")
    page.description = "<p>Vocational courses for women, with day-care.</p>"
    page.email = "sosyaldestek@karabaglar.example"
    page.phone = "+90 232 250 50 50"
    page.save_revision().publish()
    return page


def test_agency_page_shows_its_profile(client, karabaglar):
    html = text_of(client.get(karabaglar.get_url()))
    assert "Karabağlar Municipality" in html
    assert "Vocational courses for women, with day-care." in html
    assert 'href="mailto:sosyaldestek@karabaglar.example"' in html
    assert 'href="tel:+902322505050"' in html


def test_agency_page_lists_its_current_services_with_links(client, karabaglar):
    course = build.service(karabaglar, "Shirt-sewing course", place=("izmir", "Karabağlar"))
    html = text_of(client.get(karabaglar.get_url()))
    assert f'href="{course.get_url()}"' in html
    assert "Karabağlar, İzmir" in html
    assert "1 current service" in html


def test_agency_pages_context_holds_its_services_for_this_visitor(rf, karabaglar):
    course = build.service(karabaglar, "Shirt-sewing course")
    build.service(karabaglar, "Partner referrals", is_internal=True)
    request = rf.get(karabaglar.get_url())
    request.user = AnonymousUser()
    assert karabaglar.get_context(request)["services"] == [course]
    request.user = UserFactory(role="Members")
    titles = [service.title for service in karabaglar.get_context(request)["services"]]
    assert titles == ["Partner referrals", "Shirt-sewing course"]


def test_agency_page_leaves_out_ended_closed_and_internal_services(client, karabaglar):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    build.service(karabaglar, "Winter clothes", end_date=yesterday)
    build.service(karabaglar, "Old office", status=ServicePage.Status.CLOSED)
    build.service(karabaglar, "Partner referrals", is_internal=True)
    html = text_of(client.get(karabaglar.get_url()))
    for hidden in ("Winter clothes", "Old office", "Partner referrals"):
        assert hidden not in html
    assert "This agency has no current services in the directory." in html


def test_agency_page_shows_members_the_internal_services(client, karabaglar):
    build.service(karabaglar, "Partner referrals", is_internal=True)
    client.force_login(UserFactory(role="Members"))
    assert "Partner referrals" in text_of(client.get(karabaglar.get_url()))


def test_agency_page_hides_a_protection_sensitive_district(client, karabaglar):
    build.service(
        karabaglar, "Safe space", is_protection_sensitive=True, place=("izmir", "Karabağlar")
    )
    html = text_of(client.get(karabaglar.get_url()))
    assert "Call first: address given by phone." in html
    assert "Karabağlar, İzmir" not in html


def test_turkish_agency_page_lists_untranslated_services_in_the_original(client, karabaglar):
    build.service(karabaglar, "Shirt-sewing course")
    turkish = karabaglar.copy_for_translation(Locale.objects.get(language_code="tr"))
    turkish.title = "Karabağlar Belediyesi"
    turkish.save_revision().publish()
    html = text_of(client.get(turkish.get_url()))
    assert "Karabağlar Belediyesi" in html
    assert "Shirt-sewing course" in html


def test_turkish_agency_page_prefers_the_turkish_translation(client, karabaglar):
    course = build.service(karabaglar, "Shirt-sewing course")
    turkish_locale = Locale.objects.get(language_code="tr")
    turkish = karabaglar.copy_for_translation(turkish_locale)
    turkish.save_revision().publish()
    course_tr = course.copy_for_translation(turkish_locale)
    course_tr.title = "Gömlek dikimi kursu"
    course_tr.save_revision().publish()
    html = text_of(client.get(turkish.get_url()))
    assert "Gömlek dikimi kursu" in html
    assert "Shirt-sewing course" not in html


def test_agency_page_query_count_does_not_grow_with_its_services(client, karabaglar):
    build.service(karabaglar, "First")
    client.get(karabaglar.get_url())
    with CaptureQueriesContext(connection) as few:
        client.get(karabaglar.get_url())
    for n in range(6):
        build.service(karabaglar, f"More {n}")
    # Publishing empties what pages keep until the next publication: warm again.
    client.get(karabaglar.get_url())
    with CaptureQueriesContext(connection) as many:
        client.get(karabaglar.get_url())
    assert len(many) == len(few)


def test_agency_logo_comes_in_webp_at_two_sizes_with_a_png_fallback(client, karabaglar):
    buffer = io.BytesIO()
    Image.new("RGB", (640, 320), "#0b5394").save(buffer, format="PNG")
    karabaglar.logo = get_image_model().objects.create(
        title="Karabağlar logo", file=ImageFile(buffer, name="karabaglar.png")
    )
    karabaglar.save_revision().publish()
    html = client.get(karabaglar.get_url()).content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    webp = re.search(r'<source[^>]*type="image/webp"[^>]*>', picture).group(0)
    assert re.search(r"\.webp 160w", webp)
    assert re.search(r"\.webp 320w", webp)
    assert 'sizes="160px"' in webp
    image = re.search(r"<img[^>]*>", picture).group(0)
    assert ".png" in image
    assert 'alt=""' in image
    assert 'class="agency__logo"' in image
