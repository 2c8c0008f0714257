"""Every interface string is translated into each language the portal speaks.

The messages are read from the source itself, as `makemessages` reads them but without system
gettext: Python files through Babel's Python extractor, templates through Django's own
`templatize()` first. Each catalogue must then hold a translation for every one of them, with
the same placeholders and one form per plural of its language.
"""

import gettext
import io
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract, extract_python
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation.template import templatize

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
