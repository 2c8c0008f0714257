"""The dry run: what importing a spreadsheet would change, service by service and field by
field, and every mistake by row and column with the value and a plain message, in the
importer's language. Nothing here writes to the database (applying.py does).

Rows match a service by its `hsds_id` (the service's translation key), else by its agency and
exactly its name in one of the name columns."""

from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Page

from iswg_portal.core.translation import best_translation

from ...models import (
    AgencyPage,
    ServicePage,
)
from .columns import (
    COLUMNS_BY_KEY,
    LANGUAGE_CODES,
    LOCATION_KEYS,
    WORD_STEMS,
    normalise_text,
    service_facts,
    service_locations,
    service_words,
    show,
)
from .report import Change, ImportPlan, PlannedService, Problem
from .rows import Reference, empty_fact, parse_row

# --- The plan -------------------------------------------------------------------------------


def plan_import(sheet, options):
    """The dry run of a read file (reading.SheetRows): an ImportPlan."""
    plan = ImportPlan(sheet.file_name, sheet.sha256, options.language, len(sheet.rows))
    unknown = [header for header in sheet.headers if header not in COLUMNS_BY_KEY]
    for header in unknown:
        plan.problems.append(
            Problem(
                1,
                header,
                header,
                _("this column is not in the template (see docs/import-template.md)."),
            )
        )
    reference = Reference()
    rows = [
        parse_row(number, cells, sheet.headers, reference, options, plan.problems)
        for number, cells in sheet.rows
    ]
    for group in group_rows(rows, options, plan.problems):
        planned = plan_service(group, sheet.headers, reference, options, plan.problems)
        if planned is not None:
            plan.services.append(planned)
    if sheet.origins:
        for problem in plan.problems:
            sheet.locate(problem)
        for service in plan.services:
            service.source = ", ".join(sheet.row_label(number) for number in service.rows[:1])
    plan.problems += sheet.problems
    plan.problems.sort(key=lambda problem: (problem.file, problem.row or 0, problem.column))
    plan.agencies = _agencies_in_scope(plan, reference, options)
    plan.missing = _not_in_file(plan, options.language)
    return plan


def _row_name(row, language):
    words = row.words
    for code in [language, *LANGUAGE_CODES]:
        if words.get(code, {}).get("name"):
            return code, words[code]["name"]
    return None, ""


def group_rows(rows, options, problems):
    """Rows of one service together (same hsds_id, or same agency and name), in file order;
    a later row may leave the service's columns empty, but may not contradict the first."""
    groups = {}
    for row in rows:
        if row.hsds_id is not None:
            key = ("id", row.hsds_id)
        else:
            code, name = _row_name(row, options.language)
            if not name:
                problems.append(
                    Problem(
                        row.number,
                        f"name_{options.language}",
                        "",
                        _("each row needs the service's hsds_id or its name."),
                    )
                )
                continue
            key = ("name", row.agency_key, code, name)
        groups.setdefault(key, []).append(row)
    for group in groups.values():
        first = group[0]
        for row in group[1:]:
            for attribute in ("facts", "locale_words"):
                mine, theirs = getattr(first, attribute), getattr(row, attribute)
                for key, value in theirs.items():
                    if key not in row.given:
                        continue
                    if key in first.given and mine.get(key) != value:
                        problems.append(
                            Problem(
                                row.number,
                                key,
                                show(key, value, options.language),
                                _("differs from row %(row)s of the same service.")
                                % {"row": first.number},
                            )
                        )
                    elif key not in first.given:
                        mine[key] = value
                        first.given.add(key)
            for code, words in row.words.items():
                for stem, value in words.items():
                    first.words.setdefault(code, {}).setdefault(stem, value)
            if first.agency_key is None:
                first.agency_key = row.agency_key
    return list(groups.values())


def plan_service(rows, headers, reference, options, problems):
    """A PlannedService for the rows of one service, matched and compared with what the
    directory holds."""
    first = rows[0]
    language = options.language
    code, name = _row_name(first, language)
    planned = PlannedService(
        rows=[row.number for row in rows],
        agency=reference.agency_source(first.agency_key) if first.agency_key else None,
        name=name,
        facts=dict(first.facts),
        words=first.words,
        locale_words=first.locale_words,
    )
    withheld = any("places_withheld" in row.given for row in rows)
    if any(key in headers for key in LOCATION_KEYS) and not withheld:
        planned.locations = [row.location for row in rows if row.location is not None]

    def problem(column, message, value=""):
        problems.append(Problem(first.number, column, value, str(message)))

    if first.hsds_id is not None:
        planned.translation_key = first.hsds_id
        source = (
            ServicePage.objects.filter(translation_key=first.hsds_id, alias_of__isnull=True)
            .order_by("pk")
            .first()
        )
        if source is None and Page.objects.filter(translation_key=first.hsds_id).exists():
            problem(
                "hsds_id",
                _("this id belongs to a page that is not a service."),
                str(first.hsds_id),
            )
            return None
        if source is not None:
            agency_key = source.get_parent().translation_key
            allowed = options.allowed_agency_keys
            if planned.agency is None and "agency" not in first.given:
                if allowed is not None and agency_key not in allowed:
                    problem(
                        "hsds_id",
                        _("you may only import the services of your own agency."),
                        str(first.hsds_id),
                    )
                    return None
                planned.agency = reference.agency_source(agency_key)
            if planned.agency is not None and agency_key != planned.agency.translation_key:
                problem(
                    "hsds_id",
                    _("this id belongs to a service of another agency (%(agency)s).")
                    % {"agency": reference.agency_source(agency_key).title},
                    str(first.hsds_id),
                )
                return None
            planned.page = source
            planned.matched_by = "hsds_id"
    elif planned.agency is not None:
        matches = _services_named(planned, reference)
        if len(matches) > 1:
            problem(
                f"name_{code}",
                _("several services of %(agency)s are called '%(name)s': give the hsds_id.")
                % {"agency": planned.agency.title, "name": name},
                name,
            )
            return None
        if matches:
            planned.page = matches[0]
            planned.matched_by = "name"
    if planned.agency is None:
        if first.agency_key is None and "agency" not in first.given and options.agency is None:
            problem("agency", _("each row needs its agency."))
        return None
    if planned.page is None:
        _check_new_service(planned, reference, language, problem)
    else:
        planned.translation_key = planned.page.translation_key
    _check_translations(planned, reference, language, problem)
    planned.changes = compare(planned, headers, language)
    return planned


def _services_named(planned, reference):
    """Source pages of the agency's services that have exactly one of the row's names in that
    name's language."""
    agencies = reference.agency_pages[planned.agency.translation_key]
    below = Q()
    for agency in agencies:
        below |= Q(path__startswith=agency.path, depth=agency.depth + 1)
    named = Q()
    for code, words in planned.words.items():
        if words.get("name"):
            named |= Q(title=words["name"], locale__language_code=code)
    if not named:
        return []
    keys = set(
        ServicePage.objects.filter(below, named, alias_of__isnull=True).values_list(
            "translation_key", flat=True
        )
    )
    return [
        ServicePage.objects.filter(translation_key=key, alias_of__isnull=True)
        .order_by("pk")
        .first()
        for key in sorted(keys, key=str)
    ]


def _check_new_service(planned, reference, language, problem):
    words = planned.words.get(language, {})
    if not words.get("name"):
        problem(
            f"name_{language}",
            _("a new service needs its name in the language of the import."),
        )
    if not (words.get("summary") or words.get("description")):
        problem(
            f"summary_{language}",
            _("a new service needs a summary or a description in the language of the import."),
        )
    if reference.agency_in(planned.agency.translation_key, language) is None:
        problem(
            "agency",
            _("%(agency)s has no page in the language of the import yet.")
            % {"agency": planned.agency.title},
            planned.agency.title,
        )


def _check_translations(planned, reference, language, problem):
    existing = set()
    if planned.page is not None:
        existing = set(
            ServicePage.objects.filter(
                translation_key=planned.page.translation_key, alias_of__isnull=True
            ).values_list("locale__language_code", flat=True)
        )
    for code, words in planned.words.items():
        if code in existing or (planned.page is None and code == language):
            continue
        if not words.get("name"):
            problem(f"name_{code}", _("a new translation needs its name."))
        elif reference.agency_in(planned.agency.translation_key, code) is None:
            problem(
                f"name_{code}",
                _("%(agency)s has no page in this language yet.")
                % {"agency": planned.agency.title},
                words["name"],
            )


# --- Comparing ------------------------------------------------------------------------------


def current_versions(page):
    """Each translation of a service as last saved (its latest revision), by language."""
    versions = {}
    for translation in ServicePage.objects.filter(
        translation_key=page.translation_key, alias_of__isnull=True
    ).select_related("locale"):
        versions[translation.locale.language_code] = translation.get_latest_revision_as_object()
    return versions


def compare(planned, headers, language):
    """The changes the file makes to the service, field by field, in the template's order."""
    changes = []
    if planned.page is not None:
        versions = current_versions(planned.page)
        source = planned.page.get_latest_revision_as_object()
        facts = service_facts(source)
        places = service_locations(source)
        words = {code: service_words(version) for code, version in versions.items()}
    else:
        versions, facts, places, words = {}, {}, [], {}
    for stem in WORD_STEMS:
        for code in LANGUAGE_CODES:
            after = planned.words.get(code, {}).get(stem)
            if after is None:
                continue
            before = normalise_text(words.get(code, {}).get(stem, ""))
            if before != after:
                changes.append(Change(f"{stem}_{code}", before, after))
    for key in headers:
        if key in planned.facts:
            before = facts.get(key, empty_fact(key)) if planned.page else empty_fact(key)
            after = planned.facts[key]
            if before != after and not (planned.page is None and not after):
                changes.append(Change(key, show(key, before, language), show(key, after, language)))
        elif key in planned.locale_words:
            before = normalise_text(words.get(language, {}).get(key, ""))
            after = planned.locale_words[key]
            if before != after:
                changes.append(Change(key, before, after))
    if planned.locations is not None:
        several = max(len(places), len(planned.locations)) > 1
        for index in range(max(len(places), len(planned.locations))):
            before = places[index] if index < len(places) else {}
            after = planned.locations[index] if index < len(planned.locations) else {}
            for key in LOCATION_KEYS:
                if key not in headers:
                    continue
                old, new = before.get(key), after.get(key)
                if _same_place_value(old, new):
                    continue
                column = (
                    _("%(column)s (place %(number)s)") % {"column": key, "number": index + 1}
                    if several
                    else key
                )
                changes.append(Change(column, show(key, old), show(key, new)))
    return changes


def _same_place_value(old, new):
    if isinstance(old, float) or isinstance(new, float):
        if old is None or new is None:
            return old is None and new is None
        return round(old, 6) == round(new, 6)
    return (old or "") == (new or "")


def _agencies_in_scope(plan, reference, options):
    if options.agency is not None:
        return [options.agency]
    keys = []
    for service in plan.services:
        if service.agency is not None and service.agency.translation_key not in keys:
            keys.append(service.agency.translation_key)
    return [reference.agency_source(key) for key in keys]


def _not_in_file(plan, language):
    """The services of the agencies in the file that the file does not name: listed, never
    deleted."""
    named = {service.translation_key for service in plan.services if service.translation_key}
    missing = []
    for agency in plan.agencies:
        translations = AgencyPage.objects.filter(translation_key=agency.translation_key)
        below = Q()
        for page in translations:
            below |= Q(path__startswith=page.path, depth=page.depth + 1)
        pages = ServicePage.objects.filter(below, alias_of__isnull=True).exclude(
            translation_key__in=named
        )
        by_key = {}
        for page in pages.select_related("locale").order_by("pk"):
            by_key.setdefault(page.translation_key, []).append(page)
        missing += [best_translation(pages_of, language) for pages_of in by_key.values()]
    return missing
