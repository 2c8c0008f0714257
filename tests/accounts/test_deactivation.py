"""A co-chair deactivates an account in the admin: it loses access at once, sessions included."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from wagtail.models import ModelLogEntry

from iswg_portal.accounts.roles import AGENCY_EDITORS, MEMBERS
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD


def deactivate_in_admin(co_chair_client, person):
    """Submit Wagtail's user edit form as a co-chair would, with 'active' unticked."""
    data = {
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "groups": [group.pk for group in person.groups.all()],
    }
    return co_chair_client.post(f"/admin/users/edit/{person.pk}/", data)


@pytest.fixture
def editor_client(home_page, roles):
    """An agency editor, signed in on their own browser."""
    editor = UserFactory(email="editor@asam.example", role=AGENCY_EDITORS)
    browser = Client()
    browser.force_login(editor)
    assert browser.get("/admin/").status_code == 200
    browser.editor = editor
    return browser


@pytest.mark.django_db
def test_co_chair_can_open_an_accounts_edit_page(co_chair_client, editor_client):
    response = co_chair_client.get(f"/admin/users/edit/{editor_client.editor.pk}/")
    assert response.status_code == 200
    assert 'name="is_active"' in response.content.decode()


@pytest.mark.django_db
def test_deactivation_ends_a_live_session_at_once(co_chair_client, editor_client):
    response = deactivate_in_admin(co_chair_client, editor_client.editor)
    assert response.status_code == 302
    editor_client.editor.refresh_from_db()
    assert not editor_client.editor.is_active
    admin = editor_client.get("/admin/")
    assert admin.status_code == 302
    assert admin.url.startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_deactivation_deletes_the_accounts_stored_sessions(co_chair_client, editor_client):
    editor = editor_client.editor
    deactivate_in_admin(co_chair_client, editor)
    remaining = [s.get_decoded().get(SESSION_KEY) for s in Session.objects.all()]
    assert str(editor.pk) not in remaining
    assert str(co_chair_client.session[SESSION_KEY]) in remaining


@pytest.mark.django_db
def test_a_deactivated_account_cannot_sign_in_again(co_chair_client, editor_client):
    deactivate_in_admin(co_chair_client, editor_client.editor)
    client = Client()
    client.post("/en/accounts/login/", {"login": editor_client.editor.email, "password": PASSWORD})
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_deactivation_is_in_the_audit_log_with_the_co_chair(
    co_chair, co_chair_client, editor_client
):
    deactivate_in_admin(co_chair_client, editor_client.editor)
    entry = ModelLogEntry.objects.get(action="iswg.account.deactivate")
    assert entry.user == co_chair
    assert entry.object_id == str(editor_client.editor.pk)
    assert entry.data["sessions_ended"] == 1


@pytest.mark.django_db
def test_a_member_cannot_deactivate_anyone(client, editor_client, roles):
    client.force_login(UserFactory(role=MEMBERS))
    deactivate_in_admin(client, editor_client.editor)
    editor_client.editor.refresh_from_db()
    assert editor_client.editor.is_active
