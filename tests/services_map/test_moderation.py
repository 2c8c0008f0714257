"""An agency editor's change waits for a co-chair: approve publishes it as verified today,
reject sends it back with the reviewer's comment; both sides hear by e-mail."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS
from services_map.models import ServicePage
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(home_page):
    directory = build.directory_page()
    asam = build.agency(directory, title="ASAM", acronym="ASAM")
    service = build.service(
        asam,
        "Legal aid desk",
        last_verified=timezone.localdate() - datetime.timedelta(days=200),
    )
    editor = UserFactory(email="editor@asam.example", role=AGENCY_EDITORS, organisation=asam)
    co_chair = UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS)
    return service, editor, co_chair


def submit_change(client, service, title):
    form = build.service_admin_form(title=title, slug=service.slug)
    form["action-submit"] = "Submit for moderation"
    return client.post(f"/admin/pages/{service.pk}/edit/", form)


def task_state_of(service):
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(service.pk), status="in_progress"
    )
    return state.current_task_state


def act(client, service, action, comment=""):
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(service.pk, action, task_state_of(service).pk)
    )
    return client.post(url, {"comment": comment})


def test_an_editors_change_waits_while_the_public_sees_the_published_version(client, listing):
    service, editor, co_chair = listing
    client.force_login(editor)
    submit_change(client, service, "Legal aid desk – new hours")
    assert task_state_of(service).task.name == "Co-chairs approve"
    public = Client().get(service.url).content.decode()
    assert "Legal aid desk – new hours" not in public
    assert "Legal aid desk" in public
    to_co_chair = [m for m in mail.outbox if co_chair.email in m.to]
    assert to_co_chair and "Legal aid desk – new hours" in to_co_chair[0].body


def test_the_co_chair_approves_and_the_change_is_published_as_verified_today(client, listing):
    service, editor, co_chair = listing
    client.force_login(editor)
    submit_change(client, service, "Legal aid desk – new hours")
    mail.outbox.clear()
    client.force_login(co_chair)
    act(client, service, "approve")
    live = ServicePage.objects.get(pk=service.pk)
    assert live.title == "Legal aid desk – new hours"
    assert live.last_verified == timezone.localdate()
    assert not live.has_unpublished_changes
    assert "Legal aid desk – new hours" in Client().get(live.url).content.decode()
    assert any(editor.email in m.to and "approved" in m.subject for m in mail.outbox)


def test_the_co_chair_rejects_with_a_comment_and_nothing_is_published(client, listing):
    service, editor, co_chair = listing
    client.force_login(editor)
    submit_change(client, service, "Legal aid desk – wrong")
    mail.outbox.clear()
    client.force_login(co_chair)
    act(client, service, "reject", comment="The phone number is missing.")
    live = ServicePage.objects.get(pk=service.pk)
    assert live.title == "Legal aid desk"
    assert live.last_verified == service.last_verified
    state = WorkflowState.objects.get(object_id=str(service.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    to_editor = [m for m in mail.outbox if editor.email in m.to]
    assert to_editor and "The phone number is missing." in to_editor[0].body


def test_an_agency_editor_cannot_publish_even_by_posting_the_publish_action(client, listing):
    service, editor, co_chair = listing
    client.force_login(editor)
    form = build.service_admin_form(title="Published by the editor", slug=service.slug)
    form["action-publish"] = "Publish"
    client.post(f"/admin/pages/{service.pk}/edit/", form)
    assert ServicePage.objects.get(pk=service.pk).title == "Legal aid desk"
