"""Applying an import: all or nothing in one transaction. Each changed service gets a revision
by the importer, published when they may publish and otherwise submitted to the "Directory
listings" workflow for a co-chair's approval; the facts go to the service's source page and the
words to each language's own page (shared_facts.py). The import is written to each agency's
history (who, when, the file's name and hash, the figures)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Locale, WorkflowState

from ...models import (
    LegalStatus,
    ServiceLanguage,
    ServiceLocation,
    ServicePage,
    ServicePhone,
    ServiceSchedule,
)
from ...reference_data import slugify_turkish
from .columns import (
    FACT_FIELDS,
    LOCALE_WORD_FIELDS,
    LOCATION_EXTRA_FIELDS,
    PAGE_WORD_FIELDS,
    WORD_STEMS,
    application_and_referral,
    normalise_text,
    plain_text,
)
from .planning import plan_import
from .report import Problem
from .rows import Reference

IMPORT_ACTION = "services_map.listings_imported"


def register_import_log_action(actions):
    actions.register_action(
        IMPORT_ACTION,
        _("Import services"),
        _("Imported services from a spreadsheet"),
    )


class ImportBlocked(Exception):
    """The import has mistakes: nothing was changed. `plan` says which."""

    def __init__(self, plan):
        super().__init__(plan.summary())
        self.plan = plan


@dataclass
class ImportOutcome:
    """What applying did: the plan it followed, and how many versions were published, sent
    for approval or left as drafts (where no workflow applies)."""

    plan: object
    published: int = 0
    submitted: int = 0
    drafts: int = 0


def apply_import(sheet, options):
    """Make the changes of the dry run of `sheet`, all or none; raise ImportBlocked (nothing
    changed) when the file has mistakes or a service fails the model's validation."""
    plan = plan_import(sheet, options)
    if plan.problems:
        raise ImportBlocked(plan)
    outcome = ImportOutcome(plan)
    reference = Reference()
    try:
        with transaction.atomic():
            for service in [*plan.new, *plan.updated]:
                _apply_service(service, sheet.headers, reference, options, outcome)
            for agency in plan.agencies:
                log(
                    instance=agency,
                    action=IMPORT_ACTION,
                    user=options.user,
                    data={
                        "file": sheet.file_name,
                        "sha256": sheet.sha256,
                        "language": options.language,
                        **plan.counts(),
                        "published": outcome.published,
                        "submitted": outcome.submitted,
                    },
                )
    except ValidationError as error:
        plan.problems.append(Problem(None, "", "", " ".join(error.messages)))
        raise ImportBlocked(plan) from error
    return outcome


def _changed_languages(service, language):
    """The languages whose words change, and whether the facts do."""
    languages, facts = set(), service.is_new
    for change in service.changes:
        stem, _sep, code = change.column.rpartition("_")
        if stem in WORD_STEMS:
            languages.add(code)
        elif change.column in LOCALE_WORD_FIELDS:
            languages.add(language)
        else:
            facts = True
    return languages, facts


def _apply_service(service, headers, reference, options, outcome):
    language = options.language
    languages, facts_change = _changed_languages(service, language)
    if service.is_new:
        parent = reference.agency_in(service.agency.translation_key, language)
        name = service.words[language]["name"]
        source = ServicePage(
            title=name,
            slug=find_available_slug(parent, slugify_turkish(name) or "service"),
            locale=parent.locale,
            live=False,
        )
        if service.translation_key is not None:
            source.translation_key = service.translation_key
        _set_words(source, service.words.get(language, {}), service.locale_words)
        _set_facts(source, service, headers, reference)
        parent.add_child(instance=source)
        _finish(source, options.user, outcome)
        languages.discard(language)
    else:
        source = service.page.get_latest_revision_as_object()
        source_language = source.locale.language_code
        if facts_change or source_language in languages:
            _set_words(
                source,
                service.words.get(source_language, {}),
                service.locale_words if source_language == language else {},
            )
            _set_facts(source, service, headers, reference)
            _finish(source, options.user, outcome)
        languages.discard(source_language)
    for code in sorted(languages):
        translation = (
            ServicePage.objects.filter(
                translation_key=source.translation_key, locale__language_code=code
            )
            .exclude(alias_of__isnull=False)
            .first()
        )
        if translation is None:
            translation = ServicePage.objects.get(pk=source.pk).copy_for_translation(
                Locale.objects.get(language_code=code)
            )
        else:
            translation = translation.get_latest_revision_as_object()
        _set_words(
            translation,
            service.words.get(code, {}),
            service.locale_words if code == language else {},
        )
        _finish(translation, options.user, outcome)


def _set_words(page, words, locale_words):
    for stem, value in words.items():
        if stem == "description":
            if value != plain_text(page.description):
                page.description = _rich_text(value)
        else:
            setattr(page, PAGE_WORD_FIELDS[stem], value)
    if not page.summary:
        page.summary = _first_sentence(words.get("description", "")) or page.title
    for key, value in locale_words.items():
        if key == "application_and_referral":
            if normalise_text(value) != normalise_text(application_and_referral(page)):
                page.application_process, page.referral_method = value, ""
            continue
        setattr(page, LOCALE_WORD_FIELDS[key], value)


def _rich_text(text):
    """Plain text from a cell as the description's rich text: a paragraph per blank-line
    separated block, line breaks kept."""
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in block.split("\n")) + "</p>"
        for block in text.split("\n\n")
        if block.strip()
    )


def _first_sentence(text):
    sentence = text.split("\n", 1)[0].split(". ", 1)[0].strip()
    return sentence[:300]


def _set_facts(page, service, headers, reference):
    facts = service.facts
    for key, field_name in FACT_FIELDS.items():
        if key in facts:
            setattr(page, field_name, facts[key])
    if "legal_statuses" in facts:
        chosen = facts["legal_statuses"]
        page.eligible_legal_statuses = [code for code in LegalStatus.values if code in chosen]
    if "category" in facts:
        page.categories.set([reference.categories[slug] for slug in facts["category"]])
    if "population_groups" in facts:
        page.population_groups.set(list(facts["population_groups"]))
    if "phone_rows" in facts:
        page.phones = _keyed_rows(page.phones.all(), facts["phone_rows"], _phone_row)
    elif "phones" in facts:
        existing = {phone.number: phone for phone in page.phones.all()}
        page.phones = [
            existing.pop(number, None) or ServicePhone(number=number) for number in facts["phones"]
        ]
    if "language_rows" in facts:
        page.service_languages = _keyed_rows(
            page.service_languages.all(),
            facts["language_rows"],
            lambda row, values: _language_row(row, values, reference),
        )
    elif "languages" in facts:
        existing = {spoken.language.code: spoken for spoken in page.service_languages.all()}
        page.service_languages = [
            existing.pop(code, None) or ServiceLanguage(language=reference.languages[code])
            for code in facts["languages"]
        ]
    if "hours" in facts:
        page.schedules = [
            ServiceSchedule(weekday=weekday, opens_at=opens_at, closes_at=closes_at)
            for weekday, opens_at, closes_at in facts["hours"]
        ]
    if service.locations is not None:
        current = sorted(page.locations.all(), key=lambda row: (row.sort_order or 0, row.pk or 0))
        by_key = {str(row.row_key): row for row in current}
        rows = []
        for index, place in enumerate(service.locations):
            if place.get("location_id"):
                # A place with its id keeps it: the HSDS location id is its row key.
                row = by_key.get(place["location_id"]) or ServiceLocation(
                    row_key=place["location_id"]
                )
            else:
                row = current[index] if index < len(current) else ServiceLocation()
            district = place["_district"]
            row.province = district.province
            row.district = district
            if "address" in headers:
                row.address_1 = place.get("address", "")
            if "postal_code" in headers:
                row.postal_code = place.get("postal_code", "")
            for key in ("latitude", "longitude"):
                if key in headers:
                    setattr(row, key, place.get(key))
            for key, name in LOCATION_EXTRA_FIELDS.items():
                if key in headers:
                    setattr(row, name, place.get(key) or (False if key == "wheelchair" else ""))
            rows.append(row)
        page.locations = rows


def _keyed_rows(current, wanted, fill):
    """Rows of a service in the order of `wanted` ([(row key, ...)]): an existing row of the
    same key kept and updated, else a new row with that key."""
    existing = {str(row.row_key): row for row in current}
    rows = []
    for values in wanted:
        row = existing.pop(values[0], None)
        rows.append(fill(row, values))
    return rows


def _phone_row(row, values):
    key, number, phone_type, note = values
    row = row or ServicePhone(row_key=key)
    row.number, row.phone_type, row.description = number, phone_type, note
    return row


def _language_row(row, values, reference):
    key, code, note = values
    row = row or ServiceLanguage(row_key=key)
    row.language, row.note = reference.languages[code], note
    return row


def _finish(page, user, outcome):
    """A revision by the importer, published when they may publish, else sent for approval."""
    revision = page.save_revision(user=user, log_action=True)
    if user is None or page.permissions_for_user(user).can_publish():
        revision.publish(user=user)
        outcome.published += 1
        return
    state = page.current_workflow_state
    workflow = page.get_workflow()
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        outcome.submitted += 1
    elif state is not None:
        # Already waiting: the approver sees this latest revision.
        outcome.submitted += 1
    elif workflow is not None:
        workflow.start(page, user)
        outcome.submitted += 1
    else:
        outcome.drafts += 1
