"""Who may do what, cell by cell, through the real admin and public URLs.

Five people (the public, a member, an ASAM agency editor, a Protection group lead, a co-chair)
try every action on their own agency's or group's pages and on another's; each cell is allowed
or denied and the whole table is printed with the test's output."""

import sys

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS, GROUP_LEADS, MEMBERS
from iswg_portal.core.models import PortalDocument
from meetings.documents import members_only_collection
from meetings.models import ActionPoint, MeetingPage
from tests.factories import UserFactory
from tests.factories import meetings as meeting_factories
from tests.factories import services_map as build
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

MINUTES = "Minutes: three cases referred to the Social Service Centre"
PEOPLE = ["public", "member", "ASAM editor", "Protection lead", "co-chair"]
Y, N = "allow", "deny"

EXPECTED = {
    "view ASAM service (public page)": [Y, Y, Y, Y, Y],
    "edit ASAM service": [N, N, Y, N, Y],
    "edit TRC service (another agency)": [N, N, N, N, Y],
    "submit ASAM service for approval": [N, N, Y, N, Y],
    "publish ASAM service": [N, N, N, N, Y],
    "delete ASAM service": [N, N, N, N, Y],
    "edit ASAM agency profile": [N, N, Y, N, Y],
    "edit Protection group page": [N, N, N, Y, Y],
    "edit Protection meeting": [N, N, N, Y, Y],
    "edit Health meeting (another group)": [N, N, N, N, Y],
    "publish Protection meeting": [N, N, N, Y, Y],
    "publish Health meeting (another group)": [N, N, N, N, Y],
    "delete Protection meeting": [N, N, N, Y, Y],
    "read members-only minutes": [N, Y, Y, Y, Y],
    "download members-only document": [N, Y, Y, Y, Y],
    "manage taxonomy (categories)": [N, N, N, N, Y],
    "manage accounts": [N, N, N, N, Y],
    "invite a person": [N, N, N, N, Y],
    "work on action points": [N, N, N, Y, Y],
    "edit Protection action point": [N, N, N, Y, Y],
    "edit Health action point (another group)": [N, N, N, N, Y],
    "close Protection action point on the tracker": [N, N, N, Y, Y],
    "close Health action point on the tracker (another group)": [N, N, N, N, Y],
    "work on problem reports": [N, N, Y, N, Y],
    "open a superuser's account": [N, N, N, N, N],
    "change a superuser's e-mail": [N, N, N, N, N],
    "change another co-chair's e-mail": [N, N, N, N, N],
    "deactivate another co-chair": [N, N, N, N, N],
    "give a group above co-chair rights": [N, N, N, N, N],
    "set up an authenticator app with the password alone": [N, N, N, N, N],
}


@pytest.fixture
def world(home_page):
    directory = build.directory_page()
    asam = build.agency(directory, title="ASAM", acronym="ASAM")
    trc = build.agency(directory, title="Turkish Red Crescent", acronym="TRC")
    protection = meeting_factories.make_group(home_page, title="Protection WG")
    health = meeting_factories.make_group(home_page, title="Health WG")
    document = PortalDocument.objects.create(
        title="Case list",
        collection=members_only_collection(),
        file=ContentFile(b"%PDF-1.4 case list", name="cases.pdf"),
    )
    administrators = Group.objects.create(name="Administrators")
    administrators.permissions.add(
        *Permission.objects.filter(codename__in=["add_user", "delete_user", "change_group"])
    )
    people = {
        "public": None,
        "member": UserFactory(role=MEMBERS),
        "ASAM editor": UserFactory(role=AGENCY_EDITORS, organisation=asam),
        "Protection lead": UserFactory(role=GROUP_LEADS, organisation=protection),
        "co-chair": UserFactory(role=CO_CHAIRS),
    }
    world = {
        "asam": asam,
        "asam_service": build.service(asam, "ASAM legal desk"),
        "trc_service": build.service(trc, "TRC food parcels"),
        "protection": protection,
        "protection_meeting": meeting_factories.make_meeting(protection, title="Protection June"),
        "health_meeting": meeting_factories.make_meeting(health, title="Health June"),
        "closed_meeting": meeting_factories.make_meeting(
            protection,
            title="Case conference",
            visibility=MeetingPage.Visibility.MEMBERS,
            agenda=[{"title": "Case conference", "discussion": MINUTES}],
        ),
        "document": document,
        "people": people,
        "superuser": UserFactory(email="root@iswg.example", is_superuser=True),
        "other co-chair": UserFactory(email="cochair@iom.example", role=CO_CHAIRS),
        "administrators": administrators,
    }
    world["protection_point"] = ActionPoint.objects.create(
        group=protection, raised_at=world["protection_meeting"], text="Map Buca shelters"
    )
    world["health_point"] = ActionPoint.objects.create(
        group=health, raised_at=world["health_meeting"], text="Vaccinate in Konak"
    )
    return world


def opens(client, url):
    return client.get(url).status_code == 200


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def publishes(client, page):
    """Leave a draft with a new title, then ask the admin to publish it."""
    page = page.specific
    new_title = f"{page.title} (draft {page.latest_revision_id})"
    page.title = new_title
    page.save_revision()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{url}?id={page.pk}", {})
    return Page.objects.get(pk=page.pk).title == new_title


def submits(client, service):
    form = build.service_admin_form(title=service.title, slug=service.slug)
    form["action-submit"] = "Submit for moderation"
    client.post(edit_url(service), form)
    in_progress = WorkflowState.objects.filter(object_id=str(service.pk), status="in_progress")
    submitted = in_progress.exists()
    in_progress.delete()
    return submitted


def closes_on_tracker(client, point):
    """Mark the action point done from the tracker, then set it open again for the next person."""
    client.post(reverse("meetings:action_point_status", args=(point.pk,)), {"status": "done"})
    point.refresh_from_db()
    closed = point.status == ActionPoint.Status.DONE
    point.set_status(ActionPoint.Status.OPEN)
    return closed


def action_point_edit_url(point):
    return reverse(point.snippet_viewset.get_url_name("edit"), args=(point.pk,))


def user_edit_url(person):
    return reverse("wagtailusers_users:edit", args=(person.pk,))


def changes_email(client, person):
    """Submit the user edit form with a new address; True if it took or awaits confirmation."""
    new_email = f"taken-{person.pk}@evil.example"
    data = {
        "email": new_email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "is_active": "on",
        "groups": [group.pk for group in person.groups.all()],
    }
    client.post(user_edit_url(person), data)
    person.refresh_from_db()
    return (
        person.email == new_email
        or EmailAddress.objects.filter(user=person, email=new_email).exists()
    )


def bulk_user_action(client, action, person, data):
    url = reverse("wagtail_bulk_action", args=("accounts", "user", action))
    client.post(f"{url}?id={person.pk}", data)


def deactivates(client, person):
    bulk_user_action(client, "set_active_state", person, {"mark_as_active": "False"})
    person.refresh_from_db()
    return not person.is_active


def gives_group(client, group, person):
    bulk_user_action(client, "assign_role", person, {"role": group.pk})
    return person.groups.filter(pk=group.pk).exists()


def enrols_on_password(client):
    """As if the person had no authenticator app yet: confirm the password and open the app's
    setup; True if its QR code is shown without the code e-mailed to the account."""
    user_id = client.session.get("_auth_user_id")
    parked = list(Authenticator.objects.filter(user_id=user_id))
    Authenticator.objects.filter(user_id=user_id).delete()
    try:
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        setup = client.get(reverse("mfa_activate_totp"))
        return setup.status_code == 200 and 'src="data:image/svg+xml' in setup.content.decode()
    finally:
        Authenticator.objects.bulk_create(parked)


ACTIONS = {
    "view ASAM service (public page)": lambda c, w: opens(c, w["asam_service"].url),
    "edit ASAM service": lambda c, w: opens(c, edit_url(w["asam_service"])),
    "edit TRC service (another agency)": lambda c, w: opens(c, edit_url(w["trc_service"])),
    "submit ASAM service for approval": lambda c, w: submits(c, w["asam_service"]),
    "publish ASAM service": lambda c, w: publishes(c, w["asam_service"]),
    "delete ASAM service": lambda c, w: opens(
        c, reverse("wagtailadmin_pages:delete", args=(w["asam_service"].pk,))
    ),
    "edit ASAM agency profile": lambda c, w: opens(c, edit_url(w["asam"])),
    "edit Protection group page": lambda c, w: opens(c, edit_url(w["protection"])),
    "edit Protection meeting": lambda c, w: opens(c, edit_url(w["protection_meeting"])),
    "edit Health meeting (another group)": lambda c, w: opens(c, edit_url(w["health_meeting"])),
    "publish Protection meeting": lambda c, w: publishes(c, w["protection_meeting"]),
    "publish Health meeting (another group)": lambda c, w: publishes(c, w["health_meeting"]),
    "delete Protection meeting": lambda c, w: opens(
        c, reverse("wagtailadmin_pages:delete", args=(w["protection_meeting"].pk,))
    ),
    "read members-only minutes": lambda c, w: (
        MINUTES in c.get(w["closed_meeting"].url).content.decode()
    ),
    "download members-only document": lambda c, w: opens(c, w["document"].url),
    "manage taxonomy (categories)": lambda c, w: opens(
        c, "/admin/snippets/services_map/servicecategory/"
    ),
    "manage accounts": lambda c, w: opens(c, "/admin/users/"),
    "invite a person": lambda c, w: opens(c, "/admin/invitations/new/"),
    "work on action points": lambda c, w: opens(c, "/admin/snippets/meetings/actionpoint/"),
    "edit Protection action point": lambda c, w: opens(
        c, action_point_edit_url(w["protection_point"])
    ),
    "edit Health action point (another group)": lambda c, w: opens(
        c, action_point_edit_url(w["health_point"])
    ),
    "close Protection action point on the tracker": lambda c, w: closes_on_tracker(
        c, w["protection_point"]
    ),
    "close Health action point on the tracker (another group)": lambda c, w: closes_on_tracker(
        c, w["health_point"]
    ),
    "work on problem reports": lambda c, w: opens(c, "/admin/snippets/services_map/problemreport/"),
    "open a superuser's account": lambda c, w: opens(c, user_edit_url(w["superuser"])),
    "change a superuser's e-mail": lambda c, w: changes_email(c, w["superuser"]),
    "change another co-chair's e-mail": lambda c, w: changes_email(c, w["other co-chair"]),
    "deactivate another co-chair": lambda c, w: deactivates(c, w["other co-chair"]),
    "give a group above co-chair rights": lambda c, w: gives_group(
        c, w["administrators"], w["people"]["member"]
    ),
    "set up an authenticator app with the password alone": lambda c, w: enrols_on_password(c),
}


def table(results):
    width = max(len(action) for action in results)
    lines = [f"{'':{width}} | " + " | ".join(f"{p:^15}" for p in PEOPLE)]
    lines.append("-" * len(lines[0]))
    for action, cells in results.items():
        lines.append(f"{action:{width}} | " + " | ".join(f"{c:^15}" for c in cells))
    return "\n".join(lines)


def test_permission_matrix(world, capsys):
    results = {}
    clients = {}
    for person, user in world["people"].items():
        clients[person] = Client()
        if user is not None:
            clients[person].force_login(user)
    for action, check in ACTIONS.items():
        results[action] = [Y if check(clients[p], world) else N for p in PEOPLE]
    with capsys.disabled():
        sys.stdout.write("\nPermission matrix (allow / deny):\n" + table(results) + "\n")
    mismatches = {
        action: (EXPECTED[action], cells)
        for action, cells in results.items()
        if cells != EXPECTED[action]
    }
    assert not mismatches, table(results)


def test_an_agency_editor_opening_another_agencys_service_by_url_is_turned_away(world):
    """Wagtail answers a denied admin page with its dashboard and a message, not the form."""
    client = Client()
    client.force_login(world["people"]["ASAM editor"])
    response = client.get(edit_url(world["trc_service"]), follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Sorry, you do not have permission to access this area." in html
    assert "TRC food parcels" not in html
