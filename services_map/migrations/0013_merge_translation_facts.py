"""Merge the per-translation copies of the facts that every translation now shares
(docs/decisions/0014-shared-facts.md): for each service and agency, the translation made first
(lowest page id) is the source and its facts win. Every value overwritten is written out:
page, language, field, old → new.

Along the way, the rows below a service (places, phones, languages spoken) get the keys that
match a translation's row to the source's row (by their order, as the translations were
copied), so each translation keeps its own words on them; and each page's `words_changed_at`
is read from its history: the last publish whose words differed from the publish before it.

The fields are listed here as they were when this ran. Reversing it changes nothing: the
copies were the same facts, and the source's stay. The search index is rebuilt with
`manage.py update_index` after it."""

import json
import sys
import uuid

from django.db import migrations

from services_map.shared_facts import SharedFacts, SharedRows, words_differ

SERVICE = SharedFacts(
    fields=(
        "status",
        "start_date",
        "end_date",
        "is_internal",
        "is_protection_sensitive",
        "email",
        "website",
        "whatsapp",
        "fee_type",
        "access_method",
        "minimum_age",
        "maximum_age",
        "eligible_legal_statuses",
        "eligible_nationalities",
        "last_verified",
    ),
    rows=(
        SharedRows("locations", words=("name", "accessibility_description")),
        SharedRows("schedules"),
        SharedRows("phones", words=("description",)),
        SharedRows("service_languages", words=("note",)),
    ),
    words=(
        "title",
        "summary",
        "description",
        "eligibility_description",
        "fees_description",
        "application_process",
        "referral_method",
        "what_happens_next",
        "response_time",
        "complaints_channel",
        "documents_required",
    ),
)
AGENCY = SharedFacts(
    fields=("acronym", "agency_type", "website", "email", "phone", "logo_id"),
    words=("title", "description"),
)
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled", "wagtail.revert")


def say(line):
    sys.stdout.write(f"{line}\n")


def shown(value):
    """A value as the output shows it: text quoted, in its own script."""
    return json.dumps(value, ensure_ascii=False, default=str)


def described(page):
    return f"{page._meta.model_name} {page.pk} ({page.locale.language_code}) {shown(page.title)}"


def groups_of(model):
    """Each translation key's pages (aliases aside), the source first."""
    groups = {}
    pages = model.objects.filter(alias_of__isnull=True).select_related("locale").order_by("pk")
    for page in pages:
        groups.setdefault(page.translation_key, []).append(page)
    return groups.values()


def merge_fields(facts, model, source, page):
    changed = []
    for name in facts.fields:
        old, new = getattr(page, name), getattr(source, name)
        if old != new:
            say(f"{described(page)}: {name}: {shown(old)} → {shown(new)}")
            setattr(page, name, new)
            changed.append(name)
    if changed:
        model.objects.filter(pk=page.pk).update(**{name: getattr(page, name) for name in changed})


def row_facts(row, shared):
    """A row's facts as text: its fields but the words, ids, order and key."""
    skip = {"id", "page", "sort_order", "row_key", *shared.words}
    values = []
    for field in type(row)._meta.concrete_fields:
        if field.name in skip:
            continue
        value = getattr(row, field.name)
        values.append(str(getattr(value, "name", value)))
    return " ".join(values)


def rows_of(model, shared, page_id):
    relation = model._meta.get_field(shared.relation)
    rows = relation.related_model.objects.filter(page_id=page_id)
    return sorted(rows, key=lambda row: (row.sort_order is not None, row.sort_order or 0, row.pk))


def merge_rows(model, shared, source_rows, page):
    """The page's rows become the source's, in its order; a row at the same place keeps its
    id and its words."""
    row_model = model._meta.get_field(shared.relation).related_model
    own = rows_of(model, shared, page.pk)
    before = [row_facts(row, shared) for row in own]
    after = [row_facts(row, shared) for row in source_rows]
    if before != after:
        say(f"{described(page)}: {shared.relation}: {shown(before)} → {shown(after)}")
    fields = [
        field.name
        for field in row_model._meta.concrete_fields
        if field.name not in ("id", "page", *shared.words)
    ]
    updated, created = [], []
    for position, original in enumerate(source_rows):
        row = own[position] if position < len(own) else row_model(page_id=page.pk)
        for name in fields:
            setattr(row, name, getattr(original, name))
        row.sort_order = position
        if row.pk is None:
            for name in shared.words:
                setattr(row, name, getattr(original, name))
            created.append(row)
        else:
            updated.append(row)
    if updated:
        row_model.objects.bulk_update(updated, fields)
    if created:
        row_model.objects.bulk_create(created)
    row_model.objects.filter(pk__in=[row.pk for row in own[len(source_rows) :]]).delete()


def merge_links(link, page_column, item_column, label, source, page):
    """The page links to what the source links to (categories, population groups)."""

    def linked(page_id):
        rows = link.objects.filter(**{page_column: page_id})
        return set(rows.values_list(item_column, flat=True))

    old, new = linked(page.pk), linked(source.pk)
    if old != new:
        say(f"{described(page)}: {label}: {sorted(old)} → {sorted(new)}")
        link.objects.filter(**{page_column: page.pk}).delete()
        link.objects.bulk_create(
            [link(**{page_column: page.pk, item_column: pk}) for pk in sorted(new)]
        )


def number_rows(model, shared, rows):
    """Rows made in code carry no order, which SQLite lists first and PostgreSQL last: give the
    source's rows the order they have here, which its translations copy."""
    if any(row.sort_order is None for row in rows):
        for position, row in enumerate(rows):
            row.sort_order = position
        row_model = model._meta.get_field(shared.relation).related_model
        row_model.objects.bulk_update(rows, ["sort_order"])


def key_rows(model, shared, source, pages):
    """Give the source's rows keys of their own and each translation's row the key of the
    source's row at the same place; return the source's rows."""
    row_model = model._meta.get_field(shared.relation).related_model
    source_rows = rows_of(model, shared, source.pk)
    for row in source_rows:
        row.row_key = uuid.uuid4()
    keyed = list(source_rows)
    for page in pages:
        for position, row in enumerate(rows_of(model, shared, page.pk)):
            row.row_key = (
                source_rows[position].row_key if position < len(source_rows) else uuid.uuid4()
            )
            keyed.append(row)
    row_model.objects.bulk_update(keyed, ["row_key"])
    return source_rows


def merge_services(apps):
    ServicePage = apps.get_model("services_map", "ServicePage")
    tagged = apps.get_model("services_map", "ServicePopulationGroup")
    categories = ServicePage._meta.get_field("categories").remote_field.through
    for source, *translations in groups_of(ServicePage):
        for shared in SERVICE.rows:
            if shared.words:
                source_rows = key_rows(ServicePage, shared, source, translations)
            else:
                source_rows = rows_of(ServicePage, shared, source.pk)
            number_rows(ServicePage, shared, source_rows)
            for page in translations:
                merge_rows(ServicePage, shared, source_rows, page)
        for page in translations:
            merge_fields(SERVICE, ServicePage, source, page)
            merge_links(
                categories, "servicepage_id", "servicecategory_id", "categories", source, page
            )
            merge_links(tagged, "content_object_id", "tag_id", "population groups", source, page)


def merge_agencies(apps):
    AgencyPage = apps.get_model("services_map", "AgencyPage")
    for source, *translations in groups_of(AgencyPage):
        for page in translations:
            merge_fields(AGENCY, AgencyPage, source, page)


def note_word_changes(apps, model_name, facts):
    """Each page's words_changed_at: the last publish whose words differed from the publish
    before it (the first publish counts); its first publication where no history says."""
    model = apps.get_model("services_map", model_name)
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    Revision = apps.get_model("wagtailcore", "Revision")
    pages = list(model.objects.only("pk", "first_published_at"))
    entries = list(
        PageLogEntry.objects.filter(
            page_id__in=[page.pk for page in pages],
            action__in=PUBLISH_ACTIONS,
            revision__isnull=False,
        )
        .order_by("page_id", "timestamp", "pk")
        .values_list("page_id", "timestamp", "revision_id")
    )
    contents = dict(
        Revision.objects.filter(pk__in={entry[2] for entry in entries}).values_list("pk", "content")
    )
    history = {}
    for page_id, timestamp, revision_id in entries:
        if revision_id in contents:
            history.setdefault(page_id, []).append((timestamp, contents[revision_id]))
    for page in pages:
        changed_at, before = page.first_published_at, None
        for timestamp, content in history.get(page.pk, []):
            if before is None or words_differ(facts, before, content):
                changed_at = timestamp
            before = content
        page.words_changed_at = changed_at
    model.objects.bulk_update(pages, ["words_changed_at"], batch_size=500)


def merge(apps, schema_editor):
    merge_services(apps)
    merge_agencies(apps)
    note_word_changes(apps, "ServicePage", SERVICE)
    note_word_changes(apps, "AgencyPage", AGENCY)


class Migration(migrations.Migration):
    dependencies = [("services_map", "0012_shared_facts")]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
