"""Every interface string is translated into each language the portal speaks.

The messages are read from the source itself, as `makemessages` reads them but without system
gettext: Python files through Babel's Python extractor, templates through Django's own
`templatize()` first. Each catalogue must then hold a translation for every one of them, with
the same placeholders and one form per plural of its language.

What the portal shows in Wagtail's admin is read from its declarations too (models, fields,
panels, blocks, menus, list columns, forms, log actions, stored names): each must read in every
language. And no label, help text, menu, message or template text may be written outside
gettext, where no catalogue reaches it.
"""

import ast
import gettext
import io
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract, extract_python
from babel.messages.pofile import read_po
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.admin.utils import label_for_field
from django.core.exceptions import FieldDoesNotExist
from django.template.base import Lexer, TokenType
from django.urls import get_resolver
from django.utils import translation
from django.utils.translation.template import templatize
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.blocks import ChoiceBlock
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.log_actions import LogActionRegistry
from wagtail.models import Page

from iswg_portal.core import stored_names

ROOT = Path(settings.BASE_DIR)
LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
PYTHON_SOURCES = ["iswg_portal", "home", "meetings", "services_map"]
TEMPLATE_SOURCES = ["templates"]
TEMPLATE_SUFFIXES = {".html", ".txt"}
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

# The gettext functions Django's makemessages looks for, in Babel's notation: a number is the
# argument holding a message, (n, "c") the one holding its context.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}

# Forms per language, as the catalogue headers say and as a speaker counts: Turkish, Persian,
# Pashto and Kurmanji tell one from many, Arabic has six forms (0, 1, 2, 3-10, 11-99, 100+).
PLURAL_FORMS = {
    "tr": {1: 0, 2: 1, 5: 1},
    "ar": {0: 0, 1: 1, 2: 2, 5: 3, 11: 4, 100: 5, 102: 5, 111: 4},
    "fa": {0: 0, 1: 0, 2: 1, 5: 1},
    "ps": {1: 0, 2: 1, 5: 1},
    "kmr": {1: 0, 2: 1, 5: 1},
}

PYTHON_FORMAT = re.compile(r"%(?:\([^)]*\))?[-#0+]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACE_FORMAT = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|\{\d*\}")


def source_files(directories, suffixes):
    """Files under the given project directories, skipping migrations and caches."""
    for directory in directories:
        for path in sorted((ROOT / directory).rglob("*")):
            if path.suffix in suffixes and not {"migrations", "__pycache__"} & set(path.parts):
                yield path


def messages_in(code):
    """(msgid or (singular, plural), context) for each translatable string in Python code."""
    source = io.BytesIO(code.encode("utf-8"))
    for _lineno, message, _comments, context in extract(extract_python, source, KEYWORDS):
        yield message, context


@cache
def source_messages():
    """Every message of the interface, mapped to the first file that uses it."""
    found = {}
    for path in source_files(PYTHON_SOURCES, {".py"}):
        for message, context in messages_in(path.read_text(encoding="utf-8")):
            found.setdefault((message, context), path.relative_to(ROOT))
    for path in source_files(TEMPLATE_SOURCES, TEMPLATE_SUFFIXES):
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        # templatize() keeps the template's indentation, which Python's tokenizer would refuse;
        # each gettext call it writes stays on one line, so dropping the indentation is safe.
        code = "\n".join(line.lstrip() for line in code.splitlines())
        for message, context in messages_in(code):
            found.setdefault((message, context), path.relative_to(ROOT))
    return found


@cache
def catalogue(code):
    """The committed catalogue of one language."""
    with (LOCALE_DIR / code / "LC_MESSAGES" / "django.po").open("rb") as po_file:
        return read_po(po_file)


def placeholders(text):
    """The format placeholders of a message, as a sorted list (a literal %% is not one)."""
    text = text.replace("%%", "")
    return sorted(PYTHON_FORMAT.findall(text) + BRACE_FORMAT.findall(text))


def msgid_of(message):
    """The catalogue key of a source message: its singular."""
    return message[0] if isinstance(message, tuple) else message


def test_the_source_reader_finds_python_template_plural_and_trimmed_messages():
    messages = {message for message, _context in source_messages()}
    assert "Service directory" in messages  # gettext_lazy in services_map/apps.py
    assert "someone" in messages  # _() inside a template tag's filter
    assert ("%(counter)s service found", "%(counter)s services found") in messages
    assert any(
        isinstance(message, str) and message.startswith("The Inter-Sector Working Group of")
        for message in messages
    )  # {% blocktranslate trimmed %} over several lines
    assert len(messages) > 800


def test_there_is_a_catalogue_for_each_language_and_no_other():
    catalogues = {path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/django.po")}
    assert catalogues == set(TRANSLATED)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_interface_string_is_translated(code):
    entries = catalogue(code)
    missing = []
    for (message, context), where in sorted(source_messages().items(), key=str):
        entry = entries.get(msgid_of(message), context=context)
        if entry is None:
            missing.append(f"{where}: {message!r} is not in the catalogue")
        elif entry.fuzzy:
            missing.append(f"{where}: {message!r} is fuzzy")
        elif isinstance(message, tuple) and entry.id != message:
            missing.append(f"{where}: {message!r} has another plural in the catalogue")
        elif not all(entry.string if entry.pluralizable else [entry.string]):
            missing.append(f"{where}: {message!r} has no translation")
    assert not missing, (
        f"{len(missing)} untranslated in locale/{code}: run `manage.py makemessages -l {code} "
        "--no-obsolete` and translate:\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_catalogue_holds_no_fuzzy_or_forgotten_entries(code):
    in_source = {(msgid_of(message), context) for message, context in source_messages()}
    stale = [
        entry.id
        for entry in catalogue(code)
        if entry.id and (entry.fuzzy or (msgid_of(entry.id), entry.context) not in in_source)
    ]
    assert not stale, f"locale/{code} has entries no longer in the source or fuzzy: {stale}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_the_placeholders_of_the_english(code):
    wrong = []
    for entry in catalogue(code):
        if not entry.id:
            continue
        if entry.pluralizable:
            allowed = [placeholders(entry.id[0]), placeholders(entry.id[1])]
            wrong += [
                f"{entry.id[1]!r} -> {form!r}"
                for form in entry.string
                if placeholders(form) not in allowed
            ]
        elif placeholders(entry.string) != placeholders(entry.id):
            wrong.append(f"{entry.id!r} -> {entry.string!r}")
    assert not wrong, f"placeholders differ in locale/{code}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("code", TRANSLATED)
def test_plural_forms_follow_the_language(code):
    entries = catalogue(code)
    choose = gettext.c2py(entries.plural_expr)
    assert {n: choose(n) for n in PLURAL_FORMS[code]} == PLURAL_FORMS[code]
    assert entries.num_plurals == max(PLURAL_FORMS[code].values()) + 1
    short = [
        entry.id
        for entry in entries
        if entry.pluralizable and len(entry.string) != entries.num_plurals
    ]
    assert not short, f"plural messages without {entries.num_plurals} forms: {short}"


# --- What the portal adds to Wagtail's admin ------------------------------------------------
# Its strings written in code (names of models and fields, help texts, choices, panel
# headings, block labels, menus, list columns, form fields, log actions) and the names it
# stores in Django's and Wagtail's tables (core/stored_names.py). A string not passed through
# gettext, or passed but not translated, reads in English: the admin shows what the portal
# declares, so it is read from the declarations themselves, not from the source's gettext calls.

PORTAL_PACKAGES = tuple(PYTHON_SOURCES)
LANGUAGE_NAMES = list(settings.LANGUAGES)  # each language is named in itself, on purpose


def is_portal(thing):
    """True for a class, function or module name of the portal's own code."""
    module = thing if isinstance(thing, str) else thing.__module__
    return module.split(".")[0] in PORTAL_PACKAGES


def subclasses(base):
    """Every subclass of `base`, at any depth."""
    for cls in base.__subclasses__():
        yield cls
        yield from subclasses(cls)


def portal_subclasses(base):
    return sorted({cls for cls in subclasses(base) if is_portal(cls)}, key=str)


def panel_tree(panels):
    """Each panel of a list of unbound panel definitions, and the panels inside them."""
    for panel in panels:
        yield panel
        yield from panel_tree(
            getattr(panel, "children", None) or getattr(panel, "panels", None) or []
        )


def wagtail_page_panels():
    """Wagtail's own panels of every page (title, slug, search engine fields…): Wagtail's."""
    own = [*Page.content_panels, *Page.promote_panels, *Page.settings_panels]
    return {id(panel) for panel in panel_tree(own)}


def declared_panels(owner):
    """The panel definitions a page model, snippet model or viewset declares."""
    if getattr(owner, "edit_handler", None) is not None:
        return [owner.edit_handler]
    panels = []
    for name in ("content_panels", "promote_panels", "settings_panels", "panels"):
        panels += list(getattr(owner, name, None) or [])
    return panels


def block_tree(block):
    """A StreamField's block and every block inside it."""
    yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from block_tree(child)
    if getattr(block, "child_block", None) is not None:
        yield from block_tree(block.child_block)


def declared_list(viewset, setting):
    """A viewset's list_display, list_filter… as its class declares it (else empty)."""
    value = getattr(viewset, setting, None)
    return list(value) if isinstance(value, (list, tuple)) else []


def is_field_of_the_portal(model, field):
    """A field the portal declared, not one it inherits from Django's or Wagtail's models."""
    for base in model.__mro__[1:]:
        meta = getattr(base, "_meta", None)
        if meta is None or not meta.abstract or is_portal(base):
            continue
        if field.name in {f.name for f in (*meta.local_fields, *meta.local_many_to_many)}:
            return False
    return field.model is model or is_portal(field.model)


def load_the_admin():
    """Import what the admin is made of (hooks, URLs, their views and forms), as the first
    request does, so that every class of it is defined before its subclasses are listed."""
    hooks.search_for_hooks()
    assert get_resolver().url_patterns


def admin_models_and_viewsets():
    """The models the admin shows (the portal's page types, the models of its viewsets, the
    image and document models, and what their panels edit inline), and its viewsets."""
    load_the_admin()
    viewsets = portal_subclasses(ViewSet)
    models = [m for m in apps.get_models() if issubclass(m, Page) and is_portal(m)]
    models += [v.model for v in viewsets if getattr(v, "model", None) is not None]
    models += [get_image_model(), get_document_model()]
    owners = [*models, *viewsets]
    for owner in owners:  # grows as it goes: a model edited inline may have inline panels too
        model = getattr(owner, "model", owner)
        for panel in panel_tree(declared_panels(owner)):
            relation = getattr(panel, "relation_name", None)
            if relation:
                child = model._meta.get_field(relation).related_model
                models.append(child)
                owners.append(child)
    inline_keys = {
        (m, f.name) for m in models for f in m._meta.get_fields() if isinstance(f, ParentalKey)
    }
    return sorted(set(models), key=str), viewsets, owners, inline_keys


def admin_labels():
    """(where, label) for every string the portal shows in the admin."""
    models, viewsets, owners, inline_keys = admin_models_and_viewsets()
    shown_in_lists = {
        (v.model, name)
        for v in viewsets
        for setting in ("list_display", "list_filter", "inspect_view_fields")
        for name in declared_list(v, setting)
        if isinstance(name, str)
    }
    for model in models:
        label = model._meta.label
        yield f"{label} name", model._meta.verbose_name
        yield f"{label} name (plural)", model._meta.verbose_name_plural
        for field in model._meta.get_fields():
            if field.auto_created or not (field.concrete or field.many_to_many):
                continue
            if (model, field.name) in inline_keys or not is_field_of_the_portal(model, field):
                continue
            if not field.editable and (model, field.name) not in shown_in_lists:
                continue
            yield f"{label}.{field.name}", field.verbose_name
            yield f"{label}.{field.name} help", field.help_text
            if list(field.choices or []) != LANGUAGE_NAMES:
                for value, choice in field.flatchoices:
                    yield f"{label}.{field.name} = {value}", choice
            if isinstance(field, StreamField):
                for block in block_tree(field.stream_block):
                    where = f"{label}.{field.name} block {block.name or ''}"
                    yield where, block.label
                    yield f"{where} help", getattr(block.meta, "help_text", "")
                    choices = block.field.choices if isinstance(block, ChoiceBlock) else []
                    for value, choice in choices:
                        yield f"{where} = {value}", choice
    wagtails = wagtail_page_panels()
    for owner in owners:
        for panel in panel_tree(declared_panels(owner)):
            if id(panel) not in wagtails:
                where = f"{owner.__name__} panel {getattr(panel, 'field_name', '')}"
                yield where, panel.heading
                yield f"{where} help", panel.help_text
                yield f"{where} label", getattr(panel, "label", "")
    for viewset in viewsets:
        if "menu_label" in vars(viewset):
            yield f"{viewset.__name__} menu", viewset.menu_label
        for name in declared_list(viewset, "list_display"):
            if isinstance(name, str) and is_attribute_of_the_portal(viewset.model, name):
                yield f"{viewset.__name__} column {name}", label_for_field(name, viewset.model)
            elif hasattr(name, "label"):
                yield f"{viewset.__name__} column {name.name}", name.label
    for group in portal_subclasses(ViewSetGroup):
        yield f"{group.__name__} menu", group.menu_label
    for form in portal_subclasses(forms.BaseForm):
        for name, field in own_fields(form).items():
            yield f"{form.__name__}.{name}", field.label
            yield f"{form.__name__}.{name} help", field.help_text
            choices = [] if isinstance(field, forms.ModelChoiceField) else field_choices(field)
            if choices != LANGUAGE_NAMES:
                for value, choice in choices:
                    yield f"{form.__name__}.{name} = {value}", choice
    for hook in ("register_admin_menu_item", "register_reports_menu_item"):
        for register in filter(is_portal, hooks.get_hooks(hook)):
            item = register()
            yield f"{register.__name__} menu", item.label
    registry = LogActionRegistry()
    for register in filter(is_portal, hooks.get_hooks("register_log_actions")):
        register(registry)
    for action, formatter in registry.formatters.items():
        yield f"log action {action}", formatter.label
        yield f"log action {action} message", getattr(formatter, "message", "")
    for stored, shown in stored_names.translations():
        yield f"stored name {stored!r}", shown


def own_fields(form):
    """The fields a form of the portal declares, not those of Wagtail's or allauth's forms."""
    inherited = {
        id(field)
        for base in form.__mro__[1:]
        if not is_portal(base)
        for field in getattr(base, "declared_fields", {}).values()
    }
    return {name: f for name, f in form.declared_fields.items() if id(f) not in inherited}


def is_attribute_of_the_portal(model, name):
    """A list column of the portal's: its own field, property or method."""
    if name == "__str__":
        return False
    try:
        return is_field_of_the_portal(model, model._meta.get_field(name))
    except FieldDoesNotExist:
        return any(name in vars(cls) for cls in model.__mro__ if is_portal(cls))


def field_choices(field):
    """A form field's fixed choices (those of a model choice field are records, not words)."""
    return list(getattr(field, "choices", None) or [])


def reading(label, code):
    with translation.override(code):
        return str(label)


def deliberately_the_same(english, code):
    """True when the catalogue translates `english` as itself (a name such as "WhatsApp")."""
    entry = catalogue(code).get(english)
    return entry is not None and entry.string == english


def test_the_admin_reader_finds_models_panels_blocks_menus_forms_and_stored_names():
    where = dict(admin_labels())
    assert "services_map.ServicePage.summary help" in where  # a page type's field
    assert "services_map.ServiceLocation.district" in where  # edited inline
    assert any(key.startswith("meetings.MeetingPage.agenda block") for key in where)
    assert "PlacesViewSetGroup menu" in where
    assert "ProblemReportViewSet column kind" in where
    assert "AccessDecisionForm.decision" in where
    assert "stored name 'Directory listings'" in where
    assert "log action iswg.account.roles" in where
    assert len(where) > 500


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_admin_string_of_the_portal_reads_in_the_language(code):
    untranslated = []
    for where, label in admin_labels():
        english = reading(label, "en") if label else ""
        if not re.search(r"[^\W\d_]", english):
            continue
        if reading(label, code) == english and not deliberately_the_same(english, code):
            untranslated.append(f"{where}: {english!r}")
    assert not untranslated, (
        f"{len(untranslated)} admin strings read in English in {code}: pass them through "
        "gettext and translate them in the catalogue:\n" + "\n".join(untranslated)
    )


# --- Text written where no catalogue reaches it -----------------------------------------------
# The catalogue check above sees only what is passed to gettext. Interface text written as a
# plain string (a help text, a menu name, a message, a template's words outside {% translate %})
# reads in English in every language; these two checks find it in the source.

TEXT_ARGUMENTS = {"label", "verbose_name", "verbose_name_plural", "help_text", "heading"}
TEXT_ATTRIBUTES = {"menu_label", "verbose_name", "verbose_name_plural", "page_title"}
LETTERS = re.compile(r"[^\W\d_]{2,}")


def is_plain_text(node):
    """A string literal (or f-string) with words in it."""
    if isinstance(node, ast.JoinedStr):
        return True
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and LETTERS.search(node.value)
    )


def shown_texts(tree):
    """The expressions a person reads: labels, help texts, menu names and buttons, page titles,
    admin messages and validation errors."""
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in TEXT_ARGUMENTS:
            yield node.value
        elif isinstance(node, ast.Assign):
            names = {getattr(target, "id", "") for target in node.targets}
            if names & TEXT_ATTRIBUTES:
                yield node.value
        elif isinstance(node, ast.Call):
            function = node.func
            receiver = getattr(getattr(function, "value", None), "id", "")
            if receiver == "messages" and len(node.args) > 1:
                yield node.args[1]  # messages.success(request, text)
            name = getattr(function, "attr", getattr(function, "id", ""))
            if name in {"ValidationError", "Button", "MenuItem"} and node.args:
                yield node.args[0]
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value in TEXT_ATTRIBUTES | {
                    "header_title"
                }:
                    yield value


def test_no_label_help_text_menu_or_message_is_a_plain_string():
    plain = []
    for path in source_files(PYTHON_SOURCES, {".py"}):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in shown_texts(tree):
            if is_plain_text(node):
                plain.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    assert not plain, "interface text outside gettext:\n" + "\n".join(plain)


# Attributes whose value a person reads (or hears); the site's name, the same in every language.
VISIBLE_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description"}
PROPER_NAMES = {"ISWG", "ISWG Portal"}


class VisibleText(HTMLParser):
    """The words of an HTML fragment that a person reads: text and visible attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in {"script", "style"}
        button = dict(attrs).get("type") in {"submit", "button"}
        shown = VISIBLE_ATTRIBUTES | ({"value"} if button else set())
        self.words += [value for name, value in attrs if name in shown and value]

    def handle_endtag(self, tag):
        self.hidden -= tag in {"script", "style"}

    def handle_data(self, data):
        if not self.hidden:
            self.words.append(data)


def untranslated_template_text(source, is_html):
    """Words of a template written outside {% translate %} and {% blocktranslate %}, leaving
    out comments and blocks that fill a class attribute ({% block body_class %})."""
    outside, translating, skipping = [], False, None
    for token in Lexer(source).tokenize():
        words = token.split_contents() if token.token_type == TokenType.BLOCK else []
        tag = words[0] if words else ""
        if tag in {"blocktranslate", "blocktrans", "endblocktranslate", "endblocktrans"}:
            translating = not tag.startswith("end")
        elif skipping is None and (tag == "comment" or (tag == "block" and "class" in words[1])):
            skipping = "end" + tag
        elif tag == skipping:
            skipping = None
        if token.token_type == TokenType.TEXT and not translating and skipping is None:
            outside.append(token.contents)
        else:
            outside.append("\n")
    text = "".join(outside)
    if is_html:
        parser = VisibleText()
        parser.feed(text)
        pieces = parser.words
    else:
        pieces = text.splitlines()
    return [
        piece.strip()
        for piece in pieces
        if LETTERS.search(piece) and piece.strip(" ·–-|\n") not in PROPER_NAMES
    ]


def test_the_reader_of_templates_finds_words_outside_translate():
    found = untranslated_template_text(
        '{% load i18n %}<p title="Map">{% translate "Hello" %} world</p>'
        "{% comment %}A note{% endcomment %}<b class='x'>{{ name }}</b>",
        is_html=True,
    )
    assert found == ["Map", "world"]


def test_templates_write_no_words_outside_translate():
    untranslated = []
    for path in source_files(TEMPLATE_SOURCES, TEMPLATE_SUFFIXES):
        text = untranslated_template_text(path.read_text(encoding="utf-8"), path.suffix == ".html")
        untranslated += [f"{path.relative_to(ROOT)}: {piece!r}" for piece in text]
    assert not untranslated, "template text outside {% translate %}:\n" + "\n".join(untranslated)
