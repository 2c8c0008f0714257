"""No lost updates: a page's edit form older than its latest revision is refused, not saved."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Revision, get_page_models

from iswg_portal.accounts.roles import CO_CHAIRS
from iswg_portal.core.page_forms import PortalPageForm
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(home_page):
    asam = build.agency(build.directory_page(), title="ASAM", acronym="ASAM")
    return build.service(asam, "Legal desk")


def signed_in(**names):
    client = Client()
    client.force_login(UserFactory(role=CO_CHAIRS, **names))
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def open_edit_form(client, page):
    """GET the edit form; return the revision markers it carries, as the browser sends them."""
    html = client.get(edit_url(page)).content.decode()
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }


def send(client, page, loaded, title, publish=True):
    data = {**build.service_admin_form(title=title, slug=page.slug), **loaded}
    if publish:
        data["action-publish"] = "Publish"
    return client.post(edit_url(page), data)


def revision_count(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def test_an_up_to_date_form_publishes(service):
    client = signed_in()
    response = send(client, service, open_edit_form(client, service), "Legal desk, Konak")
    assert response.status_code == 302
    assert Page.objects.get(pk=service.pk).title == "Legal desk, Konak"


@pytest.mark.parametrize("publish", [True, False], ids=["publish", "save draft"])
def test_a_form_older_than_a_publication_is_refused(service, publish):
    mine, theirs = signed_in(), signed_in(first_name="Ayşe", last_name="Demir")
    my_form = open_edit_form(mine, service)
    assert (
        send(theirs, service, open_edit_form(theirs, service), "Legal desk (Ayşe)").status_code
        == 302
    )
    revisions = revision_count(service)

    response = send(mine, service, my_form, "Legal desk (mine)", publish=publish)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ayşe Demir published a newer version of this page on" in html
    assert re.search(r"Changed: [^.]*Title", html)
    newer = Page.objects.get(pk=service.pk).latest_revision_id
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=(service.pk, my_form["loaded_revision_id"], newer),
    )
    # Opened in a new tab, so that what they typed stays in this one.
    assert re.search(rf'<a href="{re.escape(compare)}"[^>]*target="_blank"', html)
    assert 'value="Legal desk (mine)"' in html  # what they typed is still in the form
    page = Page.objects.get(pk=service.pk)
    assert (page.title, page.draft_title) == ("Legal desk (Ayşe)", "Legal desk (Ayşe)")
    assert revision_count(service) == revisions


def test_a_form_older_than_a_saved_draft_names_the_draft(service):
    mine, theirs = signed_in(), signed_in(first_name="Ayşe", last_name="Demir")
    my_form = open_edit_form(mine, service)
    send(theirs, service, open_edit_form(theirs, service), "Legal desk (Ayşe)", publish=False)

    html = send(mine, service, my_form, "Legal desk (mine)").content.decode()

    assert "Ayşe Demir saved a newer draft of this page on" in html
    assert Page.objects.get(pk=service.pk).draft_title == "Legal desk (Ayşe)"


def test_every_page_type_edits_through_the_portal_page_form(db):
    page_types = [model for model in get_page_models() if model is not Page]
    assert page_types
    for model in page_types:
        assert issubclass(model.get_edit_handler().get_form_class(), PortalPageForm), model
