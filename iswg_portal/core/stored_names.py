"""Names the portal writes into Django's and Wagtail's own tables (the role groups, each
agency's and thematic group's group, the directory's workflow and its task) are stored once, in
English, and read in the reader's language wherever they are shown: the admin's menus, forms,
lists, status panels and history, and the e-mails Wagtail and the portal send
(docs/decisions/0011-stored-names-in-the-readers-language.md).

Each app says which names are its own (`translate_names`, `translate_names_starting`). A
Group, Workflow or Task loaded with one of those names holds a `ShownName`: the stored text to
the database, to lookups, comparisons and JSON, its translation wherever it is turned into text
(templates, `%s`, `format`). A name somebody typed in the admin is shown as typed. Wagtail's
workflow history, which keeps the names as they were when logged, shows them the same way."""

import copy

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models.signals import post_init, pre_save
from django.utils import translation
from wagtail.models import Task, Workflow
from wagtail.workflows import get_task_types

# stored name -> its lazy translation
_NAMES = {}
# stored beginning ("Agency: ") -> lazy translation of the whole name, with %(name)s for the rest
_BEGINNINGS = {}


def translate_names(names):
    """Show each stored name (a key) as its lazy translation (the value)."""
    _NAMES.update(names)


def translate_names_starting(beginnings):
    """Show a stored name that starts with a key as the value's translation, `%(name)s` standing
    for the rest of the name (an agency's own name stays as it is stored)."""
    _BEGINNINGS.update(beginnings)


def is_translated(stored):
    """True for a name the portal gave and translates."""
    return stored in _NAMES or any(stored.startswith(beginning) for beginning in _BEGINNINGS)


def shown_name(stored):
    """`stored` in the active language: a name the portal gave through its catalogue, any other
    name as it is."""
    stored = str.__str__(stored)
    if stored in _NAMES:
        return str(_NAMES[stored])
    for beginning, shown in _BEGINNINGS.items():
        if stored.startswith(beginning):
            return str(shown) % {"name": stored[len(beginning) :]}
    return stored


class ShownName(str):
    """A stored name that reads in the active language wherever it becomes text; equal to, and
    saved, looked up and serialised as, the stored name."""

    def __str__(self):
        return shown_name(self)

    def __format__(self, format_spec):
        return format(str(self), format_spec)


def every_reading(stored):
    """How `stored` reads in each of the portal's languages."""
    readings = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            readings.add(shown_name(stored))
    return readings


def show_name_translated(sender, instance, **kwargs):
    """post_init: a name the portal gave becomes a ShownName (a deferred name is left alone)."""
    name = instance.__dict__.get("name")
    if isinstance(name, str) and is_translated(name):
        instance.name = ShownName(name)
        instance._stored_name = str.__str__(name)


def keep_name_stored(sender, instance, raw=False, **kwargs):
    """pre_save: a form showed the name in its reader's language; saved back unchanged, it is
    the stored name again, not its translation."""
    stored = getattr(instance, "_stored_name", None)
    if raw or stored is None or instance.name == stored:
        return
    if instance.name in every_reading(stored):
        instance.name = ShownName(stored)


def connect():
    """Translate the names of groups, workflows and tasks (every kind of task) when loaded."""
    for model in {Group, Workflow, Task, *get_task_types()}:
        post_init.connect(show_name_translated, sender=model, dispatch_uid="stored-name-shown")
        pre_save.connect(keep_name_stored, sender=model, dispatch_uid="stored-name-kept")


def translations():
    """(stored name or beginning, its lazy translation) for every name the apps registered."""
    return [*_NAMES.items(), *_BEGINNINGS.items()]


# Wagtail's log actions whose message names the workflow and its task, from the entry's data.
WORKFLOW_LOG_ACTIONS = [
    "wagtail.workflow.start",
    "wagtail.workflow.approve",
    "wagtail.workflow.reject",
    "wagtail.workflow.resume",
    "wagtail.workflow.cancel",
]


def _titles_shown(data):
    """A copy of a workflow's log data whose registered names read in the active language."""
    if isinstance(data, dict):
        return {
            key: ShownName(value)
            if key == "title" and isinstance(value, str) and is_translated(value)
            else _titles_shown(value)
            for key, value in data.items()
        }
    return data


class NamesShownInHistory:
    """Wagtail's formatter of a workflow's log entry, with the names it stored shown as
    everywhere else."""

    def __init__(self, formatter):
        self.formatter = formatter

    def __getattr__(self, name):
        return getattr(self.formatter, name)

    def format_message(self, log_entry):
        entry = copy.copy(log_entry)
        entry.data = {**log_entry.data, "workflow": _titles_shown(log_entry.data.get("workflow"))}
        return self.formatter.format_message(entry)


def show_names_in_workflow_history(actions):
    """Wrap Wagtail's workflow log formatters (a `register_log_actions` hook, after Wagtail's)."""
    for action in WORKFLOW_LOG_ACTIONS:
        if action in actions.formatters:
            actions.formatters[action] = NamesShownInHistory(actions.formatters[action])
