"""One truth in every language: the facts of a service or an agency that do not depend on
language, kept equal in all its translations.

Each translation of a page is a whole page of its own (decision 0003). What a refugee acts on,
the phones, opening hours, places, categories, flags and dates, is the same in every language,
so it is declared here once (`SERVICE_FACTS`, `AGENCY_FACTS`) and kept equal the way
wagtail-localize keeps its synchronised fields (decision 0014):

- the **source** of a set of translations is the one made first (`source_of`); its facts are
  edited there and nowhere else;
- a translation is never stored with facts of its own: its save and its revisions take the
  source's facts (`SharedFactsMixin.save`, `save_revision`), and any version of it read from a
  revision (a draft, an old version, a preview) shows the source's current facts
  (`with_content_json`), so publishing an old draft never brings old facts back;
- publishing the source copies its facts into every other translation at once, their live
  rows and their pending drafts (`share_facts`, from signals.py).

The rows below a service (places, hours, phones, languages) are copied in the source's order;
the few words on a row (the name of the place, a phone's note) stay each translation's own,
matched to the source's row by its `row_key`.

A page also remembers when its words last changed on publishing (`words_changed_at`, set by
`note_word_changes`), so a translation older than its source's words can say so
(`newer_source_text`)."""

import json
import uuid
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Revision

from iswg_portal.core.compare import canonical_rich_text

from .cache_version import bump_version

FACTS_SHARED_ACTION = "services_map.facts_shared"


@dataclass(frozen=True)
class SharedRows:
    """A child relation whose rows are facts, copied in the source's order. `words` are the
    fields of a row that each translation writes in its own language (matched by `row_key`);
    `form_field` names the form field that edits the relation instead of an inline list."""

    relation: str
    words: tuple[str, ...] = ()
    form_field: str = ""


@dataclass(frozen=True)
class SharedFacts:
    """What a page type shares across its translations (`fields`, `rows`) and the words each
    translation writes itself (`words`, with the rows' own words)."""

    fields: tuple[str, ...]
    rows: tuple[SharedRows, ...] = ()
    words: tuple[str, ...] = ()

    @property
    def form_fields(self):
        """The form fields a translation's admin form leaves out."""
        return (*self.fields, *(shared.form_field for shared in self.rows if shared.form_field))

    @property
    def content_keys(self):
        """The keys of a revision's content that hold the facts."""
        return (*self.fields, *(shared.relation for shared in self.rows))


SERVICE_FACTS = SharedFacts(
    fields=(
        "status",
        "start_date",
        "end_date",
        "is_internal",
        "is_protection_sensitive",
        "serves_whole_province",
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
        # The default language's categories, named in each language where shown: the
        # directory's filters and counts read these rows (taxonomy.py).
        "categories",
    ),
    rows=(
        # The address is what a taxi driver needs, the same in every language; the name of the
        # place and the notes about access and the way by public transport are written for the
        # reader.
        SharedRows("locations", words=("name", "accessibility_description", "public_transport")),
        SharedRows("schedules"),
        SharedRows("phones", words=("description",)),
        SharedRows("service_languages", words=("note",)),
        SharedRows("tagged_population_groups", form_field="population_groups"),
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

AGENCY_FACTS = SharedFacts(
    fields=("acronym", "agency_type", "website", "email", "phone", "logo"),
    words=("title", "description"),
)


# --- The source ---------------------------------------------------------------------------


def source_of(page):
    """The translation the others take their facts from: of the pages of this type with the
    page's translation key (aliases aside), the one made first, i.e. with the lowest id. The
    page itself when it is that one or has no other translation."""
    known = page.__dict__.get("_shared_source")
    if known is not None:
        return known
    source = page
    first = (
        type(page)
        .objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
        .order_by("pk")
        .first()
    )
    if first is not None and first.pk != page.pk:
        source = first
    page._shared_source = source
    return source


def is_source(page):
    """True when the page's facts are edited on the page itself."""
    return source_of(page) is page


def translations_of(source):
    """Every other translation of the source (aliases aside), in the order they were made."""
    return (
        type(source)
        .objects.filter(translation_key=source.translation_key, alias_of__isnull=True)
        .exclude(pk=source.pk)
        .order_by("pk")
    )


# --- Copying the facts --------------------------------------------------------------------


def _rows_of(page, relation):
    """The page's rows of a child relation in their order. Rows made in code have no order:
    they come first, oldest first, as they were there before any row added in the admin."""
    return sorted(
        getattr(page, relation).all(),
        key=lambda row: (
            getattr(row, "sort_order", None) is not None,
            getattr(row, "sort_order", None) or 0,
            row.pk or 0,
        ),
    )


def _source_rows(source, relation):
    """The source's rows, read from the database once however many translations copy them."""
    cache = source.__dict__.setdefault("_shared_rows", {})
    if relation not in cache:
        cache[relation] = _rows_of(source, relation)
    return cache[relation]


def _row_fields(model):
    """The fields a copied row carries: all but its id and its link to the page."""
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in ("page", "content_object")
    ]


def _signature(rows, fields):
    return [(row.pk, *(getattr(row, field.attname) for field in fields)) for row in rows]


def merged_rows(source, theirs, shared):
    """The rows a translation should have, given its rows `theirs`: the source's, in the
    source's order, each with the translation's own words where it has that row (same
    `row_key`) and the source's words until it does. Rows keep the translation's ids where it
    has them."""
    model = type(source)._meta.get_field(shared.relation).related_model
    fields = _row_fields(model)
    by_key = {row.row_key: row for row in reversed(theirs)} if shared.words else {}
    rows = []
    for position, original in enumerate(_source_rows(source, shared.relation)):
        row = model(**{field.attname: getattr(original, field.attname) for field in fields})
        if shared.words:
            match = by_key.get(original.row_key)
            if match is not None:
                row.pk = match.pk
                for name in shared.words:
                    setattr(row, name, getattr(match, name))
        elif position < len(theirs):
            row.pk = theirs[position].pk
        if hasattr(row, "sort_order"):
            row.sort_order = position
        rows.append(row)
    return rows


def copy_facts(source, target):
    """Give the target translation (in memory) the source's facts; return True when any of
    them differed. Nothing is written to the database."""
    changed = False
    for name in target.shared_facts.fields:
        field = target._meta.get_field(name)
        if field.many_to_many:
            wanted = list(_source_rows(source, name))
            if {item.pk for item in wanted} != {item.pk for item in getattr(target, name).all()}:
                setattr(target, name, wanted)
                changed = True
        else:
            value = getattr(source, field.attname)
            if getattr(target, field.attname) != value:
                setattr(target, field.attname, value)
                changed = True
    for shared in target.shared_facts.rows:
        current = _rows_of(target, shared.relation)
        rows = merged_rows(source, current, shared)
        fields = _row_fields(type(rows[0])) if rows else []
        if len(rows) != len(current) or _signature(rows, fields) != _signature(current, fields):
            setattr(target, shared.relation, rows)
            changed = True
    target._shared_source = source
    return changed


def number_rows(page):
    """Rows made in code (seeders, imports) carry no order, which databases sort differently
    (SQLite first, PostgreSQL last): number the rows about to be saved as `_rows_of` orders
    them, so the first phone is the same one in every language and on every database."""
    in_memory = page.__dict__.get("_cluster_related_objects", {})
    for shared in page.shared_facts.rows:
        rows = in_memory.get(shared.relation)
        if rows and any(getattr(row, "sort_order", 0) is None for row in rows):
            for position, row in enumerate(_rows_of(page, shared.relation)):
                row.sort_order = position


def fill_row_keys(model, content):
    """Rows of a revision saved before rows had keys get their row's key from the database,
    so their words still meet the same row of the source."""
    for shared in model.shared_facts.rows:
        rows = [row for row in content.get(shared.relation) or [] if "row_key" not in row]
        ids = [row["pk"] for row in rows if row.get("pk")]
        if not shared.words or not ids:
            continue
        row_model = model._meta.get_field(shared.relation).related_model
        keys = dict(row_model.objects.filter(pk__in=ids).values_list("pk", "row_key"))
        for row in rows:
            if row.get("pk") in keys:
                row["row_key"] = str(keys[row["pk"]])


class SharedFactsMixin:
    """A page type whose translations share the facts its `shared_facts` declares, and whose
    `words_changed_at` says when its words last changed on publishing."""

    shared_facts: SharedFacts

    def with_content_json(self, content):
        """A version of the page read from a revision: a translation's shows the source's
        current facts, whatever the revision held; the time its words last changed is the
        page's, not the revision's."""
        fill_row_keys(type(self), content)
        page = super().with_content_json(content)
        page.words_changed_at = self.words_changed_at
        # What was live before, for note_word_changes when this version is published.
        page._live_revision_before = self.live_revision_id if self.live else None
        source = source_of(page)
        if source is not page:
            copy_facts(source, page)
        return page

    def save(self, *args, **kwargs):
        """A translation is stored with its source's facts, whatever was set on it; the rows
        below a page are stored in a definite order."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & set(self.shared_facts.content_keys):
            source = source_of(self)
            if source is not self:
                copy_facts(source, self)
            number_rows(self)
        return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        """A translation's revisions hold its source's facts, whatever its form sent."""
        source = source_of(self)
        if source is not self:
            copy_facts(source, self)
        return super().save_revision(*args, **kwargs)

    def newer_source_text(self):
        """The source, when its words changed after this translation's last did; else None."""
        source = source_of(self)
        if (
            source is self
            or source.words_changed_at is None
            or self.words_changed_at is None
            or self.words_changed_at >= source.words_changed_at
        ):
            return None
        return source

    def newer_source_context(self):
        """For the public page: the original, and its own address (not the visitor's language
        prefix), when its words changed since this translation's."""
        source = self.newer_source_text()
        if source is None:
            return {}
        return {"newer_source": source, "newer_source_url": source.get_url()}


# --- Publishing ---------------------------------------------------------------------------


def share_facts(source):
    """Copy the source's facts into every other translation: its row (live or not), its
    search index entry and its pending draft; return the translations whose row changed.
    Called when the source is published or its verification date stamped, inside that
    transaction."""
    changed = []
    for translation in translations_of(source):
        if copy_facts(source, translation):
            # The facts are the source's, already validated when it was saved.
            translation.save(clean=False)
            log(
                instance=translation,
                action=FACTS_SHARED_ACTION,
                data={"source": {"id": source.pk, "locale": source.locale.language_code}},
                # Its own: entries of one request that share one are shown as one, the last.
                uuid=uuid.uuid4(),
            )
            changed.append(translation)
        if translation.has_unpublished_changes:
            _share_with_draft(source, translation)
    if changed:
        bump_version()
    return changed


def _share_with_draft(source, translation):
    """The translation's pending draft takes the source's facts too, in place: the person
    writing it keeps their words and their open form stays current."""
    revision = translation.latest_revision
    if revision is None or revision.pk == translation.live_revision_id:
        return
    content = revision.content
    fill_row_keys(type(translation), content)
    draft = type(translation).from_serializable_data(content)
    draft.pk = translation.pk
    copy_facts(source, draft)
    # As the revision stores it: dates and times as text.
    fresh = json.loads(json.dumps(draft.serializable_data(), cls=DjangoJSONEncoder))
    keys = [key for key in translation.shared_facts.content_keys if key in fresh]
    if any(content.get(key) != fresh[key] for key in keys):
        content.update({key: fresh[key] for key in keys})
        revision.content = content
        revision.save(update_fields=["content"])


def _plain(value):
    return canonical_rich_text(value) if isinstance(value, str) else value


def _row_words(content, shared):
    """The words written on a relation's rows, in no order, without rows that have none."""
    rows = content.get(shared.relation) or []
    words = (tuple(_plain(row.get(name) or "") for name in shared.words) for row in rows)
    return sorted(entry for entry in words if any(entry))


def words_differ(facts, before, after):
    """True when two revisions' contents differ in their words (not their facts, not the
    editor's markup)."""
    if any(_plain(before.get(name)) != _plain(after.get(name)) for name in facts.words):
        return True
    return any(
        _row_words(before, shared) != _row_words(after, shared)
        for shared in facts.rows
        if shared.words
    )


def note_word_changes(page, revision):
    """On publishing: the page's words changed now if they differ from the version that was
    live before (or none was)."""
    missing = object()
    before_id = page.__dict__.get("_live_revision_before", missing)
    if before_id == revision.pk:
        return
    if before_id is not missing and before_id is not None:
        before = Revision.objects.filter(pk=before_id).values_list("content", flat=True).first()
        if before is not None and not words_differ(page.shared_facts, before, revision.content):
            return
    now = timezone.now()
    type(page).objects.filter(pk=page.pk).update(words_changed_at=now)
    page.words_changed_at = now


def register_facts_shared_log_action(actions):
    """The history line of a translation whose facts came from its source."""
    actions.register_action(
        FACTS_SHARED_ACTION,
        _("Shared facts updated"),
        _("Took the facts shared by every language from the original page"),
    )
