"""The admin's comparison of two versions of a listing shows what somebody changed, and only
that."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from iswg_portal.accounts.roles import CO_CHAIRS
from services_map.models import ServicePage
from tests.factories import UserFactory
from tests.factories import services_map as build
from tests.html_forms import rendered_form

pytestmark = pytest.mark.django_db

NO_DIFFERENCES = "There are no differences between these two versions"


@pytest.fixture
def written_elsewhere(asam):
    """A service as the demo or an import writes it: rich text without the editor's block
    keys, legal statuses in another order than the form's."""
    return build.service(
        asam,
        "Legal counselling",
        description="<p>Free advice on <b>your rights</b>.</p><ul><li>Asylum</li></ul>",
        eligible_legal_statuses=["stateless", "ip_applicant"],
        schedules=build.weekdays(),
    )


@pytest.fixture
def co_chair(client):
    user = UserFactory(role=CO_CHAIRS)
    client.force_login(user)
    return user


def save_as_rendered(client, page, **changes):
    """Open the page's edit form and save it as a draft, changing only what is given."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = rendered_form(client.get(url))
    form.update({name: [value] for name, value in changes.items()})
    form["action-save"] = ["yes"]
    assert client.post(url, form).status_code == 302
    return ServicePage.objects.get(pk=page.pk).get_latest_revision()


def comparison(client, page, before, after):
    url = reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, before.pk, after.pk))
    return re.sub(r"\s+", " ", client.get(url).content.decode())


def test_saving_a_listing_unchanged_shows_no_differences(client, co_chair, written_elsewhere):
    before = written_elsewhere.get_latest_revision()
    after = save_as_rendered(client, written_elsewhere)
    assert after.pk != before.pk
    assert NO_DIFFERENCES in comparison(client, written_elsewhere, before, after)


def test_a_real_change_is_shown_alone(client, co_chair, written_elsewhere):
    before = written_elsewhere.get_latest_revision()
    after = save_as_rendered(client, written_elsewhere, summary="Free advice on asylum.")
    html = comparison(client, written_elsewhere, before, after)
    assert "Summary" in html
    assert "Description" not in html
    assert "Legal statuses accepted" not in html


def test_a_translations_versions_show_no_change_of_the_shared_facts(
    client, co_chair, written_elsewhere
):
    turkish = written_elsewhere.copy_for_translation(
        Locale.objects.get(language_code="tr"), copy_parents=True
    )
    turkish.title = "Hukuki danışmanlık"
    before = turkish.save_revision()
    before.publish()
    after = save_as_rendered(client, turkish, title="Hukuki danışmanlık merkezi")
    save_as_rendered(client, written_elsewhere, **{"phones-0-number": "+90 232 999 11 22"})
    ServicePage.objects.get(pk=written_elsewhere.pk).get_latest_revision().publish()
    html = comparison(client, turkish, before, after)
    assert "Hukuki danışmanlık merkezi" in html
    assert "Phones" not in html
