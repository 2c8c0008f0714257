"""The admin in Turkish, as the ASAM editor and a co-chair see it through its real URLs: the
portal's menus, the submit button, the workflow's and the groups' names, and Wagtail's e-mail
about a submitted change are Turkish."""

import json
import re

import pytest
from django.core import mail

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(asam):
    """An ASAM service, its Turkish-speaking editor and co-chair."""
    service = build.service(asam, "Legal aid desk")
    editor = UserFactory(role=AGENCY_EDITORS, organisation=asam, preferred_language="tr")
    co_chair = UserFactory(role=CO_CHAIRS, preferred_language="tr")
    return service, editor, co_chair


def menu_labels(html):
    """Every text of the admin's side menu (Wagtail sends it as JSON for its script)."""
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    labels = set()

    def walk(value):
        if isinstance(value, str):
            labels.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(props.group(1)))
    return labels


def submit(client, service):
    form = build.service_admin_form(title="Legal aid desk – new hours", slug=service.slug)
    form["action-submit"] = "Onaya gönder"
    return client.post(f"/admin/pages/{service.pk}/edit/", form)


def test_the_editors_submit_button_says_submit_for_approval_in_turkish(client, listing):
    service, editor, _co_chair = listing
    client.force_login(editor)
    html = client.get(f"/admin/pages/{service.pk}/edit/").content.decode()
    assert "Onaya gönder: Rehber kayıtları" in html
    assert "Gönderildi" not in html
    assert "Directory listings" not in html


def test_the_co_chairs_menu_names_the_portals_sections_in_turkish(client, listing):
    _service, _editor, co_chair = listing
    client.force_login(co_chair)
    labels = menu_labels(client.get("/admin/").content.decode())
    assert {"Yerler", "İller", "İlçeler", "Rehber sınıflandırması", "Sorun bildirimleri"} <= labels
    assert {"Eylem maddeleri", "Hesaplar", "Davetler", "Erişim talepleri"} <= labels
    assert not {"Places", "Iller", "Ilçeler"} & labels


def test_a_submitted_change_waits_at_the_co_chairs_step_named_in_turkish(client, listing):
    service, editor, co_chair = listing
    client.force_login(editor)
    submit(client, service)
    client.force_login(co_chair)
    dashboard = client.get("/admin/").content.decode()
    assert "Eş başkan onayı" in dashboard
    status = client.get(f"/admin/pages/{service.pk}/edit/").content.decode()
    assert "Eş başkan onayı" in status
    assert "Co-chairs approve" not in dashboard + status
    workflows = client.get("/admin/workflows/list/").content.decode()
    assert "Rehber kayıtları" in workflows
    assert "Directory listings" not in workflows
    history = client.get(f"/admin/pages/{service.pk}/history/").content.decode()
    assert "Rehber kayıtları" in history and "Eş başkan onayı" in history
    assert "Directory listings" not in history and "Co-chairs approve" not in history


def test_wagtails_e_mail_to_a_turkish_co_chair_names_the_workflow_in_turkish(client, listing):
    service, editor, co_chair = listing
    client.force_login(editor)
    submit(client, service)
    [message] = [m for m in mail.outbox if co_chair.email in m.to]
    body = message.body + "".join(str(content) for content, _type in message.alternatives)
    assert "Eş başkan onayı" in body or "Rehber kayıtları" in body
    assert "Co-chairs approve" not in body
    assert "Directory listings" not in body


def test_a_co_chair_gives_roles_with_their_turkish_names(client, listing, asam):
    _service, editor, co_chair = listing
    client.force_login(co_chair)
    html = client.get(f"/admin/users/edit/{editor.pk}/").content.decode()
    assert "Kurum editörleri" in html
    assert "Kurum: Association for Solidarity" in html
    assert "Agency editors" not in html
    assert "Agency: " not in html


def test_choosers_follow_each_readers_language_whoever_opened_the_admin_first(client, listing):
    """Wagtail makes the snippet forms once: their choosers must not keep the first reader's
    language (whichever that was, the English reader then sees English, the Turkish Turkish)."""
    english = UserFactory(role=CO_CHAIRS, preferred_language="en")
    _service, _editor, turkish = listing
    pages = {}
    for reader in (english, turkish, english):
        client.force_login(reader)
        pages[reader.preferred_language] = client.get(
            "/admin/snippets/services_map/district/add/"
        ).content.decode()
    assert "İl seç" in pages["tr"] and "Choose province" not in pages["tr"]
    assert "Choose province" in pages["en"] and "İl seç" not in pages["en"]


def test_the_languages_a_service_speaks_are_named_in_turkish_then_in_themselves(client, asam):
    arabic = build.language("ar", "Arabic", "العربية")
    service = build.service(asam, "Legal aid desk", languages=[arabic])
    client.force_login(UserFactory(role=AGENCY_EDITORS, organisation=asam, preferred_language="tr"))
    html = client.get(f"/admin/pages/{service.pk}/edit/").content.decode()
    assert "Arapça (العربية)" in html
    assert "Arabic (العربية)" not in html
