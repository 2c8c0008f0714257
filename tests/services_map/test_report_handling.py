"""Working through a problem report: who hears of it and in which language, the one public
address in every link, the handler's note and the report's history, the reporter told once,
one status on every translation's page, and nobody but the agency's editors and the co-chairs
near it."""

import importlib
import re

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core import mail
from django.urls import reverse
from wagtail.models import Locale, ModelLogEntry

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS, GROUP_LEADS, MEMBERS
from iswg_portal.core.cross_site import public_form_token
from services_map.models import ProblemReport, ProblemReportLogEntry
from services_map.public.reports import form_purpose
from tests.conftest import read_again
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db

PUBLIC_ADDRESS = "https://portal.example.org"
LINK = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture(autouse=True)
def public_address(settings):
    """The portal's one public address, unlike the Wagtail site's host name (localhost) and the
    test settings' admin address (testserver)."""
    settings.SITE_URL = PUBLIC_ADDRESS


def translate(page, code, title):
    """Publish the page in another language (its parents too), under a title of its own."""
    locale = Locale.objects.get(language_code=code)
    for ancestor in page.get_ancestors().filter(depth__gte=3).specific():
        if ancestor.get_translation_or_none(locale) is None:
            ancestor.copy_for_translation(locale).save_revision().publish()
    translation = page.copy_for_translation(locale)
    translation.title = title
    translation.save_revision().publish()
    return translation.specific_class.objects.get(pk=translation.pk)


@pytest.fixture(scope="module")
def places(module_data):
    """The directory, ASAM and its service in English, Turkish and Arabic, built once for this
    module's tests (each rolls back what it changes). Nobody works for ASAM yet: `people`
    gives it its editor."""
    directory = build.directory_page()
    asam = build.agency(directory, "Association for Solidarity", "ASAM")
    asam.email = "info@asam.example"
    asam.save_revision().publish()
    english = build.service(asam, "Legal counselling")
    legal = {
        "en": english,
        "tr": translate(english, "tr", "Hukuki danışmanlık"),
        "ar": translate(english, "ar", "استشارات قانونية"),
    }
    return {"directory": directory, "asam": asam, "legal": legal}


@pytest.fixture
def directory(places):
    return read_again(places["directory"])


@pytest.fixture
def asam(places):
    return read_again(places["asam"])


@pytest.fixture
def legal(places):
    """One service in English, Turkish and Arabic: {"en": page, "tr": page, "ar": page}."""
    return read_again(places["legal"])


@pytest.fixture
def people(asam, directory):
    """Everyone who could hear of a report about ASAM's service, and some who must not."""
    other_agency = build.agency(directory, "Other NGO", "ONG")
    return {
        "asam_editor": UserFactory(
            role=AGENCY_EDITORS, organisation=asam, preferred_language="tr", first_name="Zeynep"
        ),
        "co_chair": UserFactory(role=CO_CHAIRS, preferred_language="ar", first_name="Amira"),
        "english_co_chair": UserFactory(role=CO_CHAIRS, preferred_language="en"),
        "gone_co_chair": UserFactory(role=CO_CHAIRS, is_active=False),
        "other_editor": UserFactory(role=AGENCY_EDITORS, organisation=other_agency),
        "group_lead": UserFactory(role=GROUP_LEADS),
        "member": UserFactory(role=MEMBERS),
    }


def send_report(client, service, language, **data):
    """A visitor sends the public form from the service's page in `language`."""
    payload = {"kind": "wrong_phone", "details": "Nobody answers.", "contact": "", "website": ""}
    payload["form_token"] = public_form_token(form_purpose(service))
    payload.update(data)
    response = client.post(
        f"/{language}/services/report/{service.pk}/", payload, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 302
    return ProblemReport.objects.order_by("-pk").first()


@pytest.fixture
def report_from_arabic(client, legal, people, django_capture_on_commit_callbacks):
    """A visitor reports a wrong phone from the Arabic page, leaving an e-mail address."""
    with django_capture_on_commit_callbacks(execute=True):
        report = send_report(client, legal["ar"], "ar", contact="reporter@example.org")
    return report


def mail_to(address):
    messages = [message for message in mail.outbox if address in message.to]
    assert len(messages) == 1, f"{address} got {len(messages)} e-mails"
    return messages[0]


def view_url(name, report):
    return reverse(f"wagtailsnippets_services_map_problemreport:{name}", args=[report.pk])


def edit_url(report):
    return view_url("edit", report)


def handle(client, user, report, status, note=""):
    client.force_login(user)
    return client.post(edit_url(report), {"status": status, "note": note})


def page_text(response, selector):
    return BeautifulSoup(response.content, "html.parser").select_one(selector).get_text(" ")


# --- Who hears of a new report, in which language ---------------------------------------------


def test_a_new_report_goes_to_the_agencys_editors_and_the_co_chairs_each_once(
    report_from_arabic, people
):
    told = sorted(address for message in mail.outbox for address in message.to)
    expected = [people[name].email for name in ("asam_editor", "co_chair", "english_co_chair")]
    assert told == sorted(expected)
    # One message per person: nobody learns who else was told.
    assert all(len(message.to) == 1 and not message.cc for message in mail.outbox)


def test_an_agency_with_editors_is_not_also_mailed_at_its_public_address(report_from_arabic):
    assert not [message for message in mail.outbox if "info@asam.example" in message.to]


def test_each_handler_reads_the_report_in_their_own_language(report_from_arabic, people):
    turkish = mail_to(people["asam_editor"].email)
    assert turkish.subject == '"Hukuki danışmanlık" için sorun bildirildi'
    assert "Sorun: Telefon numarası yanlış" in turkish.body
    assert "Bildirimin dili: Arapça" in turkish.body
    arabic = mail_to(people["co_chair"].email)
    assert arabic.subject == "بلاغ عن مشكلة في «استشارات قانونية»"
    assert "لغة البلاغ: العربية" in arabic.body
    english = mail_to(people["english_co_chair"].email)
    assert english.subject == 'Problem reported with "Legal counselling"'
    assert "What is wrong: The phone number is wrong" in english.body
    assert "Nobody answers." in english.body


def test_each_handler_is_told_why_they_receive_the_report(report_from_arabic, people):
    assert "Association for Solidarity" in mail_to(people["asam_editor"].email).body
    assert "as a co-chair of the working group" in mail_to(people["english_co_chair"].email).body


def test_every_link_in_a_handlers_email_is_on_the_portals_public_address(
    report_from_arabic, legal, people
):
    body = mail_to(people["english_co_chair"].email).body
    links = LINK.findall(body)
    assert f"{PUBLIC_ADDRESS}{edit_url(report_from_arabic)}" in links
    assert f"{PUBLIC_ADDRESS}{legal['ar'].get_url()}" in links
    assert f"{PUBLIC_ADDRESS}{reverse('wagtailadmin_pages:edit', args=[legal['en'].pk])}" in links
    assert all(link.startswith(PUBLIC_ADDRESS + "/") for link in links)


def test_the_reporters_contact_is_never_in_a_handlers_email(report_from_arabic):
    assert mail.outbox
    assert not [message for message in mail.outbox if "reporter@example.org" in message.body]
    assert "The reporter left a phone number or an e-mail address." in mail.outbox[-1].body


def test_an_agency_without_editors_hears_at_its_own_address_without_admin_links(
    client, asam, django_capture_on_commit_callbacks
):
    co_chair = UserFactory(role=CO_CHAIRS)
    service = build.service(asam, "Shelter")
    with django_capture_on_commit_callbacks(execute=True):
        send_report(client, service, "en")
    agency = mail_to("info@asam.example")
    assert "/admin/" not in agency.body
    assert "ask them for an account" in agency.body
    assert "/admin/" in mail_to(co_chair.email).body


# --- Handling a report: status, note, history -------------------------------------------------


def test_the_co_chair_marks_it_fixed_with_a_note_and_the_history_shows_who_and_what(
    client, report_from_arabic, people
):
    response = handle(client, people["english_co_chair"], report_from_arabic, "fixed", "Called.")
    assert response.status_code == 302
    report_from_arabic.refresh_from_db()
    assert report_from_arabic.status == "fixed"
    assert report_from_arabic.resolved_at is not None
    history = page_text(client.get(edit_url(report_from_arabic)), "main")
    name = people["english_co_chair"].get_full_name()
    assert "Received from a visitor on the page in Arabic." in history
    assert "Status changed from Received to Fixed." in history
    assert "Called." in history
    assert name in history


def test_a_note_alone_is_recorded_and_leaves_the_status_as_it_was(
    client, report_from_arabic, people
):
    handle(client, people["asam_editor"], report_from_arabic, "received", "Asked the desk.")
    report_from_arabic.refresh_from_db()
    assert report_from_arabic.status == "received"
    entry = ProblemReportLogEntry.objects.get(report=report_from_arabic, action__endswith="note")
    assert entry.user == people["asam_editor"]
    assert entry.comment == "Asked the desk."
    assert "Asked the desk." in client.get(edit_url(report_from_arabic)).content.decode()


def test_the_handlers_note_appears_in_wagtails_history_view_too(client, report_from_arabic, people):
    handle(client, people["english_co_chair"], report_from_arabic, "not_a_problem", "Works now.")
    html = client.get(view_url("history", report_from_arabic)).content.decode()
    assert "Works now." in html
    assert "Status changed from Received to Not a problem." in html


def test_the_history_reads_in_the_admins_language(client, report_from_arabic, people):
    handle(client, people["asam_editor"], report_from_arabic, "fixed", "Numara düzeltildi.")
    html = client.get(edit_url(report_from_arabic)).content.decode()
    assert "Durum “Alındı” yerine “Düzeltildi” yapıldı." in html
    assert "Bir ziyaretçiden, Arapça sayfasından alındı." in html


def test_a_status_that_does_not_exist_is_refused_and_changes_nothing(
    client, report_from_arabic, people
):
    response = handle(client, people["english_co_chair"], report_from_arabic, "deleted", "x")
    assert response.status_code == 200
    report_from_arabic.refresh_from_db()
    assert report_from_arabic.status == "received"
    assert report_from_arabic.history.count() == 1


def test_an_overlong_note_is_refused_and_recorded_nowhere(client, report_from_arabic, people):
    response = handle(client, people["english_co_chair"], report_from_arabic, "fixed", "x" * 2001)
    assert response.status_code == 200
    report_from_arabic.refresh_from_db()
    assert report_from_arabic.status == "received"
    assert report_from_arabic.history.count() == 1


def test_the_report_itself_cannot_be_rewritten_through_the_form(
    client, report_from_arabic, people, legal, asam
):
    other_service = build.service(asam, "Kitchen")
    client.force_login(people["asam_editor"])
    client.post(
        edit_url(report_from_arabic),
        {
            "status": "received",
            "note": "",
            "service": other_service.pk,
            "kind": "closed",
            "details": "Rewritten",
            "contact": "someone@else.example",
        },
    )
    report_from_arabic.refresh_from_db()
    assert report_from_arabic.service_id == legal["ar"].pk
    assert report_from_arabic.kind == "wrong_phone"
    assert report_from_arabic.details == "Nobody answers."
    assert report_from_arabic.contact == "reporter@example.org"


# --- The reporter is told once, and their address does not stay ------------------------------


def test_the_reporter_is_told_in_arabic_once_the_listing_is_fixed(
    client, report_from_arabic, people, legal
):
    mail.outbox.clear()
    handle(client, people["asam_editor"], report_from_arabic, "fixed")
    message = mail_to("reporter@example.org")
    assert message.subject == "صُحّحت بيانات الخدمة التي أبلغت عنها: «استشارات قانونية»"
    assert "بلاغك: رقم الهاتف خاطئ" in message.body
    assert LINK.findall(message.body) == [f"{PUBLIC_ADDRESS}{legal['ar'].get_url()}"]
    assert len(mail.outbox) == 1


def test_fixing_again_after_reopening_does_not_mail_the_reporter_twice(
    client, report_from_arabic, people
):
    mail.outbox.clear()
    co_chair = people["english_co_chair"]
    handle(client, co_chair, report_from_arabic, "fixed")
    handle(client, co_chair, report_from_arabic, "received", "Still wrong.")
    handle(client, co_chair, report_from_arabic, "fixed")
    assert len([m for m in mail.outbox if "reporter@example.org" in m.to]) == 1


def test_closing_a_report_deletes_the_reporters_contact_and_says_so(
    client, report_from_arabic, people
):
    handle(client, people["english_co_chair"], report_from_arabic, "not_a_problem")
    report_from_arabic.refresh_from_db()
    assert report_from_arabic.contact == ""
    assert not [m for m in mail.outbox if "reporter@example.org" in m.to]
    html = client.get(edit_url(report_from_arabic)).content.decode()
    assert "The reporter&#x27;s phone or e-mail was deleted, as the report is closed." in html


def test_a_reporter_who_left_a_phone_number_gets_no_email(
    client, legal, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = send_report(client, legal["tr"], "tr", contact="0532 000 00 00")
    mail.outbox.clear()
    handle(client, people["english_co_chair"], report, "fixed")
    assert mail.outbox == []
    report.refresh_from_db()
    assert report.contact == ""


def test_an_open_report_keeps_the_contact_for_the_handler(client, report_from_arabic, people):
    client.force_login(people["asam_editor"])
    assert "reporter@example.org" in client.get(edit_url(report_from_arabic)).content.decode()


def test_the_reporters_contact_is_never_on_a_public_page(client, report_from_arabic, legal):
    for page in legal.values():
        assert "reporter@example.org" not in client.get(page.get_url()).content.decode()


# --- One status on every translation's page ---------------------------------------------------


def test_a_report_from_the_arabic_page_is_counted_on_every_translations_page(
    client, report_from_arabic, legal
):
    expected = {
        "en": "1 reported problem is being checked.",
        "tr": "Bildirilen 1 sorun inceleniyor.",
        "ar": "يجري التحقق من 1 مشكلة مُبلَّغ عنها.",
    }
    for code, sentence in expected.items():
        assert sentence in page_text(client.get(legal[code].get_url()), ".service__reports")


def test_fixed_on_one_page_is_fixed_on_every_page(client, report_from_arabic, legal, people):
    handle(client, people["asam_editor"], report_from_arabic, "fixed")
    client.logout()
    expected = {
        "en": ("No reported problems are waiting.", "The last reported problem was fixed on"),
        "tr": ("Bekleyen bildirilmiş sorun yok.", "Bildirilen son sorun"),
        "ar": ("لا توجد مشكلات مُبلَّغ عنها قيد الانتظار.", "أُصلحت آخر مشكلة مُبلَّغ عنها"),
    }
    for code, sentences in expected.items():
        text = page_text(client.get(legal[code].get_url()), ".service__reports")
        assert all(sentence in text for sentence in sentences), (code, text)


def test_the_same_report_sent_from_two_language_pages_is_kept_once(client, legal):
    send_report(client, legal["ar"], "ar")
    send_report(client, legal["tr"], "tr")
    assert ProblemReport.objects.count() == 1


def test_the_admin_lists_each_report_once_named_in_the_admins_language(
    client, legal, people, report_from_arabic
):
    send_report(client, legal["en"], "en", kind="moved")
    client.force_login(people["asam_editor"])
    html = client.get("/admin/snippets/services_map/problemreport/").content.decode()
    rows = BeautifulSoup(html, "html.parser").select("tbody tr")
    assert len(rows) == 2
    assert all("Hukuki danışmanlık" in row.get_text() for row in rows)


# --- Nobody else ------------------------------------------------------------------------------

REPORT_VIEWS = ["edit", "inspect", "history", "usage", "delete"]


@pytest.mark.parametrize("who", ["other_editor", "group_lead", "member"])
def test_nobody_but_the_agencys_editors_and_the_co_chairs_can_open_a_report(
    client, report_from_arabic, people, who
):
    client.force_login(people[who])
    listing = client.get("/admin/snippets/services_map/problemreport/")
    assert listing.status_code in (302, 403) or "Legal counselling" not in listing.content.decode()
    for name in REPORT_VIEWS:
        response = client.get(view_url(name, report_from_arabic))
        assert response.status_code in (302, 403), (name, response.status_code)


@pytest.mark.parametrize("who", ["other_editor", "group_lead", "member"])
def test_nobody_else_can_change_a_report_by_posting(client, report_from_arabic, people, who):
    response = handle(client, people[who], report_from_arabic, "fixed", "Not mine to fix.")
    assert response.status_code in (302, 403)
    report_from_arabic.refresh_from_db()
    assert report_from_arabic.status == "received"
    assert report_from_arabic.contact == "reporter@example.org"
    assert report_from_arabic.history.count() == 1


def test_the_public_is_sent_to_sign_in(client, report_from_arabic):
    response = client.get(edit_url(report_from_arabic))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_agency_editor_handles_but_cannot_delete_their_agencys_report(
    client, report_from_arabic, people
):
    client.force_login(people["asam_editor"])
    assert client.get(view_url("edit", report_from_arabic)).status_code == 200
    assert client.get(view_url("history", report_from_arabic)).status_code == 200
    assert client.post(view_url("delete", report_from_arabic)).status_code in (302, 403)
    assert ProblemReport.objects.filter(pk=report_from_arabic.pk).exists()


def test_a_co_chair_can_delete_a_report_and_its_history_goes_with_it(
    client, report_from_arabic, people
):
    client.force_login(people["english_co_chair"])
    client.post(view_url("delete", report_from_arabic))
    assert not ProblemReport.objects.filter(pk=report_from_arabic.pk).exists()
    assert not ProblemReportLogEntry.objects.filter(report_id=report_from_arabic.pk).exists()


def test_site_history_shows_another_agencys_reports_to_nobody_but_co_chairs(
    client, report_from_arabic, people
):
    handle(client, people["english_co_chair"], report_from_arabic, "received", "Checking.")
    client.force_login(people["other_editor"])
    html = client.get("/admin/reports/site-history/").content.decode()
    assert "Legal counselling" not in html
    client.force_login(people["english_co_chair"])
    assert "Legal counselling" in client.get("/admin/reports/site-history/").content.decode()


# --- Reports from before ----------------------------------------------------------------------


def test_the_migration_moves_old_history_and_deletes_contacts_of_closed_reports(legal):
    migration = importlib.import_module("services_map.migrations.0011_problem_report_history")
    open_report = ProblemReport.objects.create(
        service=legal["en"], kind="closed", contact="0532 000 00 00"
    )
    closed = ProblemReport.objects.create(
        service=legal["en"], kind="moved", contact="a@b.example", status="fixed"
    )
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    content_type = ContentType.objects.get_for_model(ProblemReport)
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=content_type,
            object_id=str(pk),
            label="old",
            action="wagtail.edit",
            timestamp=timezone.now(),
        )
        for pk in (closed.pk, 999999)
    )
    migration.move_history_to_its_own_log(apps, None)
    migration.delete_contacts_of_closed_reports(apps, None)
    assert not ModelLogEntry.objects.filter(content_type=content_type).exists()
    assert list(closed.history.values_list("action", flat=True)) == ["wagtail.edit"]
    open_report.refresh_from_db()
    closed.refresh_from_db()
    assert (open_report.contact, closed.contact) == ("0532 000 00 00", "")


def test_the_reports_page_names_the_service_in_the_admins_language(
    client, report_from_arabic, people
):
    client.force_login(people["asam_editor"])
    response = client.get(edit_url(report_from_arabic))
    assert "Telefon numarası yanlış: Hukuki danışmanlık" in page_text(response, "#header-title")
    listing = page_text(response, "main")
    assert "Hukuki danışmanlık" in listing
    assert "Arapça" in listing
