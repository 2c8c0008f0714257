"""Finding the way and passing a service on: directions that open the phone's map app, the way
by public transport, and "Share" with the service's name, phone and address in the visitor's
language, all working without JavaScript."""

import html
import re
from urllib.parse import unquote

import pytest
from wagtail.models import Locale

from iswg_portal.accounts.roles import CO_CHAIRS, MEMBERS
from services_map.models import ServiceLocation, ServicePage
from services_map.public.directions import directions_to
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db

BUCA = (38.3881, 27.1753)
PHONE = "+90 232 449 44 30"
TRANSPORT = "Bus 152 or 153 from Konak, get off at Buca Belediyesi."


@pytest.fixture
def desk(asam):
    """A walk-in legal desk in Buca with a phone and the way there by bus."""
    page = build.service(
        asam,
        "Legal counselling in Buca",
        place=("izmir", "Buca"),
        coordinates=BUCA,
        phones=(PHONE,),
    )
    ServiceLocation.objects.filter(page=page).update(public_transport=TRANSPORT)
    return page


def page_html(client, page, url=None):
    response = client.get(url or page.get_url())
    assert response.status_code == 200
    return response.content.decode()


def hrefs(document, start):
    """Every href of the page that starts with `start`, unescaped."""
    return [
        html.unescape(href)
        for href in re.findall(r'href="([^"]*)"', document)
        if href.startswith(html.escape(start))
    ]


def message_in(link):
    """The message a wa.me or sms: link opens the app with."""
    return unquote(re.split(r"[?&](?:text|body)=", link, maxsplit=1)[1])


# --- Directions ---------------------------------------------------------------------------


def test_directions_to_a_point_open_the_web_map_apple_maps_and_androids_map_apps():
    way = directions_to(*BUCA, label="ASAM Buca (2nd floor)")
    assert way.web == "https://www.openstreetmap.org/directions?to=38.38810,27.17530"
    assert way.apple == "https://maps.apple.com/?daddr=38.38810,27.17530"
    # The label cannot close the geo: label early, and is encoded.
    assert way.geo == "geo:38.38810,27.17530?q=38.38810,27.17530(ASAM%20Buca%202nd%20floor)"


def test_directions_without_coordinates_look_for_the_address():
    way = directions_to(address="Menderes Cad. No: 89, Buca, İzmir")
    assert way.web == (
        "https://www.openstreetmap.org/directions?to=Menderes%20Cad.%20No%3A%2089%2C%20Buca%2C%20"
        "%C4%B0zmir"
    )
    assert way.geo.startswith("geo:0,0?q=Menderes%20Cad.")
    assert way.apple.startswith("https://maps.apple.com/?daddr=Menderes%20Cad.")


def test_nowhere_to_go_gives_no_directions():
    assert directions_to() is None


def test_service_page_links_directions_for_every_phone_without_javascript(client, desk):
    document = page_html(client, desk)
    web = "https://www.openstreetmap.org/directions?to=38.38810,27.17530"
    # The header's button and the place's own link, each carrying the phones' addresses for
    # static/js/directions.js.
    assert len(hrefs(document, web)) == 2
    assert document.count('data-apple="https://maps.apple.com/?daddr=38.38810,27.17530"') == 2
    geo = "geo:38.38810,27.17530?q=38.38810,27.17530(Legal%20counselling%20in%20Buca%20office)"
    assert document.count(f'data-geo="{geo}"') == 2
    # Without JavaScript an Android phone still has a link its map app opens.
    assert hrefs(document, "geo:") == [geo]
    assert "Open in a map app" in document


def test_protection_sensitive_service_gives_the_public_no_way_to_its_place(client, shelter):
    document = page_html(client, shelter)
    assert "directions?to=" not in document
    assert "geo:" not in document
    assert "maps.apple.com" not in document


def test_service_page_says_how_to_get_there_by_public_transport(client, desk):
    text = re.sub(r"\s+", " ", page_html(client, desk))
    assert f"By public transport:</strong> <span>{TRANSPORT}</span>" in text


def test_service_page_says_nothing_of_public_transport_where_none_is_given(client, asam):
    page = build.service(asam, "Turkish course", place=("izmir", "Buca"))
    assert "By public transport" not in page_html(client, page)


def test_the_admin_asks_an_agency_editor_how_to_get_there_by_public_transport(client, desk):
    client.force_login(UserFactory(role=CO_CHAIRS))
    document = page_html(client, desk, f"/admin/pages/{desk.pk}/edit/")
    assert 'name="locations-0-public_transport"' in document
    assert "the stop to get off at and the walk from it" in document


# --- Share --------------------------------------------------------------------------------


def test_share_links_send_the_services_name_phone_address_and_link(client, desk):
    document = page_html(client, desk)
    [whatsapp] = hrefs(document, "https://wa.me/?text=")
    [sms] = hrefs(document, "sms:?&body=")
    expected = "\n".join(
        [
            "Legal counselling in Buca",
            f"Phone: {PHONE}",
            "Address: Atatürk Caddesi No: 1, Buca, İzmir",
            desk.get_full_url(),
        ]
    )
    assert message_in(whatsapp) == expected
    assert message_in(sms) == expected


def test_share_links_are_encoded_whole(client, desk):
    document = page_html(client, desk)
    [whatsapp] = hrefs(document, "https://wa.me/?text=")
    body = whatsapp.split("text=", 1)[1]
    # Spaces, line breaks, '+' and '&' are escaped: no app reads the message cut or changed.
    assert re.fullmatch(r"[A-Za-z0-9%._~-]+", body)
    assert "%0A" in body
    assert "%2B90%20232" in body


def test_share_message_is_in_the_visitors_language_with_numbers_left_to_right(client, desk):
    arabic = desk.copy_for_translation(Locale.objects.get(language_code="ar"), copy_parents=True)
    arabic.title = "استشارات قانونية في بوجا"
    arabic.save_revision().publish()
    arabic = ServicePage.objects.get(pk=arabic.pk)
    [whatsapp] = hrefs(page_html(client, arabic), "https://wa.me/?text=")
    lines = message_in(whatsapp).split("\n")
    assert lines[0] == "استشارات قانونية في بوجا"
    # Isolated left to right, the number cannot read "449 44 30 232 +90" in an Arabic line.
    assert lines[1] == f"الهاتف: \u2066{PHONE}\u2069"
    assert lines[2] == "العنوان: \u2066Atatürk Caddesi No: 1, Buca, İzmir\u2069"
    assert lines[3].endswith(arabic.get_url())


def test_share_sheet_gets_the_same_words_without_the_address_twice(client, desk):
    document = page_html(client, desk)
    assert f'data-share-url="{desk.get_full_url()}"' in document
    text = html.unescape(re.search(r'data-share-text="([^"]*)"', document)[1])
    assert (
        text
        == f"Legal counselling in Buca\nPhone: {PHONE}\nAddress: Atatürk Caddesi No: 1, Buca, İzmir"
    )


def test_sharing_a_protection_sensitive_service_never_gives_its_address(client, shelter):
    document = page_html(client, shelter)
    [whatsapp] = hrefs(document, "https://wa.me/?text=")
    message = message_in(whatsapp)
    assert "Atatürk" not in message
    assert "Karabağlar" not in message
    assert "In İzmir: call to ask where to go." in message


def test_a_search_is_shared_by_its_words_and_places_never_the_visitors_position(client, desk):
    buca = build.district("izmir", "Buca")
    url = f"/en/services/?q=lawyer&district={buca.pk}&lat=38.41234&lng=27.14321&sort=distance"
    document = page_html(client, None, url)
    [whatsapp] = hrefs(document, "https://wa.me/?text=")
    first, address = message_in(whatsapp).split("\n")
    assert first == "Services for refugees in the ISWG directory: “lawyer”, Buca"
    assert "q=lawyer" in address and f"district={buca.pk}" in address
    assert "38.41" not in address and "27.14" not in address
    assert hrefs(document, "sms:?&body=")


def test_a_member_sharing_a_protection_sensitive_service_sends_no_address(client, shelter):
    client.force_login(UserFactory(role=MEMBERS))
    document = page_html(client, shelter)
    # The member sees the address on the page, but a message leaves the portal for anyone.
    assert "Atatürk Caddesi" in document
    [whatsapp] = hrefs(document, "https://wa.me/?text=")
    assert "Atatürk" not in message_in(whatsapp)


def test_a_members_only_service_offers_no_share(client, asam):
    internal = build.service(asam, "Partner referral line", is_internal=True)
    client.force_login(UserFactory(role=MEMBERS))
    document = page_html(client, internal)
    assert "Partner referral line" in document
    assert "data-share" not in document
    assert "wa.me/?text=" not in document
